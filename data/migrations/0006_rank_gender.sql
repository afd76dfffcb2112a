-- A participant's gender ('' when not stated), and their rank within the
-- delegation for the List of Participants (0: in the order of import).
ALTER TABLE participants ADD COLUMN gender TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
