-- Agencies come from the pack with their contact details ('' where unknown) and are found by kind at a
-- place; a dossier keeps the time limit in force on the day it was submitted.
ALTER TABLE agencies ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN office_hours TEXT NOT NULL DEFAULT '';
CREATE INDEX agencies_by_kind ON agencies (kind, place_code);

ALTER TABLE dossiers ADD COLUMN time_limit_unit TEXT;
ALTER TABLE dossiers ADD COLUMN time_limit_value INTEGER;
ALTER TABLE dossiers ADD COLUMN time_limit_cutoff_hour INTEGER;
