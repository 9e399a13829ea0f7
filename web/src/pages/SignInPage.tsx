import { useState } from "preact/hooks";
import { useAnnounceOnChange } from "../a11y/Announcer";
import { getMe, login } from "../api/auth";
import { ApiError } from "../api/client";
import { ErrorSummary } from "../components/ErrorSummary";
import { Notice } from "../components/Notice";
import { PageHeading } from "../components/PageHeading";
import { SubmitButton } from "../components/SubmitButton";
import { TextField } from "../components/TextField";
import { commonError, errorText, type ErrorText } from "../forms/errorText";
import type { FormError } from "../forms/FormError";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor, parseHash, type Route, type SignInNotice } from "../routing/route";
import { navigate } from "../routing/router";
import { useSession } from "../session/SessionProvider";
import { hasWorkspace, isApplicant } from "../workspace/workspaceRoles";
import { ExternalSignIn } from "./ExternalSignIn";

const USERNAME_ID = "sign-in-username";
const PASSWORD_ID = "sign-in-password";

interface FieldErrors {
  username?: ErrorText;
  password?: ErrorText;
}

// Where a sign-in without a page to return to lands: officials on their queue (the work they came
// for), everyone else on the account page (their dossiers, notifications and details).
async function landingPage(): Promise<Route> {
  try {
    const me = await getMe();
    if (hasWorkspace(me.roles) && !isApplicant(me.roles)) return parseHash("#/workspace");
  } catch {
    // The account page loads /me again and says what failed.
  }
  return { name: "account" };
}

// `next`: the page that sent the reader here (e.g. "submit online"); they return to it after signing in.
export function SignInPage({ notice, next }: { notice: SignInNotice; next?: string | undefined }) {
  const { t } = useI18n();
  const session = useSession();
  useDocumentTitle(t.signInHeading);
  useAnnounceOnChange(notice === "registered" ? t.noticeRegistered : null);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // A failure of the whole attempt (wrong credentials, rate limit), not of one field.
  const [formError, setFormError] = useState<ErrorText | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (fields: FieldErrors, form: ErrorText | null) => {
    setFieldErrors(fields);
    setFormError(form);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const name = username.trim();
    const missing: FieldErrors = {};
    if (name === "") missing.username = "errorUsernameMissing";
    if (password === "") missing.password = "errorPasswordMissing";
    if (missing.username !== undefined || missing.password !== undefined) {
      fail(missing, null);
      return;
    }
    setBusy(true);
    try {
      const result = await login(name, password);
      session.signedIn(result.display_name, result.csrf_token);
      if (result.password_change_required) {
        // A one-time password must be replaced first, on the account page.
        navigate({ name: "account" });
      } else if (next !== undefined) {
        navigate(parseHash(`#${next}`));
      } else {
        navigate(await landingPage());
      }
    } catch (error) {
      // One message for unknown user, wrong password and locked account: nothing to probe.
      const wrong = error instanceof ApiError && error.isUnauthenticated;
      fail({}, wrong ? "errorWrongLogin" : commonError(error));
    } finally {
      setBusy(false);
    }
  };

  const errors: FormError[] = [
    ...(fieldErrors.username !== undefined ? [{ fieldId: USERNAME_ID, text: fieldErrors.username }] : []),
    ...(fieldErrors.password !== undefined ? [{ fieldId: PASSWORD_ID, text: fieldErrors.password }] : []),
    // Wrong credentials are usually a mistyped password; the link lands there.
    ...(formError !== null
      ? [{ fieldId: formError === "errorWrongLogin" ? PASSWORD_ID : null, text: formError }]
      : []),
  ];

  return (
    <div class="form-page">
      <PageHeading>{t.signInHeading}</PageHeading>
      {notice === "registered" && <Notice kind="success">{t.noticeRegistered}</Notice>}
      {notice === "externalFailed" && <Notice kind="error">{t.noticeExternalFailed}</Notice>}
      {next !== undefined && notice === null && <p class="notice">{t.signInToContinue}</p>}
      <ErrorSummary errors={errors} attempt={attempt} />
      <ExternalSignIn />
      <form class="form" noValidate onSubmit={onSubmit}>
        <TextField
          id={USERNAME_ID}
          label={t.usernameLabel}
          hint={t.usernameSignInHint}
          error={fieldErrors.username !== undefined ? errorText(t, fieldErrors.username) : undefined}
          value={username}
          onInput={setUsername}
          autocomplete="username"
        />
        <TextField
          id={PASSWORD_ID}
          type="password"
          label={t.passwordLabel}
          error={fieldErrors.password !== undefined ? errorText(t, fieldErrors.password) : undefined}
          value={password}
          onInput={setPassword}
          autocomplete="current-password"
        />
        <SubmitButton label={t.signInButton} busyLabel={t.signingIn} busy={busy} />
      </form>
      <p class="form-page__alt">
        {t.noAccount} <a href={hrefFor({ name: "signUp" })}>{t.signUpLink}</a>
      </p>
    </div>
  );
}
