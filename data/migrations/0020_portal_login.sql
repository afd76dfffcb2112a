-- The nominations portal's login on a venue's server: a SQLite file has
-- no logins, and nothing to change here.
SELECT 1;
