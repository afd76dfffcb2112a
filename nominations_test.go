package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndToEndNominations drives the real program: a delegate waits for
// their delegation's nomination, is approved once it is recorded with its
// file, and a journalist needs none.
func TestEndToEndNominations(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	mustAccred(t, db, "init", "--event", "Test Summit", "--start", "2025-10-25", "--end", "2025-10-26")
	mustAccred(t, db, "settings", "nominations_required", "yes")
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,media_outlet,document_number\n"+
		"delegate,An,Nguyen,VN,VN,,D1\ndelegate,Binh,Tran,VN,VN,,D2\nmedia,Claire,Martin,FR,,AFP,M1\n"), 0o600)
	mustAccred(t, db, "import", people)

	code, out, errs := accred(t, db, nil, "approve", "1")
	if code != 1 || out != "" || !strings.Contains(errs, "000001 cannot be approved yet: Viet Nam has no nomination recorded yet.") {
		t.Fatalf("approval without a nomination: %d %q %q", code, out, errs)
	}
	if out := mustAccred(t, db, "approve", "--all"); out != "approved 1\nwaiting for a nomination 2\n" {
		t.Fatalf("approve --all: %q", out)
	}

	note := filepath.Join(dir, "note.pdf")
	os.WriteFile(note, []byte("<html>a web page</html>"), 0o600)
	code, _, errs = accred(t, db, nil, "nominations", "add", "VN", "--reference", "NV 12/2025", "--date", "2025-09-15", "--file", note)
	if code != 1 || !strings.Contains(errs, note+": not a PDF file") {
		t.Fatalf("a file that is not a PDF: %d %q", code, errs)
	}
	code, _, errs = accred(t, db, nil, "nominations", "add", "VN", "--reference", "NV 12/2025", "--date", "2025-09-15", "--email", "focal point")
	if code != 1 || !strings.Contains(errs, "email: This is not an e-mail address") {
		t.Fatalf("a bad e-mail address: %d %q", code, errs)
	}
	if out := mustAccred(t, db, "nominations"); out != "" {
		t.Fatalf("refused nominations were kept: %q", out)
	}
	os.WriteFile(note, []byte("%PDF-1.7\nnote verbale\n"), 0o600)
	out = mustAccred(t, db, "nominations", "add", "Viet Nam", "--reference", "NV 12/2025", "--date", "2025-09-15",
		"--focal-point", "Le Van Hung", "--email", "hung@mofa.example", "--file", note)
	if out != "recorded the nomination of Viet Nam\n" {
		t.Fatalf("nominations add: %q", out)
	}
	if out := mustAccred(t, db, "nominations"); out != "Viet Nam\tNV 12/2025\t2025-09-15\tLe Van Hung\thung@mofa.example\t22 bytes\n" {
		t.Fatalf("nominations: %q", out)
	}
	if out := mustAccred(t, db, "approve", "--all"); out != "approved 2\n" {
		t.Fatalf("approve --all once nominated: %q", out)
	}
}
