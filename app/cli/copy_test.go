package cli

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data"
	"accred/data/pgtest"
)

// secret is the password the tests put in server URLs, to check that no
// message shows it (the test server trusts its socket and never asks).
const secret = "s3cret-Pw"

// withPassword is the server URL raw with the password secret in it.
func withPassword(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), secret)
	return u.String()
}

// scanOne prints the badge of participant id and checks it in at session.
func scanOne(t *testing.T, db, session string, id int64) {
	t.Helper()
	if code, _, errs := run(t, db, "badges", "--out", filepath.Join(t.TempDir(), "b.pdf"), fmt.Sprint(id)); code != 0 {
		t.Fatalf("badges: %s", errs)
	}
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := s.BadgeCode(ctx, id, 1)
	s.Close()
	var out, errb bytes.Buffer
	if Run(ctx, []string{"--db", db, "checkin", "--session", session}, strings.NewReader(code+"\n"), &out, &errb) != 0 ||
		!strings.HasPrefix(out.String(), "ACCEPTED") {
		t.Fatalf("checkin: %q %q", out.String(), errb.String())
	}
}

// snapshot is what the command line shows of an event: the same on every
// copy of it.
func snapshot(t *testing.T, db string) string {
	t.Helper()
	var all []string
	for _, args := range [][]string{{"stats"}, {"sessions"}, {"search", "a"}, {"report", "attendance"}, {"report", "attendance", "--session", "PLEN-1"}} {
		code, out, errs := run(t, db, args...)
		if code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
		all = append(all, out)
	}
	return strings.Join(all, "\n")
}

// copied runs 'accred copy' and returns the number of rows it copied.
func copied(t *testing.T, src, dst string) int {
	t.Helper()
	code, out, errs := run(t, src, "copy", src, dst)
	var n int
	var from, to string
	if code != 0 {
		t.Fatalf("copy: %d %q", code, errs)
	}
	if _, err := fmt.Sscanf(out, "copied %d rows from %s to %s\n", &n, &from, &to); err != nil ||
		from != data.Redacted(src) || to != data.Redacted(dst) || strings.Contains(out, secret) {
		t.Fatalf("copy said %q", out)
	}
	return n
}

func TestCopyFileToServerAndBack(t *testing.T) {
	t.Setenv("ACCRED_NOW", "2025-10-25T14:05:00+07:00")
	dir := t.TempDir()
	file := filepath.Join(dir, "event.db")
	run(t, file, "demo", "--participants", "40")
	scanOne(t, file, "PLEN-1", 1)
	want := snapshot(t, file)

	server := withPassword(t, pgtest.Database(t))
	there := copied(t, file, server)
	if got := snapshot(t, server); got != want {
		t.Fatalf("on the server:\n%s\nwant:\n%s", got, want)
	}
	back := filepath.Join(dir, "back", "event.db")
	if n := copied(t, server, back); n != there || n < 40 {
		t.Fatalf("%d rows copied back, %d there", n, there)
	}
	if got := snapshot(t, back); got != want {
		t.Fatalf("back in a file:\n%s\nwant:\n%s", got, want)
	}
	// The server gives out new badge numbers after the copied ones.
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,document_number\ndelegate,Ann,Zzyzx,VN,VN,NEW-1\n"), 0o600)
	if code, out, errs := run(t, server, "import", people); code != 0 || !strings.Contains(out, "1 created") {
		t.Fatalf("import on the server: %d %q %q", code, out, errs)
	}
	s, err := data.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	_, total, _ := s.FindParticipants(ctx, data.ParticipantFilter{Limit: 1})
	s.Close()
	if code, out, _ := run(t, server, "search", "zzyzx"); code != 0 || !strings.HasPrefix(out, fmt.Sprintf("%d\t", total+1)) {
		t.Fatalf("the new participant: %q", out)
	}
}

func TestCopyRefusesADestinationThatHoldsAnEvent(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "event.db")
	run(t, file, "demo", "--participants", "10")
	server := withPassword(t, pgtest.Database(t))
	run(t, server, "demo", "--participants", "5")
	before := snapshot(t, server)
	for _, c := range []struct {
		src, dst, want string
	}{
		{file, server, data.Redacted(server) + " already holds an event"},
		{server, file, file + " already holds an event"},
		{filepath.Join(dir, "none.db"), server, "no database at " + filepath.Join(dir, "none.db")},
	} {
		code, out, errs := run(t, file, "copy", c.src, c.dst)
		if code != 1 || out != "" || !strings.Contains(errs, c.want) || strings.Contains(errs, secret) {
			t.Errorf("copy %s %s: %d %q %q", c.src, c.dst, code, out, errs)
		}
	}
	if after := snapshot(t, server); after != before {
		t.Fatalf("the refused copy changed the server's event:\n%s", after)
	}
	if code, _, errs := run(t, file, "copy", file); code != 2 || !strings.Contains(errs, "usage: accred copy SRC DST") {
		t.Fatalf("copy with one name: %d %q", code, errs)
	}
}

func TestServerPasswordsStayOutOfMessages(t *testing.T) {
	server := withPassword(t, pgtest.Database(t))
	t.Chdir(t.TempDir())
	code, out, errs := run(t, server, "init", "--event", "Venue", "--start", "2025-10-25", "--end", "2025-10-26")
	if code != 0 || !strings.Contains(out, data.Redacted(server)) || strings.Contains(out+errs, secret) {
		t.Fatalf("init: %d %q %q", code, out, errs)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Fatalf("init on a server made %v in the working folder", entries)
	}
	t.Setenv("ACCRED_DB", server)
	var help bytes.Buffer
	Run(ctx, []string{"help"}, nil, &help, &help)
	if !strings.Contains(help.String(), data.Redacted(server)) || strings.Contains(help.String(), secret) {
		t.Fatalf("help: %q", help.String())
	}
	unreachable := "postgres://accred:" + secret + "@/event?host=" + url.QueryEscape(filepath.Join(t.TempDir(), "nothing"))
	if code, _, errs := run(t, unreachable, "stats"); code != 1 || !strings.Contains(errs, "Cannot reach the event server") || strings.Contains(errs, secret) {
		t.Fatalf("unreachable server: %d %q", code, errs)
	}
}

func TestBackupToAFileRefusedOnAServer(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "event.db")
	run(t, file, "demo", "--participants", "10")
	backup := filepath.Join(dir, "copy.db")
	if code, out, errs := run(t, file, "backup", backup); code != 0 || out != "backed up to "+backup+"\n" {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	if got, want := snapshot(t, backup), snapshot(t, file); got != want {
		t.Fatalf("the backup holds:\n%s\nwant:\n%s", got, want)
	}
	server := pgtest.Database(t)
	run(t, server, "init", "--event", "Venue", "--start", "2025-10-25", "--end", "2025-10-26")
	onServer := filepath.Join(dir, "server.db")
	if code, _, errs := run(t, server, "backup", onServer); code != 1 || !strings.Contains(errs, "pg_dump") {
		t.Fatalf("backup of a server: %d %q", code, errs)
	}
	if _, err := os.Stat(onServer); err == nil {
		t.Fatal("a refused backup wrote a file")
	}
}
