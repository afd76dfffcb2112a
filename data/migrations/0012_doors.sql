-- A door's own rule, kept by the name its station gives (the door screen's
-- station, or checkin's --station): the zone every badge must carry to pass
-- it, whatever the session. A door without a row requires no zone. folded
-- is the name as doors look it up: without case, accents or extra spaces.
CREATE TABLE doors (
	folded  TEXT PRIMARY KEY,
	station TEXT NOT NULL,
	zone    INTEGER NOT NULL REFERENCES zones (code)
);
