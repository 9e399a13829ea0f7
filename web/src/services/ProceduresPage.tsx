import { useAnnounceOnChange } from "../a11y/Announcer";
import { listProcedures } from "../api/procedures";
import { PageHeading } from "../components/PageHeading";
import { PlaceChooser } from "../components/PlaceChooser";
import { SearchForm } from "../components/SearchForm";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { navigate } from "../routing/router";
import { ProcedureFilters } from "./ProcedureFilters";
import { ProcedureResults } from "./ProcedureResults";

type ProceduresRoute = Extract<Route, { name: "procedures" }>;

const RESULTS_ID = "procedures-heading";

// The catalogue of administrative procedures: search (diacritics optional, the server folds
// them), level, sector and the place where one wants to submit.
export function ProceduresPage({ route }: { route: ProceduresRoute }) {
  const { t } = useI18n();
  useDocumentTitle(t.proceduresHeading);
  const query = { q: route.q, level: route.level, sector: route.sector, place: route.place };
  const list = usePagedList(`procedures:${JSON.stringify(query)}`, (after, signal) => listProcedures(query, after, signal));
  const count = list.status === "ready" ? t.procedureCount(list.total) : null;
  useAnnounceOnChange(count);

  return (
    <>
      <PageHeading>{t.proceduresHeading}</PageHeading>
      <p class="lead">{t.proceduresIntro}</p>
      <SearchForm
        id="procedure-search"
        label={t.procedureSearchLabel}
        hint={t.procedureSearchHint}
        buttonLabel={t.searchButton}
        query={route.q}
        onQuery={(q) => navigate({ ...route, q }, { replace: true })}
      />
      <ProcedureFilters route={route} />
      <details class="place-filter" open={route.place !== "" || route.placeQ !== ""}>
        <summary>{t.filterPlace}</summary>
        <PlaceChooser
          id="procedure-place"
          chosen={route.place}
          q={route.placeQ}
          searchLabel={t.filterPlaceSearchLabel}
          noneText={t.filterPlaceNone}
          chosenLabel={t.filterPlaceChosen}
          onQuery={(placeQ) => navigate({ ...route, placeQ }, { replace: true })}
          hrefFor={(p) => hrefFor({ ...route, place: p.code })}
        />
        {route.place !== "" && (
          <p>
            <a href={hrefFor({ ...route, place: "", placeQ: "" })}>{t.filterPlaceClear}</a>
          </p>
        )}
      </details>
      <section class="section" aria-labelledby={RESULTS_ID}>
        <div class="section__head">
          <h2 id={RESULTS_ID}>{t.procedureResultsHeading}</h2>
          {count !== null && (
            <p class="section__count" data-testid="procedure-count">
              {count}
            </p>
          )}
        </div>
        <ProcedureResults list={list} labelledBy={RESULTS_ID} />
      </section>
    </>
  );
}
