-- PostgreSQL twin of ../0005_updated_by.sql.
-- Who last changed a participant's details, so that a desk saving over a
-- newer change can be told who made it.
ALTER TABLE participants ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
