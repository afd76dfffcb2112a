-- Invitations to the nominations portal: one focal point's access to one
-- delegation, organisation or media outlet. Only the SHA-256 of the code is
-- kept; an invitation expires and can be revoked.
CREATE TABLE portal_invitations (
	id             INTEGER PRIMARY KEY,
	code_hash      TEXT NOT NULL UNIQUE,
	affiliation_id INTEGER NOT NULL REFERENCES affiliations (id),
	email          TEXT NOT NULL DEFAULT '',
	expires_at     TEXT NOT NULL,
	revoked_at     TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	created_by     TEXT NOT NULL DEFAULT ''
);

-- The invitation whose focal point registered the participant at the
-- portal; NULL for everyone registered at the desk or by an import.
ALTER TABLE participants ADD COLUMN invitation_id INTEGER REFERENCES portal_invitations (id);

-- A media outlet's letter of assignment, a PDF uploaded at the portal.
CREATE TABLE assignment_letters (
	affiliation_id INTEGER PRIMARY KEY REFERENCES affiliations (id),
	file           BLOB NOT NULL,
	uploaded_at    TEXT NOT NULL,
	invitation_id  INTEGER NOT NULL REFERENCES portal_invitations (id)
);

-- The time after which the portal takes no more changes ('' for never):
-- YYYY-MM-DD HH:MM in the event's time zone.
ALTER TABLE event ADD COLUMN registration_closes TEXT NOT NULL DEFAULT '';
