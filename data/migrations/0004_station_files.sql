-- Station files this event issued: each file's own id, the public half of
-- the key made for it, and when it was written.
CREATE TABLE station_files (
	id         TEXT PRIMARY KEY,
	public_key BLOB NOT NULL,
	issued_at  TEXT NOT NULL
);

-- The sessions a station file was issued for.
CREATE TABLE station_file_sessions (
	file_id    TEXT NOT NULL REFERENCES station_files (id),
	session_id INTEGER NOT NULL REFERENCES sessions (id),
	PRIMARY KEY (file_id, session_id)
);

-- The roster a station file was issued with: the people its scans may name.
CREATE TABLE station_file_people (
	file_id        TEXT NOT NULL REFERENCES station_files (id),
	participant_id INTEGER NOT NULL REFERENCES participants (id),
	PRIMARY KEY (file_id, participant_id)
);

-- In a station file only: its id and the private half of its key, which
-- never leaves the file. One row.
CREATE TABLE station_key (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	file_id     TEXT NOT NULL,
	private_key BLOB NOT NULL
);

-- A station's scans are signed in a chain: their place in it and the
-- signature over the scan and the one before.
ALTER TABLE checkins ADD COLUMN seq INTEGER;
ALTER TABLE checkins ADD COLUMN signature BLOB;
CREATE INDEX checkins_seq ON checkins (seq) WHERE seq IS NOT NULL;
