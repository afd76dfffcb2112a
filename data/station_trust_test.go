package data_test

import (
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/chain"
	"accred/data/demo"
	"accred/data/pgtest"
)

// door is a real station file written by an event database, with scans
// recorded at its door.
type doorFile struct {
	main    *data.Store
	path    string
	plenary data.Session
	codes   []string // badges printed, the first three scanned at the door
	ids     []int64
}

// newDoorFile exports a station file for the plenary and scans three badges
// and a forged code at its door.
func newDoorFile(t *testing.T) doorFile {
	t.Helper()
	main, err := data.Open(pgtest.EventDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { main.Close() })
	if err := demo.Create(ctx, main, 40); err != nil {
		t.Fatal(err)
	}
	d := doorFile{main: main, path: filepath.Join(t.TempDir(), "door-1.station")}
	list, _ := main.BadgesToPrint(ctx, data.BadgeFilter{})
	for _, p := range list[:4] {
		d.codes = append(d.codes, printBadge(t, main, p.ID))
		d.ids = append(d.ids, p.ID)
	}
	d.plenary, _ = main.Session(ctx, "PLEN-1")
	if err := main.ExportStation(ctx, d.path, []int64{d.plenary.ID}); err != nil {
		t.Fatal(err)
	}
	station, err := data.Open(d.path)
	if err != nil {
		t.Fatal(err)
	}
	station.StartClockAt(d.plenary.Starts.Add(time.Minute))
	for _, c := range []string{d.codes[0], "NOT A BADGE", d.codes[1], d.codes[2]} {
		if _, err := station.CheckIn(data.WithActor(ctx, data.System("ana", "")), data.Scan{SessionID: d.plenary.ID, Code: c, Station: "door-1"}); err != nil {
			t.Fatal(err)
		}
	}
	station.Close()
	return d
}

