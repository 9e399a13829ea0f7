import { eventLabel, DOSSIER_EVENTS } from "../dossiers/labels";
import type { AuditAction, AuditObjectType } from "../i18n/auditMessages";
import type { Messages } from "../i18n/messages";

const has = <K extends string>(table: Readonly<Record<K, string>>, key: string): key is K =>
  Object.prototype.hasOwnProperty.call(table, key);

// A recorded action as people read it; a dossier's steps are worded as its timeline words them.
// An action this page does not know yet (a newer server) shows as recorded.
export function auditActionLabel(t: Messages, action: string): string {
  if (has(t.auditActionLabels, action)) return t.auditActionLabels[action as AuditAction];
  const event = /^dossier\.([a-z_]+)$/.exec(action)?.[1];
  if (event !== undefined && DOSSIER_EVENTS.includes(event)) return eventLabel(t, event);
  return action;
}

export function auditObjectLabel(t: Messages, objectType: string): string {
  return has(t.auditObjectLabels, objectType) ? t.auditObjectLabels[objectType as AuditObjectType] : objectType;
}

// Every action the filter offers, as recorded (the value) and as read (the label), sorted by label.
export function auditActionChoices(t: Messages, lang: string): { value: string; label: string }[] {
  const actions = [...Object.keys(t.auditActionLabels), ...DOSSIER_EVENTS.map((e) => `dossier.${e}`)];
  return actions
    .map((value) => ({ value, label: auditActionLabel(t, value) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
}

export function auditObjectChoices(t: Messages): { value: string; label: string }[] {
  return Object.keys(t.auditObjectLabels).map((value) => ({ value, label: auditObjectLabel(t, value) }));
}
