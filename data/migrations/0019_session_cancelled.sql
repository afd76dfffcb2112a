-- A cancelled session stays in the programme and in the trail; its doors
-- refuse every entry, saying it is cancelled.
ALTER TABLE sessions ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;
