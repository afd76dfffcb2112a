package cli

import (
	"os"
	"path/filepath"
	"testing"

	"accred/data/msg"
)

// TestSummariesCountInTheFormOfTheNumber: the commands' summaries say
// "1 badge" and "2 badges", never "1 badges", for every thing they count.
func TestSummariesCountInTheFormOfTheNumber(t *testing.T) {
	for thing, want := range map[*msg.Key][2]string{
		&badgesCounted:       {"1 badge", "2 badges"},
		&participantsCounted: {"1 participant", "2 participants"},
		&rowsCounted:         {"1 row", "2 rows"},
		&sessionsCounted:     {"1 session", "2 sessions"},
		&newScansCounted:     {"1 new scan", "2 new scans"},
		&filesCounted:        {"1 file", "2 files"},
		&photosCounted:       {"1 photo", "2 photos"},
		&zonesCounted:        {"1 zone", "2 zones"},
		&bytesCounted:        {"1 byte", "2 bytes"},
		&identitiesCounted:   {"1 identity changed", "2 identities changed"},
		&stillWaiting: {"1 approved participant still waits for security clearance",
			"2 approved participants still wait for security clearance"},
	} {
		if got := [2]string{counted(*thing, 1), counted(*thing, 2)}; got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}

	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	run(t, db, "init", "--event", "Test", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC")
	one := filepath.Join(dir, "one.csv")
	os.WriteFile(one, []byte("category,given_name,family_name,nationality,delegation,document_number\ndelegate,An,Nguyen,VN,VN,D1\n"), 0o600)
	if code, out, errs := run(t, db, "import", one); code != 0 || out != "imported 1 row: 1 created, 0 updated, 0 unchanged\n" {
		t.Fatalf("import of one line: %d %q %q", code, out, errs)
	}
	two := filepath.Join(dir, "two.csv")
	os.WriteFile(two, []byte("category,given_name,family_name,nationality,delegation,document_number\ndelegate,Binh,Tran,VN,VN,D2\ndelegate,Chi,Le,VN,VN,D3\n"), 0o600)
	if code, out, errs := run(t, db, "import", two); code != 0 || out != "imported 2 rows: 2 created, 0 updated, 0 unchanged\n" {
		t.Fatalf("import of two lines: %d %q %q", code, out, errs)
	}
	run(t, db, "approve", "--all")
	for _, c := range []struct {
		ids  []string
		said string
	}{{[]string{"1"}, "printed 1 badge to "}, {[]string{"2", "3"}, "printed 2 badges to "}} {
		out := filepath.Join(dir, c.ids[0]+".pdf")
		code, said, errs := run(t, db, append([]string{"badges", "--out", out}, c.ids...)...)
		if code != 0 || said != c.said+out+"\n" {
			t.Fatalf("badges %v: %d %q %q", c.ids, code, said, errs)
		}
	}
}
