import type { Messages } from "../i18n/messages";

// Falls back to the raw value so a kind added by a newer server still renders.
export function agencyKindLabel(t: Messages, kind: string): string {
  switch (kind) {
    case "people_committee":
      return t.agencyKind_people_committee;
    case "public_service_center":
      return t.agencyKind_public_service_center;
    case "department":
      return t.agencyKind_department;
    case "other":
      return t.agencyKind_other;
    default:
      return kind;
  }
}
