package cli

import (
	"bufio"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"accred/data"
	"accred/data/pgtest"
	"accred/data/testproc"
)

// TestReadsFollowRoles: an operator named with --operator takes out of the
// database only what their roles allow: exports, the person's record, a
// backup, a copy, the clearance list and the audit trail are an admin's.
func TestReadsFollowRoles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	if code, _, errs := run(t, db, "demo", "--participants", "30"); code != 0 {
		t.Fatal(errs)
	}
	run(t, db, "settings", "clearance_required", "yes")
	reads := [][]string{
		{"export", "participants", "--out", filepath.Join(dir, "all.csv")},
		{"export", "person", "1", "--out", filepath.Join(dir, "person")},
		{"backup", filepath.Join(dir, "backup.db")},
		{"copy", db, filepath.Join(dir, "copy.db")},
		{"clearance", "export", "--out", filepath.Join(dir, "clearance.csv")},
		{"audit"},
	}
	for _, args := range reads {
		code, out, errs := run(t, db, append([]string{"--operator", "Tuan"}, args...)...)
		if code != 1 || !strings.Contains(errs, "needs the admin role") || strings.Contains(out, "passport") {
			t.Errorf("the door's operator: %v: exit %d %q", args, code, errs)
		}
	}
	left, _ := os.ReadDir(dir)
	for _, f := range left {
		if f.Name() != "event.db" && !strings.HasPrefix(f.Name(), "event.db-") {
			t.Errorf("a refused read left %s", f.Name())
		}
	}
	for _, args := range reads {
		if code, _, errs := run(t, db, append([]string{"--operator", "Lan"}, args...)...); code != 0 {
			t.Errorf("the admin: %v: %s", args, errs)
		}
	}
}

// TestCopyByALoginThatMayNotReadLeavesNoFile: a door's login on a server
// may not read the whole event: copying it fails with a plain message, and
// no file is left where the copy was to go.
func TestCopyByALoginThatMayNotReadLeavesNoFile(t *testing.T) {
	server := pgtest.Database(t)
	if code := Run(ctx, []string{"server", "init", server}, strings.NewReader("desk passphrase\ndoor passphrase\nprint passphrase\nportal passphrase\n"), io.Discard, io.Discard); code != 0 {
		t.Fatal("server init")
	}
	if code, _, errs := run(t, server, "demo", "--participants", "20"); code != 0 {
		t.Fatal(errs)
	}
	u, _ := url.Parse(server)
	u.User = url.UserPassword(data.DoorRole, "door passphrase")
	dst := filepath.Join(t.TempDir(), "copy.db")
	code, _, errs := run(t, u.String(), "copy", u.String(), dst)
	if code != 1 || !strings.Contains(errs, "may not read the whole event") || strings.Contains(errs, "permission denied") {
		t.Fatalf("the door's copy: exit %d %q", code, errs)
	}
	if _, err := os.Stat(dst); !os.IsNotExist(err) {
		t.Fatalf("the failed copy left %s: %v", dst, err)
	}
}

// TestSettingsLogoRefusesAPipe: a pipe named as the logo is refused at
// once, as by every other reader, rather than waited on.
func TestSettingsLogoRefusesAPipe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	if code, _, errs := run(t, db, "demo", "--participants", "5"); code != 0 {
		t.Fatal(errs)
	}
	fifo := filepath.Join(dir, "logo.png")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 1)
	go func() {
		code, _, errs := run(t, db, "settings", "logo", fifo)
		if code != 1 {
			errs = "exit 0: " + errs
		}
		done <- errs
	}()
	select {
	case errs := <-done:
		if !strings.Contains(errs, "not a plain file") {
			t.Fatalf("a pipe as the logo: %q", errs)
		}
	case <-time.After(10 * time.Second):
		os.WriteFile(fifo, nil, 0) // lets the hung reader go
		t.Fatal("settings logo waits on a pipe")
	}
}

