package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data/pgtest"
)

// TestImportConfirmsIdentityChangesLineByLine: a file that gives an
// approved head of delegation another name is refused, naming the line,
// the person and the flag that confirms it; a line the file does not hold
// cannot be confirmed; confirmed, the line is imported and she is
// registered again.
func TestImportConfirmsIdentityChangesLineByLine(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	if code, _, errs := run(t, db, "init", "--event", "Test Summit", "--start", "2025-10-25", "--end", "2025-10-26"); code != 0 {
		t.Fatal(errs)
	}
	write := func(name, lines string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("category,title,given_name,family_name,nationality,delegation,position,head_of_delegation,document_number\n"+lines), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	first := write("first.csv", "delegate,H.E.,Phương Thảo,Bùi,VN,VN,Minister,yes,VN1007919\n")
	if code, _, errs := run(t, db, "import", first); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, db, "approve", "000001"); code != 0 {
		t.Fatal(errs)
	}
	swap := write("swap.csv", "delegate,,Văn Nam,Lê,VN,VN,Adviser,,VN2000001\ndelegate,,Thị Mai,Trần,VN,VN,,,VN1007919\n")
	code, out, errs := run(t, db, "import", swap)
	for _, want := range []string{"Nothing was imported", "line 3: given_name: 000001 H.E. BÙI Phương Thảo would become H.E. TRẦN Thị Mai, someone other than the person who was approved",
		"--confirm-identity 3"} {
		if code != 1 || !strings.Contains(errs, want) {
			t.Fatalf("unconfirmed: %d %q, stderr does not say %q:\n%s", code, out, want, errs)
		}
	}
	for _, wrong := range []string{"4", "three", "-1", "3;4", "3,x"} {
		if code, _, errs := run(t, db, "import", swap, "--confirm-identity", wrong); code != 1 || !strings.Contains(errs, "the file has no participant on line") {
			t.Fatalf("--confirm-identity %q: %d %s", wrong, code, errs)
		}
	}
	if code, _, errs := run(t, db, "import", swap, "--confirm-identity", "4"); code != 1 || !strings.Contains(errs, "no participant on line \"4\"") {
		t.Fatalf("a line the file does not hold: %d %s", code, errs)
	}
	if code, _, errs := run(t, db, "import", swap, "--confirm-identity", "2,3"); code != 1 || !strings.Contains(errs, "line 2: This line was confirmed") {
		t.Fatalf("a new person's line confirmed: %d %s", code, errs)
	}
	if code, out, _ := run(t, db, "stats"); code != 0 || !strings.Contains(out, "\napproved\t1\n") || !strings.Contains(out, "delegate\t1\n") {
		t.Fatalf("refused imports changed something: %q", out)
	}
	if code, out, errs := run(t, db, "import", swap, "--confirm-identity", "3"); code != 0 || out != "imported 2 rows: 1 created, 1 updated, 0 unchanged; 1 identity changed, registered again\n" {
		t.Fatalf("confirmed: %d %q %s", code, out, errs)
	}
	if code, out, _ := run(t, db, "search", "VN1007919"); code != 0 || !strings.Contains(out, "1\tH.E. Trần Thị Mai\tdelegate") {
		t.Fatalf("after: %q", out)
	}
	if code, out, _ := run(t, db, "stats"); code != 0 || !strings.Contains(out, "\napproved\t0\n") || !strings.Contains(out, "\nregistered\t2\n") {
		t.Fatalf("after: %q", out)
	}
}
