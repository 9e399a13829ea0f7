import { ApiError } from "../api/client";
import { errorText, commonError } from "../forms/errorText";
import type { Messages } from "../i18n/messages";
import { fileSizeText } from "../dossiers/fileText";

// Why an upload was refused, in the reader's language (the server's reason only in English, the
// language it is written in).
export function uploadErrorText(t: Messages, error: unknown, limit: number | undefined): string {
  if (!(error instanceof ApiError)) return errorText(t, commonError(error));
  if (error.status === 413) return limit === undefined ? t.errorFileTooLarge : t.errorFileTooLargeLimit(fileSizeText(t, limit));
  if (error.status === 415) return t.errorFileType;
  // 409 on a component: the dossier holds as many documents as allowed; otherwise it moved on.
  if (error.status === 409) return error.field === "component" ? t.errorFileRefused(error.message) : t.errorDossierConflict;
  if (error.status === 400 || error.status === 422) return t.errorFileRefused(error.message);
  return errorText(t, commonError(error));
}