// waitFor waits until out holds want, or fails.
func waitFor(t *testing.T, out *testproc.Output, want string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if strings.Contains(out.String(), want) {
			return
		}
	}
	t.Fatalf("no %q in %q", want, out.String())
}

// TestCheckinOutlivesTheServer: a command-line door whose server stops
// says NOT RECORDED for the code in hand, tries again, and gives every
// line of its input a verdict once the server is back.
func TestCheckinOutlivesTheServer(t *testing.T) {
	server := pgtest.Database(t)
	if code, _, errs := run(t, server, "demo", "--participants", "20"); code != 0 {
		t.Fatal(errs)
	}
	var codes []string
	for _, id := range []string{"1", "2", "3"} {
		out := filepath.Join(t.TempDir(), "b.pdf")
		if code, _, errs := run(t, server, "approve", id); code != 0 {
			t.Fatal(errs)
		}
		if code, _, errs := run(t, server, "badges", "--out", out, id); code != 0 {
			t.Fatal(errs)
		}
		s, err := data.Open(server)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := s.Participant(ctx, int64(id[0]-'0'))
		code, err := s.BadgeCode(ctx, p.ID, p.BadgeIssue)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, code)
	}
	// The door reaches the server through a socket of the test's, which
	// the test closes, as a server stopping does, and opens again.
	link := newLink(t, server)
	stdin, feed, err := os.Pipe() // buffered: lines wait in it while the door retries
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	out := &testproc.Output{}
	done := make(chan int, 1)
	t.Setenv("ACCRED_NOW", "2025-10-25T14:10:00+07:00")
	go func() {
		done <- Run(ctx, []string{"--db", link.url, "--station", "door-1", "checkin", "--session", "PLEN-1"}, stdin, out, io.Discard)
	}()
	lines := bufio.NewWriter(feed)
	send := func(code string) { lines.WriteString(code + "\n"); lines.Flush() }
	send(codes[0])
	waitFor(t, out, "ACCEPTED 1 ")
	link.cut() // the server goes away: the door's connections end, no new one is taken
	send(codes[1])
	send(codes[2])
	waitFor(t, out, "NOT RECORDED")
	time.Sleep(time.Second)
	if strings.Contains(out.String(), "ACCEPTED 2 ") {
		t.Fatal("a verdict while the server was away")
	}
	link.open()
	waitFor(t, out, "ACCEPTED 3 ")
	feed.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("the door ended with %d: %s", code, out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the door did not end with its input")
	}
	got := out.String()
	if strings.Count(got, "ACCEPTED") != 3 || strings.Index(got, "NOT RECORDED") > strings.Index(got, "ACCEPTED 2 ") {
		t.Fatalf("the door's lines: %q", got)
	}
}

// link is a socket between the door and the test's server, which the test
// cuts and opens again.
type link struct {
	t      *testing.T
	url    string
	dir    string // the link's socket's folder
	server string // the server's socket
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newLink(t *testing.T, server string) *link {
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	port := u.Port()
	if port == "" {
		port = "5432"
	}
	l := &link{t: t, dir: t.TempDir(), server: filepath.Join(u.Query().Get("host"), ".s.PGSQL."+port)}
	q := u.Query()
	q.Set("host", l.dir)
	u.RawQuery = q.Encode()
	l.url = u.String()
	l.open()
	t.Cleanup(l.cut)
	return l
}

// open listens for the door again.
func (l *link) open() {
	ln, err := net.Listen("unix", filepath.Join(l.dir, filepath.Base(l.server)))
	if err != nil {
		l.t.Fatal(err)
	}
	l.mu.Lock()
	l.ln = ln
	l.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("unix", l.server)
			if err != nil {
				c.Close()
				continue
			}
			l.mu.Lock()
			l.conns = append(l.conns, c, s)
			l.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

// cut closes the socket and every connection through it.
func (l *link) cut() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ln != nil {
		l.ln.Close()
		l.ln = nil
	}
	for _, c := range l.conns {
		c.Close()
	}
	l.conns = nil
}
