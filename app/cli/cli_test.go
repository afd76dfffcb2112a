package cli

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data"
	"accred/data/pgtest"
)

// run runs the command line with --db in a temporary folder.
func run(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(ctx, append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestInitImportSearchApproveStats(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	if code, _, errs := run(t, db, "search", "x"); code != 1 || !strings.Contains(errs, "accred init") {
		t.Fatalf("search before init: %d %q", code, errs)
	}
	if code, out, errs := run(t, db, "init", "--event", "Test Summit", "--start", "2025-10-25", "--end", "2025-10-26"); code != 0 || !strings.Contains(out, "Test Summit") {
		t.Fatalf("init: %d %q %q", code, out, errs)
	}
	if code, _, errs := run(t, db, "init", "--event", "Again", "--start", "2025-10-25", "--end", "2025-10-26"); code != 1 || !strings.Contains(errs, "already holds an event") {
		t.Fatalf("second init: %d %q", code, errs)
	}
	csv := filepath.Join(dir, "people.csv")
	os.WriteFile(csv, []byte("category,given_name,family_name,nationality,delegation,document_number\n"+
		"delegate,Văn An,Nguyễn,VN,VN,C1\ndelegate,Seán,O'Sullivan,IE,IE,P1\n"), 0o600)
	if code, out, _ := run(t, db, "import", csv, "--dry-run"); code != 0 || !strings.Contains(out, "2 created") || !strings.Contains(out, "dry run") {
		t.Fatalf("dry run: %d %q", code, out)
	}
	if code, out, _ := run(t, db, "stats"); code != 0 || !strings.Contains(out, "delegate\t0\n") {
		t.Fatalf("stats after dry run: %q", out)
	}
	if code, out, _ := run(t, db, "import", csv); code != 0 || !strings.Contains(out, "2 created") {
		t.Fatalf("import: %d %q", code, out)
	}
	if code, out, _ := run(t, db, "import", csv); code != 0 || !strings.Contains(out, "2 unchanged") {
		t.Fatalf("import again: %d %q", code, out)
	}
	if code, out, _ := run(t, db, "search", "osullivan"); code != 0 || out != "2\tSeán O'Sullivan\tdelegate\tIreland\n" {
		t.Fatalf("search: %d %q", code, out)
	}
	if code, out, _ := run(t, db, "search", "nguyen", "an"); code != 0 || !strings.HasPrefix(out, "1\tNguyễn Văn An\tdelegate\tViet Nam") {
		t.Fatalf("search two words: %q", out)
	}
	if code, out, _ := run(t, db, "approve", "000001"); code != 0 || out != "approved 1\n" {
		t.Fatalf("approve one: %d %q", code, out)
	}
	if code, out, _ := run(t, db, "approve", "--all"); code != 0 || out != "approved 1\n" {
		t.Fatalf("approve all: %d %q", code, out)
	}
	code, out, _ := run(t, db, "stats")
	if code != 0 || !strings.HasPrefix(out, "delegate\t2\nobserver\t0\n") || !strings.Contains(out, "\napproved\t2\n") || !strings.Contains(out, "\nregistered\t0\n") {
		t.Fatalf("stats: %q", out)
	}
	if code, out, _ := run(t, db, "stats", "--by", "region"); code != 0 || out != "African\t0\nAsia-Pacific\t1\nEastern European\t0\n"+
		"Latin American and Caribbean\t0\nWestern European and others\t1\nother\t0\n" {
		t.Fatalf("stats by region: %d %q", code, out)
	}
	if code, out, _ := run(t, db, "stats", "--by=delegation"); code != 0 || out != "Ireland\t1\nViet Nam\t1\n" {
		t.Fatalf("stats by delegation: %d %q", code, out)
	}
	if code, out, _ := run(t, db, "stats", "--by", "gender"); code != 0 || out != "female\t0\nmale\t0\nother\t0\nnot stated\t2\n" {
		t.Fatalf("stats by gender: %d %q", code, out)
	}
	if code, _, errs := run(t, db, "stats", "--by", "colour"); code != 2 || !strings.Contains(errs, "--by category|status|gender|region|delegation") {
		t.Fatalf("stats by colour: %d %q", code, errs)
	}
}

func TestRefusalsGiveReasonsAndStatus(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "init", "--event", "Test", "--start", "2025-10-25", "--end", "2025-10-25")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("category,family_name,nationality,document_number\ndelegate,,Atlantis,\nvip,Ok,FR,1\n"), 0o600)
	code, out, errs := run(t, db, "import", bad)
	if code != 1 || out != "" || !strings.Contains(errs, "line 2: family_name") || !strings.Contains(errs, "line 2: nationality") ||
		!strings.Contains(errs, "line 2: document_number") || strings.Contains(errs, "line 3") {
		t.Fatalf("bad import: %d %q %q", code, out, errs)
	}
	cases := [][]string{
		{"approve"},
		{"approve", "--all", "3"},
		{"init", "--event", "X"},
		{"import"},
		{"search"},
		{"frobnicate"},
		{"demo", "--participants", "-5"},
	}
	for _, args := range cases {
		if code, _, errs := run(t, db, args...); code != 2 || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	if code, _, errs := run(t, db, "approve", "abc"); code != 1 || !strings.Contains(errs, "\"abc\" is not a badge number") {
		t.Errorf("approve abc: %d %q", code, errs)
	}
	if code, _, errs := run(t, db, "approve", "77"); code != 1 || !strings.Contains(errs, "000077") {
		t.Errorf("approve unknown: %d %q", code, errs)
	}
	if code, _, errs := run(t, db, "init", "--event", "X", "--start", "25/10/2025", "--end", "2025-10-26"); code != 1 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("bad date: %d %q", code, errs)
	}
}

