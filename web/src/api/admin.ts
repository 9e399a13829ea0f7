import { apiUrl, getJson, postJson, sendBytes, sendOnly } from "./client";
import type { Agency, AgencyKind, ImportResult, Official, Page, RoleGrantCreated } from "./types";

const PAGE_SIZE = 50;

export function listAgencies(place: string, cursor: string | null, signal?: AbortSignal): Promise<Page<Agency>> {
  return getJson(apiUrl("/agencies", { place, cursor, limit: PAGE_SIZE }), signal);
}

export function getAgency(code: string, signal?: AbortSignal): Promise<Agency> {
  return getJson(apiUrl(`/agencies/${encodeURIComponent(code)}`), signal);
}

export function createAgency(agency: { code: string; name: string; kind: AgencyKind; place_code: string }): Promise<Agency> {
  return postJson(apiUrl("/agencies"), agency);
}

export function listOfficials(agency: string, cursor: string | null, signal?: AbortSignal): Promise<Page<Official>> {
  return getJson(apiUrl("/officials", { agency, cursor, limit: PAGE_SIZE }), signal);
}

export function createOfficial(official: {
  username: string;
  display_name: string;
  agency_code: string;
  password: string;
}): Promise<Omit<Official, "roles">> {
  return postJson(apiUrl("/officials"), official);
}

export function grantRole(grant: {
  account_id: string;
  role: string;
  scope_kind: "agency" | "place";
  scope_code: string;
}): Promise<RoleGrantCreated> {
  return postJson(apiUrl("/role-grants"), grant);
}

export function revokeRole(id: string): Promise<void> {
  return sendOnly("DELETE", apiUrl(`/role-grants/${encodeURIComponent(id)}`));
}

export type OfficialAction = "lock" | "unlock" | "password-reset";

// Lock, unlock, or e-mail a new one-time password.
export function manageOfficial(id: string, action: OfficialAction): Promise<void> {
  return sendOnly("POST", apiUrl(`/officials/${encodeURIComponent(id)}/${action}`));
}

// A dry run checks every row and writes nothing; otherwise the valid rows are written (skip_invalid).
// The file goes as XLSX or CSV by its name; the server checks that the content agrees.
export function importOfficials(file: File, dryRun: boolean): Promise<ImportResult> {
  const type = file.name.toLowerCase().endsWith(".xlsx") ? XLSX_TYPE : "text/csv";
  const body = new Blob([file], { type });
  return sendBytes("POST", apiUrl("/officials/import", dryRun ? { dry_run: "true" } : { skip_invalid: "true" }), body);
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
