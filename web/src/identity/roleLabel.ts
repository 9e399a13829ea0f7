import type { RoleGrant } from "../api/types";
import type { Messages } from "../i18n/messages";

// Falls back to the raw value so a role added by a newer server still renders.
export function roleLabel(t: Messages, role: string): string {
  switch (role) {
    case "citizen":
      return t.role_citizen;
    case "business_representative":
      return t.role_business_representative;
    case "receiving_officer":
      return t.role_receiving_officer;
    case "processing_officer":
      return t.role_processing_officer;
    case "approving_leader":
      return t.role_approving_leader;
    case "agency_admin":
      return t.role_agency_admin;
    case "province_admin":
      return t.role_province_admin;
    case "national_admin":
      return t.role_national_admin;
    case "auditor":
      return t.role_auditor;
    case "analyst":
      return t.role_analyst;
    default:
      return role;
  }
}

// A place grant covers the place and everything in it; "VN" is the whole country.
export function scopeLabel(t: Messages, grant: RoleGrant): string {
  if (grant.scope_kind === "place") return grant.scope === "VN" ? t.scopeNationwide : t.scopePlace(grant.scope);
  if (grant.scope_kind === "agency") return t.scopeAgency(grant.scope);
  return `${grant.scope_kind} ${grant.scope}`;
}
