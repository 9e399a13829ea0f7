import type { Messages, TextKey } from "../i18n/messages";

// Labels of the values the services API sends. Unknown values (from a newer server) show as sent.
function labelOf(t: Messages, table: Readonly<Record<string, TextKey>>, value: string): string {
  const key = Object.prototype.hasOwnProperty.call(table, value) ? table[value] : undefined;
  return key === undefined ? value : t[key];
}

const STATUS: Record<string, TextKey> = {
  draft: "status_draft",
  awaiting_payment: "status_awaiting_payment",
  submitted: "status_submitted",
  received: "status_received",
  processing: "status_processing",
  awaiting_supplement: "status_awaiting_supplement",
  refused: "status_refused",
  withdrawn: "status_withdrawn",
  rejected: "status_rejected",
  result_ready: "status_result_ready",
  returned: "status_returned",
};

// What the buttons say.
const ACTION: Record<string, TextKey> = {
  accept: "action_accept",
  refuse: "action_refuse",
  forward: "action_forward",
  send_back: "action_send_back",
  request_supplement: "action_request_supplement",
  reject: "action_reject",
  transfer: "action_transfer",
  approve: "action_approve",
  return_result: "action_return_result",
  resubmit: "action_resubmit",
  withdraw: "action_withdraw",
  revoke_result: "action_revoke_result",
  rate: "action_rate",
  confirm_payment: "action_confirm_payment",
};

// What happened, in the timeline and the control sheet.
const EVENT: Record<string, TextKey> = {
  create: "event_create",
  submit: "event_submit",
  confirm_payment: "event_pay",
  accept: "event_accept",
  refuse: "event_refuse",
  forward: "event_forward",
  send_back: "event_send_back",
  request_supplement: "event_request_supplement",
  reject: "event_reject",
  transfer: "event_transfer",
  approve: "event_approve",
  return_result: "event_return_result",
  resubmit: "event_resubmit",
  withdraw: "event_withdraw",
  revoke_result: "event_revoke_result",
  rate: "event_rate",
};

// Steps as lists name them (by id); procedures name their own steps in full on the dossier.
const STEP: Record<string, TextKey> = {
  receive: "step_receive",
  assess: "step_assess",
  approve: "step_approve",
  return: "step_return",
};

const TIMELINESS: Record<string, TextKey> = {
  early: "timeliness_early",
  on_time: "timeliness_on_time",
  late: "timeliness_late",
};

const LEVEL: Record<string, TextKey> = {
  commune: "level_commune",
  province: "level_province",
  ministry: "level_ministry",
};

const CHANNEL: Record<string, TextKey> = {
  direct: "channel_direct",
  online: "channel_online",
  postal: "channel_postal",
};

const COPY_KIND: Record<string, TextKey> = {
  original: "copyKind_original",
  copy: "copyKind_copy",
  certified_copy: "copyKind_certified_copy",
  electronic: "copyKind_electronic",
};

const DOCUMENT_SOURCE: Record<string, TextKey> = {
  upload: "documentSource_upload",
  reused_result: "documentSource_reused_result",
};

export const statusLabel = (t: Messages, status: string) => labelOf(t, STATUS, status);
export const actionLabel = (t: Messages, action: string) => labelOf(t, ACTION, action);
export const eventLabel = (t: Messages, action: string) => labelOf(t, EVENT, action);
export const stepLabel = (t: Messages, step: string) => labelOf(t, STEP, step);
export const timelinessLabel = (t: Messages, value: string) => labelOf(t, TIMELINESS, value);
export const levelLabel = (t: Messages, level: string) => labelOf(t, LEVEL, level);
export const channelLabel = (t: Messages, kind: string) => labelOf(t, CHANNEL, kind);
export const copyKindLabel = (t: Messages, kind: string) => labelOf(t, COPY_KIND, kind);
export const documentSourceLabel = (t: Messages, source: string) => labelOf(t, DOCUMENT_SOURCE, source);

export const DOSSIER_STATUSES = Object.keys(STATUS);
export const DOSSIER_EVENTS = Object.keys(EVENT);
