import type { Place } from "../api/types";
import { hrefFor } from "../routing/route";
import { PlaceMeta } from "./PlaceMeta";

interface Props {
  provinces: Place[];
  labelledBy: string;
  // Where a card leads; the province's public page unless a page says otherwise.
  linkFor?: ((province: Place) => string) | undefined;
}

const provincePage = (p: Place) => hrefFor({ name: "province", code: p.code, q: "" });

export function ProvinceGrid({ provinces, labelledBy, linkFor = provincePage }: Props) {
  return (
    <ul class="card-grid" aria-labelledby={labelledBy}>
      {provinces.map((p) => (
        <li key={p.code}>
          <a class="place-card" href={linkFor(p)}>
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
