import type { Place } from "../api/types";
import { hrefFor } from "../routing/route";
import { PlaceMeta } from "./PlaceMeta";

export function CommuneList({ communes, labelledBy }: { communes: Place[]; labelledBy: string }) {
  return (
    <ul class="place-list" aria-labelledby={labelledBy}>
      {communes.map((c) => (
        <li key={c.code} class="place-row">
          <a class="place-row__name" lang="vi" href={hrefFor({ name: "province", code: c.code, q: "" })}>
            {c.name}
          </a>
          <PlaceMeta place={c} />
        </li>
      ))}
    </ul>
  );
}
