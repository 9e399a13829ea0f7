import type { RoleGrant } from "../api/types";

// Roles that read dossiers of their agency or place: they get the officials' workspace.
// The server decides what each may see and do; this only chooses what the navigation offers.
const WORKSPACE_ROLES: readonly string[] = [
  "receiving_officer",
  "processing_officer",
  "approving_leader",
  "agency_admin",
  "province_admin",
  "national_admin",
  "auditor",
];

const APPLICANT_ROLES: readonly string[] = ["citizen", "business_representative"];

export function hasWorkspace(roles: readonly RoleGrant[] | null): boolean {
  return roles?.some((r) => WORKSPACE_ROLES.includes(r.role)) ?? false;
}

// Citizens and business representatives submit dossiers of their own.
export function isApplicant(roles: readonly RoleGrant[] | null): boolean {
  return roles?.some((r) => APPLICANT_ROLES.includes(r.role)) ?? false;
}

// Receiving officers register dossiers brought to the counter in person or by post.
export function atCounter(roles: readonly RoleGrant[] | null): boolean {
  return roles?.some((r) => r.role === "receiving_officer") ?? false;
}
