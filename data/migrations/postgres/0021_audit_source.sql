-- PostgreSQL twin of ../0020_audit_source.sql.

-- The file an import read, on each line of the trail for a change it
-- made; '' for a change made otherwise.
ALTER TABLE audit ADD COLUMN source TEXT NOT NULL DEFAULT '';
