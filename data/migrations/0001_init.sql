-- The event this database belongs to; one row.
CREATE TABLE event (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	name        TEXT NOT NULL,
	starts_on   TEXT NOT NULL,
	ends_on     TEXT NOT NULL,
	key_id      TEXT NOT NULL,
	public_key  BLOB NOT NULL,
	private_key BLOB NOT NULL,
	created_at  TEXT NOT NULL
);

CREATE TABLE categories (
	code     TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	colour   TEXT NOT NULL,
	requires TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL
);

CREATE TABLE affiliations (
	id       INTEGER PRIMARY KEY,
	kind     TEXT NOT NULL CHECK (kind IN ('delegation', 'organization', 'media')),
	name     TEXT NOT NULL,
	country  TEXT NOT NULL DEFAULT '',
	org_kind TEXT NOT NULL DEFAULT '',
	folded   TEXT NOT NULL,
	UNIQUE (kind, folded)
);

CREATE TABLE participants (
	id                 INTEGER PRIMARY KEY,
	category           TEXT NOT NULL REFERENCES categories (code),
	title              TEXT NOT NULL DEFAULT '',
	given_name         TEXT NOT NULL DEFAULT '',
	family_name        TEXT NOT NULL,
	native_name        TEXT NOT NULL DEFAULT '',
	nationality        TEXT NOT NULL,
	affiliation_id     INTEGER REFERENCES affiliations (id),
	position           TEXT NOT NULL DEFAULT '',
	head_of_delegation INTEGER NOT NULL DEFAULT 0,
	email              TEXT NOT NULL DEFAULT '',
	document_number    TEXT NOT NULL,
	document_key       TEXT NOT NULL,
	name_key           TEXT NOT NULL,
	status             TEXT NOT NULL DEFAULT 'registered',
	status_at          TEXT NOT NULL,
	created_by         TEXT NOT NULL DEFAULT '',
	badge_issue        INTEGER NOT NULL DEFAULT 0,
	search_words       TEXT NOT NULL,
	sort_key           TEXT NOT NULL,
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL,
	rev                INTEGER NOT NULL,
	UNIQUE (nationality, document_key)
);
CREATE INDEX participants_rev ON participants (rev);
CREATE INDEX participants_name ON participants (nationality, name_key);
CREATE INDEX participants_affiliation ON participants (affiliation_id);

CREATE TABLE photos (
	participant_id INTEGER PRIMARY KEY REFERENCES participants (id),
	jpeg           BLOB NOT NULL
);

-- Every change of status after registration: who, when and why. Registration
-- itself is participants.created_at and created_by.
CREATE TABLE status_changes (
	id             INTEGER PRIMARY KEY,
	participant_id INTEGER NOT NULL REFERENCES participants (id),
	status         TEXT NOT NULL,
	at             TEXT NOT NULL,
	operator       TEXT NOT NULL DEFAULT '',
	note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX status_changes_participant ON status_changes (participant_id);
