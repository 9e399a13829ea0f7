import { useState } from "preact/hooks";
import { register } from "../api/auth";
import { ChoiceGroup } from "../components/ChoiceGroup";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { SubmitButton } from "../components/SubmitButton";
import { TextField } from "../components/TextField";
import { errorText, type ErrorText } from "../forms/errorText";
import type { FormError } from "../forms/FormError";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import {
  EMPTY_SIGN_UP,
  serverSignUpError,
  SIGN_UP_FIELDS,
  toRegistration,
  validateSignUp,
  type SignUpErrors,
  type SignUpField,
  type SignUpKind,
  type SignUpValues,
} from "../identity/signUpForm";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { navigate } from "../routing/router";

const fieldId = (field: SignUpField): string => `sign-up-${field}`;

export function SignUpPage() {
  const { t } = useI18n();
  useDocumentTitle(t.signUpHeading);
  const [values, setValues] = useState<SignUpValues>(EMPTY_SIGN_UP);
  const [errors, setErrors] = useState<SignUpErrors>({});
  const [formError, setFormError] = useState<ErrorText | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const set = (field: keyof SignUpValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const fail = (fields: SignUpErrors, form: ErrorText | null) => {
    setErrors(fields);
    setFormError(form);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = validateSignUp(values);
    if (Object.keys(found).length > 0) {
      fail(found, null);
      return;
    }
    setBusy(true);
    try {
      await register(toRegistration(values));
      navigate({ name: "signIn", notice: "registered" });
    } catch (error) {
      const { field, text } = serverSignUpError(error);
      if (field === null) fail({}, text);
      else fail({ [field]: text }, null);
    } finally {
      setBusy(false);
    }
  };

  const shown = SIGN_UP_FIELDS[values.kind];
  const summary: FormError[] = [
    ...(formError !== null ? [{ fieldId: null, text: formError }] : []),
    ...shown.flatMap((f) => {
      const e = errors[f];
      return e === undefined ? [] : [{ fieldId: fieldId(f), text: e }];
    }),
  ];
  const field = (f: SignUpField) => ({
    id: fieldId(f),
    value: values[f],
    onInput: set(f),
    error: errors[f] !== undefined ? errorText(t, errors[f]) : undefined,
  });
  const isCitizen = values.kind === "citizen";

  return (
    <div class="form-page">
      <PageHeading>{t.signUpHeading}</PageHeading>
      <p class="lead">{t.signUpIntro}</p>
      <ErrorSummary errors={summary} attempt={attempt} />
      <form class="form" noValidate onSubmit={onSubmit}>
        <ChoiceGroup<SignUpKind>
          name="sign-up-kind"
          legend={t.kindLegend}
          choices={[
            { value: "citizen", label: t.kindCitizenOption, hint: t.kindCitizenHint },
            { value: "business", label: t.kindBusinessOption, hint: t.kindBusinessHint },
          ]}
          value={values.kind}
          onChange={(kind) => {
            // Errors belong to the form that was submitted; the other kind starts clean.
            setValues((v) => ({ ...v, kind }));
            setErrors({});
            setFormError(null);
          }}
        />
        {isCitizen ? (
          <TextField {...field("idNumber")} label={t.idNumberLabel} hint={t.idNumberHint} inputMode="numeric" autocomplete="off" />
        ) : (
          <>
            <TextField
              {...field("enterpriseCode")}
              label={t.enterpriseCodeLabel}
              hint={t.enterpriseCodeHint}
              autocomplete="off"
            />
            <TextField {...field("username")} label={t.usernameLabel} hint={t.usernameNewHint} autocomplete="username" />
          </>
        )}
        <TextField
          {...field("displayName")}
          label={isCitizen ? t.fullNameLabel : t.representativeLabel}
          autocomplete="name"
          autocapitalize="words"
        />
        <TextField
          {...field("password")}
          type="password"
          label={t.passwordLabel}
          hint={t.newPasswordHint}
          autocomplete="new-password"
        />
        <TextField {...field("confirm")} type="password" label={t.confirmPasswordLabel} autocomplete="new-password" />
        <SubmitButton label={t.signUpButton} busyLabel={t.signingUp} busy={busy} />
      </form>
      <p class="form-page__alt">
        {t.haveAccount} <a href={hrefFor({ name: "signIn", notice: null })}>{t.signInLink}</a>
      </p>
    </div>
  );
}
