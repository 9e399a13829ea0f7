import { useI18n } from "../i18n/I18nProvider";

interface Props {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}

// The <select> counterpart of TextField: label, hint and error tied to the control.
export function SelectField({ id, label, hint, error, value, options, onChange }: Props) {
  const { t } = useI18n();
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
      <select
        id={id}
        name={id}
        class="field__input field__select"
        value={value}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
