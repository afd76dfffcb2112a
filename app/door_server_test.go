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
	"fyne.io/fyne/v2/test"

	"accred/data"
	"accred/data/pgtest"
)

// TestDoorSaysWhenTheServerIsOutOfReachAndComesBack runs a door on a
// PostgreSQL event server that stops taking connections: a scan then shows
// NOT RECORDED, never a verdict, and nothing is recorded; once the server
// takes connections again the door notices by itself and scans as before.
func TestDoorSaysWhenTheServerIsOutOfReachAndComesBack(t *testing.T) {
	u, d, codes, server := serverDoor(t)
	if d.fallback.path == "" {
		t.Fatalf("no station file was written: %q", d.fallbackNote.Text)
	}
	tick := ticking(t, d)
	d.watch(d.opened)

	scanner(d.scan, codes[1])
	if d.verdict.Text != "ACCEPTED" {
		t.Fatalf("first scan: %q", d.verdict.Text)
	}

	cut := serverSwitch(t, server)
	event, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer event.Close()
	cut(false)
	scanner(d.scan, codes[2])
	if d.verdict.Text != "NOT RECORDED" || d.panel.FillColor == accepted {
		t.Fatalf("a scan while the server is out of reach shows %q", d.verdict.Text)
	}
	tick()
	if !d.lost || d.verdict.Text != "NOT RECORDED" {
		t.Fatalf("the door forgot the server is out of reach: %q", d.verdict.Text)
	}

	if !strings.Contains(d.fallbackNote.Text, "Press F9") {
		t.Fatalf("the door does not offer its station file: %q", d.fallbackNote.Text)
	}
	cut(true)
	tick()
	if strings.Contains(d.fallbackNote.Text, "F9") {
		t.Fatalf("the server is back and the door still says %q", d.fallbackNote.Text)
	}
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

// serverDoor opens a door on an event on the tests' PostgreSQL server,
// once it has written its station file, for going on without the server.
// It returns the server's URL too.
func serverDoor(t *testing.T) (*ui, *door, map[int64]string, string) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("ACCRED_DB", "")
	server := pgtest.Database(t)
	u := newTestUIOn(t, server)
	d, codes := openDoor(t, u, plenary())
	d.work.wait()
	return u, d, codes, server
}

