import { PlaceChooser } from "../components/PlaceChooser";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { navigate } from "../routing/router";

type AdminRoute = Extract<Route, { name: "admin" }>;

// The place whose agencies are administered; choosing another one clears the search.
export function PlacePicker({ route }: { route: AdminRoute }) {
  const { t } = useI18n();
  return (
    <section class="section" aria-labelledby="admin-place-heading">
      <h2 id="admin-place-heading">{t.adminPlaceHeading}</h2>
      <PlaceChooser
        id="admin-place"
        testId="admin-place"
        chosen={route.place}
        q={route.q}
        searchLabel={t.adminPlaceSearchLabel}
        noneText={t.adminPlaceNone}
        chosenLabel={t.adminPlaceChosen}
        onQuery={(next) => navigate({ ...route, q: next }, { replace: true })}
        hrefFor={(p) => hrefFor({ name: "admin", q: "", place: p.code, agency: "" })}
      />
    </section>
  );
}
