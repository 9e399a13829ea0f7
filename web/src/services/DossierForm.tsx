import { useEffect, useMemo, useState } from "preact/hooks";
import type { JsonSchema } from "../api/serviceTypes";
import { ErrorSummary } from "../components/ErrorSummary";
import { SubmitButton } from "../components/SubmitButton";
import { TextField } from "../components/TextField";
import { errorText, type ErrorText } from "../forms/errorText";
import type { FormError } from "../forms/FormError";
import { useI18n } from "../i18n/I18nProvider";
import { checkField, problemText, type FieldProblem } from "./formChecks";
import { formFieldId, formFields, formNodes, fromServerPath } from "../dossiers/formSchema";
import { addListItem, removeListItem, toForm, toValues, type FormValues } from "../dossiers/formValues";
import { FormNodes } from "./FormNodes";
import { serverFault, type ServerFault } from "./serverFieldError";

const EMAIL_ID = "dossier-contact-email";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Props {
  schema: JsonSchema;
  form: Record<string, unknown>;
  contactEmail: string;
  submitLabel: string;
  busyLabel: string;
  // A check outside the generated fields (e.g. that a place is chosen), run with the others.
  extraCheck?: () => FormError | null;
  // Request members outside the form the page shows inputs for (e.g. place → its search box).
  memberFields?: Readonly<Record<string, string>>;
  // A failure the server reported elsewhere (at submission) about this form, shown on arrival.
  initialFault?: ServerFault | null;
  // The input to focus on arrival: a form path ("child_full_name") or "contact_email".
  focusField?: string | undefined;
  onSave: (form: Record<string, unknown>, contactEmail: string) => Promise<void>;
  onSessionError: (error: unknown) => boolean;
}

// The applicant's form, generated from the procedure's JSON Schema, plus the contact e-mail.
// Checked in the browser first; the server's verdict (problem+json `field` = "form.<name>") is
// shown next to the input it names.
export function DossierForm(props: Props) {
  const { t } = useI18n();
  const nodes = useMemo(() => formNodes(props.schema), [props.schema]);
  // Members the applicant has not answered yet start at the schema's default (nationality: Việt Nam).
  const [values, setValues] = useState<FormValues>(() => {
    const start = toValues(nodes, props.form);
    for (const f of formFields(nodes, start))
      if (f.defaultValue !== undefined && (start[f.path] ?? "") === "") start[f.path] = f.defaultValue;
    return start;
  });
  // Lists expand to the items they hold now.
  const fields = formFields(nodes, values);
  const [email, setEmail] = useState(props.contactEmail);
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [emailError, setEmailError] = useState<ErrorText | null>(null);
  const [formError, setFormError] = useState<ErrorText | null>(null);
  const [extraError, setExtraError] = useState<FormError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const showFault = (fault: ServerFault) => {
    setProblems({});
    setEmailError(null);
    setExtraError(null);
    setFormError(null);
    const path = fault.at === "form" ? fromServerPath(fault.path) : "";
    const field = fields.find((f) => f.path === path);
    if (field !== undefined && fault.at === "form") {
      const own = checkField(field, values[path] ?? "");
      setProblems({ [path]: own ?? { kind: "server", detail: fault.detail } });
    } else if (fault.at === "member" && fault.member === "contact_email") {
      setEmailError("errorContactEmail");
    } else if (fault.at === "member" && props.memberFields?.[fault.member] !== undefined) {
      setExtraError({ fieldId: props.memberFields[fault.member] ?? null, text: { detail: fault.detail } });
    } else {
      setFormError(fault.at === "request" ? fault.text : { detail: fault.detail });
    }
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    if (props.initialFault != null) showFault(props.initialFault);
  }, [props.initialFault]);

  useEffect(() => {
    if (props.focusField === undefined) return;
    const id = props.focusField === "contact_email" ? EMAIL_ID : formFieldId(props.focusField);
    const input = document.getElementById(id);
    input?.scrollIntoView({ block: "center" });
    input?.focus();
  }, [props.focusField]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, FieldProblem> = {};
    for (const field of fields) {
      const problem = checkField(field, values[field.path] ?? "");
      if (problem !== null) found[field.path] = problem;
    }
    const mail = email.trim();
    const badEmail = mail !== "" && !EMAIL.test(mail);
    const extra = props.extraCheck?.() ?? null;
    if (Object.keys(found).length > 0 || badEmail || extra !== null) {
      setProblems(found);
      setEmailError(badEmail ? "errorContactEmail" : null);
      setExtraError(extra);
      setFormError(null);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await props.onSave(toForm(nodes, values), mail);
      setProblems({});
      setEmailError(null);
      setFormError(null);
    } catch (error) {
      if (!props.onSessionError(error)) showFault(serverFault(error));
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors: Record<string, string> = {};
  for (const field of fields) {
    const problem = problems[field.path];
    if (problem !== undefined) fieldErrors[field.path] = problemText(t, field, problem);
  }
  const summary: FormError[] = [
    ...(extraError !== null ? [extraError] : []),
    ...(formError !== null ? [{ fieldId: null, text: formError }] : []),
    ...fields.flatMap((f) => {
      const text = fieldErrors[f.path];
      return text === undefined ? [] : [{ fieldId: formFieldId(f.path), text: { detail: text } }];
    }),
    ...(emailError !== null ? [{ fieldId: EMAIL_ID, text: emailError }] : []),
  ];

  return (
    <form class="form dossier-form" noValidate onSubmit={onSubmit} data-testid="dossier-form">
      <ErrorSummary errors={summary} attempt={attempt} headingLevel={3} />
      <p class="field__hint">{t.requiredNote}</p>
      <FormNodes
        nodes={nodes}
        values={values}
        errors={fieldErrors}
        onInput={(path, value) => setValues((v) => ({ ...v, [path]: value }))}
        onAdd={(list) => setValues((v) => addListItem(v, list.path))}
        onRemove={(list, index) => {
          setValues((v) => removeListItem(v, list.path, index));
          // Messages of the list's items would now point at other items.
          setProblems((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith(`${list.path}.`))));
        }}
      />
      <TextField
        id={EMAIL_ID}
        type="email"
        label={t.contactEmailLabel}
        hint={t.contactEmailHint}
        error={emailError !== null ? errorText(t, emailError) : undefined}
        value={email}
        onInput={setEmail}
        autocomplete="email"
        inputMode="email"
      />
      <SubmitButton label={props.submitLabel} busyLabel={props.busyLabel} busy={busy} />
    </form>
  );
}
