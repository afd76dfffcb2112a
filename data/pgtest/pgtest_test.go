package pgtest_test

import (
	"context"
	"database/sql"
	"testing"

	"accred/data/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// open connects to a new throwaway database through database/sql and the
// pgx driver, as the store will.
func open(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestDatabaseIsAWorkingPostgreSQL15(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	var version int
	if err := db.QueryRowContext(ctx, `SHOW server_version_num`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version < 150000 {
		t.Errorf("server version %d, want PostgreSQL 15 or later", version)
	}
	var fsync string
	if err := db.QueryRowContext(ctx, `SHOW fsync`).Scan(&fsync); err != nil {
		t.Fatal(err)
	}
	if fsync != "on" {
		t.Errorf("fsync = %s, want on: durability is part of what the tests check", fsync)
	}

	if _, err := db.ExecContext(ctx, `CREATE TABLE names (id BIGINT PRIMARY KEY, name TEXT NOT NULL, photo BYTEA NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO names (id, name, photo) VALUES ($1, $2, $3)`, 7, "Nguyễn Thị Hà", []byte{0xff, 0xd8, 0}); err != nil {
		t.Fatal(err)
	}
	var name string
	var photo []byte
	if err := db.QueryRowContext(ctx, `SELECT name, photo FROM names WHERE id = $1`, 7).Scan(&name, &photo); err != nil {
		t.Fatal(err)
	}
	if name != "Nguyễn Thị Hà" || string(photo) != "\xff\xd8\x00" {
		t.Errorf("read back %q %x, want the name and photo written", name, photo)
	}
}

func TestEveryTestHasItsOwnDatabaseDroppedAtTheEnd(t *testing.T) {
	var first string
	t.Run("first", func(t *testing.T) {
		db := open(t)
		if err := db.QueryRow(`SELECT current_database()`).Scan(&first); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`CREATE TABLE left_behind (id INTEGER)`); err != nil {
			t.Fatal(err)
		}
		// The connection stays open: the database is dropped all the same.
	})
	db := open(t)
	var tables int
	if err := db.QueryRow(`SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Errorf("a new database holds %d tables, want none", tables)
	}
	var still bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, first).Scan(&still); err != nil {
		t.Fatal(err)
	}
	if first == "" || still {
		t.Errorf("database %q still exists after its test ended", first)
	}
}

func TestSharedDatabaseOutlivesTheTestThatMadeIt(t *testing.T) {
	var shared string
	t.Run("maker", func(t *testing.T) {
		shared = pgtest.SharedDatabase(t)
		db, err := sql.Open("pgx", shared)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`CREATE TABLE kept (id INTEGER)`); err != nil {
			t.Fatal(err)
		}
	})
	db, err := sql.Open("pgx", shared)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables int
	if err := db.QueryRow(`SELECT COUNT(*) FROM pg_tables WHERE tablename = 'kept'`).Scan(&tables); err != nil || tables != 1 {
		t.Fatalf("the shared database holds %d kept tables (%v), want it as its maker left it", tables, err)
	}
}
