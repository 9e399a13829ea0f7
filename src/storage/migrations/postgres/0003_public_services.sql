-- Public services: the procedure catalogue, dossiers with their documents and control sheet, signed
-- results and the keys that sign them, payments, notifications (in-app and an e-mail outbox), ratings.
CREATE TABLE procedures (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  search_name TEXT NOT NULL,
  sector TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('commune', 'province', 'ministry')),
  fully_online BIGINT NOT NULL,
  definition TEXT NOT NULL,
  version BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX procedures_by_sector ON procedures (sector, code);
CREATE INDEX procedures_by_level ON procedures (level, code);

CREATE TABLE dossier_sequences (
  agency_code TEXT NOT NULL,
  day TEXT NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (agency_code, day)
);

CREATE TABLE dossiers (
  code TEXT PRIMARY KEY,
  procedure_code TEXT NOT NULL REFERENCES procedures (code),
  procedure_version BIGINT NOT NULL,
  channel TEXT NOT NULL,
  applicant_id TEXT NOT NULL REFERENCES accounts (id),
  applicant_name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  place_code TEXT NOT NULL REFERENCES places (code),
  agency_code TEXT NOT NULL REFERENCES agencies (code),
  status TEXT NOT NULL,
  step TEXT NOT NULL,
  step_role TEXT NOT NULL,
  form TEXT NOT NULL,
  fee_vnd BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  received_at TEXT,
  due_at TEXT,
  step_started_at TEXT,
  step_due_at TEXT,
  paused_at TEXT,
  finished_at TEXT,
  timeliness TEXT,
  version BIGINT NOT NULL
);
CREATE INDEX dossiers_by_applicant ON dossiers (applicant_id, created_at);
CREATE INDEX dossiers_by_agency ON dossiers (agency_code, step_role, status, due_at);
CREATE INDEX dossiers_by_place ON dossiers (place_code, status);

CREATE TABLE dossier_documents (
  dossier_code TEXT NOT NULL REFERENCES dossiers (code),
  component_id TEXT NOT NULL,
  storage_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('upload', 'reused_result')),
  reused_from TEXT,
  added_at TEXT NOT NULL,
  PRIMARY KEY (dossier_code, component_id)
);

CREATE TABLE dossier_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_code TEXT NOT NULL REFERENCES dossiers (code),
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  agency_code TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  step TEXT NOT NULL,
  step_started_at TEXT,
  step_due_at TEXT,
  timeliness TEXT,
  comment TEXT NOT NULL
);
CREATE INDEX dossier_events_by_dossier ON dossier_events (dossier_code, id);

CREATE TABLE pki_credentials (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('ca', 'agency')),
  agency_code TEXT,
  subject TEXT NOT NULL,
  serial TEXT NOT NULL,
  certificate_pem TEXT NOT NULL,
  chain_pem TEXT NOT NULL,
  sealed_key TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('platform', 'imported')),
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
  created_at TEXT NOT NULL
);
CREATE INDEX pki_credentials_by_agency ON pki_credentials (agency_code, status);
-- At most one active CA and one active credential per agency, even under concurrent issuing.
CREATE UNIQUE INDEX pki_one_active_ca ON pki_credentials (kind) WHERE kind = 'ca' AND status = 'active';
CREATE UNIQUE INDEX pki_one_active_per_agency ON pki_credentials (agency_code)
  WHERE kind = 'agency' AND status = 'active';

CREATE TABLE results (
  id TEXT PRIMARY KEY,
  dossier_code TEXT NOT NULL UNIQUE REFERENCES dossiers (code),
  title TEXT NOT NULL,
  storage_name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  agency_code TEXT NOT NULL,
  credential_id TEXT NOT NULL REFERENCES pki_credentials (id),
  issued_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT
);

CREATE TABLE payments (
  reference TEXT PRIMARY KEY,
  dossier_code TEXT NOT NULL UNIQUE REFERENCES dossiers (code),
  amount_vnd BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid')),
  transaction_id TEXT UNIQUE,
  created_at TEXT NOT NULL,
  paid_at TEXT
);

CREATE TABLE notifications (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  dossier_code TEXT NOT NULL,
  status TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_by_account ON notifications (account_id, id);

CREATE TABLE outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);

CREATE TABLE ratings (
  dossier_code TEXT PRIMARY KEY REFERENCES dossiers (code),
  account_id TEXT NOT NULL REFERENCES accounts (id),
  score BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT NOT NULL,
  created_at TEXT NOT NULL
);