// ticking lets the door's time pass by hand: the function it returns runs
// every timer due, waiting for the work each starts.
func ticking(t *testing.T, d *door) func() {
	var ticks []func()
	d.later = func(_ time.Duration, f func()) { ticks = append(ticks, f) }
	return func() {
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
}

// serverSwitch returns a function that makes the test server's event
// database take connections or not (closing those it has), as a server
// lost on the network would.
func serverSwitch(t *testing.T, server string) func(allow bool) {
	t.Helper()
	u, _ := url.Parse(server)
	database := strings.TrimPrefix(u.Path, "/")
	u.Path = "/postgres" // the server's administrator, from its maintenance database
	admin, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	return func(allow bool) {
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
}

// TestDoorOfflineKnowsWhoWasLetInOnline: while the server answers, the door
// keeps its station file current; working from it once the server is
// lost, it answers ALREADY IN for someone another door let in online and
// counts seats from the last known number.
func TestDoorOfflineKnowsWhoWasLetInOnline(t *testing.T) {
	u, d, codes, server := serverDoor(t)
	tick := ticking(t, d)
	d.watch(d.opened)
	scanner(d.scan, codes[1])
	if _, err := u.store.CheckIn(ctx, data.Scan{SessionID: d.current.ID, Code: codes[2], Station: "another door"}); err != nil {
		t.Fatal(err)
	}
	tick() // the door reads the count and keeps its station file current

	cut := serverSwitch(t, server)
	cut(false)
	defer cut(true)
	scanner(d.scan, codes[3])
	press(d.scan, fyne.KeyF9)
	scanner(d.scan, codes[2])
	if d.verdict.Text != "ALREADY IN" || !strings.Contains(d.reason.Text, "another door") {
		t.Fatalf("offline, someone let in online at another door: %q %q", d.verdict.Text, d.reason.Text)
	}
	scanner(d.scan, codes[3])
	if d.verdict.Text != "ACCEPTED" || d.count.Text != "3 / 3" {
		t.Fatalf("offline, the third person: %q, count %q", d.verdict.Text, d.count.Text)
	}
	scanner(d.scan, codes[4])
	if d.verdict.Text != "REJECTED" || d.history[0].Reason.Code != data.ReasonRoomFull {
		t.Fatalf("offline, a fourth in a room for three: %q %q", d.verdict.Text, d.reason.Text)
	}
}

// TestDoorMergesAStationFileLeftByACrash: a door killed while working from
// its station file leaves the file; the next start names it while the
// server is out of reach and merges it once the server answers, so its
// people are counted and not let in twice.
func TestDoorMergesAStationFileLeftByACrash(t *testing.T) {
	u, d, codes, server := serverDoor(t)
	// The door works from its file, then the program is killed (or closed
	// while the server is still out of reach): the file stays, unmerged.
	file, err := data.Open(d.fallback.path)
	if err != nil {
		t.Fatal(err)
	}
	file.Now = u.store.Now
	if v, err := file.CheckIn(ctx, data.Scan{SessionID: d.current.ID, Code: codes[1], Station: "door-test"}); err != nil || v.Kind != data.Accepted {
		t.Fatalf("offline scan: %v %v", v.Kind, err)
	}
	file.Close()
	d.fallback.held = true // the file holds scans, as the killed door knew
	left := d.fallback.path

	cut := serverSwitch(t, server)
	cut(false)
	u.showHome() // the next start
	d = u.door
	d.later = func(time.Duration, func()) {}
	d.work.wait()
	if !strings.Contains(d.left.Text, "not merged yet: 1") {
		t.Fatalf("the set-up screen does not name the file left: %q", d.left.Text)
	}
	cut(true)
	u.tabs.Select(u.tab(tabDoor)) // shown again, the door reads the programme and merges
	d.work.wait()
	if _, err := os.Stat(left); !errors.Is(err, fs.ErrNotExist) || d.left.Text != "" {
		t.Fatalf("the file left was not merged: %v, %q", err, d.left.Text)
	}
	if s, _ := u.store.Session(ctx, "PLEN-1"); s.Present != 1 {
		t.Fatalf("%d inside after the merge, want 1", s.Present)
	}
	test.Tap(d.openDoor)
	scanner(d.scan, codes[1])
	if d.verdict.Text != "ALREADY IN" {
		t.Fatalf("someone let in from the file left: %q", d.verdict.Text)
	}
}

// TestDoorWaitsForAHangingServerOnlyItsDeadline: a server that holds a
// scan (its session locked by another transaction) costs the scan the
// deadline the door shows, not a frozen window, and the scan is NOT
// RECORDED.
func TestDoorWaitsForAHangingServerOnlyItsDeadline(t *testing.T) {
	concurrently(t) // the scan is checked on a goroutine of its own, as at a door
	_, d, codes, server := serverDoor(t)
	d.deadline = time.Second
	hold, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	tx, err := hold.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SELECT id FROM sessions FOR UPDATE`); err != nil {
		t.Fatal(err)
	}

	test.Type(d.scan, codes[1])
	began := time.Now()
	press(&d.scan.keyEntry, fyne.KeyReturn) // the scanner's Enter starts the check
	if returned := time.Since(began); returned > d.deadline/2 || d.verdict.Text != "checking…" || d.reason.Text != "1 s at most" {
		t.Fatalf("the window waited %v for the server; it shows %q %q", returned, d.verdict.Text, d.reason.Text)
	}
	d.work.wait()
	if waited := time.Since(began); waited > 3*time.Second || d.verdict.Text != "NOT RECORDED" || !strings.Contains(d.name.Text, "NGUYỄN Văn An") {
		t.Fatalf("after %v the door shows %q for %q", waited, d.verdict.Text, d.name.Text)
	}
}
