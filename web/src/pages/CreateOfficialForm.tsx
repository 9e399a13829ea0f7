import { useState } from "preact/hooks";
import { createOfficial } from "../api/admin";
import { ApiError } from "../api/client";
import type { Official } from "../api/types";
import { useFormErrors, type FieldErrors } from "../admin/useFormErrors";
import { ErrorSummary } from "../components/ErrorSummary";
import { SubmitButton } from "../components/SubmitButton";
import { TextField } from "../components/TextField";
import { commonError, errorText, type ErrorText } from "../forms/errorText";
import { useI18n } from "../i18n/I18nProvider";

type OfficialField = "username" | "displayName" | "password";
const FIELDS: readonly OfficialField[] = ["username", "displayName", "password"];
const fieldId = (f: OfficialField) => `official-${f}`;
const USERNAME = /^[a-z0-9._-]{3,64}$/;

function serverOfficialError(error: unknown): { fields: FieldErrors<OfficialField>; form: ErrorText | null } {
  if (!(error instanceof ApiError)) return { fields: {}, form: commonError(error) };
  const conflict = error.code === "conflict";
  switch (error.field) {
    case "username":
      return { fields: { username: conflict ? "errorUsernameTaken" : "errorUsernameFormat" }, form: null };
    case "display_name":
      return { fields: { displayName: "errorNameTooLong" }, form: null };
    case "password":
      return { fields: { password: "errorPasswordRejected" }, form: null };
  }
  if (error.status === 403 || error.status === 404) return { fields: {}, form: "errorAdminNotAllowed" };
  return { fields: {}, form: error.status === 400 ? { detail: error.message } : commonError(error) };
}

interface Props {
  agencyCode: string;
  onCreated: (official: Official) => void;
  onSessionError: (error: unknown) => boolean;
}

export function CreateOfficialForm({ agencyCode, onCreated, onSessionError }: Props) {
  const { t } = useI18n();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(fieldId);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors<OfficialField> = {};
    const name = username.trim();
    if (!USERNAME.test(name)) found.username = name === "" ? "errorUsernameMissing" : "errorUsernameFormat";
    if (displayName.trim() === "") found.displayName = "errorNameMissing";
    if (password.length < 10 || password.length > 128) found.password = "errorPasswordLength";
    if (Object.keys(found).length > 0) return errors.fail(found);
    setBusy(true);
    try {
      const created = await createOfficial({
        username: name,
        display_name: displayName.trim(),
        agency_code: agencyCode,
        password,
      });
      setUsername("");
      setDisplayName("");
      setPassword("");
      errors.clear();
      onCreated({ ...created, roles: [] });
    } catch (error) {
      if (onSessionError(error)) return;
      const { fields, form } = serverOfficialError(error);
      errors.fail(fields, form);
    } finally {
      setBusy(false);
    }
  };

  const err = (f: OfficialField) => (errors.fields[f] !== undefined ? errorText(t, errors.fields[f]) : undefined);
  return (
    <div class="admin-form">
      <h3 id="official-form-heading">{t.adminOfficialCreateHeading}</h3>
      <ErrorSummary headingLevel={3} attempt={errors.attempt} errors={errors.summary(FIELDS)} />
      <form class="form" noValidate onSubmit={onSubmit} aria-labelledby="official-form-heading">
        <TextField id={fieldId("username")} label={t.usernameLabel} hint={t.usernameNewHint} error={err("username")} value={username} onInput={setUsername} autocomplete="off" />
        <TextField id={fieldId("displayName")} label={t.fullNameLabel} error={err("displayName")} value={displayName} onInput={setDisplayName} autocomplete="off" autocapitalize="words" />
        <TextField id={fieldId("password")} type="password" label={t.adminOfficialPasswordLabel} hint={t.adminOfficialPasswordHint} error={err("password")} value={password} onInput={setPassword} autocomplete="new-password" />
        <SubmitButton label={t.adminOfficialCreate} busyLabel={t.adminCreating} busy={busy} />
      </form>
    </div>
  );
}
