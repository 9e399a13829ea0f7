import { useI18n } from "../i18n/I18nProvider";

interface Props {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "password";
  autocomplete?: string;
  inputMode?: "text" | "numeric";
  // Mobile keyboards: codes and usernames stay as typed; names start each word in capitals.
  autocapitalize?: "none" | "words";
  class?: string;
}

// Label, hint and error are tied to the input (for, aria-describedby), so they are read with it.
export function TextField(props: Props) {
  const { t } = useI18n();
  const { id, label, hint, error } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null]
    .filter((x) => x !== null)
    .join(" ");
  return (
    <div class={error !== undefined ? "field field--error" : "field"}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {hint !== undefined && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} class="field__error">
          <span class="visually-hidden">{t.errorPrefix} </span>
          {error}
        </p>
      )}
      <input
        id={id}
        name={id}
        type={props.type ?? "text"}
        class={`field__input ${props.class ?? ""}`.trim()}
        value={props.value}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        spellcheck={false}
        autocapitalize={props.autocapitalize ?? "none"}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </div>
  );
}
