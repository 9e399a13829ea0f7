-- The same dossiers as dossier_seed.sqlite.sql, on PostgreSQL.
SET synchronous_commit = off;
CREATE TEMP TABLE bench_communes AS
  SELECT (row_number() OVER (ORDER BY code) - 1)::bigint AS i, code, parent_code FROM places
  WHERE level = 'commune' AND code <> '00004' AND EXISTS (SELECT 1 FROM agencies a WHERE a.code = 'UBND-' || places.code);
CREATE UNIQUE INDEX ON bench_communes (i);
BEGIN;
WITH shape AS (SELECT (SELECT count(*) FROM bench_communes) AS communes,
                      (SELECT version FROM procedures WHERE code = '1.000894') AS version),
rows AS (
  SELECT g.i,
    CASE WHEN g.i < :LOCAL THEN '00004' ELSE c.code END AS place,
    CASE WHEN g.i < :LOCAL THEN (SELECT parent_code FROM places WHERE code = '00004') ELSE c.parent_code END AS province,
    CASE g.i % 10 WHEN 0 THEN 'submitted' WHEN 1 THEN 'submitted' WHEN 2 THEN 'processing' WHEN 3 THEN 'processing'
      WHEN 4 THEN 'processing' WHEN 5 THEN 'awaiting_supplement' WHEN 6 THEN 'result_ready' WHEN 7 THEN 'returned'
      WHEN 8 THEN 'returned' ELSE 'refused' END AS status,
    timestamp '2026-12-01 08:00:00' - ((g.i * 7919) % 31536000) * interval '1 second' AS at
  FROM generate_series(0::bigint, :N - 1) AS g(i) CROSS JOIN shape
  LEFT JOIN bench_communes c ON c.i = g.i % shape.communes
)
INSERT INTO dossiers (code, procedure_code, procedure_version, channel, applicant_id, applicant_name, contact_email,
  place_code, agency_code, status, step, step_role, form, fee_vnd, created_at, submitted_at, received_at, due_at,
  step_started_at, step_due_at, paused_at, finished_at, timeliness, version, province_code, queue_rank, urgency_at,
  search_text)
SELECT 'BENCH-' || lpad(i::text, 7, '0'), '1.000894', (SELECT version FROM shape), 'online', ':APPLICANT',
  'Người nộp ' || i, '', place, 'UBND-' || place, status,
  CASE status WHEN 'submitted' THEN 'receive' WHEN 'processing' THEN 'assess' WHEN 'awaiting_supplement' THEN 'assess'
    ELSE 'return' END,
  CASE status WHEN 'submitted' THEN 'receiving_officer' WHEN 'processing' THEN 'processing_officer'
    WHEN 'awaiting_supplement' THEN 'processing_officer' WHEN 'result_ready' THEN 'receiving_officer' ELSE '' END,
  '{}', 0, t, t, CASE WHEN status = 'submitted' THEN NULL ELSE t END, due, t,
  CASE WHEN status IN ('submitted', 'processing', 'awaiting_supplement', 'result_ready') THEN step_due END,
  CASE WHEN status = 'awaiting_supplement' THEN t END,
  CASE WHEN status IN ('returned', 'refused') THEN t END,
  CASE WHEN status = 'returned' THEN 'on_time' END, 1, province,
  CASE WHEN status IN ('returned', 'refused') THEN 1 ELSE 0 END,
  CASE WHEN status IN ('submitted', 'processing', 'awaiting_supplement', 'result_ready') THEN step_due ELSE t END,
  lower('BENCH-' || lpad(i::text, 7, '0') || ' người nộp ' || i)
FROM (SELECT rows.*, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS t,
             to_char(at + interval '5 days', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS due,
             to_char(at + interval '2 days', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS step_due FROM rows) r;
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
-- What autovacuum does soon after a bulk load on a real server.
ANALYZE dossiers;
