import { ApiError } from "../api/client";
import { commonError, type ErrorText } from "../forms/errorText";

// Where a problem+json answer points: a form member ("form.child_full_name"), a document
// ("documents.birth_certificate"), another request member, or the request as a whole.
export type ServerFault =
  | { at: "form"; path: string; detail: string }
  | { at: "document"; component: string; detail: string }
  | { at: "member"; member: string; detail: string }
  | { at: "request"; text: ErrorText };

export function serverFault(error: unknown): ServerFault {
  if (!(error instanceof ApiError)) return { at: "request", text: commonError(error) };
  const field = error.field ?? "";
  if (field.startsWith("form.")) return { at: "form", path: field.slice("form.".length), detail: error.message };
  if (field.startsWith("documents.")) {
    return { at: "document", component: field.slice("documents.".length), detail: error.message };
  }
  if (field !== "") return { at: "member", member: field, detail: error.message };
  // Out of order: the dossier moved on (someone else acted, or it is no longer editable).
  if (error.status === 409) return { at: "request", text: "errorDossierConflict" };
  // E.g. an official trying to apply: only citizens and businesses submit dossiers.
  if (error.status === 403) return { at: "request", text: "errorAdminNotAllowed" };
  if (error.status === 400 || error.status === 422) return { at: "request", text: { detail: error.message } };
  return { at: "request", text: commonError(error) };
}
