// Package pgtest runs a throwaway PostgreSQL server for tests: one server per
// test binary, in a new temporary folder, listening on a unix socket only,
// with a fresh empty database for every test that asks for one.
//
// A package whose tests use it calls Main from its TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// and each test takes its own database with Database. The server starts at
// the first call to Database and is stopped, and its folder removed, when the
// tests end, failed or not. Durability is kept as on a real server (fsync
// on). When the tests run as root, the server runs as the postgres user,
// since PostgreSQL refuses to run as root.
//
// A machine without PostgreSQL fails the test with a message saying to run
// make deps: no test is skipped for want of a server.
package pgtest

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"accred/data/testproc"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver, registered as "pgx"
)

// startTimeout bounds how long the server may take to accept connections.
const startTimeout = time.Minute

// server is the test binary's one PostgreSQL server.
type server struct {
	dir   string         // the temporary folder: data, socket and log
	proc  *testproc.Proc // the postmaster
	admin *sql.DB        // connected to the postgres database, for CREATE and DROP DATABASE
}

var (
	mainRunning bool
	startOnce   sync.Once
	shared      *server
	startErr    error
)

// Main runs the tests, then stops the server if one was started and removes
// its folder, and exits with the tests' status.
func Main(m *testing.M) {
	mainRunning = true
	code := m.Run()
	if shared != nil {
		if err := shared.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	os.Exit(code)
}

// Database returns the URL of a new empty database on the test binary's
// server, starting the server at the first call. The database is dropped,
// along with any connection left open to it, when the test ends.
func Database(t testing.TB) string {
	t.Helper()
	name := newDatabase(t)
	t.Cleanup(func() {
		if _, err := shared.admin.ExecContext(context.Background(), `DROP DATABASE `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	return shared.url(name)
}

// SharedDatabase returns the URL of a new empty database that is kept until
// the server stops: for data that is made once and shared by several tests,
// or by a benchmark's runs.
func SharedDatabase(t testing.TB) string {
	t.Helper()
	return shared.url(newDatabase(t))
}

// newDatabase makes a new empty database on the test binary's server,
// starting the server at the first call, and returns its name.
func newDatabase(t testing.TB) string {
	t.Helper()
	if !mainRunning {
		t.Fatal("pgtest: call pgtest.Main(m) from the package's TestMain, so that the server is stopped when the tests end")
	}
	startOnce.Do(func() { shared, startErr = start() })
	if startErr != nil {
		t.Fatal(startErr)
	}
	var b [8]byte
	rand.Read(b[:])
	name := "t_" + hex.EncodeToString(b[:])
	if _, err := shared.admin.ExecContext(context.Background(), `CREATE DATABASE `+name); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	return name
}

// url is the address of a database on the server, through its socket.
func (s *server) url(database string) string {
	q := url.Values{}
	q.Set("host", s.dir)
	q.Set("sslmode", "disable")
	return (&url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/" + database, RawQuery: q.Encode()}).String()
}

// start makes a cluster in a new temporary folder and starts its server.
func start() (*server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	cred, err := serverUser()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "accred-pg-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: make the server's folder: %w", err)
	}
	s := &server{dir: dir}
	if err := s.run(bin, cred); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// run makes the cluster, starts the server and waits until it accepts connections.
func (s *server) run(bin string, cred *syscall.Credential) error {
	if cred != nil {
		if err := os.Chown(s.dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return fmt.Errorf("pgtest: give the server's folder to the postgres user: %w", err)
		}
	}
	data := filepath.Join(s.dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")
	initdb.Dir = s.dir
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("pgtest: initdb failed: %v\n%s", err, out)
	}
	log, err := os.Create(filepath.Join(s.dir, "server.log"))
	if err != nil {
		return fmt.Errorf("pgtest: make the server's log: %w", err)
	}
	defer log.Close()
	postgres := exec.Command(filepath.Join(bin, "postgres"), "-D", data,
		"-c", "listen_addresses=", "-c", "unix_socket_directories="+s.dir)
	postgres.Dir = s.dir
	postgres.Stdout, postgres.Stderr = log, log
	postgres.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	// A test binary that is killed takes its server with it.
	if s.proc, err = testproc.Start(postgres, syscall.SIGQUIT); err != nil {
		return fmt.Errorf("pgtest: start postgres: %w", err)
	}
	if s.admin, err = sql.Open("pgx", s.url("postgres")); err != nil {
		return fmt.Errorf("pgtest: connect: %w", err)
	}
	if err := s.proc.WaitReady(startTimeout, s.admin.Ping); err != nil {
		return fmt.Errorf("pgtest: the server %w\n%s", err, s.logTail())
	}
	return nil
}

// stop shuts the server down and removes its folder.
func (s *server) stop() error {
	if s.admin != nil {
		s.admin.Close()
	}
	var err error
	// A fast shutdown; the cluster is thrown away, so it need not be more.
	if s.proc != nil && s.proc.Stop(syscall.SIGINT, startTimeout) {
		err = fmt.Errorf("the server did not stop within %v and was killed", startTimeout)
	}
	if rmErr := os.RemoveAll(s.dir); rmErr != nil && err == nil {
		err = fmt.Errorf("remove the server's folder: %w", rmErr)
	}
	return err
}

// logTail is the end of the server's log, to explain a failed start.
func (s *server) logTail() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// binDir finds the folder holding initdb and postgres: pg_config's, else
// Debian's newest /usr/lib/postgresql/N/bin, else the PATH's.
func binDir() (string, error) {
	var dirs []string
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	debian, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sortByVersion(debian)
	dirs = append(dirs, debian...)
	if p, err := exec.LookPath("initdb"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	return serverDir(dirs)
}

// serverDir returns the first of dirs holding both initdb and postgres.
func serverDir(dirs []string) (string, error) {
	for _, d := range dirs {
		if isExecutable(filepath.Join(d, "initdb")) && isExecutable(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", errors.New("pgtest: PostgreSQL is not installed (no initdb and postgres in pg_config --bindir, /usr/lib/postgresql/*/bin or the PATH); run 'make deps' to install it")
}

// sortByVersion puts Debian's version folders newest first.
func sortByVersion(dirs []string) {
	version := func(d string) int {
		n, _ := strconv.Atoi(filepath.Base(filepath.Dir(d)))
		return n
	}
	slices.SortFunc(dirs, func(a, b string) int { return cmp.Compare(version(b), version(a)) })
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// serverUser is whom the server runs as: nil for the current user, or the
// postgres user when the tests run as root.
func serverUser() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgtest: the tests run as root, and PostgreSQL cannot, but there is no postgres user (%v); run 'make deps' to install PostgreSQL", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("pgtest: the postgres user's ids %s:%s are not numbers", u.Uid, u.Gid)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// EngineVariable names the environment variable that runs the store's tests
// on PostgreSQL: ACCRED_TEST_ENGINE=postgres. Unset, they run on SQLite.
const EngineVariable = "ACCRED_TEST_ENGINE"

// OnServer reports whether this test run keeps its events on the test server.
func OnServer() bool { return os.Getenv(EngineVariable) == "postgres" }

// EventDB names where a test keeps a new, empty event: a SQLite file in the
// test's temporary folder, or a fresh database on the test server when the
// tests run on PostgreSQL.
func EventDB(t testing.TB) string {
	t.Helper()
	if OnServer() {
		return Database(t)
	}
	return filepath.Join(t.TempDir(), "event.db")
}
