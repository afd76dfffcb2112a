package data

import "testing"

func TestRebind(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT * FROM p WHERE a = ? AND b = ?`, `SELECT * FROM p WHERE a = $1 AND b = $2`},
		{`WHERE code = ?1 OR CAST(id AS TEXT) = ?1`, `WHERE code = $1 OR CAST(id AS TEXT) = $1`},
		{`SELECT '?', "a?b", ? -- what?` + "\n" + `, ?`, `SELECT '?', "a?b", $1 -- what?` + "\n" + `, $2`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{`INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, `INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
		{`SELECT ? /* who? */, ?`, `SELECT $1 /* who? */, $2`},
		{`SELECT ? /* unterminated ?`, `SELECT $1 /* unterminated ?`},
		{`CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.a IS NULL THEN RAISE 'a?'; END IF; RETURN NEW; END $$; SELECT ?`,
			`CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.a IS NULL THEN RAISE 'a?'; END IF; RETURN NEW; END $$; SELECT $1`},
		{`DO $body$ SELECT 1 WHERE 'x' ? 'y' $body$; SELECT ?`, `DO $body$ SELECT 1 WHERE 'x' ? 'y' $body$; SELECT $1`},
		{`SELECT $$ unterminated ?`, `SELECT $$ unterminated ?`},
	}
	for _, c := range cases {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
