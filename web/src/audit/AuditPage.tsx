import { useState } from "preact/hooks";
import { useAnnounceOnChange } from "../a11y/Announcer";
import { type AuditEntry, type AuditFilters, auditExportUrl, listAudit } from "../api/admin";
import { DataTable } from "../components/DataTable";
import { DateField } from "../components/DateField";
import { ErrorSummary } from "../components/ErrorSummary";
import { ExportButtons } from "../components/ExportButtons";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { Notice } from "../components/Notice";
import { SelectField } from "../components/SelectField";
import { TextField } from "../components/TextField";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { type AuditRoute, hrefFor } from "../routing/route";
import { navigate } from "../routing/router";
import { SignedInPage } from "../session/SignedInPage";
import { useSession } from "../session/SessionProvider";
import { useSignedOutOnResource401 } from "../session/useSignedOutOn401";
import { auditActionChoices, auditActionLabel, auditObjectChoices, auditObjectLabel } from "./auditLabels";
import { auditScope } from "./auditRoles";
import { isCalendarDate } from "../forms/calendarDate";
import { dayEnd, dayStart } from "./days";

export function AuditPage({ route }: { route: AuditRoute }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.auditHeading} class="audit-page">
      <AuditLog route={route} />
    </SignedInPage>
  );
}

