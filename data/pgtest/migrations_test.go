package pgtest_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// migrations returns the migration files of a folder, in the order they apply.
func migrations(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no migrations in %s: %v", dir, err)
	}
	slices.Sort(names)
	return names
}

// migrate applies the migrations in order, each in its own transaction, as the store does.
func migrate(t *testing.T, db *sql.DB, files []string) {
	t.Helper()
	for _, name := range files {
		body, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(string(body)); err != nil {
			t.Fatalf("apply %s: %v", name, err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatalf("commit %s: %v", name, err)
		}
	}
}

func TestPostgreSQLMigrationsTwinTheSQLiteOnes(t *testing.T) {
	lite, pg := migrations(t, "../migrations"), migrations(t, "../migrations/postgres")
	if len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones; every migration needs its twin", len(lite), len(pg))
	}
	for i := range lite {
		if filepath.Base(lite[i]) != filepath.Base(pg[i]) {
			t.Errorf("migration %d is %s for SQLite but %s for PostgreSQL", i+1, filepath.Base(lite[i]), filepath.Base(pg[i]))
		}
	}

	sqliteDB, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "twin.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sqliteDB.Close()
	migrate(t, sqliteDB, lite)
	pgDB := open(t)
	migrate(t, pgDB, pg)

	want, got := sqliteSchema(t, sqliteDB), postgresSchema(t, pgDB)
	for _, line := range want {
		if !slices.Contains(got, line) {
			t.Errorf("PostgreSQL lacks %s", line)
		}
	}
	for _, line := range got {
		if !slices.Contains(want, line) {
			t.Errorf("PostgreSQL has %s, which SQLite does not", line)
		}
	}
}

// The column types each SQLite type may become.
var twinTypes = map[string][]string{
	"INTEGER": {"integer", "bigint", "boolean"},
	"TEXT":    {"text"},
	"BLOB":    {"bytea"},
}

// sqliteSchema describes the tables as lines that postgresSchema also writes:
// each column (with the PostgreSQL types it may have, and whether it may be
// null), each key, foreign key and index.
func sqliteSchema(t *testing.T, db *sql.DB) []string {
	var lines []string
	for _, table := range queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`) {
		rows, err := db.Query(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, table)
		if err != nil {
			t.Fatal(err)
		}
		var pk []string
		for rows.Next() {
			var name, typ string
			var notNull bool
			var pkPos int
			if err := rows.Scan(&name, &typ, &notNull, &pkPos); err != nil {
				t.Fatal(err)
			}
			if pkPos > 0 {
				pk = append(pk, name)
				notNull = true
			}
			lines = append(lines, fmt.Sprintf("column %s.%s %s not null %v", table, name, strings.Join(twinTypes[typ], "|"), notNull))
		}
		rows.Close()
		lines = append(lines, fmt.Sprintf("key %s (%s)", table, strings.Join(pk, ", ")))
		for _, index := range queryStrings(t, db, `SELECT name FROM pragma_index_list(?) WHERE origin = 'u'`, table) {
			cols := queryStrings(t, db, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, index)
			lines = append(lines, fmt.Sprintf("unique %s (%s)", table, strings.Join(cols, ", ")))
		}
		for _, fk := range queryStrings(t, db, `SELECT "from" || ' references ' || "table" || '.' || "to" FROM pragma_foreign_key_list(?)`, table) {
			lines = append(lines, fmt.Sprintf("foreign %s.%s", table, fk))
		}
	}
	for _, index := range queryStrings(t, db, `SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`) {
		lines = append(lines, "index "+index)
	}
	return lines
}

// postgresSchema describes the tables as sqliteSchema does.
func postgresSchema(t *testing.T, db *sql.DB) []string {
	var lines []string
	rows, err := db.Query(`SELECT table_name, column_name, data_type, is_nullable = 'NO'
		FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, name, typ string
		var notNull bool
		if err := rows.Scan(&table, &name, &typ, &notNull); err != nil {
			t.Fatal(err)
		}
		for sqliteType, types := range twinTypes {
			if slices.Contains(types, typ) {
				typ = strings.Join(twinTypes[sqliteType], "|")
			}
		}
		lines = append(lines, fmt.Sprintf("column %s.%s %s not null %v", table, name, typ, notNull))
	}
	rows.Close()
	constraints := `SELECT c.contype, c.conrelid::regclass::text,
			(SELECT string_agg(a.attname, ', ' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
				JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
			COALESCE(c.confrelid::regclass::text || '.' || (SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = c.confkey[1]), '')
		FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')`
	rows, err = db.Query(constraints)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var kind, table, cols, ref string
		if err := rows.Scan(&kind, &table, &cols, &ref); err != nil {
			t.Fatal(err)
		}
		switch kind {
		case "p":
			lines = append(lines, fmt.Sprintf("key %s (%s)", table, cols))
		case "u":
			lines = append(lines, fmt.Sprintf("unique %s (%s)", table, cols))
		case "f":
			lines = append(lines, fmt.Sprintf("foreign %s.%s references %s", table, cols, ref))
		}
	}
	rows.Close()
	// The indexes made with CREATE INDEX, not those behind keys.
	for _, index := range queryStrings(t, db, `SELECT tablename || '.' || indexname FROM pg_indexes WHERE schemaname = 'public'
		AND indexname NOT IN (SELECT conname FROM pg_constraint)`) {
		lines = append(lines, "index "+index)
	}
	return lines
}

