-- PostgreSQL twin of ../0018_session_cancelled.sql.

-- A cancelled session stays in the programme and in the trail; its doors
-- refuse every entry, saying it is cancelled.
ALTER TABLE sessions ADD COLUMN cancelled BOOLEAN NOT NULL DEFAULT FALSE;
