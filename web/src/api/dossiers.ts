import { API_BASE, apiUrl, getJson, postJson, putJson, sendBytes, sendOnly } from "./client";
import type { Dossier, DossierListItem, IssuedResult, StoredDocument } from "./serviceTypes";
import type { DossierPage } from "./types";

// A queue of thousands is read a hundred at a time: half the "Xem thêm" presses of fifty.
const PAGE_SIZE = 100;
const path = (code: string, rest = "") => `/dossiers/${encodeURIComponent(code)}${rest}`;
const componentPath = (code: string, component: string, rest = "") =>
  path(code, `/documents/${encodeURIComponent(component)}${rest}`);

// Plain links (downloads, images): the session cookie goes along, no script needed.
export const dossierFileUrl = {
  receipt: (code: string) => `${API_BASE}${path(code, "/receipt")}`,
  result: (code: string) => `${API_BASE}${path(code, "/result")}`,
  resultPreview: (code: string) => `${API_BASE}${path(code, "/result-preview")}`,
  document: (code: string, component: string) => `${API_BASE}${componentPath(code, component)}`,
  paymentQr: (code: string) => `${API_BASE}${path(code, "/payment/qr.svg")}`,
  paymentReceipt: (code: string) => `${API_BASE}${path(code, "/payment/receipt")}`,
};

// Citizens and businesses: their own dossiers. Officials: their queue, or with scope "all" every
// dossier they may read; most urgent first.
export type DossierListQuery = { status?: string; scope?: string; q?: string; overdue?: boolean; due_today?: boolean };

function listParams(query: DossierListQuery) {
  const { overdue, due_today, ...rest } = query;
  return { ...rest, overdue: overdue ? "true" : undefined, due_today: due_today ? "true" : undefined };
}

export function listDossiers(query: DossierListQuery, after: string | null, signal?: AbortSignal): Promise<DossierPage<DossierListItem>> {
  return getJson(apiUrl("/dossiers", { ...listParams(query), cursor: after, limit: PAGE_SIZE }), signal);
}

// The whole list with the same filters, every page, as a spreadsheet in the reader's language.
export function dossierExportUrl(query: DossierListQuery, format: "csv" | "xlsx", lang: string): string {
  return apiUrl("/dossiers/export", { ...listParams(query), format, lang });
}

export function controlSheetExportUrl(code: string, format: "csv" | "xlsx", lang: string): string {
  return apiUrl(path(code, "/control-sheet"), { format, lang });
}

export function getDossier(code: string, signal?: AbortSignal): Promise<Dossier> {
  return getJson(apiUrl(path(code)), signal);
}

export function createDossier(draft: {
  procedure: string;
  place: string;
  form: Record<string, unknown>;
  contact_email?: string;
}): Promise<Dossier> {
  return postJson(apiUrl("/dossiers"), { ...draft, channel: "online" });
}

// A receiving officer registers a dossier brought to the counter in person ("direct") or by post.
export function registerAtCounter(draft: {
  procedure: string;
  place: string;
  channel: "direct" | "postal";
  applicant: { id_number: string; name: string };
  form: Record<string, unknown>;
  contact_email?: string;
}): Promise<Dossier> {
  return postJson(apiUrl("/counter/dossiers"), draft);
}

export function saveDossierForm(code: string, form: Record<string, unknown>, contactEmail: string): Promise<Dossier> {
  return putJson(apiUrl(path(code, "/form")), { form, contact_email: contactEmail });
}

export function uploadDocument(code: string, component: string, file: Blob): Promise<StoredDocument> {
  return sendBytes("PUT", apiUrl(componentPath(code, component)), file);
}

export function reuseResult(code: string, component: string, result: string): Promise<StoredDocument> {
  return postJson(apiUrl(componentPath(code, component, "/reuse")), { result });
}

export function deleteDocument(code: string, component: string): Promise<void> {
  return sendOnly("DELETE", apiUrl(componentPath(code, component)));
}

export function submitDossier(code: string): Promise<Dossier> {
  return postJson(apiUrl(path(code, "/submit")), {});
}

// What an action answers: the dossier as the caller now sees it, or, when a transfer took it out
// of their reach, only where it went.
export type Acted = Dossier | { code: string; visible: false; agency: { code: string; name: string } };

// The applicant's resubmission after a supplement request: they always keep their dossier in sight.
export function resubmitDossier(code: string): Promise<Dossier> {
  return postJson(apiUrl(path(code, "/actions")), { action: "resubmit", comment: "" });
}

export function actOnDossier(
  code: string,
  action: { action: string; comment: string; target_agency?: string },
): Promise<Acted> {
  return postJson(apiUrl(path(code, "/actions")), action);
}

export function rateDossier(code: string, score: number, comment: string): Promise<void> {
  return sendOnly("POST", apiUrl(path(code, "/rating")), { score, comment });
}

export async function listMyResults(signal?: AbortSignal): Promise<IssuedResult[]> {
  return (await getJson<{ items: IssuedResult[] }>(apiUrl("/me/results"), signal)).items;
}
