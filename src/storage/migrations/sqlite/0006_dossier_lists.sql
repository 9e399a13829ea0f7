-- Dossier lists that page to their end and stay fast as the table grows: every list sorts on
-- (queue_rank, urgency_at, code) under one equality prefix, with an index for each prefix, and the
-- counts per status come from counters kept in the same transaction as each change.
ALTER TABLE dossiers ADD COLUMN province_code TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN queue_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN urgency_at TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE dossiers SET
  province_code = COALESCE((SELECT CASE p.level WHEN 'commune' THEN p.parent_code WHEN 'province' THEN p.code
                                    ELSE '' END FROM places p WHERE p.code = dossiers.place_code), ''),
  queue_rank = CASE WHEN status = 'draft' THEN 2 WHEN step_role = '' THEN 1 ELSE 0 END,
  urgency_at = COALESCE(step_due_at, due_at, submitted_at, created_at),
  search_text = lower(code || ' ' || applicant_name);

DROP INDEX dossiers_by_applicant;
DROP INDEX dossiers_by_agency;
DROP INDEX dossiers_by_place;
CREATE INDEX dossiers_list_applicant ON dossiers (applicant_id, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_agency ON dossiers (agency_code, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_queue ON dossiers (agency_code, step_role, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_place ON dossiers (place_code, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_province ON dossiers (province_code, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_nation ON dossiers (queue_rank, urgency_at, code);

-- Dossiers per list scope and status ('nation', 'agency:<code>', 'queue:<agency>:<role>',
-- 'place:<code>', 'province:<code>', 'applicant:<account id>').
CREATE TABLE dossier_counts (
  scope TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (scope, status)
) STRICT;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'applicant:' || applicant_id, status, count(*) FROM dossiers GROUP BY applicant_id, status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'nation', status, count(*) FROM dossiers WHERE status <> 'draft' GROUP BY status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'agency:' || agency_code, status, count(*) FROM dossiers WHERE status <> 'draft'
  GROUP BY agency_code, status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'queue:' || agency_code || ':' || step_role, status, count(*) FROM dossiers
  WHERE status <> 'draft' AND step_role <> '' GROUP BY agency_code, step_role, status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'place:' || place_code, status, count(*) FROM dossiers WHERE status <> 'draft'
  GROUP BY place_code, status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'province:' || province_code, status, count(*) FROM dossiers
  WHERE status <> 'draft' AND province_code <> '' GROUP BY province_code, status;

-- Dossier events as the interface other modules read ("events after id N", docs/dossier-events.md):
-- each carries what it is about, so a reader needs no other table.
ALTER TABLE dossier_events ADD COLUMN procedure_code TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier_events ADD COLUMN place_code TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier_events ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier_events ADD COLUMN fee_vnd INTEGER;
ALTER TABLE dossier_events ADD COLUMN paid_online INTEGER;
ALTER TABLE dossier_events ADD COLUMN result_digitised INTEGER;
ALTER TABLE dossier_events ADD COLUMN rating INTEGER;
UPDATE dossier_events SET
  procedure_code = (SELECT d.procedure_code FROM dossiers d WHERE d.code = dossier_events.dossier_code),
  place_code = (SELECT d.place_code FROM dossiers d WHERE d.code = dossier_events.dossier_code),
  channel = (SELECT d.channel FROM dossiers d WHERE d.code = dossier_events.dossier_code);
UPDATE dossier_events SET action = 'confirm_payment', paid_online = 1 WHERE action = 'pay';
UPDATE dossier_events SET result_digitised = 1 WHERE action = 'approve';
