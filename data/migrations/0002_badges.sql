-- Every badge printed: which issue, when, by whom.
CREATE TABLE badge_prints (
	id             INTEGER PRIMARY KEY,
	participant_id INTEGER NOT NULL REFERENCES participants (id),
	issue          INTEGER NOT NULL,
	at             TEXT NOT NULL,
	operator       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX badge_prints_participant ON badge_prints (participant_id);

-- Every replacement of a lost or damaged badge: the old issue is refused from then on.
CREATE TABLE badge_reprints (
	id             INTEGER PRIMARY KEY,
	participant_id INTEGER NOT NULL REFERENCES participants (id),
	old_issue      INTEGER NOT NULL,
	new_issue      INTEGER NOT NULL,
	reason         TEXT NOT NULL,
	at             TEXT NOT NULL,
	operator       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX badge_reprints_participant ON badge_reprints (participant_id);
CREATE INDEX participants_category ON participants (category, status);
