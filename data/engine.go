package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3" // the SQLite driver

	"accred/data/msg"
)

// The store speaks the SQL both engines accept; what differs between a
// SQLite file and a PostgreSQL server lives here, and only here.

// engine is the kind of database an event is kept in.
type engine int

const (
	sqliteEngine   engine = iota // one file on this machine
	postgresEngine               // a venue's server, shared by every desk and door
)

// IsServerURL reports whether name is a PostgreSQL URL rather than a file path.
func IsServerURL(name string) bool {
	return strings.HasPrefix(name, "postgres://") || strings.HasPrefix(name, "postgresql://")
}

// migrationsDir is the folder of the engine's numbered migrations.
func (e engine) migrationsDir() string {
	if e == postgresEngine {
		return "migrations/postgres"
	}
	return "migrations"
}

// forUpdate is what a SELECT adds to lock the rows it reads until the end of
// the transaction. A SQLite write transaction holds the whole file already.
func (e engine) forUpdate() string {
	if e == postgresEngine {
		return " FOR UPDATE"
	}
	return ""
}

// openSQLite opens (creating it, owner-only) the SQLite file at path: WAL,
// foreign keys, immediate write transactions, a busy timeout, and every
// commit synchronised to disk.
func openSQLite(path string) (*sql.DB, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, NewError(EINVALID, msgCannotOpenDatabase, msg.Args{"Path": path, "Err": err})
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
	return db, nil
}

// openPostgres connects to the server at rawURL through pgx. The password
// comes from the URL, PGPASSWORD or ~/.pgpass, TLS from sslmode, as every
// PostgreSQL client does.
func openPostgres(rawURL string) (*sql.DB, error) {
	config, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, NewError(EINVALID, msgServerAddress, msg.Args{"Address": Redacted(rawURL), "Err": err})
	}
	if config.RuntimeParams == nil {
		config.RuntimeParams = map[string]string{}
	}
	// A desk waits for another desk's short transaction rather than failing,
	// but not forever.
	config.RuntimeParams["lock_timeout"] = "10s"
	// A server out of reach is reported rather than waited for.
	if config.ConnectTimeout == 0 {
		config.ConnectTimeout = 5 * time.Second
	}
	config.RuntimeParams["application_name"] = "accred"
	db := sql.OpenDB(rebindConnector{stdlib.GetConnector(*config)})
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, NewError(EINVALID, msgServerUnreachable, msg.Args{"Address": Redacted(rawURL), "Err": err})
	}
	return db, nil
}

// Redacted is a database's name as messages show it: a file's path as it
// is, a server's URL without its password.
func Redacted(raw string) string {
	if !IsServerURL(raw) {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "(the server URL)"
	}
	return u.Redacted()
}

// schemaVersion reads the number of migrations applied, inside tx, after
// taking the lock that keeps two programs from migrating at once.
func (e engine) schemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var version int
	if e == sqliteEngine {
		// The immediate transaction holds the file's write lock already.
		err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version)
		return version, err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, migrationLock); err != nil {
		return 0, err
	}
	var made bool
	if err := tx.QueryRowContext(ctx, `SELECT to_regclass('schema_version') IS NOT NULL`).Scan(&made); err != nil {
		return 0, err
	}
	if !made {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE schema_version (version INTEGER NOT NULL)`); err != nil {
			return 0, err
		}
	}
	err := tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return version, err
}

// setSchemaVersion records, inside the migration's transaction, that
// version migrations are applied.
func (e engine) setSchemaVersion(ctx context.Context, tx *sql.Tx, version int) error {
	if e == sqliteEngine {
		_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, version))
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, version)
	return err
}

// Advisory locks of a PostgreSQL event database: numbers every Accred
// program agrees on.
const (
	migrationLock   = 7_301_001 // one program migrates at a time
	participantLock = 7_301_002 // one desk writes participants at a time
)

// lockParticipants makes the transaction the only one writing participants
// until it ends, as SQLite's write lock does: ids, badge numbers and the
// revision counter are then given out in commit order, without gaps or
// collisions between desks.
func (e engine) lockParticipants(ctx context.Context, tx *sql.Tx) error {
	return e.advisoryLock(ctx, tx, `pg_advisory_xact_lock`)
}

// shareParticipants lets the transaction read participants while other
// doors do, but not while a desk writes them: a badge replaced by a reprint
// is seen as replaced by every door from the moment the reprint commits.
func (e engine) shareParticipants(ctx context.Context, tx *sql.Tx) error {
	return e.advisoryLock(ctx, tx, `pg_advisory_xact_lock_shared`)
}

// advisoryLock takes the participants' lock on a server with function, until
// the transaction ends; SQLite's write transactions hold the file already.
func (e engine) advisoryLock(ctx context.Context, tx *sql.Tx, function string) error {
	if e == sqliteEngine {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT `+function+`(?)`, participantLock); err != nil {
		return fmt.Errorf("wait for the other desks and doors: %w", err)
	}
	return nil
}

// loginRights reports whether the server's login is a door's, which may
// not read personal documents, and whether it may not read the event's
// signing key, as a desk's and a door's may not (see InitServer).
func (e engine) loginRights(ctx context.Context, db *sql.DB) (door, keyless bool, err error) {
	if e == sqliteEngine {
		return false, false, nil
	}
	var documents, key bool
	err = db.QueryRowContext(ctx, `SELECT has_column_privilege('participants', 'document_number', 'SELECT'),
		has_column_privilege('event', 'private_key', 'SELECT')`).Scan(&documents, &key)
	return !documents, !key, err
}

// rebindConnector hands out pgx connections that take the store's ?
// placeholders.
type rebindConnector struct{ driver.Connector }

func (c rebindConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return rebindConn{conn.(*stdlib.Conn)}, nil
}

// rebindConn is a pgx connection whose statements are rebound before they
// reach the server; every other ability of pgx's connection is its own.
type rebindConn struct{ *stdlib.Conn }

func (c rebindConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(rebind(query))
}

func (c rebindConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(query))
}

func (c rebindConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c rebindConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(query), args)
}

var (
	msgCannotOpenDatabase = msg.Define("Cannot open the database {{.Path}}: {{.Err}}")
	msgServerAddress      = msg.Define("Cannot read the server address {{.Address}}: {{.Err}}")
	msgServerUnreachable  = msg.Define("Cannot reach the event server {{.Address}}: {{.Err}}")
)

// Unreachable reports whether err says the database could not be reached
// or answer (a server stopped, starting, or cut off midway), rather than
// refusing: what is tried again later may then succeed. The store's own
// refusals and a server's other answers are not.
func Unreachable(err error) bool {
	var refused *Error
	if err == nil || errors.As(err, &refused) || errors.Is(err, context.Canceled) {
		return false
	}
	var answered *pgconn.PgError
	if errors.As(err, &answered) {
		// connection exceptions; the server shutting down, crashed or starting
		return strings.HasPrefix(answered.Code, "08") || strings.HasPrefix(answered.Code, "57P")
	}
	return true
}
