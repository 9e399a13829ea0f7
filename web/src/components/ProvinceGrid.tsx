import type { Place } from "../api/types";
import { hrefFor } from "../routing/route";
import { PlaceMeta } from "./PlaceMeta";

export function ProvinceGrid({ provinces, labelledBy }: { provinces: Place[]; labelledBy: string }) {
  return (
    <ul class="card-grid" aria-labelledby={labelledBy}>
      {provinces.map((p) => (
        <li key={p.code}>
          <a class="place-card" href={hrefFor({ name: "province", code: p.code, q: "" })}>
            <span class="place-card__name" lang="vi">
              {p.name}
            </span>
            <PlaceMeta place={p} />
          </a>
        </li>
      ))}
    </ul>
  );
}
