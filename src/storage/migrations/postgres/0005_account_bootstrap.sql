-- Onboarding officials: a contact address for one-time passwords, a forced password change at the
-- next sign-in (and when the one-time password stops working), and a lock set by an administrator,
-- apart from the automatic lockout after failed logins.
ALTER TABLE accounts ADD COLUMN email TEXT;
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN password_expires_at TEXT;
ALTER TABLE accounts ADD COLUMN disabled_at TEXT;
