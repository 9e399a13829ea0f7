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
    case "commune_police":
      return t.agencyKind_commune_police;
    case "immigration_office":
      return t.agencyKind_immigration_office;
    case "administrative_police":
      return t.agencyKind_administrative_police;
    case "government_office":
      return t.agencyKind_government_office;
    default:
      return kind;
  }
}
