-- Notifications kept as facts (what happened, to which dossier and procedure, the official's note, the
-- due time), put into words when read, in the reader's language. Rows written before this keep only
-- their Vietnamese `message`.
ALTER TABLE notifications ADD COLUMN kind TEXT;
ALTER TABLE notifications ADD COLUMN procedure_name TEXT;
ALTER TABLE notifications ADD COLUMN note TEXT;
ALTER TABLE notifications ADD COLUMN due_at TEXT;
