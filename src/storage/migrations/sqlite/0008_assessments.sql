-- Digital-transformation assessments (src/assessment). A row keeps the framework version it was made
-- with, the respondent's answers and, once an assessor has reviewed it, the assessor's version beside
-- them; score and level are those of the version in force (the assessor's when there is one).
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  framework TEXT NOT NULL,
  framework_version INTEGER NOT NULL,
  subject_id TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  owner_account_id TEXT REFERENCES accounts (id),
  industry TEXT NOT NULL,
  size TEXT NOT NULL,
  place_code TEXT NOT NULL REFERENCES places (code),
  province_code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'confirmed')),
  origin TEXT NOT NULL CHECK (origin IN ('online', 'import')),
  answers TEXT NOT NULL,
  self_score REAL,
  self_level TEXT,
  reviewed_answers TEXT,
  score REAL,
  level TEXT,
  assessor_id TEXT REFERENCES accounts (id),
  review_note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  reviewed_at TEXT,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX assessments_by_owner ON assessments (owner_account_id, created_at, id);
CREATE INDEX assessments_by_subject ON assessments (framework, subject_id, submitted_at);
CREATE INDEX assessments_peers ON assessments (framework, industry, size, province_code, status);
CREATE INDEX assessments_review ON assessments (province_code, status, submitted_at, id);

CREATE TABLE assessment_evidence (
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  item_id TEXT NOT NULL,
  storage_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (assessment_id, item_id)
) STRICT;

-- Co-funding applications (procedure of packs/vn/dx-programme.json): what the programme's rule made
-- of one when it was submitted, and its payment once granted. The decision itself is the dossier's.
CREATE TABLE support_applications (
  dossier_code TEXT PRIMARY KEY REFERENCES dossiers (code),
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  solution_code TEXT NOT NULL,
  cost_vnd INTEGER NOT NULL,
  share REAL NOT NULL,
  cap_vnd INTEGER NOT NULL,
  eligible_vnd INTEGER NOT NULL,
  checked_at TEXT NOT NULL,
  paid_vnd INTEGER,
  paid_at TEXT,
  payment_reference TEXT,
  paid_by TEXT REFERENCES accounts (id)
) STRICT;
