-- The date (YYYY-MM-DD) the participant consented to their personal data
-- being held; '' when not recorded.
ALTER TABLE participants ADD COLUMN consent_on TEXT NOT NULL DEFAULT '';
