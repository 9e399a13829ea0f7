-- The data brain (src/analytics): imported statistics, targets set by administrators over the pack's,
-- and alerts. Dossier figures are not stored here: the engine counts them from dossier_events.

-- One value of an imported series for a place and period. `reported_code` is the code as the file
-- gave it; `mapped` is 1 when it was a pre-2025 unit, read onto today's `place_code` through the
-- pack's old-to-new mapping (`split` 1 when that unit was divided and the value counts in the province).
CREATE TABLE statistics_values (
  element TEXT NOT NULL,
  reported_code TEXT NOT NULL,
  mapped INTEGER NOT NULL CHECK (mapped IN (0, 1)),
  period TEXT NOT NULL,
  place_code TEXT NOT NULL REFERENCES places (code),
  split INTEGER NOT NULL CHECK (split IN (0, 1)),
  value REAL NOT NULL,
  import_id TEXT NOT NULL,
  PRIMARY KEY (element, reported_code, mapped, period)
) STRICT;

CREATE TABLE statistics_imports (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  account_id TEXT REFERENCES accounts (id),
  units TEXT NOT NULL CHECK (units IN ('current', 'pre_2025')),
  rows INTEGER NOT NULL
) STRICT;

-- A target set for a place, over the pack's national default or beside it.
CREATE TABLE analytics_targets (
  indicator TEXT NOT NULL,
  place_code TEXT NOT NULL REFERENCES places (code),
  due_period TEXT NOT NULL,
  value REAL NOT NULL,
  baseline_period TEXT NOT NULL,
  baseline REAL NOT NULL,
  at_risk_margin REAL NOT NULL,
  note TEXT NOT NULL,
  set_by TEXT REFERENCES accounts (id),
  set_at TEXT NOT NULL,
  PRIMARY KEY (indicator, place_code, due_period)
) STRICT;

-- An alert is raised once per rule, place and period; it is acknowledged and resolved by people.
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  indicator TEXT NOT NULL,
  place_code TEXT NOT NULL REFERENCES places (code),
  province_code TEXT NOT NULL,
  period TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
  value REAL,
  expected REAL,
  detail TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES accounts (id),
  comment TEXT NOT NULL,
  UNIQUE (rule, place_code, period)
) STRICT;
CREATE INDEX alerts_feed ON alerts (state, raised_at, id);
CREATE INDEX alerts_by_province ON alerts (province_code, state, raised_at, id);
