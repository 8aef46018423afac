-- 017_totp.sql: a second factor for back-office accounts (docs/DECISIONS.md,
-- "Accounts"): a TOTP secret (RFC 6238) on the account, the last step a
-- code was accepted for (a code is good once), a secret being enrolled
-- until its first code confirms it; and the sign-ins whose password was
-- right and whose code is awaited.  All internal (src/db/boundary.c).

ALTER TABLE user ADD COLUMN totp_secret TEXT;        -- base32; NULL: no second factor
ALTER TABLE user ADD COLUMN totp_pending TEXT;       -- base32, shown once, until confirmed
ALTER TABLE user ADD COLUMN totp_last_step INTEGER;  -- the step of the last code accepted

CREATE TABLE login_challenge (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,   -- sha256 of the form's token
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	client TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
