-- A delegation's or organisation's official nomination (a note verbale or a
-- letter): one per affiliation, with its file (a PDF) kept with it.
CREATE TABLE nominations (
	affiliation_id INTEGER PRIMARY KEY REFERENCES affiliations (id),
	reference      TEXT NOT NULL,
	dated          TEXT NOT NULL,
	focal_point    TEXT NOT NULL DEFAULT '',
	email          TEXT NOT NULL DEFAULT '',
	file           BLOB,
	recorded_at    TEXT NOT NULL,
	recorded_by    TEXT NOT NULL DEFAULT ''
);