function AuditLog({ route }: { route: AuditRoute }) {
  const { t, lang } = useI18n();
  const { state } = useSession();
  const roles = state.status === "signedIn" ? state.roles : null;
  const place = roles === null ? null : auditScope(roles);
  const filters: AuditFilters = {
    place: place ?? "",
    actor: route.actor,
    action: route.action,
    object_type: route.objectType,
    object_id: route.objectId,
    from: isCalendarDate(route.from) ? dayStart(route.from) : "",
    to: isCalendarDate(route.to) ? dayEnd(route.to) : "",
  };
  const key = place === null ? null : JSON.stringify(filters);
  const list = usePagedList(key, (cursor, signal) => listAudit(filters, cursor, signal));
  useSignedOutOnResource401(list);
  const count = list.status === "ready" ? t.auditCount(list.total) : null;
  useAnnounceOnChange(count);

  if (roles === null) return <Loading />;
  if (place === null) return <Notice kind="error">{t.auditNoAccess}</Notice>;
  const actorName = list.items.find((e) => e.actor === route.actor)?.actor_account?.display_name ?? route.actor;
  return (
    <>
      <p class="lead">{t.auditIntro}</p>
      <AuditFilterForm key={JSON.stringify(route)} route={route} />
      {route.actor !== "" && (
        <p class="audit-actor" data-testid="audit-actor-filter">
          {t.auditFilterActor(actorName)}{" "}
          <a href={hrefFor({ ...route, actor: "" })}>{t.auditFilterActorClear}</a>
        </p>
      )}
      <section class="section" aria-labelledby="audit-heading">
        <h2 id="audit-heading">{t.auditResultsHeading}</h2>
        {list.status === "loading" && <Loading />}
        {list.status === "error" && <LoadError onRetry={list.reload} />}
        {list.status === "ready" && (
          <>
            <p class="section__count" data-testid="audit-count">
              {count}
            </p>
            {list.items.length === 0 ? (
              <p class="notice">{t.auditEmpty}</p>
            ) : (
              <>
                <ExportButtons label={t.auditExportLabel} testId="audit-export" url={(format) => auditExportUrl(filters, format, lang)} />
                <DataTable
                  labelledBy="audit-heading"
                  testId="audit-table"
                  class="audit-table"
                  columns={[t.auditColWhen, t.auditColActor, t.auditColAction, t.auditColObject, t.auditColDetails]}
                >
                  {list.items.map((e) => (
                    <AuditRow key={e.seq} entry={e} route={route} />
                  ))}
                </DataTable>
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

function AuditRow({ entry: e, route }: { entry: AuditEntry; route: AuditRoute }) {
  const { t } = useI18n();
  const name = e.actor_account === null ? t.auditSystem : e.actor_account.display_name;
  return (
    <tr data-testid="audit-row" data-action={e.action} data-seq={e.seq}>
      <td>{t.serviceTime(e.at)}</td>
      <td>
        <span lang="vi">{name}</span>
        {e.actor_account !== null && (
          <>
            <br />
            <span class="audit-table__minor">{e.actor_account.username}</span>
            <br />
            <a class="audit-table__minor" href={hrefFor({ ...route, actor: e.actor })}>
              {t.auditOnlyActor(name)}
            </a>
          </>
        )}
        {e.ip !== "" && (
          <>
            <br />
            <span class="audit-table__minor">{e.ip}</span>
          </>
        )}
      </td>
      <th scope="row">{auditActionLabel(t, e.action)}</th>
      <td>
        {auditObjectLabel(t, e.object_type)} <span class="audit-table__id">{e.object_id}</span>
        <br />
        <a class="audit-table__minor" href={hrefFor({ ...route, objectType: e.object_type, objectId: e.object_id })}>
          {t.auditOnlyObject}
        </a>
      </td>
      <td>
        <SummaryText summary={e.summary} />
      </td>
    </tr>
  );
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// The record's before/after summary as written, times as people read them.
function SummaryText({ summary }: { summary: Record<string, unknown> }) {
  const { t } = useI18n();
  const shown = (v: unknown) => (typeof v !== "string" ? JSON.stringify(v) : INSTANT.test(v) ? t.serviceTime(v) : v);
  const entries = Object.entries(summary);
  if (entries.length === 0) return null;
  return (
    <ul class="audit-table__summary">
      {entries.map(([k, v]) => (
        <li key={k}>
          <span class="audit-table__key">{k}</span>: {shown(v)}
        </li>
      ))}
    </ul>
  );
}

type FilterProblem = "from" | "to" | "range";

// The filters, applied together when the form is sent; the address keeps them.
function AuditFilterForm({ route }: { route: AuditRoute }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState(route);
  const [problems, setProblems] = useState<FilterProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const text = (p: FilterProblem) =>
    p === "range" ? t.auditErrorRange : t.formErrorDate(p === "from" ? t.auditFilterFrom : t.auditFilterTo);
  const submit = (event: Event) => {
    event.preventDefault();
    const found: FilterProblem[] = [];
    if (draft.from !== "" && !isCalendarDate(draft.from)) found.push("from");
    if (draft.to !== "" && !isCalendarDate(draft.to)) found.push("to");
    if (found.length === 0 && draft.from !== "" && draft.to !== "" && draft.to < draft.from) found.push("range");
    setProblems(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) navigate({ ...draft, objectId: draft.objectId.trim() }, { replace: true });
  };
  const errorOf = (field: "from" | "to") =>
    problems.includes(field) ? text(field) : field === "to" && problems.includes("range") ? text("range") : undefined;
  return (
    <form class="audit-filters" onSubmit={submit} noValidate aria-label={t.auditFiltersLabel}>
      {problems.length > 0 && (
        <ErrorSummary
          attempt={attempt}
          errors={problems.map((p) => ({ fieldId: `audit-${p === "range" ? "to" : p}`, text: { detail: text(p) } }))}
        />
      )}
      <SelectField
        id="audit-action"
        label={t.auditFilterAction}
        value={draft.action}
        options={[{ value: "", label: t.auditFilterAnyAction }, ...auditActionChoices(t, lang)]}
        onChange={(action) => setDraft({ ...draft, action })}
      />
      <SelectField
        id="audit-object-type"
        label={t.auditFilterObjectType}
        value={draft.objectType}
        options={[{ value: "", label: t.auditAnyObjectType }, ...auditObjectChoices(t)]}
        onChange={(objectType) => setDraft({ ...draft, objectType })}
      />
      <TextField
        id="audit-object-id"
        label={t.auditFilterObjectId}
        value={draft.objectId}
        onInput={(objectId) => setDraft({ ...draft, objectId })}
      />
      <DateField id="audit-from" label={t.auditFilterFrom} value={draft.from} error={errorOf("from")} onInput={(from) => setDraft({ ...draft, from })} />
      <DateField id="audit-to" label={t.auditFilterTo} value={draft.to} error={errorOf("to")} onInput={(to) => setDraft({ ...draft, to })} />
      <div class="audit-filters__buttons">
        <button type="submit" class="button">
          {t.auditFilterApply}
        </button>
        <a class="button button--secondary" href={hrefFor({ name: "audit", actor: "", action: "", objectType: "", objectId: "", from: "", to: "" })}>
          {t.auditFilterClear}
        </a>
      </div>
    </form>
  );
}
