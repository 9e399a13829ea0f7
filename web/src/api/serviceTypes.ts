// Shapes of the public services API (docs/public-services-api.md). Kept apart from types.ts,
// which holds identity and places.

export type ProcedureLevel = "commune" | "province" | "ministry";
export type ChannelKind = "direct" | "online" | "postal";

export interface TimeLimit {
  unit: "working_days" | "calendar_days" | "same_day" | string;
  value: number;
  // same_day: received at or after this hour (local time) counts from the next working day.
  cutoff_hour?: number | null;
}

// A channel's time limit and fee in force today (in the province of `place=`, when given).
export interface ChannelTerms {
  time_limit: TimeLimit;
  // null: set by the province and not known to the catalogue.
  fee_vnd: number | null;
  fee_note: string;
}

export interface Channel {
  kind: ChannelKind | string;
  time_limit: TimeLimit;
  fee_vnd: number | null;
  fee_note?: string;
  in_force: ChannelTerms;
}

export interface ProcedureSummary {
  code: string;
  name: string;
  sector: string;
  level: ProcedureLevel | string;
  agency: string;
  online_level: "full" | "partial" | string;
  channels: Channel[];
}

export interface ProcedureComponent {
  id: string;
  name: string;
  form_template: string;
  copy_kind: "original" | "copy" | "certified_copy" | "electronic" | string;
  required: boolean;
  reusable_from: string[];
  accepted_types: string[];
}

export interface ProcedureStep {
  id: string;
  name: string;
  role: string;
  share: number;
}

// The subset of JSON Schema the dossier form generator understands.
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
  enum?: (string | number)[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  "x-order"?: number;
  "x-widget"?: string;
}

export interface Procedure extends ProcedureSummary {
  components: ProcedureComponent[];
  form_schema: JsonSchema;
  steps: ProcedureStep[];
  conditions: string;
  result: string;
  legal_basis: string[];
  source_note: string;
  version: number;
  // Not (yet) in the contract: the largest upload the server takes, to say so before uploading.
  upload_limit_bytes?: number;
}

export interface Sector {
  name: string;
  count: number;
}

export type DossierStatus =
  | "draft"
  | "awaiting_payment"
  | "submitted"
  | "received"
  | "processing"
  | "awaiting_supplement"
  | "refused"
  | "withdrawn"
  | "rejected"
  | "result_ready"
  | "returned";

export type DossierAction =
  | "accept"
  | "refuse"
  | "forward"
  | "send_back"
  | "request_supplement"
  | "reject"
  | "transfer"
  | "approve"
  | "return_result"
  | "resubmit"
  | "withdraw";

export type Timeliness = "early" | "on_time" | "late";

export interface CodeName {
  code: string;
  name: string;
}

export interface DossierDocument {
  component: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  source: "upload" | "reused_result" | string;
  added_at: string;
}

// What an upload or a reuse answers: the document without its name and time (the dossier has them).
export type StoredDocument = Omit<DossierDocument, "name" | "added_at"> & Partial<Pick<DossierDocument, "name" | "added_at">>;

export interface Payment {
  reference: string;
  amount_vnd: number;
  status: "pending" | "paid" | string;
  qr_payload: string;
  paid_at: string | null;
}

// Officials see every member; applicants only at, action, to_status, step and comment.
export interface DossierEvent {
  at: string;
  action: string;
  to_status: DossierStatus | string;
  step: string;
  comment: string;
  actor?: string;
  role?: string;
  agency?: string;
  from_status?: DossierStatus | string;
  step_due_at?: string | null;
  timeliness?: Timeliness | null;
}

export interface Dossier {
  code: string;
  procedure: CodeName;
  channel: string;
  place: CodeName;
  agency: CodeName;
  applicant: { name: string };
  contact_email: string;
  status: DossierStatus | string;
  status_code: number | null;
  step: { id: string; name: string; role: string; due_at: string | null } | null;
  form: Record<string, unknown>;
  documents: DossierDocument[];
  fee_vnd: number;
  // The time limit in force when it was submitted (for a draft: if submitted today).
  time_limit: TimeLimit | null;
  payment: Payment | null;
  created_at: string;
  submitted_at: string | null;
  received_at: string | null;
  due_at: string | null;
  finished_at: string | null;
  overdue: boolean;
  paused: boolean;
  timeliness: Timeliness | null;
  allowed_actions: (DossierAction | string)[];
  // For each allowed action: what it asks for and whether it ends the dossier without a result.
  action_terms: Record<string, ActionTerms>;
  events: DossierEvent[];
  result: { title: string; issued_at: string; sha256: string; revoked?: boolean } | null;
  rating: { score: number; comment: string } | null;
  version: number;
}

export interface DossierListItem {
  code: string;
  procedure: CodeName;
  applicant: { name: string };
  status: DossierStatus | string;
  status_code: number | null;
  // The contract leaves the step's shape open: its name (or id) or an object like the dossier's.
  step: string | { id: string; name: string; role?: string } | null;
  due_at: string | null;
  step_due_at: string | null;
  overdue: boolean;
  created_at: string;
  received_at: string | null;
}

export interface IssuedResult {
  dossier: string;
  procedure: CodeName;
  title: string;
  issued_at: string;
}

export interface AppNotification {
  id: string | number;
  dossier: string;
  status: DossierStatus | string;
  message: string;
  created_at: string;
  read: boolean;
}

export interface TrackResult {
  code: string;
  procedure: CodeName;
  status: DossierStatus | string;
  status_code: number | null;
  received_at: string | null;
  due_at: string | null;
  overdue: boolean;
  timeliness: Timeliness | null;
  events: { at: string; action: string; to_status: string; step: string }[];
}

// For a file the platform did not issue (or cannot read) the descriptive members may be empty or null.
export interface Verification {
  valid: boolean;
  altered: boolean;
  trusted: boolean;
  revoked: boolean;
  issuer: string | null;
  issued_at: string | null;
  dossier: string | null;
  title: string | null;
  signer: { subject: string; serial: string } | null;
  // Not in the contract, sent by the server: whether the file has a signature at all, whether the
  // platform issued this very file, and the signature's stated reason.
  signed?: boolean;
  known?: boolean;
  reason?: string;
}

export interface ActionTerms {
  needs_reason: boolean;
  needs_target_agency: boolean;
  ends_without_result: boolean;
  // Approving: the result is signed and issued, so the leader previews it first.
  issues_result: boolean;
  comment_max_chars: number;
}
