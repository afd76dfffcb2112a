package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data/pgtest"
)

func TestNominationsCommand(t *testing.T) {
	db := pgtest.EventDB(t)
	dir := t.TempDir()
	run(t, db, "init", "--event", "Test", "--start", "2025-10-25", "--end", "2025-10-26")
	run(t, db, "settings", "nominations_required", "yes")
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,organization,organization_kind,document_number\n"+
		"delegate,An,Nguyen,VN,VN,,,D1\nobserver,Eva,Wolf,AT,,UNODC,international,O1\n"), 0o600)
	if code, _, errs := run(t, db, "import", people); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := run(t, db, "approve", "2"); code != 1 || out != "" || !strings.Contains(errs, "UNODC has no nomination recorded yet") {
		t.Fatalf("approving an observer without a nomination: %d %q %q", code, out, errs)
	}
	refusals := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"nominations", "add", "VN"}, 1, "reference: Give the nomination's reference"},
		{[]string{"nominations", "add", "VN", "--reference", "NV 1", "--date", "15/09/2025"}, 1, "date: Write the nomination's date as YYYY-MM-DD."},
		{[]string{"nominations", "add", "Atlantis", "--reference", "NV 1", "--date", "2025-09-15"}, 1, "There is no delegation or organisation named Atlantis"},
		{[]string{"nominations", "add", "VN", "--reference", "NV 1", "--date", "2025-09-15", "--file", filepath.Join(dir, "none.pdf")}, 1, "none.pdf: there is no such file"},
		{[]string{"nominations", "add", "--reference", "NV 1"}, 2, "usage: accred nominations [add NAME"},
		{[]string{"nominations", "extra"}, 2, "usage: accred nominations [add NAME"},
	}
	for _, r := range refusals {
		if code, out, errs := run(t, db, r.args...); code != r.code || out != "" || !strings.Contains(errs, r.says) {
			t.Errorf("%q: %d %q %q", r.args, code, out, errs)
		}
	}
	for _, name := range []string{"vn", "unodc"} {
		if code, _, errs := run(t, db, "nominations", "add", name, "--reference", "REF-"+name, "--date", "2025-09-15"); code != 0 {
			t.Fatalf("nominations add %s: %q", name, errs)
		}
	}
	if _, out, _ := run(t, db, "nominations"); out != "Viet Nam\tREF-vn\t2025-09-15\t\t\t-\nUNODC\tREF-unodc\t2025-09-15\t\t\t-\n" {
		t.Fatalf("nominations: %q", out)
	}
	if code, out, errs := run(t, db, "approve", "--all"); code != 0 || out != "approved 2\n" {
		t.Fatalf("approve --all: %d %q %q", code, out, errs)
	}

	// The file kept with a nomination comes back as it was given.
	letter := filepath.Join(dir, "letter.pdf")
	os.WriteFile(letter, []byte("%PDF-1.7\nnote verbale NV 12"), 0o600)
	if code, _, errs := run(t, db, "nominations", "add", "Viet Nam", "--reference", "NV 12", "--date", "2025-09-15", "--file", letter); code != 0 {
		t.Fatal(errs)
	}
	back := filepath.Join(dir, "back.pdf")
	if code, out, errs := run(t, db, "nominations", "file", "VN", "--out", back); code != 0 || !strings.Contains(out, "wrote the nomination of Viet Nam (27 bytes) to") {
		t.Fatalf("nominations file: %d %q %q", code, out, errs)
	}
	if got, err := os.ReadFile(back); err != nil || string(got) != "%PDF-1.7\nnote verbale NV 12" {
		t.Fatalf("the file back: %q %v", got, err)
	}
	if info, err := os.Stat(back); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the file back is readable by others: %v %v", info.Mode(), err)
	}
	os.WriteFile(filepath.Join(dir, "taken.pdf"), []byte("mine"), 0o600)
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,document_number\ndelegate,Seán,Byrne,IE,IE,I1\n"), 0o600)
	if code, _, errs := run(t, db, "import", people); code != 0 {
		t.Fatal(errs)
	}
	for _, r := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"nominations", "file", "VN", "--out", filepath.Join(dir, "taken.pdf")}, 1, "already exists and is never overwritten"},
		{[]string{"nominations", "file", "UNODC", "--out", filepath.Join(dir, "u.pdf")}, 1, "the nomination of UNODC was recorded without its file"},
		{[]string{"nominations", "file", "IE", "--out", filepath.Join(dir, "ie.pdf")}, 1, "Ireland has no nomination recorded yet"},
		{[]string{"nominations", "file", "Atlantis", "--out", filepath.Join(dir, "a.pdf")}, 1, "There is no delegation or organisation named Atlantis"},
		{[]string{"nominations", "file", "VN", "--out", filepath.Join(dir, "no-such-folder", "a.pdf")}, 1, "cannot write"},
		{[]string{"nominations", "file", "VN"}, 2, "usage: accred nominations"},
		{[]string{"nominations", "file", "--out", filepath.Join(dir, "b.pdf")}, 2, "usage: accred nominations"},
	} {
		if code, out, errs := run(t, db, r.args...); code != r.code || out != "" || !strings.Contains(errs, r.says) {
			t.Errorf("%q: %d %q %q", r.args, code, out, errs)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "taken.pdf")); string(got) != "mine" {
		t.Fatalf("an existing file was overwritten: %q", got)
	}
}
