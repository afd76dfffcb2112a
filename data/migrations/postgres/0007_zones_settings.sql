-- PostgreSQL twin of ../0007_zones_settings.sql.

-- Access zones: where a badge lets its holder go. A zone is a number and a
-- name; categories lists (space-separated) the categories that have it.
CREATE TABLE zones (
	code       INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	categories TEXT NOT NULL DEFAULT ''
);

-- A participant's zones beyond their category's: granted adds the zone,
-- otherwise it is taken away.
CREATE TABLE participant_zones (
	participant_id BIGINT NOT NULL REFERENCES participants (id),
	zone           INTEGER NOT NULL REFERENCES zones (code),
	granted        BOOLEAN NOT NULL,
	PRIMARY KEY (participant_id, zone)
);

-- The zone a badge must carry to enter a session; 0: none.
ALTER TABLE sessions ADD COLUMN zone INTEGER NOT NULL DEFAULT 0;

-- The event's settings beyond its name and time zone.
ALTER TABLE event ADD COLUMN clearance_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE event ADD COLUMN nominations_required BOOLEAN NOT NULL DEFAULT FALSE;
