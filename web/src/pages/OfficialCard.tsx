import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { grantRole, manageOfficial, revokeRole, type OfficialAction } from "../api/admin";
import { ApiError } from "../api/client";
import type { Official, RoleGrant } from "../api/types";
import { grantableRoles } from "../admin/adminRoles";
import { focusOfficial, officialHeadingId } from "../admin/officialFocus";
import type { OfficialList } from "../admin/useOfficialList";
import { ErrorSummary } from "../components/ErrorSummary";
import { SelectField } from "../components/SelectField";
import { SubmitButton } from "../components/SubmitButton";
import { commonError, errorText, type ErrorText } from "../forms/errorText";
import { roleLabel, scopeLabel } from "../identity/roleLabel";
import { useI18n } from "../i18n/I18nProvider";

interface Props {
  official: Official;
  agencyCode: string;
  // The agency's place, offered as the other scope once known.
  placeCode: string | null;
  adminRoles: RoleGrant[];
  list: OfficialList;
  onSessionError: (error: unknown) => boolean;
}

// 403 and 404 carry the server's reason (e.g. nobody grants themselves); shown with our own lead-in.
function refusal(error: unknown): ErrorText {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return "errorAdminNotAllowed";
  return commonError(error);
}

export function OfficialCard({ official, agencyCode, placeCode, adminRoles, list, onSessionError }: Props) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [revokeError, setRevokeError] = useState<{ id: string; text: ErrorText; detail: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const onRevoke = async (grant: RoleGrant) => {
    if (grant.id === undefined || busyId !== null) return;
    setBusyId(grant.id);
    setRevokeError(null);
    try {
      await revokeRole(grant.id);
      list.revoked(official.id, grant.id);
      announce(t.adminRoleRevoked(roleLabel(t, grant.role), official.display_name));
      focusOfficial(official.id);
    } catch (error) {
      if (onSessionError(error)) return;
      setRevokeError({ id: grant.id, text: refusal(error), detail: error instanceof ApiError ? error.message : "" });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <li class="official" data-testid="official">
      <h3 id={officialHeadingId(official.id)} tabIndex={-1} class="official__name">
        <span lang="vi">{official.display_name}</span>
      </h3>
      <p class="official__meta">
        {t.usernameLabel}: <span class="details__code">{official.username}</span>
        {official.locked === true && <span class="official__locked">{t.adminLocked}</span>}
      </p>
      <AccountActions official={official} list={list} onSessionError={onSessionError} />
      {official.roles.length === 0 ? (
        <p class="official__none">{t.rolesNone}</p>
      ) : (
        <ul class="role-list" aria-label={t.adminRolesOf(official.display_name)} data-testid="official-roles">
          {official.roles.map((grant) => (
            <li key={grant.id ?? `${grant.role}:${grant.scope_kind}:${grant.scope}`} class="role-list__item role-list__item--action">
              <span class="role-list__text">
                <span class="role-list__name">{roleLabel(t, grant.role)}</span>
                <span class="role-list__scope">
                  {t.scopeLabel}: {scopeLabel(t, grant)}
                </span>
              </span>
              {grant.id !== undefined && (
                <button
                  type="button"
                  class="button button--secondary"
                  aria-disabled={busyId === grant.id}
                  onClick={() => void onRevoke(grant)}
                >
                  {busyId === grant.id ? t.revoking : t.revoke}
                  <span class="visually-hidden"> {t.adminRevokeWhich(roleLabel(t, grant.role), scopeLabel(t, grant))}</span>
                </button>
              )}
              {revokeError !== null && revokeError.id === grant.id && (
                <p class="field__error role-list__error" role="alert">
                  {errorText(t, revokeError.text)} {revokeError.detail}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <GrantRoleForm
        official={official}
        agencyCode={agencyCode}
        placeCode={placeCode}
        choices={grantableRoles(adminRoles)}
        onGranted={(grant) => {
          list.granted(official.id, grant);
          announce(t.adminRoleGranted(roleLabel(t, grant.role), official.display_name));
        }}
        onSessionError={onSessionError}
      />
    </li>
  );
}

interface GrantProps {
  official: Official;
  agencyCode: string;
  placeCode: string | null;
  choices: readonly string[];
  onGranted: (grant: RoleGrant) => void;
  onSessionError: (error: unknown) => boolean;
}

function GrantRoleForm({ official, agencyCode, placeCode, choices, onGranted, onSessionError }: GrantProps) {
  const { t } = useI18n();
  const [role, setRole] = useState(choices[0] ?? "");
  const [scope, setScope] = useState<"agency" | "place">("agency");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: ErrorText; detail: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const prefix = `grant-${official.id}`;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const scopeCode = scope === "agency" ? agencyCode : placeCode;
    if (scopeCode === null) return;
    setBusy(true);
    try {
      const created = await grantRole({ account_id: official.id, role, scope_kind: scope, scope_code: scopeCode });
      setError(null);
      onGranted({ id: created.id, role: created.role, scope_kind: created.scope_kind, scope: created.scope });
    } catch (e) {
      if (onSessionError(e)) return;
      setError({ text: refusal(e), detail: e instanceof ApiError ? e.message : "" });
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const scopes = [
    { value: "agency", label: t.scopeAgency(agencyCode) },
    ...(placeCode !== null ? [{ value: "place", label: t.scopePlace(placeCode) }] : []),
  ];
  return (
    <form class="grant-form" noValidate onSubmit={onSubmit} aria-label={t.adminGrantFormLabel(official.display_name)}>
      <ErrorSummary
        headingLevel={4}
        attempt={attempt}
        errors={error === null ? [] : [{ fieldId: null, text: error.detail === "" ? error.text : { detail: `${errorText(t, error.text)} ${error.detail}` } }]}
      />
      <div class="grant-form__row">
        <SelectField
          id={`${prefix}-role`}
          label={t.adminGrantRoleLabel}
          value={role}
          options={choices.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          onChange={setRole}
        />
        <SelectField
          id={`${prefix}-scope`}
          label={t.scopeLabel}
          value={scope}
          options={scopes}
          onChange={(v) => setScope(v === "place" ? "place" : "agency")}
        />
        <SubmitButton label={t.adminGrant} busyLabel={t.adminGranting} busy={busy} />
      </div>
    </form>
  );
}

// Lock or unlock the account, or e-mail a new one-time password.
function AccountActions({ official, list, onSessionError }: Pick<Props, "official" | "list" | "onSessionError">) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [busy, setBusy] = useState<OfficialAction | null>(null);
  const [error, setError] = useState<{ text: ErrorText; detail: string } | null>(null);

  const act = async (action: OfficialAction) => {
    if (busy !== null) return;
    setBusy(action);
    setError(null);
    try {
      await manageOfficial(official.id, action);
      if (action !== "password-reset") list.locked(official.id, action === "lock");
      const done = { lock: t.adminLockedDone, unlock: t.adminUnlockedDone, "password-reset": t.adminResetDone }[action];
      announce(done(official.display_name));
    } catch (e) {
      if (onSessionError(e)) return;
      setError({ text: refusal(e), detail: e instanceof ApiError ? e.message : "" });
    } finally {
      setBusy(null);
    }
  };
  const button = (action: OfficialAction, label: string) => (
    <button type="button" class="button button--secondary" aria-disabled={busy !== null} onClick={() => void act(action)}>
      {busy === action ? t.adminActionBusy : label}
      <span class="visually-hidden"> {official.display_name}</span>
    </button>
  );
  return (
    <div class="official__actions">
      {official.locked === true ? button("unlock", t.adminUnlock) : button("lock", t.adminLock)}
      {button("password-reset", t.adminResetPassword)}
      {error !== null && (
        <p class="field__error" role="alert">
          {errorText(t, error.text)} {error.detail}
        </p>
      )}
    </div>
  );
}