func TestDemoAndDBFromEnvironment(t *testing.T) {
	db := pgtest.EventDB(t)
	t.Setenv("ACCRED_DB", db)
	var out, errb bytes.Buffer
	if code := Run(ctx, []string{"demo", "--participants", "300"}, nil, &out, &errb); code != 0 {
		t.Fatalf("demo: %q", errb.String())
	}
	code, stats, _ := run(t, db, "stats")
	if code != 0 || !strings.Contains(stats, "delegate\t") {
		t.Fatalf("stats: %q", stats)
	}
	if !Is([]string{"--db", db, "stats"}) || Is([]string{"--db", db}) || DBPath([]string{"--db=" + db}) != db {
		t.Fatal("command detection")
	}
}

func TestDoorCommandsRefuseBadInput(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "demo", "--participants", "30")
	for _, args := range [][]string{{"checkin"}, {"report"}, {"report", "visitors"}, {"report", "attendance", "--format", "pdf"}, {"sessions", "export"}} {
		if code, _, errs := run(t, db, args...); code != 2 || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	if code, _, errs := run(t, db, "checkin", "--session", "NOPE"); code != 1 || !strings.Contains(errs, "No session") {
		t.Errorf("unknown session: %d %q", code, errs)
	}
	if code, _, errs := run(t, db, "report", "attendance", "--format", "xlsx"); code != 1 || !strings.Contains(errs, "--out") {
		t.Errorf("xlsx without a file: %d %q", code, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("code,title,kind,room,starts_at,ends_at,capacity\nA-1,,party,R,25/10/2025,2025-10-25 10:00,-3\n"), 0o600)
	code, _, errs := run(t, db, "sessions", "import", bad)
	if code != 1 || !strings.Contains(errs, "line 2: starts_at") || !strings.Contains(errs, "line 2: capacity") ||
		!strings.Contains(errs, "line 2: title") || !strings.Contains(errs, "line 2: kind") {
		t.Errorf("bad programme: %d %q", code, errs)
	}
	if code, out, _ := run(t, db, "sessions"); code != 0 || strings.Count(out, "\n") != 50 {
		t.Errorf("the demo programme has %d sessions", strings.Count(out, "\n"))
	}
}

func TestStationExportAndMerge(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "demo", "--participants", "40")
	s, _ := data.Open(db)
	p, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	s.Close()
	run(t, db, "badges", "--out", filepath.Join(dir, "b.pdf"), fmt.Sprint(p[0].ID))
	station := filepath.Join(dir, "door.station")
	if code, out, errs := run(t, db, "station", "export", station, "PLEN-1", "SEM-1"); code != 0 || !strings.Contains(out, "2 sessions") {
		t.Fatalf("export: %d %q %q", code, out, errs)
	}
	if code, _, errs := run(t, db, "station", "export", station, "PLEN-1"); code != 1 || !strings.Contains(errs, "already exists") {
		t.Fatalf("export over a file: %d %q", code, errs)
	}
	if code, _, errs := run(t, db, "station", "export", filepath.Join(dir, "x.station"), "NOPE"); code != 1 || !strings.Contains(errs, "No session") {
		t.Fatalf("unknown session: %d %q", code, errs)
	}
	t.Setenv("ACCRED_NOW", "2025-10-25T14:05:00+07:00")
	var out, errb bytes.Buffer
	s, _ = data.Open(db)
	code, _ := s.BadgeCode(ctx, p[0].ID, 1)
	s.Close()
	if Run(ctx, []string{"--db", station, "checkin", "--session", "PLEN-1"}, strings.NewReader(code+"\n"), &out, &errb) != 0 || !strings.HasPrefix(out.String(), "ACCEPTED") {
		t.Fatalf("checkin at the station: %q %q", out.String(), errb.String())
	}
	for _, want := range []string{"merged 1 new scan from", "merged 0 new scans from"} {
		if code, out, errs := run(t, db, "station", "merge", station); code != 0 || !strings.Contains(out, want) {
			t.Fatalf("merge: %d %q %q", code, out, errs)
		}
	}
	if code, _, _ := run(t, db, "station", "merge"); code != 2 {
		t.Fatal("merge without a file")
	}
	raw, err := sql.Open("sqlite3", station)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE checkins SET at = '2025-10-25T07:10:00Z'`); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, db, "station", "merge", station); code != 1 || !strings.Contains(errs, "nothing was merged") ||
		!strings.Contains(errs, "scan 1 (") || !strings.Contains(errs, "bad signature") {
		t.Fatalf("merge of an edited file: %d %q", code, errs)
	}
}

func TestCheckinRefusesHostileLines(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "demo", "--participants", "20")
	s, _ := data.Open(db)
	p, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	s.Close()
	run(t, db, "badges", "--out", filepath.Join(dir, "b.pdf"), fmt.Sprint(p[0].ID), fmt.Sprint(p[1].ID))
	s, _ = data.Open(db)
	first, _ := s.BadgeCode(ctx, p[0].ID, 1)
	second, _ := s.BadgeCode(ctx, p[1].ID, 1)
	s.Close()
	t.Setenv("ACCRED_NOW", "2025-10-25T14:05:00+07:00")
	var out, errb bytes.Buffer
	input := "'; DROP TABLE checkins; --\n\x00\x01\x02\n\n" + first + "\n" + strings.Repeat("A", 10_000) + "\n" + second + "\n" + strings.Repeat("B", 5_000)
	code := Run(ctx, []string{"--db", db, "checkin", "--session", "PLEN-1"}, strings.NewReader(input), &out, &errb)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{"REJECTED - not an Accred badge code", "REJECTED - not an Accred badge code", fmt.Sprintf("ACCEPTED %d ", p[0].ID),
		"REJECTED - not an Accred badge code", fmt.Sprintf("ACCEPTED %d ", p[1].ID), "REJECTED - not an Accred badge code"}
	if code != 0 || len(lines) != len(want) || errb.Len() != 0 {
		t.Fatalf("hostile input: %d %q %q", code, out.String(), errb.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: %q, want %q", i+1, lines[i], w)
		}
	}
	if c, report, _ := run(t, db, "report", "attendance"); c != 0 || !strings.Contains(report, "PLEN-1,") {
		t.Fatalf("the scans table survived? %q", report)
	}
}
