-- Badge collection: who was handed a badge, on which document, and where.
-- collected_by is the focal point who collected for the participant, NULL
-- when they collected it themselves; override says a supervisor allowed a
-- document that is not the one registered.
CREATE TABLE collections (
	id             INTEGER PRIMARY KEY,
	participant_id INTEGER NOT NULL REFERENCES participants (id),
	document       TEXT NOT NULL,
	collected_by   INTEGER REFERENCES participants (id),
	at             TEXT NOT NULL,
	station        TEXT NOT NULL DEFAULT '',
	operator       TEXT NOT NULL DEFAULT '',
	override       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX collections_participant ON collections (participant_id);
