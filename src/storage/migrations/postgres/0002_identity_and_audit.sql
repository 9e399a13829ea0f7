-- Accounts (citizens, business representatives, officials), their sessions and API tokens, roles
-- granted on places or agencies, and the hash-chained audit log.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('citizen', 'business', 'official')),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  id_number TEXT UNIQUE,
  enterprise_code TEXT,
  agency_code TEXT REFERENCES agencies (code),
  password_hash TEXT,
  oidc_subject TEXT UNIQUE,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE credentials (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  kind TEXT NOT NULL CHECK (kind IN ('session', 'token')),
  secret_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT,
  name TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX credentials_by_account ON credentials (account_id, kind);

CREATE TABLE role_grants (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  role TEXT NOT NULL,
  scope_kind TEXT NOT NULL CHECK (scope_kind IN ('place', 'agency')),
  scope_code TEXT NOT NULL,
  granted_by TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX role_grants_by_account ON role_grants (account_id);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_ip TEXT,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  place_code TEXT,
  summary TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_object ON audit_log (object_type, object_id);
CREATE INDEX audit_by_actor ON audit_log (actor_id);
CREATE INDEX audit_by_place ON audit_log (place_code);
