package app

import (
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"accred/data/pgtest"
)

// TestDoorSaysWhenTheServerIsOutOfReachAndComesBack runs a door on a
// PostgreSQL event server that stops taking connections: a scan then shows
// NOT RECORDED, never a verdict, and nothing is recorded; once the server
// takes connections again the door notices by itself and scans as before.
func TestDoorSaysWhenTheServerIsOutOfReachAndComesBack(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("ACCRED_DB", "")
	server := pgtest.Database(t)
	u := newTestUIOn(t, server)
	d, codes := openDoor(t, u, plenary())
	d.work.wait() // the door's station file, for going on without the server
	if d.fallback.path == "" {
		t.Fatalf("no station file was written: %q", d.fallbackNote.Text)
	}
	var ticks []func()
	d.later = func(_ time.Duration, f func()) { ticks = append(ticks, f) }
	// tick lets the time pass: every timer due runs.
	tick := func() {
		t.Helper()
		due := ticks
		ticks = nil
		for _, f := range due {
			f()
			d.work.wait()
		}
		if len(ticks) == 0 {
			t.Fatal("the door stopped watching the server")
		}
	}
	d.watch(d.opened)

	scanner(d.scan, codes[1])
	if d.verdict.Text != "ACCEPTED" {
		t.Fatalf("first scan: %q", d.verdict.Text)
	}

	// The server's administrator, from its maintenance database.
	u2, _ := url.Parse(server)
	database := strings.TrimPrefix(u2.Path, "/")
	u2.Path = "/postgres"
	admin, err := sql.Open("pgx", u2.String())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	event, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer event.Close()
	cut := func(allow bool) {
		t.Helper()
		if _, err := admin.Exec(`ALTER DATABASE ` + database + ` WITH ALLOW_CONNECTIONS ` + map[bool]string{true: "true", false: "false"}[allow]); err != nil {
			t.Fatal(err)
		}
		if !allow {
			if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, database); err != nil {
				t.Fatal(err)
			}
		}
	}
	cut(false)
	scanner(d.scan, codes[2])
	if d.verdict.Text != "NOT RECORDED" || d.panel.FillColor == accepted {
		t.Fatalf("a scan while the server is out of reach shows %q", d.verdict.Text)
	}
	tick()
	if !d.lost || d.verdict.Text != "NOT RECORDED" {
		t.Fatalf("the door forgot the server is out of reach: %q", d.verdict.Text)
	}

	cut(true)
	tick()
	if d.lost || d.verdict.Text != "Scan a badge" {
		t.Fatalf("the door did not notice the server is back: %q", d.verdict.Text)
	}
	scanner(d.scan, codes[2])
	if d.verdict.Text != "ACCEPTED" {
		t.Fatalf("a scan once the server is back: %q", d.verdict.Text)
	}
	scans := func() (n int) {
		t.Helper()
		if err := event.QueryRow(`SELECT COUNT(*) FROM checkins`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := scans(); n != 2 {
		t.Fatalf("%d scans recorded, want 2: none while the server was out of reach", n)
	}

	// Out of reach again: F9 goes on from the door's station file, and its
	// scans reach the server once it answers.
	cut(false)
	scanner(d.scan, codes[3])
	if !strings.Contains(d.fallbackNote.Text, "F9") {
		t.Fatalf("the door does not offer its station file: %q", d.fallbackNote.Text)
	}
	press(&d.scan.keyEntry, fyne.KeyF9)
	scanner(d.scan, codes[3])
	if d.verdict.Text != "ACCEPTED" || !strings.Contains(d.fallbackNote.Text, "station file") {
		t.Fatalf("a scan from the station file: %q %q (%q)", d.verdict.Text, d.reason.Text, d.fallbackNote.Text)
	}
	cut(true)
	tick()
	if d.fallback.store != nil || !strings.Contains(d.fallbackNote.Text, "station file: 1") {
		t.Fatalf("back on the server: %q", d.fallbackNote.Text)
	}
	if n := scans(); n != 3 {
		t.Fatalf("%d scans on the server after the merge, want 3", n)
	}
	if s, _ := u.store.Session(ctx, "PLEN-1"); s.Present != 3 {
		t.Fatalf("%d inside, want 3", s.Present)
	}

	// Closed, the door removes its station file: the server holds its scans.
	file := d.fallback.path
	d.onClose()
	if _, err := os.Stat(file); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the merged station file was kept: %v", err)
	}
}
