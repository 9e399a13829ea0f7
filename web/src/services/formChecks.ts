import type { Messages } from "../i18n/messages";
import type { FormField } from "../dossiers/formSchema";
import { isCalendarDate } from "../forms/calendarDate";

// A problem with one input, kept as data so its text follows a language switch.
export type FieldProblem =
  | { kind: "required" | "pattern" | "number" | "integer" | "email" | "idNumber" | "date" }
  | { kind: "minLength" | "maxLength" | "minimum" | "maximum"; limit: number }
  // The server's own explanation, when the browser's checks found nothing to say.
  | { kind: "server"; detail: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function patternMatches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return true; // a pattern this browser cannot read is left to the server
  }
}

// The checks JSON Schema states, as the server will apply them (lengths in characters).
export function checkField(field: FormField, raw: string): FieldProblem | null {
  const text = raw.trim();
  if (text === "") return field.required ? { kind: "required" } : null;
  if (field.kind === "integer" || field.kind === "number") {
    const n = Number(text);
    if (!Number.isFinite(n)) return { kind: "number" };
    if (field.kind === "integer" && !Number.isInteger(n)) return { kind: "integer" };
    if (field.minimum !== undefined && n < field.minimum) return { kind: "minimum", limit: field.minimum };
    if (field.maximum !== undefined && n > field.maximum) return { kind: "maximum", limit: field.maximum };
    return null;
  }
  const length = [...text].length;
  if (field.minLength !== undefined && length < field.minLength) return { kind: "minLength", limit: field.minLength };
  if (field.maxLength !== undefined && length > field.maxLength) return { kind: "maxLength", limit: field.maxLength };
  if (field.kind === "email" && !EMAIL.test(text)) return { kind: "email" };
  if (field.kind === "idNumber" && !/^\d{12}$/.test(text)) return { kind: "idNumber" };
  if (field.kind === "date" && !isCalendarDate(text)) return { kind: "date" };
  if (field.pattern !== undefined && !patternMatches(field.pattern, text)) return { kind: "pattern" };
  return null;
}

export function problemText(t: Messages, field: FormField, problem: FieldProblem): string {
  const title = field.context === undefined ? field.title : `${field.title} (${field.context})`;
  switch (problem.kind) {
    case "required":
      return field.kind === "select" || field.kind === "boolean" ? t.formErrorChoose(title) : t.formErrorRequired(title);
    case "pattern":
      return t.formErrorPattern(title);
    case "number":
      return t.formErrorNumber(title);
    case "integer":
      return t.formErrorInteger(title);
    case "email":
      return t.formErrorEmail(title);
    case "idNumber":
      return t.formErrorIdNumber(title);
    case "date":
      return t.formErrorDate(title);
    case "minLength":
      return t.formErrorMinLength(title, problem.limit);
    case "maxLength":
      return t.formErrorMaxLength(title, problem.limit);
    case "minimum":
      return t.formErrorMinimum(title, problem.limit);
    case "maximum":
      return t.formErrorMaximum(title, problem.limit);
    case "server":
      return t.formErrorServer(title, problem.detail);
  }
}
