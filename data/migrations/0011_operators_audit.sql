-- Operators: the people who sign in at a station. pin_hash is argon2id's
-- (see data/pin.go), never the PIN; roles is a comma-separated list of
-- admin, desk, printing, door and viewer. failed counts wrong PINs since
-- the last good one, and after too many the operator waits until
-- locked_until. participant_id links a staff badge that signs them in.
CREATE TABLE operators (
	name           TEXT PRIMARY KEY,
	folded         TEXT NOT NULL UNIQUE,
	roles          TEXT NOT NULL,
	pin_hash       TEXT NOT NULL,
	participant_id INTEGER REFERENCES participants (id),
	disabled       INTEGER NOT NULL DEFAULT 0,
	failed         INTEGER NOT NULL DEFAULT 0,
	locked_until   TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	created_by     TEXT NOT NULL DEFAULT ''
);

-- The audit trail: every change, when, by whom, at which station, and what
-- it changed (one row a field for edits). It is append-only: the triggers
-- below refuse to change or remove a row, except inside a purge, which
-- marks itself in audit_purge for the length of its transaction.
CREATE TABLE audit (
	id             INTEGER PRIMARY KEY,
	at             TEXT NOT NULL,
	operator       TEXT NOT NULL DEFAULT '',
	station        TEXT NOT NULL DEFAULT '',
	participant_id INTEGER,
	action         TEXT NOT NULL,
	field          TEXT NOT NULL DEFAULT '',
	old            TEXT NOT NULL DEFAULT '',
	new            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_participant ON audit (participant_id);
CREATE INDEX audit_at ON audit (at);

CREATE TABLE audit_purge (
	id INTEGER PRIMARY KEY CHECK (id = 1)
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN NOT EXISTS (SELECT 1 FROM audit_purge)
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
WHEN NOT EXISTS (SELECT 1 FROM audit_purge)
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
