-- Security clearance: what the host country's security service is asked
-- about each participant, and its answer: pending, cleared or refused.
ALTER TABLE participants ADD COLUMN date_of_birth TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN place_of_birth TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN clearance TEXT NOT NULL DEFAULT 'pending';
