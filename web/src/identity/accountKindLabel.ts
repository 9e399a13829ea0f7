import type { Messages } from "../i18n/messages";

// Falls back to the raw value so a kind added by a newer server still renders.
export function accountKindLabel(t: Messages, kind: string): string {
  switch (kind) {
    case "citizen":
      return t.kind_citizen;
    case "business":
      return t.kind_business;
    case "official":
      return t.kind_official;
    default:
      return kind;
  }
}
