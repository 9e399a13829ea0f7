import { useAnnounceOnChange } from "../a11y/Announcer";
import { listDossiers } from "../api/dossiers";
import { ChoiceGroup } from "../components/ChoiceGroup";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { Notice } from "../components/Notice";
import { SelectField } from "../components/SelectField";
import { DOSSIER_STATUSES, statusLabel } from "../dossiers/labels";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import type { Route } from "../routing/route";
import { navigate } from "../routing/router";
import type { QueueScope } from "../routing/serviceRoutes";
import { SignedInPage } from "../session/SignedInPage";
import { useSession } from "../session/SessionProvider";
import { useSignedOutOnResource401 } from "../session/useSignedOutOn401";
import { QueueTable } from "./QueueTable";
import { hasWorkspace } from "./workspaceRoles";

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
  const { t } = useI18n();
  const { state } = useSession();
  const roles = state.status === "signedIn" ? state.roles : null;
  const allowed = hasWorkspace(roles);
  const key = roles !== null && allowed ? `queue:${route.scope}:${route.status}` : null;
  const list = usePagedList(key, (after, signal) =>
    listDossiers({ status: route.status, scope: route.scope === "all" ? "all" : "" }, after, signal),
  );
  useSignedOutOnResource401(list);
  const count = list.status === "ready" ? t.dossierCount(list.total) : null;
  useAnnounceOnChange(count);

  if (roles === null) return <Loading />;
  if (!allowed) return <Notice kind="error">{t.workspaceNoAccess}</Notice>;
  return (
    <>
      <p class="lead">{t.workspaceIntro}</p>
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
      </div>
      <section class="section" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{route.scope === "all" ? t.queueScopeAll : t.queueScopeMine}</h2>
        {list.status === "loading" && <Loading />}
        {list.status === "error" && <LoadError onRetry={list.reload} />}
        {list.status === "ready" && (
          <>
            <p class="section__count" id={COUNT_ID} data-testid="queue-count">
              {count}
            </p>
            {list.items.length === 0 ? (
              <p class="notice">{t.queueEmpty}</p>
            ) : (
              <QueueTable items={list.items} labelledBy="queue-heading" />
            )}
            {list.error !== null && <LoadError onRetry={list.loadMore} />}
            {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
          </>
        )}
      </section>
    </>
  );
}
