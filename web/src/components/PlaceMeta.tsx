import type { Place } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { placeTypeLabel } from "../places/placeType";

// "Type · Code N" line shared by every place listing.
export function PlaceMeta({ place }: { place: Place }) {
  const { t } = useI18n();
  return (
    <span class="place-meta">
      <span class="place-meta__type">{placeTypeLabel(t, place.type)}</span>
      <span class="place-meta__sep" aria-hidden="true">
        ·
      </span>
      <span class="place-meta__code">{t.codeValue(place.code)}</span>
    </span>
  );
}
