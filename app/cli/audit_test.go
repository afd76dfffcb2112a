package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data"
	"accred/data/pgtest"
)

// TestEndToEndAuditShowsReimportReprintAndCheckin changes a participant by
// re-importing their file, reprints their badge and scans it at a door,
// then reads each change back from 'accred audit'.
func TestEndToEndAuditShowsReimportReprintAndCheckin(t *testing.T) {
	t.Setenv("ACCRED_NOW", "2025-10-25T14:10:00+07:00")
	t.Setenv("USER", "lan")
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "init", "--event", "Test", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "Asia/Ho_Chi_Minh")
	people := filepath.Join(dir, "people.csv")
	write := func(family, position string) {
		os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,document_number,position\n"+
			"delegate,Văn An,"+family+",VN,VN,C1,"+position+"\ndelegate,Seán,O'Sullivan,IE,IE,P1,\n"), 0o600)
	}
	write("Nguyen", "")
	if code, _, errs := run(t, db, "import", people); code != 0 {
		t.Fatal(errs)
	}
	write("Nguyễn", "=1+2")
	if code, out, errs := run(t, db, "import", people); code != 0 || !strings.Contains(out, "1 updated") {
		t.Fatalf("re-import: %d %q %q", code, out, errs)
	}
	run(t, db, "approve", "--all")
	for _, args := range [][]string{{"badges", "--out", filepath.Join(dir, "first.pdf"), "1"}, {"reprint", "1", "--reason", "lost at the hotel"},
		{"badges", "--out", filepath.Join(dir, "second.pdf"), "1"}} {
		if code, out, errs := run(t, db, args...); code != 0 {
			t.Fatalf("%v: %q %q", args, out, errs)
		}
	}
	programme := filepath.Join(dir, "programme.csv")
	os.WriteFile(programme, []byte("code,title,kind,room,starts_at,ends_at\nROOM-A,Open seminar,seminar,Room A,2025-10-25 14:00,2025-10-25 16:00\n"), 0o600)
	if code, _, errs := run(t, db, "sessions", "import", programme); code != 0 {
		t.Fatal(errs)
	}
	var out, errb bytes.Buffer
	if Run(ctx, []string{"--db", db, "checkin", "--session", "ROOM-A", "--station", "door-1"},
		strings.NewReader(badgeCode(t, db, 1, 2)+"\n"), &out, &errb) != 0 || !strings.HasPrefix(out.String(), "ACCEPTED 1") {
		t.Fatalf("checkin: %q %q", out.String(), errb.String())
	}

	code, text, errs := run(t, db, "audit", "--participant", "000001")
	if code != 0 {
		t.Fatal(errs)
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if lines[0] != "time\toperator\tstation\tparticipant\taction\tfield\told\tnew\tsource" {
		t.Fatalf("header %q", lines[0])
	}
	host, _ := os.Hostname()
	for _, want := range []string{
		"2025-10-25T14:10:00+07:00\tlan\t" + host + "\t000001\tregister\t\t\tdelegate, Nguyen Văn An, VN, VN\tpeople.csv",
		"\tlan\t" + host + "\t000001\tedit\tfamily_name\tNguyen\tNguyễn\tpeople.csv",
		"\tedit\tposition\t\t=1+2\tpeople.csv",
		"\tprint\tissue 1\t\tfirst.pdf\t",
		"\treprint\tlost at the hotel\tissue 1\tissue 2\t",
		"\tprint\tissue 2\t\tsecond.pdf\t",
		"\tlan\tdoor-1\t000001\tcheckin\tROOM-A\t\taccepted in\t",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("no line with %q in\n%s", want, text)
		}
	}
	for _, l := range lines {
		if strings.Count(l, "\t") != 8 {
			t.Errorf("a line without 9 columns: %q", l)
		}
	}
	if strings.Contains(text, "000002") {
		t.Errorf("another participant's lines: %s", text)
	}

	code, text, _ = run(t, db, "audit", "--format", "csv", "--operator", "lan")
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if code != 0 || err != nil || len(records) < 10 {
		t.Fatalf("csv: %d %v %q", code, err, text)
	}
	found := false
	for _, r := range records {
		found = found || (r[5] == "position" && r[7] == "'=1+2")
	}
	if !found {
		t.Errorf("the formula is not neutralised in\n%s", text)
	}
	if code, text, _ := run(t, db, "audit", "--operator", "nobody"); code != 0 || strings.Count(text, "\n") != 1 {
		t.Errorf("another operator: %d %q", code, text)
	}
	for since, lines := range map[string]int{"2025-10-25": 2, "2025-10-26": 0, "2025-10-25T14:10:00+07:00": 2, "2025-10-25T07:10:01Z": 0} {
		code, text, errs := run(t, db, "audit", "--since", since, "--participant", "2")
		if code != 0 || strings.Count(text, "\n") != 1+lines {
			t.Errorf("since %s: %d %q %q", since, code, text, errs)
		}
	}
	for _, bad := range [][]string{{"--since", "yesterday"}, {"--since", "2025-13-01"}, {"--since", "25/10/2025"}, {"--since", "2025-10-25T14:10:00"},
		{"--participant", "abc"}, {"--participant", "1 2"}, {"--participant", "-3"}, {"--participant", "999999"}} {
		if code, out, errs := run(t, db, append([]string{"audit"}, bad...)...); code != 1 || out != "" || !strings.Contains(errs, bad[0]) {
			t.Errorf("%v: %d %q %q", bad, code, out, errs)
		}
	}
	for _, bad := range [][]string{{"--format", "xml"}, {"extra"}, {"--since"}} {
		if code, _, errs := run(t, db, append([]string{"audit"}, bad...)...); code != 2 || !strings.Contains(errs, "usage: accred audit") {
			t.Errorf("%v: %d %q", bad, code, errs)
		}
	}
}

// badgeCode signs the code printed on a participant's badge of an issue.
func badgeCode(t *testing.T, db string, id int64, issue int) string {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, err := s.BadgeCode(ctx, id, issue)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestTabbedValuesStayOnTheirLineAndColumn(t *testing.T) {
	var b bytes.Buffer
	writeTabbed(&b, [][]string{{"a\tb", "line\nbreak\r", `back\slash`, ""}})
	if got := b.String(); got != "a\\tb\tline\\nbreak\\r\tback\\\\slash\t\n" {
		t.Errorf("%q", got)
	}
}
