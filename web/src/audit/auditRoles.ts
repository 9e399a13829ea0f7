import type { RoleGrant } from "../api/types";

// The place whose log the reader may read ("" for the whole country), or null without the right.
// Mirrors the server's rule for reading the audit log (auditors of a place, national
// administrators), which still checks every request.
export function auditScope(roles: readonly RoleGrant[]): string | null {
  if (roles.some((r) => r.role === "national_admin" || (r.role === "auditor" && r.scope === "VN"))) return "";
  const auditor = roles.find((r) => r.role === "auditor" && r.scope_kind === "place");
  return auditor === undefined ? null : auditor.scope;
}

export const canReadAudit = (roles: readonly RoleGrant[] | null): boolean => roles !== null && auditScope(roles) !== null;
