import type { ComponentChildren } from "preact";
import { useI18n } from "../i18n/I18nProvider";

// What every framed control takes: its id, label, optional hint and error, and whether it is required.
export interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
}

// Attributes the frame hands to its control, to spread onto it: the id the label points at, and
// the ARIA state that ties hint, error and "required" to it.
export interface ControlAttributes {
  id: string;
  name: string;
  "aria-required": true | undefined;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

interface Props extends FieldProps {
  class?: string | undefined;
  children: (control: ControlAttributes) => ComponentChildren;
}

// The frame every form control shares: label above, then hint and error tied to the control
// (for, aria-describedby), so they are read with it. Required fields are marked with an asterisk
// (hidden from screen readers, which hear aria-required instead).
export function Field({ id, label, hint, error, required, class: extra, children }: Props) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = describedByOf(id, hint, error);
  const base = error !== undefined ? "field field--error" : "field";
  return (
    <div class={extra === undefined ? base : `${base} ${extra}`}>
      <label class="field__label" for={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      {hint !== undefined && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      <FieldError id={errorId} error={error} />
      {children({
        id,
        name: id,
        "aria-required": required === true ? true : undefined,
        "aria-invalid": error !== undefined ? true : undefined,
        "aria-describedby": describedBy,
      })}
    </div>
  );
}

// The ids a control is described by: its hint and its error, when there are.
export function describedByOf(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint !== undefined ? `${id}-hint` : null, error !== undefined ? `${id}-error` : null].filter((x) => x !== null);
  return ids.length === 0 ? undefined : ids.join(" ");
}

// The asterisk after a required field's label (screen readers hear aria-required instead).
export function RequiredMark({ required }: { required: boolean | undefined }) {
  if (required !== true) return null;
  return (
    <span class="field__required" aria-hidden="true">
      {" "}
      *
    </span>
  );
}

// A field's error, read with its control through aria-describedby.
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useI18n();
  if (error === undefined) return null;
  return (
    <p id={id} class="field__error">
      <span class="visually-hidden">{t.errorPrefix} </span>
      {error}
    </p>
  );
}
