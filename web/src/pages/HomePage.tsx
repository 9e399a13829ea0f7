import { useEffect, useState } from "preact/hooks";
import { listProcedures } from "../api/procedures";
import type { ProcedureSummary } from "../api/serviceTypes";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { SearchForm } from "../components/SearchForm";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";
import { navigate } from "../routing/router";
import { ProcedureResults } from "../services/ProcedureResults";
import { TrackPanel } from "../services/TrackPage";
import { useSession } from "../session/SessionProvider";
import { hasWorkspace, isApplicant } from "../workspace/workspaceRoles";
import { mostUsedProcedures } from "./mostUsedProcedures";

type HomeRoute = Extract<Route, { name: "home" }>;

const SHOWN_MATCHES = 5;

// The first page starts from the task: find a procedure (the server's search forgives missing
// diacritics and a wrong letter), the most used ones, tracking a dossier, signing in.
export function HomePage({ route }: { route: HomeRoute }) {
  const { t } = useI18n();
  useDocumentTitle(t.homeTitle);
  return (
    <div class="home">
      <section class="home__hero" aria-labelledby="home-heading">
        <h1 id="home-heading" tabIndex={-1}>
          {t.homeHeading}
        </h1>
        <p class="lead">{t.homeIntro}</p>
        <SearchForm
          id="home-search"
          label={t.homeSearchLabel}
          hint={t.homeSearchHint}
          buttonLabel={t.searchButton}
          query={route.q}
          onQuery={(q) => navigate({ name: "home", q }, { replace: true })}
        />
        {route.q.trim() !== "" && <SearchMatches q={route.q} />}
      </section>
      <div class="home__grid">
        <MostUsed />
        <section class="home__panel" aria-labelledby="home-track-heading">
          <h2 id="home-track-heading">{t.trackHeading}</h2>
          <p>{t.homeTrackIntro}</p>
          <TrackPanel initialCode="" />
        </section>
        <AccountPanel />
        <section class="home__panel" aria-labelledby="home-more-heading">
          <h2 id="home-more-heading">{t.homeMoreHeading}</h2>
          <ul class="link-list">
            <li>
              <a href={hrefFor({ name: "procedures", q: "", level: "", sector: "", place: "", placeQ: "" })}>{t.homeAllProcedures}</a>
            </li>
            <li>
              <a href={hrefFor({ name: "places", q: "" })}>{t.homePlacesLink}</a>
            </li>
            <li>
              <a href="#/verify">{t.navVerify}</a>
            </li>
            <li>
              <a href="#/open-data">{t.navOpenData}</a>
            </li>
          </ul>
        </section>
      </div>
    </div>
  );
}

function SearchMatches({ q }: { q: string }) {
  const { t } = useI18n();
  const query = { q, level: "", sector: "", place: "" };
  const list = usePagedList(`home-procedures:${q}`, (after, signal) => listProcedures(query, after, signal));
  const all = hrefFor({ name: "procedures", q, level: "", sector: "", place: "", placeQ: "" });
  return (
    <section class="home__matches" aria-labelledby="home-matches-heading" aria-live="polite">
      <h2 id="home-matches-heading" class="visually-hidden">
        {t.searchResultsHeading(q)}
      </h2>
      {list.status === "ready" && list.items.length === 0 ? (
        <p class="notice">{t.homeNoMatch}</p>
      ) : (
        <>
          {list.status === "ready" && (
            <p class="section__count" data-testid="home-match-count">
              {t.procedureCount(list.total)}
            </p>
          )}
          <ProcedureResults list={list} testId="home-matches" shown={SHOWN_MATCHES} />
          {list.status === "ready" && list.total > SHOWN_MATCHES && (
            <p>
              <a href={all}>{t.homeSeeAll(list.total)}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function MostUsed() {
  const { t } = useI18n();
  const [state, setState] = useState<{ status: "loading" | "ready" | "error"; items: ProcedureSummary[] }>({ status: "loading", items: [] });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    mostUsedProcedures(controller.signal).then(
      (items) => setState({ status: "ready", items }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", items: [] });
        return error;
      },
    );
    return () => controller.abort();
  }, [attempt]);
  return (
    <section class="home__panel home__panel--wide" aria-labelledby="home-popular-heading">
      <h2 id="home-popular-heading">{t.homePopularHeading}</h2>
      {state.status === "loading" && <Loading />}
      {state.status === "error" && <LoadError onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === "ready" && state.items.length === 0 && <p>{t.homePopularNone}</p>}
      {state.status === "ready" && state.items.length > 0 && (
        <>
          <p class="hint">{t.homePopularHint}</p>
          <ol class="popular-list" data-testid="popular-procedures">
            {state.items.map((p) => (
              <li key={p.code}>
                <a href={hrefFor({ name: "procedure", code: p.code })} lang="vi">
                  {p.name}
                </a>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function AccountPanel() {
  const { t } = useI18n();
  const { state } = useSession();
  const roles = state.status === "signedIn" ? state.roles : null;
  return (
    <section class="home__panel" aria-labelledby="home-account-heading">
      <h2 id="home-account-heading">{t.homeAccountHeading}</h2>
      {state.status !== "signedIn" ? (
        <>
          <p>{t.homeSignInIntro}</p>
          <p class="button-row">
            <a class="button" href={hrefFor({ name: "signIn", notice: null })}>
              {t.signInLink}
            </a>
            <a href={hrefFor({ name: "signUp" })}>{t.homeSignUp}</a>
          </p>
        </>
      ) : (
        <ul class="link-list">
          {isApplicant(roles) && (
            <li>
              <a href="#/dossiers">{t.navMyDossiers}</a>
            </li>
          )}
          {hasWorkspace(roles) && (
            <li>
              <a href="#/workspace">{t.navWorkspace}</a>
            </li>
          )}
          <li>
            <a href={hrefFor({ name: "account" })}>{t.homeAccountLink}</a>
          </li>
        </ul>
      )}
    </section>
  );
}
