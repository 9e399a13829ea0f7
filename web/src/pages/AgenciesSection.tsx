import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { createAgency, listAgencies } from "../api/admin";
import { ApiError } from "../api/client";
import type { AgencyKind, RoleGrant } from "../api/types";
import { AGENCY_KINDS, canCreateAgencies } from "../admin/adminRoles";
import { agencyKindLabel } from "../admin/agencyKindLabel";
import { useFormErrors, type FieldErrors } from "../admin/useFormErrors";
import { ErrorSummary } from "../components/ErrorSummary";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { SelectField } from "../components/SelectField";
import { SubmitButton } from "../components/SubmitButton";
import { TextField } from "../components/TextField";
import { commonError, errorText } from "../forms/errorText";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, type Route } from "../routing/route";

type AdminRoute = Extract<Route, { name: "admin" }>;

const HEADING_ID = "admin-agencies-heading";

export function AgenciesSection({ route, roles }: { route: AdminRoute; roles: RoleGrant[] }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const list = usePagedList(`agencies:${route.place}`, (cursor, signal) => listAgencies(route.place, cursor, signal));

  return (
    <section class="section" aria-labelledby={HEADING_ID}>
      <h2 id={HEADING_ID}>{t.adminAgenciesHeading}</h2>
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <LoadError onRetry={list.reload} />}
      {list.status === "ready" && list.items.length === 0 && <p class="notice">{t.adminAgenciesNone}</p>}
      {list.status === "ready" && list.items.length > 0 && (
        <>
          <ul class="admin-list" aria-labelledby={HEADING_ID} data-testid="agencies">
            {list.items.map((a) => (
              <li key={a.code} class="admin-list__item">
                <a
                  class="admin-list__name"
                  lang="vi"
                  href={hrefFor({ ...route, agency: a.code })}
                  aria-current={a.code === route.agency ? "true" : undefined}
                >
                  {a.name}
                </a>
                <span class="admin-list__meta">
                  {agencyKindLabel(t, a.kind)}
                  <span aria-hidden="true"> · </span>
                  {t.codeValue(a.code)}
                </span>
              </li>
            ))}
          </ul>
          {list.error !== null && <LoadError onRetry={list.loadMore} />}
          {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
        </>
      )}
      {canCreateAgencies(roles) && (
        <CreateAgencyForm
          key={route.place}
          place={route.place}
          onCreated={(name) => {
            list.reload();
            announce(t.adminAgencyCreated(name));
          }}
        />
      )}
    </section>
  );
}

type AgencyField = "code" | "name" | "kind" | "placeCode";
const FIELDS: readonly AgencyField[] = ["code", "name", "kind", "placeCode"];
const fieldId = (f: AgencyField) => `agency-${f}`;
const AGENCY_CODE = /^[A-Z0-9-]{2,32}$/;
const SERVER_FIELDS: Record<string, AgencyField> = { code: "code", name: "name", kind: "kind", place_code: "placeCode" };

function serverAgencyError(error: unknown): { fields: FieldErrors<AgencyField>; form: ReturnType<typeof commonError> | null } {
  if (!(error instanceof ApiError)) return { fields: {}, form: commonError(error) };
  // Outside the administrator's provinces: the place is what to change.
  if (error.status === 403) return { fields: { placeCode: "errorAgencyPlaceForbidden" }, form: null };
  const field = error.field === undefined ? undefined : SERVER_FIELDS[error.field];
  if (field === undefined) return { fields: {}, form: error.status === 400 ? { detail: error.message } : commonError(error) };
  switch (field) {
    case "code":
      return { fields: { code: error.code === "conflict" ? "errorAgencyCodeTaken" : "errorAgencyCodeInvalid" }, form: null };
    case "name":
      return { fields: { name: "errorAgencyNameInvalid" }, form: null };
    case "kind":
      return { fields: { kind: "errorAgencyKindInvalid" }, form: null };
    default:
      return { fields: { placeCode: "errorAgencyPlaceUnknown" }, form: null };
  }
}

function CreateAgencyForm({ place, onCreated }: { place: string; onCreated: (name: string) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState<AgencyKind>("people_committee");
  const [placeCode, setPlaceCode] = useState(place);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(fieldId);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing: FieldErrors<AgencyField> = {};
    const trimmedCode = code.trim();
    if (trimmedCode === "") missing.code = "errorAgencyCodeMissing";
    else if (!AGENCY_CODE.test(trimmedCode)) missing.code = "errorAgencyCodeInvalid";
    if (name.trim() === "") missing.name = "errorAgencyNameMissing";
    if (placeCode.trim() === "") missing.placeCode = "errorAgencyPlaceMissing";
    if (Object.keys(missing).length > 0) return errors.fail(missing);
    setBusy(true);
    try {
      const created = await createAgency({ code: code.trim(), name: name.trim(), kind, place_code: placeCode.trim() });
      setCode("");
      setName("");
      errors.clear();
      onCreated(created.name);
    } catch (error) {
      const { fields, form } = serverAgencyError(error);
      errors.fail(fields, form);
    } finally {
      setBusy(false);
    }
  };

  const err = (f: AgencyField) => (errors.fields[f] !== undefined ? errorText(t, errors.fields[f]) : undefined);
  return (
    <div class="admin-form">
      <h3 id="agency-form-heading">{t.adminAgencyCreateHeading}</h3>
      <ErrorSummary headingLevel={3} attempt={errors.attempt} errors={errors.summary(FIELDS)} />
      <form class="form" noValidate onSubmit={onSubmit}>
        <TextField id={fieldId("code")} label={t.adminAgencyCodeLabel} hint={t.adminAgencyCodeHint} error={err("code")} value={code} onInput={setCode} autocomplete="off" />
        <TextField id={fieldId("name")} label={t.adminAgencyNameLabel} error={err("name")} value={name} onInput={setName} autocomplete="off" autocapitalize="words" />
        <SelectField
          id={fieldId("kind")}
          label={t.adminAgencyKindLabel}
          error={err("kind")}
          value={kind}
          options={AGENCY_KINDS.map((k) => ({ value: k, label: agencyKindLabel(t, k) }))}
          onChange={(v) => setKind(v as AgencyKind)}
        />
        <TextField id={fieldId("placeCode")} label={t.adminAgencyPlaceLabel} hint={t.adminAgencyPlaceHint} error={err("placeCode")} value={placeCode} onInput={setPlaceCode} inputMode="numeric" autocomplete="off" />
        <SubmitButton label={t.adminAgencyCreate} busyLabel={t.adminCreating} busy={busy} />
      </form>
    </div>
  );
}
