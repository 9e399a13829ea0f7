import { apiUrl, getJson, sendBytes } from "./client";
import type { TrackResult, Verification } from "./serviceTypes";

// Public (no sign-in): a dossier's progress, for whoever holds its code and the applicant's number.
export function trackDossier(code: string, idNumber: string, signal?: AbortSignal): Promise<TrackResult> {
  return getJson(apiUrl("/track", { code, id_number: idNumber }), signal);
}

// Public: checks a result PDF's signature and that it is one the platform issued.
export function verifyPdf(file: Blob): Promise<Verification> {
  return sendBytes("POST", apiUrl("/verify"), file);
}