// tampered copies the station file and changes the copy with SQL, as a
// person with the file and sqlite3 could.
func (d doorFile) tampered(t *testing.T, statements ...string) string {
	t.Helper()
	body, err := os.ReadFile(d.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tampered.station")
	os.WriteFile(path, body, 0o600)
	db := rawDB(t, path)
	for _, st := range statements {
		if _, err := db.Exec(st); err != nil {
			t.Fatalf("%s: %v", st, err)
		}
	}
	return path
}

// rawDB opens a database behind the store's back: a SQLite file, or the
// test server's database when path is its URL.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	driver := "sqlite3"
	if data.IsServerURL(path) {
		driver = "pgx"
	}
	db, err := sql.Open(driver, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// signWithStolenKey appends a scan to a station file signed with the file's
// own key, as someone who copied the key off the door's laptop could.
func signWithStolenKey(t *testing.T, path string, scans ...chain.Scan) {
	t.Helper()
	db := rawDB(t, path)
	var fileID string
	var key []byte
	if err := db.QueryRow(`SELECT file_id, private_key FROM station_key`).Scan(&fileID, &key); err != nil {
		t.Fatal(err)
	}
	for _, c := range scans {
		var prev []byte
		db.QueryRow(`SELECT seq, signature FROM checkins ORDER BY seq DESC LIMIT 1`).Scan(&c.Seq, &prev)
		c.Seq++
		c.Signature = chain.Sign(ed25519.PrivateKey(key), fileID, c, prev)
		if _, err := db.Exec(`INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict, reason, manual, seq, signature)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.SessionID, c.ParticipantID, c.Station, c.Operator, c.At, c.Direction,
			c.Verdict, c.Reason, c.Manual, c.Seq, c.Signature); err != nil {
			t.Fatal(err)
		}
	}
}

// refused merges path, expects it refused with every want (a scan's
// position or id and a piece of the reason) named, and checks that the event
// database did not change.
func (d doorFile) refused(t *testing.T, path, code string, want ...string) {
	t.Helper()
	before := d.counts(t)
	_, err := d.main.MergeStation(ctx, path)
	if data.ErrorCode(err) != code {
		t.Fatalf("merge: %v, want %s", err, code)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("the refusal does not say %q:\n%v", w, err)
		}
	}
	if after := d.counts(t); after != before {
		t.Errorf("a refused merge changed the event database: %s, was %s", after, before)
	}
}

// counts sums up the event database's scans and presence.
func (d doorFile) counts(t *testing.T) string {
	t.Helper()
	var scans, inside int
	db := rawDB(t, d.main.Path())
	db.QueryRow(`SELECT COUNT(*) FROM checkins`).Scan(&scans)
	db.QueryRow(`SELECT COUNT(*) FROM presence`).Scan(&inside)
	p, _ := d.main.Session(ctx, "PLEN-1")
	return fmt.Sprintf("%d scans, %d presence rows, %d present", scans, inside, p.Present)
}

func TestMergeRefusesAStationFileMadeByHand(t *testing.T) {
	d := newDoorFile(t)
	ev, _ := d.main.Event(ctx)
	path := filepath.Join(t.TempDir(), "forged.station")
	forged, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	forged.Close()
	db := rawDB(t, path)
	stmts := []string{
		fmt.Sprintf(`INSERT INTO event (id, name, starts_on, ends_on, key_id, public_key, private_key, created_at) VALUES (1, 'x', '', '', '%s', X'', X'', '')`, ev.KeyID),
		fmt.Sprintf(`INSERT INTO sessions (id, code, title, kind, room, starts_at, ends_at) VALUES (%d, 'PLEN-1', 'x', 'plenary', 'x', '', '')`, d.plenary.ID),
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2300)
			INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict)
			SELECT 'forged-' || i, %d, %d, 'door-9', 'x', '2025-10-25T07:05:00Z', 'in', 'accepted' FROM n`, d.plenary.ID, d.ids[3]),
	}
	for _, st := range stmts {
		if _, err := db.Exec(st); err != nil {
			t.Fatal(err)
		}
	}
	d.refused(t, path, data.ECONFLICT, "not issued by this event")

	// A made-up station key is no better.
	_, priv, _ := ed25519.GenerateKey(nil)
	db.Exec(`INSERT INTO station_key (id, file_id, private_key) VALUES (1, 'made-up', ?)`, []byte(priv))
	d.refused(t, path, data.ECONFLICT, "not issued by this event")
}

func TestMergeNamesEachScanRemovedEditedOrInserted(t *testing.T) {
	d := newDoorFile(t)
	cases := map[string]struct {
		sql  []string
		want []string
	}{
		"edited": {[]string{`UPDATE checkins SET verdict = 'accepted', reason = '', participant_id = ` + fmt.Sprint(d.ids[3]) + ` WHERE seq = 2`},
			[]string{"scan 2 (", "bad signature"}},
		"removed": {[]string{`DELETE FROM checkins WHERE seq = 2`},
			[]string{"scan 2 (", "a scan before it was removed"}},
		"inserted": {[]string{`INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict, seq, signature)
			SELECT 'inserted', session_id, ` + fmt.Sprint(d.ids[3]) + `, station, operator, at, direction, verdict, 5, randomblob(64) FROM checkins WHERE seq = 1`},
			[]string{"scan 5 (inserted): bad signature"}},
		"added by hand": {[]string{`INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict)
			SELECT 'by-hand', session_id, ` + fmt.Sprint(d.ids[3]) + `, station, operator, at, direction, verdict FROM checkins WHERE seq = 1`},
			[]string{"scan 1 (by-hand): not signed"}},
		"copied": {[]string{`INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict, reason, manual, seq, signature)
			SELECT 'copy', session_id, participant_id, station, operator, at, direction, verdict, reason, manual, seq, signature FROM checkins WHERE seq = 3`},
			[]string{"scan 4 (copy): broken chain: its place in the chain is taken twice"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			d.refused(t, d.tampered(t, c.sql...), data.EINVALID, c.want...)
		})
	}
}

func TestMergeRefusesScansTheFileWasNotIssuedFor(t *testing.T) {
	d := newDoorFile(t)
	seminar, _ := d.main.Session(ctx, "SEM-1")
	outsider := mustCreate(t, d.main, delegate("Not", "Accredited", "FR", "X-1"))
	at := func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
	inside := at(d.plenary.Starts.Add(10 * time.Minute))
	path := d.tampered(t)
	signWithStolenKey(t, path,
		chain.Scan{ID: "other-session", SessionID: seminar.ID, ParticipantID: d.ids[3], At: inside, Direction: "in", Verdict: "accepted"},
		chain.Scan{ID: "outsider", SessionID: d.plenary.ID, ParticipantID: outsider.ID, At: inside, Direction: "in", Verdict: "accepted"},
		chain.Scan{ID: "at-three", SessionID: d.plenary.ID, ParticipantID: d.ids[3], At: at(d.plenary.Starts.Add(-11 * time.Hour)), Direction: "in", Verdict: "accepted"},
		chain.Scan{ID: "after-the-end", SessionID: d.plenary.ID, ParticipantID: d.ids[3], At: at(d.plenary.Ends), Direction: "in", Verdict: "accepted"},
		chain.Scan{ID: "refused-early", SessionID: d.plenary.ID, ParticipantID: d.ids[3], At: at(d.plenary.Starts.Add(-11 * time.Hour)), Direction: "in", Verdict: "rejected", Reason: "too early"},
	)
	_, err := d.main.MergeStation(ctx, path)
	d.refused(t, path, data.EINVALID,
		"scan 5 (other-session): session "+fmt.Sprint(seminar.ID)+": the file was not issued for it",
		"scan 6 (outsider): participant "+outsider.BadgeNumber()+" is not on the roster",
		"scan 7 (at-three): an entry at 03:",
		"scan 8 (after-the-end): an entry at",
		"4 of its 9 scans")
	if strings.Contains(err.Error(), "refused-early") {
		t.Errorf("a refused scan before the door opened counts for nothing and is not a problem: %v", err)
	}
}

func TestMergeTakesAGoodFileOnceAndRecounts(t *testing.T) {
	d := newDoorFile(t)
	for round, want := range []int{4, 0} {
		added, err := d.main.MergeStation(ctx, d.path)
		if err != nil || added != want {
			t.Fatalf("merge %d: %d added, want %d: %v", round, added, want, err)
		}
		if got := d.counts(t); got != "4 scans, 3 presence rows, 3 present" {
			t.Fatalf("merge %d: %s", round, got)
		}
	}
	// The door goes on after a merge: the next merge takes only the new scans.
	station, _ := data.Open(d.path)
	station.StartClockAt(d.plenary.Starts.Add(time.Hour))
	if v, err := station.CheckIn(ctx, data.Scan{SessionID: d.plenary.ID, Code: d.codes[3], Station: "door-1"}); err != nil || v.Kind != data.Accepted {
		t.Fatalf("%v %v", v, err)
	}
	station.Close()
	if added, err := d.main.MergeStation(ctx, d.path); err != nil || added != 1 {
		t.Fatalf("merge after more scans: %d %v", added, err)
	}
	if got := d.counts(t); got != "5 scans, 4 presence rows, 4 present" {
		t.Fatal(got)
	}
}
