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

// What else differs, by what the store does.

// open opens the event database name: a postgres:// URL on its server,
// anything else as a SQLite file.
func open(name string) (engine, *sql.DB, error) {
	if IsServerURL(name) {
		db, err := openPostgres(name)
		return postgresEngine, db, err
	}
	db, err := openSQLite(name)
	return sqliteEngine, db, err
}

// OnServer reports whether the event is kept on a PostgreSQL server rather
// than in a file.
func (s *Store) OnServer() bool { return s.engine == postgresEngine }

// openSQLiteToRead opens the SQLite file at path, an event's backup or a
// door's station file whatever the engine of the event, to read without
// changing it; immutable reads it as it is, leaving no journal beside it.
func openSQLiteToRead(path string, immutable bool) (*sql.DB, error) {
	mode := "?mode=ro"
	if immutable {
		mode += "&immutable=1"
	}
	return sql.Open("sqlite3", "file:"+url.PathEscape(path)+mode)
}

// beginSnapshot begins a transaction that reads the whole event as it
// stands at its start: read-only on a server, which then takes no locks; a
// SQLite transaction holds the file, and its driver begins none read-only.
func (e engine) beginSnapshot(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: e == postgresEngine})
	if err != nil {
		return nil, fmt.Errorf("begin reading: %w", err)
	}
	return tx, nil
}

// tellWhoActs tells a server, for the rest of the transaction, the token of
// the operator who acts (the server then writes their name in the audit
// trail), the station they work at, and the operator's name, which the
// server believes of its owner's login only. A SQLite file needs none: the
// store writes the trail itself.
func (e engine) tellWhoActs(ctx context.Context, tx *sql.Tx, token, station, operator string) error {
	if e == sqliteEngine {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT set_config('accred.token', ?, true), set_config('accred.station', ?, true),
		set_config('accred.operator', ?, true)`, token, station, operator); err != nil {
		return fmt.Errorf("tell the server who acts: %w", err)
	}
	return nil
}

// guardsOperators reports whether operators are added, changed and signed
// in by the database's own functions (accred_add_operator,
// accred_change_operator, accred_sign_in), which check who acts and write
// the trail: on a server no desk's login writes operators or reads a PIN's
// hash. In a SQLite file the store does it.
func (e engine) guardsOperators() bool { return e == postgresEngine }

// countsScansItself reports whether the database counts each admission it
// records and writes the scan's line in the trail (a server's
// checkin_count, and accred_recount after a merge: its doors' logins may
// not change presence or the trail). In a SQLite file the store does both.
func (e engine) countsScansItself() bool { return e == postgresEngine }

// lockSessionQuery locks the session whose id it is given until the
// transaction ends: on a server, whose doors may not change sessions, its
// accred_lock_session takes the lock for them; in a SQLite file, the write
// transaction holds the file already.
func (e engine) lockSessionQuery() string {
	if e == postgresEngine {
		return `SELECT 1 FROM (SELECT accred_lock_session(?)) l`
	}
	return `SELECT 1 FROM sessions WHERE id = ?`
}

// holdsStations reports whether a database of the engine may be a door's
// station file: station files are SQLite files.
func (e engine) holdsStations() bool { return e == sqliteEngine }

// backsUpToFile reports whether the store writes the database's backup to
// a file (SQLite's VACUUM INTO); a server is backed up with its own tools.
func (e engine) backsUpToFile() bool { return e == sqliteEngine }

// serverCode is the SQLSTATE and message of a server's error, if err is one.
func serverCode(err error) (code, message string) {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code, strings.TrimPrefix(pgErr.Message, "accred: ")
	}
	return "", ""
}

// zeroFreedPages makes a SQLite connection overwrite with zeros whatever a
// page frees from now on (secure_delete); a server's tables are written
// anew after a purge instead (wipeFreed).
func (e engine) zeroFreedPages(ctx context.Context, conn *sql.Conn) error {
	if e != sqliteEngine {
		return nil
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
		return fmt.Errorf("secure delete: %w", err)
	}
	return nil
}

// mayRewriteTrail reports whether the store's login may change the audit
// trail, as a purge does: a SQLite file's owner may; on a server, only its
// administrator's login.
func (e engine) mayRewriteTrail(ctx context.Context, db *sql.DB) (bool, error) {
	if e != postgresEngine {
		return true, nil
	}
	var may bool
	err := db.QueryRowContext(ctx, `SELECT has_table_privilege('audit', 'UPDATE') AND has_table_privilege('audit_purge', 'DELETE')`).Scan(&may)
	return may, err
}

// wipeFreed removes from the database's files the bytes a purge freed.
func (e engine) wipeFreed(ctx context.Context, conn *sql.Conn) error {
	if e == postgresEngine {
		// The tables are written anew, and their statistics made again from
		// what they hold now: the old ones sampled names and document
		// numbers (pg_stats shows them). The statistics' own table is then
		// written anew, without the rows the new statistics replaced.
		for _, q := range []string{`VACUUM (FULL, ANALYZE) participants, photos, collections, nominations, portal_invitations, assignment_letters, status_changes, badge_reprints, audit`,
			`VACUUM (FULL) pg_catalog.pg_statistic`} {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := conn.ExecContext(ctx, `VACUUM`); err != nil {
		return err
	}
	var busy, log, done int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done); err != nil {
		return err
	}
	if busy != 0 {
		return errors.New("another program is reading the database")
	}
	return nil
}

// countScans switches a server's counting of scans as they are recorded
// (checkin_check, checkin_count) off or on again, within tx: a copy brings
// presence, seats and the trail as they stand, already counted.
func (e engine) countScans(ctx context.Context, tx *sql.Tx, on bool) error {
	if e != postgresEngine {
		return nil
	}
	verb := map[bool]string{false: "DISABLE", true: "ENABLE"}[on]
	if _, err := tx.ExecContext(ctx, `ALTER TABLE checkins `+verb+` TRIGGER USER`); err != nil {
		return fmt.Errorf("%s the counting of scans: %w", strings.ToLower(verb), err)
	}
	return nil
}

// columnTypes returns the type of each column of table where the engine is
// strict about types (PostgreSQL); SQLite takes any value as it comes.
func (e engine) columnTypes(ctx context.Context, tx *sql.Tx, table string) (map[string]string, error) {
	types := map[string]string{}
	if e != postgresEngine {
		return types, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = ?`, table)
	if err != nil {
		return nil, fmt.Errorf("read columns of %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, t string
		if err := rows.Scan(&c, &t); err != nil {
			return nil, err
		}
		types[c] = t
	}
	return types, rows.Err()
}

// restartIdentities moves PostgreSQL's id generators past the ids a copy
// wrote, so that the next row made on the server gets a free id.
func (e engine) restartIdentities(ctx context.Context, tx *sql.Tx) error {
	if e != postgresEngine {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`)
	if err != nil {
		return fmt.Errorf("find id generators: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM `+t+`), false)`, t); err != nil {
			return fmt.Errorf("restart ids of %s: %w", t, err)
		}
	}
	return nil
}
