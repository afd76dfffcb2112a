package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver

	"accred/data/search"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store keeps an event's data in one SQLite file. It is safe for concurrent
// use, and several programs may open the same file at once.
type Store struct {
	db   *sql.DB
	path string

	// Now returns the current time; tests replace it.
	Now func() time.Time

	indexMu  sync.Mutex
	index    *search.Index
	indexRev int64

	cacheMu sync.Mutex     // guards what the store keeps once read
	keys    *keys          // the event's key pair, once read
	loc     *time.Location // the event's time zone, once read
	signer  *signer        // a station file's scan signer, once read
}

// Open opens the database at path, creating it (readable by its owner only)
// and bringing its schema up to date. A database made by a newer Accred is
// refused with ECONFLICT.
func Open(path string) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, Errorf(EINVALID, "Cannot open the database %s: %v", path, err)
	}
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("restrict database permissions: %w", err)
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_txlock", "immediate")
	q.Set("_busy_timeout", "10000")
	q.Set("_synchronous", "FULL")
	q.Set("_cache_size", "-65536") // 64 MiB: a large import keeps its indexes in memory
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	s := &Store{db: db, path: path, Now: time.Now}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the file the store keeps its data in.
func (s *Store) Path() string { return s.path }

func (s *Store) migrate() error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	for {
		done, err := s.migrateOne(names)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the first migration the database lacks, reading its
// schema version inside the same write transaction, so that two programs
// opening an old database at once never apply a migration twice. It
// reports done when the schema is up to date.
func (s *Store) migrateOne(names []string) (done bool, err error) {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil) // immediate: holds the write lock from here
	if err != nil {
		return false, Errorf(EINVALID, "Cannot open %s as an Accred database: %v", s.path, err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return false, Errorf(EINVALID, "%s is not an Accred database: %v", s.path, err)
	}
	switch {
	case version > len(names):
		return false, Errorf(ECONFLICT, "This database was made by a newer version of Accred (schema %d; this program knows up to %d). Update Accred to open it.", version, len(names))
	case version == len(names):
		return true, nil
	}
	name := names[version]
	body, err := migrations.ReadFile(name)
	if err != nil {
		return false, fmt.Errorf("read migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("apply migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, version+1)); err != nil {
		return false, fmt.Errorf("record migration %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("commit migration %s: %w", name, err)
	}
	return false, nil
}

// withTx runs fn in one short write transaction, committed only if fn succeeds.
func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Backup writes a consistent copy of the database to path while others keep using it.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return Errorf(ECONFLICT, "%s already exists; choose a new file name for the backup.", path)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return Errorf(EINVALID, "Cannot write the backup to %s: %v", path, err)
	}
	return os.Chmod(path, 0o600)
}

func (s *Store) now() string { return s.Now().UTC().Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
