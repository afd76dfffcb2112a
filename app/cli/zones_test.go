package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestSettingsCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	if code, _, errs := run(t, db, "settings"); code != 1 || !strings.Contains(errs, "no database") {
		t.Fatalf("settings before init: %d %q", code, errs)
	}
	run(t, db, "init", "--event", "Test Summit", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC")
	want := "name\tTest Summit\nstarts_on\t2025-10-25\nends_on\t2025-10-26\ntimezone\tUTC\nlanguages\t\nlogo\tnone\nclearance_required\tno\nnominations_required\tno\ndocument_symbol\t\nregistration_closes\t\n"
	if code, out, errs := run(t, db, "settings"); code != 0 || out != want {
		t.Fatalf("settings: %d %q %q", code, out, errs)
	}
	for _, kv := range [][2]string{{"timezone", "Asia/Ho_Chi_Minh"}, {"clearance_required", "yes"}, {"name", "Hanoi Summit"}} {
		if code, out, errs := run(t, db, "settings", kv[0], kv[1]); code != 0 || out != "" {
			t.Fatalf("settings %s %s: %d %q %q", kv[0], kv[1], code, out, errs)
		}
	}
	want = "name\tHanoi Summit\nstarts_on\t2025-10-25\nends_on\t2025-10-26\ntimezone\tAsia/Ho_Chi_Minh\nlanguages\t\nlogo\tnone\nclearance_required\tyes\nnominations_required\tno\ndocument_symbol\t\nregistration_closes\t\n"
	if _, out, _ := run(t, db, "settings"); out != want {
		t.Fatalf("settings after changes: %q", out)
	}
	refusals := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"settings", "colour", "red"}, 1, `no setting "colour"; the settings are name, starts_on, ends_on, timezone, languages, logo, clearance_required, nominations_required, document_symbol`},
		{[]string{"settings", "nominations_required", "perhaps"}, 1, "nominations_required: Write yes or no."},
		{[]string{"settings", "timezone", "Mars/Olympus"}, 1, "timezone: Unknown time zone"},
		{[]string{"settings", "name"}, 2, "usage: accred settings [KEY VALUE]"},
		{[]string{"settings", "name", "a", "b"}, 2, "usage: accred settings [KEY VALUE]"},
	}
	for _, r := range refusals {
		if code, out, errs := run(t, db, r.args...); code != r.code || out != "" || !strings.Contains(errs, r.says) {
			t.Errorf("%q: %d %q %q", r.args, code, out, errs)
		}
	}
	if _, out, _ := run(t, db, "settings"); out != want {
		t.Fatalf("refusals changed the settings: %q", out)
	}
}

func TestZonesCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	run(t, db, "init", "--event", "Test", "--start", "2025-10-25", "--end", "2025-10-26")
	if code, out, _ := run(t, db, "zones"); code != 0 || out != "" {
		t.Fatalf("no zones yet: %d %q", code, out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("code,name,categories\n1,Plenary floor,delegate vip\nx,Lounge,delegate\n3,,media\n4,Rooms,kings\n"), 0o600)
	code, out, errs := run(t, db, "zones", "import", bad)
	if code != 1 || out != "" || !strings.Contains(errs, "line 3: code: A zone is a number from 1 to 99.") {
		t.Fatalf("a bad number: %d %q %q", code, out, errs)
	}
	os.WriteFile(bad, []byte("code,name,categories\n1,Plenary floor,delegate vip\n3,,media\n4,Rooms,kings\n1,Again,\n"), 0o600)
	code, _, errs = run(t, db, "zones", "import", bad)
	for _, want := range []string{"line 3: name: Give the zone a name.", "line 4: categories: Unknown category", "line 5: code: The code is on line 2 already."} {
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("bad zones: %d, %q lacks %q", code, errs, want)
		}
	}
	if _, out, _ := run(t, db, "zones"); out != "" {
		t.Fatalf("a refused file defined zones: %q", out)
	}
	good := filepath.Join(dir, "zones.csv")
	os.WriteFile(good, []byte("Code,Name,Categories\n1,Plenary floor,delegate vip\n3,Media centre,media\n"), 0o600)
	if code, out, errs := run(t, db, "zones", "import", good); code != 0 || out != "imported 2 zones\n" {
		t.Fatalf("zones import: %d %q %q", code, out, errs)
	}
	if code, out, _ := run(t, db, "zones"); code != 0 || out != "1\tPlenary floor\tdelegate vip\n3\tMedia centre\tmedia\n" {
		t.Fatalf("zones: %d %q", code, out)
	}
	if code, _, errs := run(t, db, "zones", "export"); code != 2 || !strings.Contains(errs, "usage: accred zones") {
		t.Fatalf("zones export: %d %q", code, errs)
	}
}

