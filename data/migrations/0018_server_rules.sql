-- Who signed in with a PIN on a venue's server, and the server's secret;
-- a SQLite file has them so that the two keep the same tables (its holder
-- is trusted: no one signs in with a token), and writes its secret's row at
-- each try of an unknown name, so that it takes as long as a known one's.
CREATE TABLE sign_ins (
	token    TEXT PRIMARY KEY,
	operator TEXT NOT NULL,
	at       TEXT NOT NULL
);

CREATE TABLE server_secret (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	value TEXT NOT NULL
);
INSERT INTO server_secret (id, value) VALUES (1, lower(hex(randomblob(32))));
