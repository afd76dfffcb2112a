package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data"
	"accred/data/pgtest"
)

func TestInitTimezoneMovesTheDoorsToLocalTime(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	if code, _, errs := run(t, db, "init", "--event", "X", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "Mars/Olympus"); code != 1 ||
		!strings.Contains(errs, `"Mars/Olympus" is not a time zone`) {
		t.Fatalf("unknown zone: %d %q", code, errs)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("a refused init left a database behind")
	}
	if code, _, _ := run(t, db, "stats"); code != 1 {
		t.Fatal("a refused init left an event behind")
	}
	if code, out, errs := run(t, db, "init", "--event", "Hanoi Convention", "--start", "2025-10-25", "--end", "2025-10-26",
		"--timezone", "Asia/Ho_Chi_Minh"); code != 0 || !strings.Contains(out, "time zone Asia/Ho_Chi_Minh") {
		t.Fatalf("init: %d %q %q", code, out, errs)
	}
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,document_number\ndelegate,An,Nguyen,VN,VN,C1\n"), 0o600)
	programme := filepath.Join(dir, "programme.csv")
	os.WriteFile(programme, []byte("code,title,kind,room,starts_at,ends_at\nSEM-1,Electronic evidence,seminar,Room B,2025-10-25 14:00,2025-10-25 16:00\n"), 0o600)
	for _, args := range [][]string{{"import", people}, {"approve", "--all"}, {"badges", "--out", filepath.Join(dir, "b.pdf")}, {"sessions", "import", programme}} {
		if code, _, errs := run(t, db, args...); code != 0 {
			t.Fatalf("%v: %q", args, errs)
		}
	}
	s, _ := data.Open(db)
	code, _ := s.BadgeCode(ctx, 1, 1)
	s.Close()
	t.Setenv("ACCRED_NOW", "2025-10-25T13:50:00+07:00")
	var out, errb bytes.Buffer
	if Run(ctx, []string{"--db", db, "checkin", "--session", "SEM-1"}, strings.NewReader(code+"\n"), &out, &errb) != 0 ||
		!strings.HasPrefix(out.String(), "ACCEPTED 1 ") {
		t.Fatalf("13:50 in Hanoi for a 14:00 session: %q %q", out.String(), errb.String())
	}
}

func TestSessionsImportRefusesHostileTextAndWarnsOfOverlaps(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "init", "--event", "X", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC")
	programme := filepath.Join(dir, "programme.csv")
	const header = "code,title,kind,room,starts_at,ends_at\n"
	for _, c := range []struct{ row, want string }{
		{"SEM-1," + strings.Repeat("A", 10<<20) + ",seminar,A,2025-10-25 09:00,2025-10-25 10:00", "line 2: This line is longer than 1 MB; check the file's quotes."},
		{"SEM-1,\"Opening\x1b[2J\a\",seminar,A,2025-10-25 09:00,2025-10-25 10:00", "line 2: title: The text holds a control character"},
		{"SEM-1,Phi\xean,seminar,A,2025-10-25 09:00,2025-10-25 10:00", "line 2: title: The text is not valid UTF-8"},
		{"SEM-9,Too late,seminar,A,2025-10-28 09:00,2025-10-28 10:00", "line 2: SEM-9: The session falls outside the event's days"},
	} {
		os.WriteFile(programme, []byte(header+c.row+"\n"), 0o600)
		code, _, errs := run(t, db, "sessions", "import", programme)
		if code != 1 || !strings.Contains(errs, c.want) || strings.ContainsAny(errs, "\x1b\a") || len(errs) > 1000 {
			t.Errorf("%.40q: %d %.300q", c.row, code, errs)
		}
	}
	if _, out, _ := run(t, db, "sessions"); out != "" {
		t.Fatalf("refused sessions were saved: %q", out)
	}
	os.WriteFile(programme, []byte(header+"PLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 12:00\n"+
		"SIDE-1,Side event,side-event,hall,2025-10-25 11:30,2025-10-25 12:30\n"+
		"SEM-1,Seminar,seminar,Room A,2025-10-25 11:30,2025-10-25 12:30\n"), 0o600)
	code, out, errs := run(t, db, "sessions", "import", programme)
	if code != 0 || !strings.Contains(out, "3 created") ||
		errs != "warning: PLEN-1 and SIDE-1 overlap in Hall (2025-10-25 09:00–12:00 and 2025-10-25 11:30–12:30)\n" {
		t.Fatalf("overlaps: %d %q %q", code, out, errs)
	}
}

func TestImportAndCheckinRefuseHostileText(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	t.Setenv("TZ", "Europe/Vienna")
	if code, out, _ := run(t, db, "init", "--event", "X", "--start", "2025-10-25", "--end", "2025-10-26"); code != 0 || !strings.Contains(out, "time zone Europe/Vienna") {
		t.Fatalf("init takes the machine's zone: %q", out)
	}
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,document_number\ndelegate,\"An\x1b]0;pwned\a\",Nguyen,VN,VN,C1\n"), 0o600)
	if code, _, errs := run(t, db, "import", people); code != 1 || !strings.Contains(errs, "line 2: given_name: The text holds a control character") {
		t.Fatalf("import: %d %q", code, errs)
	}
	programme := filepath.Join(dir, "programme.csv")
	os.WriteFile(programme, []byte("code,title,kind,room,starts_at,ends_at\nSEM-1,Seminar,seminar,A,2025-10-25 09:00,2025-10-25 10:00\n"), 0o600)
	run(t, db, "sessions", "import", programme)
	var out, errb bytes.Buffer
	code := Run(ctx, []string{"--db", db, "checkin", "--session", "SEM-1", "--station", "door\x1b[2J"}, strings.NewReader("X\n"), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "station: The text holds a control character") || out.Len() != 0 {
		t.Fatalf("checkin at a hostile station: %d %q %q", code, out.String(), errb.String())
	}
}

func TestInitRefusedLeavesNoFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, errs := run(t, db, "init", "--event", "Summit", "--start", "2025-10-26", "--end", "2025-10-25"); code != 1 || errs == "" {
		t.Fatalf("the last day before the first: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("a refused init left %s behind: %v", db, err)
	}
}
