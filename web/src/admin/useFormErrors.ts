import { useState } from "preact/hooks";
import type { ErrorText } from "../forms/errorText";
import type { FormError } from "../forms/FormError";

export type FieldErrors<F extends string> = Partial<Record<F, ErrorText>>;

// The error state every administration form shares: per-field errors, one error for the whole
// form, and an attempt counter that moves focus to the summary after each failed submit.
export function useFormErrors<F extends string>(fieldId: (field: F) => string) {
  const [fields, setFields] = useState<FieldErrors<F>>({});
  const [form, setForm] = useState<ErrorText | null>(null);
  const [attempt, setAttempt] = useState(0);

  const fail = (nextFields: FieldErrors<F>, nextForm: ErrorText | null = null) => {
    setFields(nextFields);
    setForm(nextForm);
    setAttempt((n) => n + 1);
  };
  const clear = () => {
    setFields({});
    setForm(null);
  };
  // In the order the fields appear, so the summary reads like the form.
  const summary = (order: readonly F[]): FormError[] => [
    ...(form !== null ? [{ fieldId: null, text: form }] : []),
    ...order.flatMap((f) => {
      const text = fields[f];
      return text === undefined ? [] : [{ fieldId: fieldId(f), text }];
    }),
  ];
  return { fields, attempt, fail, clear, summary };
}
