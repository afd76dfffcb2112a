package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"accred/data/pgtest"
)

// printedDelegation makes an event with three Brazilian delegates and one
// Polish, all with printed badges, and returns the database.
func printedDelegation(t *testing.T, dir string) string {
	t.Helper()
	db := pgtest.EventDB(t)
	run(t, db, "init", "--event", "Test Summit", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC")
	csv := filepath.Join(dir, "people.csv")
	os.WriteFile(csv, []byte("category,given_name,family_name,nationality,delegation,document_number\n"+
		"delegate,Ana,Silva,BR,BR,FA-100200\ndelegate,Rui,Costa,BR,BR,FB-300400\ndelegate,Eva,Lima,BR,BR,FC-500600\n"+
		"delegate,Jan,Nowak,PL,PL,PL-700800\n"), 0o600)
	if code, _, errs := run(t, db, "import", csv); code != 0 {
		t.Fatal(errs)
	}
	run(t, db, "approve", "--all")
	if code, _, errs := run(t, db, "badges", "--out", filepath.Join(dir, "badges.pdf")); code != 0 {
		t.Fatal(errs)
	}
	return db
}

// TestEndToEndCollectionChecksTheDocument hands a badge over on the wrong
// document, which is refused, then on the right one.
func TestEndToEndCollectionChecksTheDocument(t *testing.T) {
	db := printedDelegation(t, t.TempDir())
	code, out, errs := run(t, db, "collect", "1", "--document", "FA-100999")
	if code != 1 || out != "" || !strings.Contains(errs, "ending …999") || !strings.Contains(errs, "ending …200") || strings.Contains(errs, "100") {
		t.Fatalf("the wrong document: %d %q %q", code, out, errs)
	}
	if _, out, _ := run(t, db, "stats"); !strings.Contains(out, "collected\t0\n") {
		t.Fatalf("a refused collection counted: %q", out)
	}
	if code, out, errs := run(t, db, "collect", "000001", "--document", "fa 100200"); code != 0 || out != "collected\t1\tAna Silva\n" {
		t.Fatalf("the right document: %d %q %q", code, out, errs)
	}
	if code, _, errs := run(t, db, "collect", "4", "--document", "FA100200", "--by", "1"); code != 1 || !strings.Contains(errs, "same delegation") {
		t.Fatalf("a focal point for another delegation: %d %q", code, errs)
	}
	if code, out, errs := run(t, db, "collect", "2", "--document", "FA100200", "--by", "1"); code != 0 || out != "collected\t2\tRui Costa\n" {
		t.Fatalf("collected by the focal point: %d %q %q", code, out, errs)
	}
	if code, out, errs := run(t, db, "collect", "4", "--document", "X1", "--override"); code != 0 || out != "collected\t4\tJan Nowak\n" {
		t.Fatalf("a supervisor's override: %d %q %q", code, out, errs)
	}
	for _, args := range [][]string{{"collect", "3"}, {"collect", "--document", "X"}, {"collect", "--delegation", "BR", "--document", "X", "--by", "1"}} {
		if code, _, errs := run(t, db, args...); code != 2 || !strings.Contains(errs, "usage: accred collect") {
			t.Errorf("%q: %d %q", args, code, errs)
		}
	}
}

// TestEndToEndDelegationCollectedWithAListToSign hands a delegation's badges
// to its focal point and reads the list to sign back with pdftotext.
func TestEndToEndDelegationCollectedWithAListToSign(t *testing.T) {
	needTools(t, "pdftotext")
	dir := t.TempDir()
	db := printedDelegation(t, dir)
	list := filepath.Join(dir, "br.pdf")
	if code, _, errs := run(t, db, "collect", "--delegation", "BR", "--by", "2", "--document", "FA100200", "--out", list); code != 1 ||
		!strings.Contains(errs, "ending …400") {
		t.Fatalf("the wrong document: %d %q", code, errs)
	}
	if _, err := os.Stat(list); err == nil {
		t.Fatal("a refused collection wrote a list")
	}
	code, out, errs := run(t, db, "collect", "--delegation", "br", "--by", "2", "--document", "FB300400", "--out", list)
	if code != 0 || !strings.Contains(out, "wrote the list to sign (3 badges)") || strings.Contains(out, "Nowak") {
		t.Fatalf("the delegation: %d %q %q", code, out, errs)
	}
	text, err := exec.Command("pdftotext", "-raw", list, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Badges handed over: Brazil", "Collected by Rui Costa (000002)", "Signature", "1 Rui COSTA 000002", "Ana SILVA 000001",
		"Eva LIMA 000003", " (UTC) · ", "Signature of the focal point"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the list does not read %q:\n%s", want, text)
		}
	}
	if strings.Contains(string(text), "NOWAK") {
		t.Error("another delegation's badge is on the list")
	}
	if code, _, errs := run(t, db, "collect", "--delegation", "BR", "--by", "2", "--document", "FB300400", "--out", list); code != 1 || !strings.Contains(errs, "never overwritten") {
		t.Fatalf("over an existing list: %d %q", code, errs)
	}
}
