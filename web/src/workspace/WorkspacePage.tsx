import { useAnnounceOnChange } from "../a11y/Announcer";
import { type DossierListQuery, dossierExportUrl, listDossiers } from "../api/dossiers";
import { ExportButtons } from "../components/ExportButtons";
import { ChoiceGroup } from "../components/ChoiceGroup";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { Notice } from "../components/Notice";
import { SearchForm } from "../components/SearchForm";
import { SelectField } from "../components/SelectField";
import { DOSSIER_STATUSES, statusLabel } from "../dossiers/labels";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import type { Route } from "../routing/route";
import { hrefFor } from "../routing/route";
import { navigate } from "../routing/router";
import type { QueueDue, QueueScope } from "../routing/serviceRoutes";
import { SignedInPage } from "../session/SignedInPage";
import { useSession } from "../session/SessionProvider";
import { useSignedOutOnResource401 } from "../session/useSignedOutOn401";
import { QueueTable } from "./QueueTable";
import { atCounter, hasWorkspace } from "./workspaceRoles";

type WorkspaceRoute = Extract<Route, { name: "workspace" }>;

export function WorkspacePage({ route }: { route: WorkspaceRoute }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.workspaceHeading} class="workspace-page">
      <Workspace route={route} />
    </SignedInPage>
  );
}

const COUNT_ID = "queue-count";

function Workspace({ route }: { route: WorkspaceRoute }) {
  const { t, lang } = useI18n();
  const { state } = useSession();
  const roles = state.status === "signedIn" ? state.roles : null;
  const allowed = hasWorkspace(roles);
  const key = roles !== null && allowed ? `queue:${route.scope}:${route.status}:${route.due}:${route.q}` : null;
  const query: DossierListQuery = {
    status: route.status,
    scope: route.scope === "all" ? "all" : "",
    q: route.q,
    overdue: route.due === "overdue",
    due_today: route.due === "today",
  };
  const list = usePagedList(key, (after, signal) => listDossiers(query, after, signal));
  useSignedOutOnResource401(list);
  const count =
    list.status !== "ready" ? null : list.total === null ? t.dossierShown(list.items.length) : t.dossierCount(list.total);
  const counted = Object.entries(list.counts).filter(([, n]) => n > 0);
  useAnnounceOnChange(count);

  if (roles === null) return <Loading />;
  if (!allowed) return <Notice kind="error">{t.workspaceNoAccess}</Notice>;
  return (
    <>
      <p class="lead">{t.workspaceIntro}</p>
      {atCounter(roles) && (
        <p>
          <a class="button button--secondary" href={hrefFor({ name: "counter", q: "" })} data-testid="counter-link">
            {t.counterLink}
          </a>
        </p>
      )}
      <div class="filters">
        <ChoiceGroup<QueueScope>
          name="queue-scope"
          legend={t.queueScopeLegend}
          choices={[
            { value: "mine", label: t.queueScopeMine, hint: t.queueScopeMineHint },
            { value: "all", label: t.queueScopeAll, hint: t.queueScopeAllHint },
          ]}
          value={route.scope}
          onChange={(scope) => navigate({ ...route, scope }, { replace: true })}
        />
        <SelectField
          id="queue-status"
          label={t.filterStatus}
          value={route.status}
          options={[{ value: "", label: t.filterAll }, ...DOSSIER_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))]}
          onChange={(status) => navigate({ ...route, status }, { replace: true })}
        />
        <ChoiceGroup<QueueDue>
          name="queue-due"
          legend={t.queueDueLegend}
          choices={[
            { value: "", label: t.queueDueAny },
            { value: "overdue", label: t.queueDueOverdue },
            { value: "today", label: t.queueDueToday },
          ]}
          value={route.due}
          onChange={(due) => navigate({ ...route, due }, { replace: true })}
        />
      </div>
      <SearchForm
        id="queue-search"
        label={t.queueSearchLabel}
        buttonLabel={t.queueSearchButton}
        query={route.q}
        onQuery={(q) => navigate({ ...route, q }, { replace: true })}
      />
      <section class="section" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{route.scope === "all" ? t.queueScopeAll : t.queueScopeMine}</h2>
        {list.status === "loading" && <Loading />}
        {list.status === "error" && <LoadError onRetry={list.reload} />}
        {list.status === "ready" && (
          <>
            <p class="section__count" id={COUNT_ID} data-testid="queue-count">
              {count}
            </p>
            {counted.length > 0 && (
              <ul class="status-counts" aria-label={t.queueCountsLabel} data-testid="queue-counts">
                {counted.map(([status, n]) => (
                  <li key={status}>
                    <a href={hrefFor({ ...route, status })} aria-current={route.status === status ? "true" : undefined}>
                      {statusLabel(t, status)} <span class="status-counts__n">{n}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {list.items.length === 0 ? (
              <p class="notice">{t.queueEmpty}</p>
            ) : (
              <>
                <ExportButtons
                  label={t.queueExportLabel}
                  testId="queue-export"
                  url={(format) => dossierExportUrl(query, format, lang)}
                />
                <QueueTable items={list.items} labelledBy="queue-heading" />
              </>
            )}
            {list.error !== null && <LoadError onRetry={list.loadMore} />}
            {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
          </>
        )}
      </section>
    </>
  );
}
