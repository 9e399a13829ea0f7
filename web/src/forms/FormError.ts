import type { ErrorText } from "./errorText";

// One entry of an error summary; `fieldId` is the id of the input it links to, if any.
export interface FormError {
  fieldId: string | null;
  text: ErrorText;
}
