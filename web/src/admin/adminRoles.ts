import type { RoleGrant } from "../api/types";

export const ADMIN_ROLES = ["agency_admin", "province_admin", "national_admin"] as const;

// Roles an agency administrator may hand out (on their own agency); higher administrators may
// grant any staff role. The server decides in the end; this only keeps the choice honest.
export const AGENCY_ADMIN_GRANTABLE = ["receiving_officer", "processing_officer", "approving_leader"] as const;
export const STAFF_ROLES = [
  ...AGENCY_ADMIN_GRANTABLE,
  "agency_admin",
  "province_admin",
  "national_admin",
  "auditor",
  "analyst",
] as const;

export const AGENCY_KINDS = ["people_committee", "public_service_center", "department", "other"] as const;

export function isAdmin(roles: readonly RoleGrant[] | null): boolean {
  return roles?.some((r) => (ADMIN_ROLES as readonly string[]).includes(r.role)) ?? false;
}

// Only province and national administrators create agencies.
export function canCreateAgencies(roles: readonly RoleGrant[]): boolean {
  return roles.some((r) => r.role === "province_admin" || r.role === "national_admin");
}

export function grantableRoles(roles: readonly RoleGrant[]): readonly string[] {
  return canCreateAgencies(roles) ? STAFF_ROLES : AGENCY_ADMIN_GRANTABLE;
}

// Where the page opens when no place or agency is in the address: the admin's own scope.
export function homeScope(roles: readonly RoleGrant[]): { place: string } | { agency: string } | null {
  const admin = roles.find((r) => (ADMIN_ROLES as readonly string[]).includes(r.role));
  if (admin === undefined) return null;
  if (admin.scope_kind === "agency") return { agency: admin.scope };
  if (admin.scope_kind === "place" && admin.scope !== "VN") return { place: admin.scope };
  return null;
}
