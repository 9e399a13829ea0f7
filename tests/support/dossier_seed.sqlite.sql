-- Adds :N dossiers of marriage registration (1.000894), on SQLite, for the lists benchmark and the
-- web queue test: the first :LOCAL at commune 00004 (Ba Đình, Hà Nội), the rest spread over every
-- other commune, in a mix of statuses and steps, submitted over the past year, all of one applicant
-- (:APPLICANT, an account id); then rebuilds the per-scope counters the lists read. Run on a stopped
-- server's database; the caller replaces :N, :LOCAL and :APPLICANT (seed_dossiers.mjs).
PRAGMA synchronous = OFF;
CREATE TEMP TABLE bench_communes (i INTEGER PRIMARY KEY, code TEXT NOT NULL, parent_code TEXT NOT NULL);
INSERT INTO bench_communes
  SELECT row_number() OVER (ORDER BY code) - 1, code, parent_code FROM places
  WHERE level = 'commune' AND code <> '00004' AND EXISTS (SELECT 1 FROM agencies a WHERE a.code = 'UBND-' || places.code);
CREATE TEMP TABLE bench_shape AS SELECT (SELECT count(*) FROM bench_communes) AS communes,
  (SELECT version FROM procedures WHERE code = '1.000894') AS version;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :N),
rows AS (
  SELECT i,
    CASE WHEN i < :LOCAL THEN '00004'
         ELSE (SELECT code FROM bench_communes c WHERE c.i = n.i % (SELECT communes FROM bench_shape)) END AS place,
    CASE WHEN i < :LOCAL THEN (SELECT parent_code FROM places WHERE code = '00004')
         ELSE (SELECT parent_code FROM bench_communes c WHERE c.i = n.i % (SELECT communes FROM bench_shape)) END
      AS province,
    CASE i % 10 WHEN 0 THEN 'submitted' WHEN 1 THEN 'submitted' WHEN 2 THEN 'processing' WHEN 3 THEN 'processing'
      WHEN 4 THEN 'processing' WHEN 5 THEN 'awaiting_supplement' WHEN 6 THEN 'result_ready' WHEN 7 THEN 'returned'
      WHEN 8 THEN 'returned' ELSE 'refused' END AS status,
    strftime('%Y-%m-%dT%H:%M:%S+07:00', '2026-12-01 08:00:00', '-' || ((i * 7919) % 31536000) || ' seconds') AS at
  FROM n
)
INSERT INTO dossiers (code, procedure_code, procedure_version, channel, applicant_id, applicant_name, contact_email,
  place_code, agency_code, status, step, step_role, form, fee_vnd, created_at, submitted_at, received_at, due_at,
  step_started_at, step_due_at, paused_at, finished_at, timeliness, version, province_code, queue_rank, urgency_at,
  search_text)
SELECT printf('BENCH-%07d', i), '1.000894', (SELECT version FROM bench_shape), 'online', ':APPLICANT',
  'Người nộp ' || i, '', place, 'UBND-' || place, status,
  CASE status WHEN 'submitted' THEN 'receive' WHEN 'processing' THEN 'assess' WHEN 'awaiting_supplement' THEN 'assess'
    WHEN 'result_ready' THEN 'return' ELSE 'return' END,
  CASE status WHEN 'submitted' THEN 'receiving_officer' WHEN 'processing' THEN 'processing_officer'
    WHEN 'awaiting_supplement' THEN 'processing_officer' WHEN 'result_ready' THEN 'receiving_officer' ELSE '' END,
  '{}', 0, at, at, CASE WHEN status = 'submitted' THEN NULL ELSE at END,
  strftime('%Y-%m-%dT%H:%M:%S+07:00', substr(at, 1, 19), '+5 days'), at,
  CASE WHEN status IN ('submitted', 'processing', 'awaiting_supplement', 'result_ready')
    THEN strftime('%Y-%m-%dT%H:%M:%S+07:00', substr(at, 1, 19), '+2 days') END,
  CASE WHEN status = 'awaiting_supplement' THEN at END,
  CASE WHEN status IN ('returned', 'refused') THEN at END,
  CASE WHEN status = 'returned' THEN 'on_time' END, 1,
  province,
  CASE WHEN status IN ('returned', 'refused') THEN 1 ELSE 0 END,
  CASE WHEN status IN ('submitted', 'processing', 'awaiting_supplement', 'result_ready')
    THEN strftime('%Y-%m-%dT%H:%M:%S+07:00', substr(at, 1, 19), '+2 days') ELSE at END,
  lower(printf('BENCH-%07d', i) || ' người nộp ' || i)
FROM rows;
DELETE FROM dossier_counts;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'applicant:' || applicant_id, status, count(*) FROM dossiers GROUP BY applicant_id, status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'nation', status, count(*) FROM dossiers WHERE status <> 'draft' GROUP BY status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'agency:' || agency_code, status, count(*) FROM dossiers WHERE status <> 'draft' GROUP BY agency_code, status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'queue:' || agency_code || ':' || step_role, status, count(*) FROM dossiers
  WHERE status <> 'draft' AND step_role <> '' GROUP BY agency_code, step_role, status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'place:' || place_code, status, count(*) FROM dossiers WHERE status <> 'draft' GROUP BY place_code, status;
INSERT INTO dossier_counts (scope, status, n)
  SELECT 'province:' || province_code, status, count(*) FROM dossiers
  WHERE status <> 'draft' AND province_code <> '' GROUP BY province_code, status;
COMMIT;
