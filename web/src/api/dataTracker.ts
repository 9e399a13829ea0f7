import { apiUrl, getJson } from "./client";
import type { Page } from "./types";

// One time an official opened one of the caller's dossiers, or one of its papers.
export interface DossierRead {
  at: string;
  dossier: string;
  what: "view" | "document" | string;
  document?: { component: string; name: string };
  official: { name: string; agency: string };
}

export function listDossierReads(cursor: string | null, signal?: AbortSignal): Promise<Page<DossierRead>> {
  return getJson(apiUrl("/me/dossier-reads", { cursor, limit: 50 }), signal);
}

export function dossierReadsExportUrl(format: "csv" | "xlsx", lang: string): string {
  return apiUrl("/me/dossier-reads/export", { format, lang });
}

// Everything Sen holds about the caller, as one JSON file.
export const personalDataUrl = apiUrl("/me/data");
