import type { Place } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { PlaceMeta } from "./PlaceMeta";

// Mixed results: provinces link to their page, communes to their province's page.
export function SearchResultList({ places, labelledBy }: { places: Place[]; labelledBy: string }) {
  const { t } = useI18n();
  return (
    <ul class="place-list" aria-labelledby={labelledBy}>
      {places.map((p) => (
        <li key={`${p.level}:${p.code}`} class="place-row">
          {p.level === "province" ? (
            <a class="place-row__name" lang="vi" href={hrefFor({ name: "province", code: p.code, q: "" })}>
              {p.name}
            </a>
          ) : (
            <span class="place-row__name" lang="vi">
              {p.name}
            </span>
          )}
          <PlaceMeta place={p} />
          {p.level === "commune" && p.parent_code !== null && (
            <span class="place-row__parent">
              {t.inProvince}{" "}
              <a lang="vi" href={hrefFor({ name: "province", code: p.parent_code, q: "" })}>
                {p.parent_name ?? p.parent_code}
              </a>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