func queryStrings(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		list = append(list, s)
	}
	return list
}

// The PostgreSQL schema takes the Go values the store writes (bools for
// flags, byte slices for keys and photos, explicit or generated ids) and gives
// them back as the store scans them.
func TestPostgreSQLSchemaTakesTheStoresValues(t *testing.T) {
	db := open(t)
	migrate(t, db, migrations(t, "../migrations/postgres"))
	now := "2025-10-25T06:50:00.123456789Z"
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := db.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	exec(`INSERT INTO event (id, name, starts_on, ends_on, key_id, public_key, private_key, created_at, timezone)
		VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8)`, "APEC Hanoi", "2025-10-25", "2025-10-27", "ABCDEFGH", []byte{1, 2}, []byte{}, now, "Asia/Ho_Chi_Minh")
	exec(`INSERT INTO categories (code, name, colour, requires, position) VALUES ($1, $2, $3, $4, $5)`, "DEL", "Delegate", "#c00000", "", 0)
	var affiliation int64
	if err := db.QueryRow(`INSERT INTO affiliations (kind, name, country, org_kind, folded) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		"delegation", "Viet Nam", "VN", "", "viet nam").Scan(&affiliation); err != nil {
		t.Fatal(err)
	}
	exec(`INSERT INTO participants (id, category, title, given_name, family_name, native_name, nationality,
		affiliation_id, position, head_of_delegation, email, document_number, document_key, name_key, status, status_at,
		created_by, search_words, sort_key, created_at, updated_at, rev)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
		int64(1), "DEL", "", "Hà", "Nguyễn", "", "VN", sql.NullInt64{Int64: affiliation, Valid: true}, "", true, "",
		"B1234567", "B1234567", "nguyen ha", "registered", now, "desk-1", "nguyen ha 000001 1", "nguyen ha", now, now, int64(1))
	exec(`INSERT INTO photos (participant_id, jpeg) VALUES ($1, $2)
		ON CONFLICT (participant_id) DO UPDATE SET jpeg = excluded.jpeg`, int64(1), []byte{0xff, 0xd8})
	var session int64
	if err := db.QueryRow(`INSERT INTO sessions (code, title, kind, room, starts_at, ends_at, capacity, categories,
		invitation_only, records_exits, early_minutes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		"PL1", "Opening plenary", "plenary", "Hall A", "2025-10-25 14:00", "2025-10-25 16:00", 10, "", false, true, 30).Scan(&session); err != nil {
		t.Fatal(err)
	}
	exec(`INSERT INTO presence (session_id, participant_id, inside, first_in, last_change) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (session_id, participant_id) DO UPDATE SET inside = excluded.inside, last_change = excluded.last_change`,
		session, int64(1), true, now, now)
	exec(`INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict, reason, manual)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, "c1", session, sql.NullInt64{}, "door-1", "Lan", now, "in", "rejected", "forged", false)

	var head, hasPhoto, invitationOnly, recordsExits, inside, manual bool
	var publicKey []byte
	if err := db.QueryRow(`SELECT p.head_of_delegation, EXISTS (SELECT 1 FROM photos WHERE participant_id = p.id),
		s.invitation_only, s.records_exits, pr.inside, c.manual, e.public_key
		FROM participants p, sessions s, presence pr, checkins c, event e`).
		Scan(&head, &hasPhoto, &invitationOnly, &recordsExits, &inside, &manual, &publicKey); err != nil {
		t.Fatal(err)
	}
	if !head || !hasPhoto || invitationOnly || !recordsExits || !inside || manual || string(publicKey) != "\x01\x02" {
		t.Errorf("read back head %v, photo %v, invitation only %v, records exits %v, inside %v, manual %v, key %x",
			head, hasPhoto, invitationOnly, recordsExits, inside, manual, publicKey)
	}

	for _, refused := range []string{
		`INSERT INTO event (id, name, starts_on, ends_on, key_id, public_key, private_key, created_at) VALUES (2, '', '', '', '', '', '', '')`,
		`INSERT INTO affiliations (kind, name, folded) VALUES ('club', 'Chess', 'chess')`,
		`INSERT INTO affiliations (kind, name, folded) VALUES ('delegation', 'VIET NAM', 'viet nam')`,
		`INSERT INTO checkins (id, session_id, station, operator, at, direction, verdict) VALUES ('c2', 1, '', '', '', 'sideways', 'accepted')`,
		`INSERT INTO photos (participant_id, jpeg) VALUES (2, '')`,
	} {
		if _, err := db.Exec(refused); err == nil {
			t.Errorf("accepted %s", refused)
		}
	}
}
