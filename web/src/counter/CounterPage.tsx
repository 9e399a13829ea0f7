import { listProcedures } from "../api/procedures";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { Notice } from "../components/Notice";
import { SearchForm } from "../components/SearchForm";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { navigate } from "../routing/router";
import { ProcedureResults } from "../services/ProcedureResults";
import { SignedInPage } from "../session/SignedInPage";
import { useCounterAgency } from "./useCounterAgency";

type CounterRoute = Extract<Route, { name: "counter" }>;

export function CounterPage({ route }: { route: CounterRoute }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.counterHeading} class="counter-page">
      <Counter route={route} />
    </SignedInPage>
  );
}

// The counter's first step: the procedures handled where the officer works, found by name.
function Counter({ route }: { route: CounterRoute }) {
  const { t } = useI18n();
  const agency = useCounterAgency();
  if (agency === null || agency.status === "loading") return <Loading />;
  if (agency.status === "error") return <LoadError />;
  if (agency.value === null) return <Notice kind="error">{t.counterNoAgency}</Notice>;
  const place = agency.value.place_code;
  return (
    <>
      <p class="lead">{t.counterIntro}</p>
      <p data-testid="counter-agency" lang="vi">
        {t.counterAgency(agency.value.name)}
      </p>
      <SearchForm
        id="counter-search"
        label={t.counterSearchLabel}
        hint={t.counterSearchHint}
        buttonLabel={t.searchButton}
        query={route.q}
        onQuery={(q) => navigate({ name: "counter", q }, { replace: true })}
      />
      <Matches q={route.q} place={place} />
    </>
  );
}

function Matches({ q, place }: { q: string; place: string }) {
  const { t } = useI18n();
  const query = { q, level: "", sector: "", place };
  const list = usePagedList(`counter-procedures:${place}:${q}`, (after, signal) => listProcedures(query, after, signal));
  if (list.status === "ready" && list.items.length === 0) return <p class="notice">{t.counterNoMatch}</p>;
  return (
    <section class="section" aria-labelledby="counter-matches-heading" aria-live="polite">
      <h2 id="counter-matches-heading" class="visually-hidden">
        {t.searchResultsHeading(q)}
      </h2>
      <ProcedureResults
        list={list}
        testId="counter-procedures"
        labelledBy="counter-matches-heading"
        hrefOf={(p) => hrefFor({ name: "counterNew", procedure: p.code, place })}
      />
    </section>
  );
}
