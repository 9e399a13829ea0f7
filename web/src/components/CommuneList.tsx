import type { Place } from "../api/types";
import { PlaceMeta } from "./PlaceMeta";

export function CommuneList({ communes, labelledBy }: { communes: Place[]; labelledBy: string }) {
  return (
    <ul class="place-list" aria-labelledby={labelledBy}>
      {communes.map((c) => (
        <li key={c.code} class="place-row">
          <span class="place-row__name" lang="vi">
            {c.name}
          </span>
          <PlaceMeta place={c} />
        </li>
      ))}
    </ul>
  );
}
