-- The event's local time zone: session times are given in it.
ALTER TABLE event ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';

CREATE TABLE sessions (
	id              INTEGER PRIMARY KEY,
	code            TEXT NOT NULL UNIQUE,
	title           TEXT NOT NULL,
	kind            TEXT NOT NULL,
	room            TEXT NOT NULL,
	starts_at       TEXT NOT NULL, -- YYYY-MM-DD HH:MM, event local time
	ends_at         TEXT NOT NULL,
	capacity        INTEGER NOT NULL DEFAULT 0, -- 0: no limit
	categories      TEXT NOT NULL DEFAULT '',   -- space-separated; empty: all
	invitation_only INTEGER NOT NULL DEFAULT 0,
	records_exits   INTEGER NOT NULL DEFAULT 0,
	early_minutes   INTEGER NOT NULL DEFAULT 30, -- doors open this long before the start
	present         INTEGER NOT NULL DEFAULT 0   -- inside now (or admitted, when exits are not recorded)
);

CREATE TABLE invitations (
	session_id     INTEGER NOT NULL REFERENCES sessions (id),
	participant_id INTEGER NOT NULL REFERENCES participants (id),
	PRIMARY KEY (session_id, participant_id)
);

-- Who is in which session: one row per participant admitted once.
CREATE TABLE presence (
	session_id     INTEGER NOT NULL REFERENCES sessions (id),
	participant_id INTEGER NOT NULL REFERENCES participants (id),
	inside         INTEGER NOT NULL,
	first_in       TEXT NOT NULL,
	last_change    TEXT NOT NULL,
	PRIMARY KEY (session_id, participant_id)
);

-- Every scan at a door, accepted or not, before its verdict is shown.
CREATE TABLE checkins (
	id             TEXT PRIMARY KEY,
	session_id     INTEGER NOT NULL REFERENCES sessions (id),
	participant_id INTEGER,
	station        TEXT NOT NULL,
	operator       TEXT NOT NULL,
	at             TEXT NOT NULL,
	direction      TEXT NOT NULL CHECK (direction IN ('in', 'out')),
	verdict        TEXT NOT NULL CHECK (verdict IN ('accepted', 'already', 'rejected')),
	reason         TEXT NOT NULL DEFAULT '',
	manual         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX checkins_session ON checkins (session_id, at);
