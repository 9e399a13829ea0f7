import { useState } from "preact/hooks";
import { changePassword } from "../api/auth";
import { ApiError } from "../api/client";
import { ErrorSummary } from "../components/ErrorSummary";
import { Notice } from "../components/Notice";
import { SubmitButton } from "../components/SubmitButton";
import { TextField } from "../components/TextField";
import { commonError, errorText, type ErrorText } from "../forms/errorText";
import type { FormError } from "../forms/FormError";
import { useI18n } from "../i18n/I18nProvider";

const CURRENT_ID = "password-current";
const NEW_ID = "password-new";
const AGAIN_ID = "password-again";
const HEADING_ID = "password-heading";

interface FieldErrors {
  current?: ErrorText;
  next?: ErrorText;
  again?: ErrorText;
}

// One's own password: the current one is required; the server applies the password policy.
export function ChangePasswordSection({ onChanged, onSessionError }: {
  onChanged: () => void;
  onSessionError: (error: unknown) => boolean;
}) {
  const { t } = useI18n();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ErrorText | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const fail = (fields: FieldErrors, form: ErrorText | null) => {
    setErrors(fields);
    setFormError(form);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing: FieldErrors = {};
    if (current === "") missing.current = "errorPasswordMissing";
    if (next === "") missing.next = "errorPasswordMissing";
    else if (next !== again) missing.again = "errorPasswordsDiffer";
    if (Object.keys(missing).length > 0) {
      fail(missing, null);
      return;
    }
    setBusy(true);
    setDone(false);
    try {
      await changePassword(current, next);
      setCurrent("");
      setNext("");
      setAgain("");
      setErrors({});
      setFormError(null);
      setDone(true);
      onChanged();
    } catch (error) {
      if (onSessionError(error)) return;
      if (error instanceof ApiError && error.field === "current_password") fail({ current: "errorCurrentPasswordWrong" }, null);
      else if (error instanceof ApiError && error.field === "new_password") {
        fail({ next: { detail: `${t.errorNewPasswordWeak} ${error.message}` } }, null);
      } else fail({}, commonError(error));
    } finally {
      setBusy(false);
    }
  };

  const summary: FormError[] = [
    ...(errors.current !== undefined ? [{ fieldId: CURRENT_ID, text: errors.current }] : []),
    ...(errors.next !== undefined ? [{ fieldId: NEW_ID, text: errors.next }] : []),
    ...(errors.again !== undefined ? [{ fieldId: AGAIN_ID, text: errors.again }] : []),
    ...(formError !== null ? [{ fieldId: null, text: formError }] : []),
  ];
  const shown = (e: ErrorText | undefined) => (e === undefined ? undefined : errorText(t, e));

  return (
    <section class="section" aria-labelledby={HEADING_ID}>
      <h2 id={HEADING_ID}>{t.passwordChangeHeading}</h2>
      {done && <Notice kind="success">{t.passwordChanged}</Notice>}
      <ErrorSummary errors={summary} attempt={attempt} headingLevel={3} />
      <form class="form" noValidate onSubmit={onSubmit} data-testid="change-password">
        <TextField id={CURRENT_ID} type="password" label={t.currentPasswordLabel} error={shown(errors.current)}
          value={current} onInput={setCurrent} autocomplete="current-password" />
        <TextField id={NEW_ID} type="password" label={t.newPasswordLabel} hint={t.newPasswordHint}
          error={shown(errors.next)} value={next} onInput={setNext} autocomplete="new-password" />
        <TextField id={AGAIN_ID} type="password" label={t.newPasswordAgainLabel} error={shown(errors.again)}
          value={again} onInput={setAgain} autocomplete="new-password" />
        <SubmitButton label={t.passwordChangeButton} busyLabel={t.passwordChanging} busy={busy} />
      </form>
    </section>
  );
}