// TestEndToEndZones defines zones, imports participants with their own zone
// changes and a programme with a zone-1 session, prints the badges (the
// band shows the zones), scans them back and pipes the codes to 'accred
// checkin': a badge without zone 1 is refused. A change of zones then lets
// a badge in without a reprint.
func TestEndToEndZones(t *testing.T) {
	needTools(t, "pdftoppm", "zbarimg", "pdftotext")
	t.Setenv("ACCRED_NOW", "2025-10-25T14:10:00Z")
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	run(t, db, "init", "--event", "Test", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC")
	zones := filepath.Join(dir, "zones.csv")
	os.WriteFile(zones, []byte("code,name,categories\n1,Plenary floor,delegate\n3,Media centre,media\n4,Bilateral rooms,\n"), 0o600)
	if code, _, errs := run(t, db, "zones", "import", zones); code != 0 {
		t.Fatal(errs)
	}
	header := "category,given_name,family_name,nationality,delegation,media_outlet,document_number,zones\n"
	four := header + "delegate,An,Nguyen,VN,VN,,D1,+4\n" + "delegate,Binh,Tran,VN,VN,,D2,-1\n" +
		"media,Claire,Martin,FR,,AFP,M1,+1 -3\n" + "media,Denis,Roux,FR,,AFP,M2,\n"
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte(four+"media,Eve,Blanc,FR,,AFP,M3,+9 4\n"), 0o600)
	code, _, errs := run(t, db, "import", people)
	if code != 1 || !strings.Contains(errs, "line 6: zones: Write the zones added and taken away as +4 -3") {
		t.Fatalf("a badly written zones cell: %d %q", code, errs)
	}
	os.WriteFile(people, []byte(four+"media,Eve,Blanc,FR,,AFP,M3,+9\n"), 0o600)
	code, _, errs = run(t, db, "import", people)
	if code != 1 || !strings.Contains(errs, "line 6: zones: The event has no zone 9") {
		t.Fatalf("an unknown zone: %d %q", code, errs)
	}
	os.WriteFile(people, []byte(four), 0o600)
	if code, out, errs := run(t, db, "import", people); code != 0 || !strings.Contains(out, "4 created") {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	programme := filepath.Join(dir, "programme.csv")
	os.WriteFile(programme, []byte("code,title,kind,room,starts_at,ends_at,zone\n"+
		"PLEN-1,Plenary,plenary,Hall,2025-10-25 14:00,2025-10-25 18:00,1\n"+
		"SEM-1,Seminar,seminar,Room A,2025-10-25 14:00,2025-10-25 16:00,x\n"+
		"SEM-2,Seminar,seminar,Room B,2025-10-25 14:00,2025-10-25 16:00,7\n"), 0o600)
	code, _, errs = run(t, db, "sessions", "import", programme)
	if code != 1 || !strings.Contains(errs, "line 3: zone: The zone is a number from 1 to 99, or empty for none.") {
		t.Fatalf("a zone that is no number: %d %q", code, errs)
	}
	os.WriteFile(programme, []byte("code,title,kind,room,starts_at,ends_at,zone\n"+
		"PLEN-1,Plenary,plenary,Hall,2025-10-25 14:00,2025-10-25 18:00,1\n"+
		"SEM-2,Seminar,seminar,Room B,2025-10-25 14:00,2025-10-25 16:00,7\n"), 0o600)
	code, _, errs = run(t, db, "sessions", "import", programme)
	if code != 1 || !strings.Contains(errs, "line 3: zone: The event has no zone 7") {
		t.Fatalf("an unknown zone: %d %q", code, errs)
	}
	os.WriteFile(programme, []byte("code,title,kind,room,starts_at,ends_at,zone\n"+
		"PLEN-1,Plenary,plenary,Hall,2025-10-25 14:00,2025-10-25 18:00,1\n"), 0o600)
	if code, _, errs := run(t, db, "sessions", "import", programme); code != 0 {
		t.Fatal(errs)
	}
	run(t, db, "approve", "--all")
	pdf := filepath.Join(dir, "badges.pdf")
	if code, _, errs := run(t, db, "badges", "--out", pdf); code != 0 {
		t.Fatal(errs)
	}
	text, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n1 4\nDELEGATE 000001", "\nphoto\nDELEGATE 000002", "\n1\nMEDIA 000003", "\n3\nMEDIA 000004"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the badges' bands lack %q:\n%s", want, text)
		}
	}
	codes := scanBadges(t, db, pdf, 4)
	checkin := func(lines ...string) string {
		return checkinAt(t, db, "PLEN-1", "hall", lines...)
	}
	want := "ACCEPTED 1 Nguyen An\nREJECTED 2 zone 1 not on badge\nACCEPTED 3 Claire Martin\nREJECTED 4 zone 1 not on badge\n"
	if got := checkin(codes[1], codes[2], codes[3], codes[4]); got != want {
		t.Fatalf("verdicts:\n%s\nwant:\n%s", got, want)
	}

	// A door may require a zone whatever the session: the reception needs
	// none, but its hall entrance requires zone 1.
	os.WriteFile(programme, []byte("code,title,kind,room,starts_at,ends_at\n"+
		"REC-1,Reception,meeting,Hall,2025-10-25 14:00,2025-10-25 18:00\n"), 0o600)
	if code, _, errs := run(t, db, "sessions", "import", programme); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := run(t, db, "doors", "set", "Hall entrance", "--zone", "1"); code != 0 || out != "Hall entrance requires zone 1\n" {
		t.Fatalf("doors set: %d %q %q", code, out, errs)
	}
	if code, out, _ := run(t, db, "doors"); code != 0 || out != "Hall entrance\t1\tPlenary floor\n" {
		t.Fatalf("doors: %d %q", code, out)
	}
	if got := checkinAt(t, db, "REC-1", "hall ENTRANCE", codes[2], codes[1]); got != "REJECTED 2 zone 1 not on badge\nACCEPTED 1 Nguyen An\n" {
		t.Fatalf("at the zone-1 door: %q", got)
	}
	if got := checkinAt(t, db, "REC-1", "Garden gate", codes[2]); got != "ACCEPTED 2 Tran Binh\n" {
		t.Fatalf("at a door requiring no zone: %q", got)
	}
	for _, r := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"doors", "set", "Hall entrance", "--zone", "9"}, 1, "The event has no zone 9"},
		{[]string{"doors", "set", "Hall entrance", "--zone", "one"}, 1, `--zone "one" is not a zone's number`},
		{[]string{"doors", "set", "", "--zone", "1"}, 1, "Name the door's station"},
		{[]string{"doors", "set", "Hall entrance"}, 2, "usage: accred doors"},
		{[]string{"doors", "set", "Hall", "entrance", "--zone", "1"}, 2, "usage: accred doors"},
		{[]string{"doors", "--zone", "1"}, 2, "usage: accred doors"},
	} {
		if code, out, errs := run(t, db, r.args...); code != r.code || out != "" || !strings.Contains(errs, r.says) {
			t.Errorf("%q: %d %q %q", r.args, code, out, errs)
		}
	}
	if code, out, _ := run(t, db, "doors", "set", "HALL ENTRANCE", "--zone", "0"); code != 0 || out != "HALL ENTRANCE requires no zone\n" {
		t.Fatalf("doors set 0: %d %q", code, out)
	}
	if _, out, _ := run(t, db, "doors"); out != "" {
		t.Fatalf("no door rule left: %q", out)
	}

	// Zone 1 given to Denis: the same badge now enters the plenary.
	os.WriteFile(people, []byte(header+"media,Denis,Roux,FR,,AFP,M2,+1\n"), 0o600)
	if code, out, errs := run(t, db, "import", people); code != 0 || !strings.Contains(out, "1 updated") {
		t.Fatalf("a change of zones: %d %q %q", code, out, errs)
	}
	if got := checkin(codes[4]); got != "ACCEPTED 4 Denis Roux\n" {
		t.Fatalf("after the change of zones: %q", got)
	}
}

// checkinAt pipes badge codes to 'accred checkin' for a session at a
// station and returns its verdict lines.
func checkinAt(t *testing.T, db, session, station string, lines ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := Run(ctx, []string{"--db", db, "checkin", "--session", session, "--station", station},
		strings.NewReader(strings.Join(lines, "\n")+"\n"), &out, &errb); code != 0 {
		t.Fatalf("checkin: %d %s", code, errb.String())
	}
	return out.String()
}
