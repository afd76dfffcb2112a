package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"sync"
	"time"

	"accred/data/atomicfile"
	"accred/data/msg"
	"accred/data/search"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Store keeps an event's data: in one SQLite file on this machine, or on a
// venue's PostgreSQL server shared by every desk and door. It is safe for
// concurrent use, and several programs may use the same database at once.
type Store struct {
	db     *sql.DB
	path   string // the file, or the server's URL without its password
	engine engine

	// Now returns the current time; tests replace it.
	Now func() time.Time

	doorOnly bool // a door's login on a server: no documents, e-mails or signing key
	keyless  bool // a login on a server that may not read the signing key: a desk's or a door's

	indexMu  sync.Mutex
	index    *search.Index
	indexRev int64
	// indexGroups is the last affiliation the index knows the name of.
	indexGroups int64

	cacheMu sync.Mutex        // guards what the store keeps once read
	keys    *keys             // the event's key pair, once read
	loc     *time.Location    // the event's time zone, as read at locRead
	locRead time.Time         // when loc was read: it is read again after settingsFresh
	signer  *signer           // a station file's scan signer, once read
	tokens  map[string]string // on a server, each operator signed in here: the token that makes a connection act as them
}

// Open opens the event database name: a file path (SQLite, created
// readable by its owner only) or a postgres:// URL (a PostgreSQL server),
// and brings its schema up to date. A database made by a newer Accred is
// refused with ECONFLICT.
func Open(name string) (*Store, error) {
	s := &Store{path: Redacted(name), Now: time.Now}
	var err error
	if s.engine, s.db, err = open(name); err != nil {
		return nil, err
	}
	if err := s.migrate(); err != nil {
		s.db.Close()
		return nil, err
	}
	if s.doorOnly, s.keyless, err = s.engine.loginRights(context.Background(), s.db); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("read the login's rights: %w", err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the file the store keeps its data in, or its server's URL
// without the password.
func (s *Store) Path() string { return s.path }

func (s *Store) migrate() error {
	names, err := fs.Glob(migrations, s.engine.migrationsDir()+"/*.sql")
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
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, NewError(EINVALID, msgNotOpened, msg.Args{"Path": s.path, "Err": err})
	}
	defer tx.Rollback()
	version, err := s.engine.schemaVersion(ctx, tx)
	if err != nil {
		return false, NewError(EINVALID, msgNotAccred, msg.Args{"Path": s.path, "Err": err})
	}
	switch {
	case version > len(names):
		return false, NewError(ECONFLICT, msgNewerSchema, msg.Args{"Version": version, "Known": len(names)})
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
	if fix := afterMigration[path.Base(name)]; fix != nil {
		if err := fix(ctx, tx); err != nil {
			return false, fmt.Errorf("apply migration %s: %w", name, err)
		}
	}
	if err := s.engine.setSchemaVersion(ctx, tx, version+1); err != nil {
		return false, fmt.Errorf("record migration %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("commit migration %s: %w", name, err)
	}
	return false, nil
}

// withTx runs fn in one short write transaction, committed only if fn
// succeeds. It is the only transaction writing participants meanwhile.
func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.transact(ctx, s.engine.lockParticipants, fn)
}

// withDoorTx runs fn as withTx does, for a door: doors run side by side,
// while no participant changes under them.
func (s *Store) withDoorTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.transact(ctx, s.engine.shareParticipants, fn)
}

func (s *Store) transact(ctx context.Context, lock func(context.Context, *sql.Tx) error, fn func(*sql.Tx) error) error {
	return transactOn(ctx, s.db, func(ctx context.Context, tx *sql.Tx) error {
		if err := s.actOnServer(ctx, tx); err != nil {
			return err
		}
		return lock(ctx, tx)
	}, fn)
}

// actOnServer tells the server, for the rest of the transaction, the token
// of the operator who acts in ctx (the server then writes their name in the
// audit trail), the station they work at, and the operator's name, which
// the server believes of its owner's login only. A SQLite file needs none.
func (s *Store) actOnServer(ctx context.Context, tx *sql.Tx) error {
	a := actorFrom(ctx)
	return s.engine.tellWhoActs(ctx, tx, s.token(ctx), a.Station, a.Operator)
}

// beginner is a database or one of its connections.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// transactOn runs fn in a transaction begun on db, after lock, committed
// only if fn succeeds.
func transactOn(ctx context.Context, db beginner, lock func(context.Context, *sql.Tx) error, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := lock(ctx, tx); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Backup writes a consistent copy of the database to path while others keep
// using it. The copy is readable by its owner only from its first byte, and
// appears whole or not at all; an existing file is refused (ECONFLICT).
//
// It needs the admin role (EFORBIDDEN).
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	if !s.engine.backsUpToFile() {
		return NewError(ECONFLICT, msgBackupServer, nil)
	}
	err := atomicfile.Create(path, func(f *os.File) error {
		// SQLite fills the empty file made for it, keeping its mode.
		_, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, f.Name())
		return err
	})
	switch {
	case errors.Is(err, atomicfile.ErrExists):
		return NewError(ECONFLICT, msgBackupExists, msg.Args{"Path": path})
	case err != nil:
		return NewError(EINVALID, msgBackupFailed, msg.Args{"Path": path, "Err": err})
	}
	return nil
}

func (s *Store) now() string { return timeText(s.Now()) }

// timeLayout writes times in UTC with a fraction of fixed width, so that
// their text sorts as the times do.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// timeText is how a time is stored.
func timeText(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

var (
	msgNotOpened    = msg.Define("Cannot open {{.Path}} as an Accred database: {{.Err}}")
	msgNotAccred    = msg.Define("{{.Path}} is not an Accred database: {{.Err}}")
	msgNewerSchema  = msg.Define("This database was made by a newer version of Accred (schema {{.Version}}; this program knows up to {{.Known}}). Update Accred to open it.")
	msgBackupServer = msg.Define("This event is kept on a PostgreSQL server: back it up there with pg_dump.")
	msgBackupExists = msg.Define("{{.Path}} already exists; choose a new file name for the backup.")
	msgBackupFailed = msg.Define("Cannot write the backup to {{.Path}}: {{.Err}}")
)
