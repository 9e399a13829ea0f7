import { apiUrl, getJson, postJson, sendBytes, sendOnly } from "./client";
import type { Agency, AgencyKind, ImportResult, Official, Page, RoleGrantCreated } from "./types";

const PAGE_SIZE = 50;

// `q` finds agencies by name (accents optional).
export function listAgencies(place: string, cursor: string | null, signal?: AbortSignal, q = "", limit = PAGE_SIZE): Promise<Page<Agency>> {
  return getJson(apiUrl("/agencies", { place, q, cursor, limit }), signal);
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

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  // Who acted as people know them; null for the system or an anonymous registration.
  actor_account: { username: string; display_name: string } | null;
  ip: string;
  action: string;
  object_type: string;
  object_id: string;
  place: string;
  summary: Record<string, unknown>;
  hash: string;
}

export interface AuditFilters {
  // The place whose log is read; "" for the whole country.
  place: string;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  // Instants (RFC 3339) or "".
  from: string;
  to: string;
}

const auditQuery = (f: AuditFilters) => ({
  place: f.place || null,
  actor: f.actor || null,
  action: f.action || null,
  object_type: f.object_type || null,
  object_id: f.object_id || null,
  from: f.from || null,
  to: f.to || null,
});

// Newest first, as an auditor reads it.
export function listAudit(filters: AuditFilters, cursor: string | null, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return getJson(apiUrl("/audit", { ...auditQuery(filters), order: "newest", cursor, limit: PAGE_SIZE }), signal);
}

export function auditExportUrl(filters: AuditFilters, format: "csv" | "xlsx", lang: string): string {
  return apiUrl("/audit/export", { ...auditQuery(filters), format, lang });
}
