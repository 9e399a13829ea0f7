import { useState } from "preact/hooks";
import { createToken } from "../api/auth";
import { ApiError } from "../api/client";
import type { NewApiToken } from "../api/types";
import { ErrorSummary } from "../components/ErrorSummary";
import { SubmitButton } from "../components/SubmitButton";
import { TextField } from "../components/TextField";
import { commonError, errorText, type ErrorText } from "../forms/errorText";
import { utf8Length } from "../forms/utf8Length";
import { useI18n } from "../i18n/I18nProvider";

const NAME_ID = "token-name";
const NAME_MAX_BYTES = 100;

interface Props {
  onCreated: (name: string, token: NewApiToken) => void;
  // Returns true when it dealt with the failure (an ended session).
  onSessionError: (error: unknown) => boolean;
}

export function CreateTokenForm({ onCreated, onSessionError }: Props) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<ErrorText | null>(null);
  const [formError, setFormError] = useState<ErrorText | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (field: ErrorText | null, form: ErrorText | null) => {
    setNameError(field);
    setFormError(form);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    if (trimmed === "") return fail("errorTokenNameMissing", null);
    if (utf8Length(trimmed) > NAME_MAX_BYTES) return fail("errorTokenNameTooLong", null);
    setBusy(true);
    try {
      const token = await createToken(trimmed);
      setName("");
      setNameError(null);
      setFormError(null);
      onCreated(trimmed, token);
    } catch (error) {
      if (onSessionError(error)) return;
      if (error instanceof ApiError && error.field === "name") fail("errorTokenNameTooLong", null);
      else fail(null, commonError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary
        headingLevel={3}
        attempt={attempt}
        errors={[
          ...(formError !== null ? [{ fieldId: null, text: formError }] : []),
          ...(nameError !== null ? [{ fieldId: NAME_ID, text: nameError }] : []),
        ]}
      />
      <TextField
        id={NAME_ID}
        label={t.tokenNameLabel}
        hint={t.tokenNameHint}
        error={nameError !== null ? errorText(t, nameError) : undefined}
        value={name}
        onInput={setName}
        autocomplete="off"
      />
      <SubmitButton label={t.createToken} busyLabel={t.creatingToken} busy={busy} />
    </form>
  );
}
