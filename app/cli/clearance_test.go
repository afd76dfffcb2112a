package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"accred/data/pgtest"
)

func TestEndToEndClearance(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "init", "--event", "Test", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC")
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,document_number,date_of_birth,place_of_birth\n"+
		"delegate,An,Nguyen,VN,VN,D1,1970-01-02,Huế\n"+
		"delegate,Binh,Tran,VN,VN,D2,1981-02-03,=cmd\n"+
		"delegate,Chi,Le,VN,VN,D3,03/04/1990,Hải Phòng\n"), 0o600)
	if code, _, errs := run(t, db, "import", people); code != 1 || !strings.Contains(errs, "line 4: date_of_birth: The date of birth is written YYYY-MM-DD") {
		t.Fatalf("a date of birth badly written: %d %q", code, errs)
	}
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,document_number,date_of_birth,place_of_birth\n"+
		"delegate,An,Nguyen,VN,VN,D1,1970-01-02,Huế\n"+
		"delegate,Binh,Tran,VN,VN,D2,1981-02-03,=cmd\n"+
		"delegate,Chi,Le,VN,VN,D3,1990-04-03,Hải Phòng\n"), 0o600)
	if code, _, errs := run(t, db, "import", people); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, db, "approve", "--all"); code != 0 {
		t.Fatal(errs)
	}
	list := filepath.Join(dir, "clearance.csv")
	if code, _, errs := run(t, db, "clearance", "export", "--out", list); code != 1 || !strings.Contains(errs, "clearance_required yes") {
		t.Fatalf("export where clearance is not required: %d %q", code, errs)
	}
	run(t, db, "settings", "clearance_required", "yes")
	if code, out, errs := run(t, db, "clearance", "export", "--out", list); code != 0 || out != "wrote 3 participants pending clearance to "+list+"\n" {
		t.Fatalf("export: %d %q %q", code, out, errs)
	}
	written, _ := os.ReadFile(list)
	want := "family_name,given_name,date_of_birth,place_of_birth,nationality,document_number,category\n" +
		"Le,Chi,1990-04-03,Hải Phòng,VN,D3,delegate\nNguyen,An,1970-01-02,Huế,VN,D1,delegate\nTran,Binh,1981-02-03,'=cmd,VN,D2,delegate\n"
	if string(written) != want {
		t.Fatalf("the list for the security service:\n%s", written)
	}
	if code, _, errs := run(t, db, "clearance", "export", "--out", list); code != 1 || !strings.Contains(errs, "never overwritten") {
		t.Fatalf("export over a file: %d %q", code, errs)
	}
	answer := filepath.Join(dir, "answer.csv")
	os.WriteFile(answer, []byte("document_number,nationality,result\nD1,VN,cleared\nD2,Viet Nam,REFUSED\nD9,VN,cleared\n"), 0o600)
	if code, _, errs := run(t, db, "clearance", "import", answer); code != 1 || !strings.Contains(errs, "line 4: document_number: Nobody is registered with document D9 of VN") {
		t.Fatalf("an answer naming nobody: %d %q", code, errs)
	}
	if code, _, errs := run(t, db, "badges", "--out", filepath.Join(dir, "none.pdf"), "1"); code != 1 || !strings.Contains(errs, "clearance pending") {
		t.Fatalf("the refused answer cleared someone: %d %q", code, errs)
	}
	os.WriteFile(answer, []byte("document_number,nationality,result\nD1,VN,cleared\nD2,Viet Nam,REFUSED\n"), 0o600)
	if code, out, errs := run(t, db, "clearance", "import", answer); code != 0 || out != "recorded the clearance of 2 participants\n" {
		t.Fatalf("clearance import: %d %q %q", code, out, errs)
	}
	for _, id := range []string{"2", "3"} {
		code, _, errs := run(t, db, "badges", "--out", filepath.Join(dir, "named"+id+".pdf"), id)
		if code != 1 || !strings.Contains(errs, "nothing was printed") || !strings.Contains(errs, map[string]string{"2": "not accredited", "3": "clearance pending"}[id]) {
			t.Fatalf("badge %s of an uncleared person: %d %q", id, code, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "named"+id+".pdf")); err == nil {
			t.Fatalf("a refused run wrote badge %s", id)
		}
	}
	code, out, errs := run(t, db, "badges", "--pending", "--out", filepath.Join(dir, "pending.pdf"))
	if code != 0 || !strings.Contains(out, "1 approved participant still waits for security clearance\n") || !strings.Contains(out, "printed 1 badge to") {
		t.Fatalf("badges --pending: %d %q %q", code, out, errs)
	}
}

// TestClearanceRefusesBadFiles: wrong, missing, duplicate, oversized and
// hostile answers from the security service are refused whole, with a
// reason, and record nothing; the list is written only as a table.
func TestClearanceRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	run(t, db, "init", "--event", "Test", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC")
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("category,given_name,family_name,nationality,delegation,document_number\ndelegate,An,Nguyen,VN,VN,D1\n"), 0o600)
	if code, _, errs := run(t, db, "import", people); code != 0 {
		t.Fatal(errs)
	}
	run(t, db, "approve", "--all")
	run(t, db, "settings", "clearance_required", "yes")
	if code, _, errs := run(t, db, "clearance", "export", "--out", filepath.Join(dir, "list.txt")); code != 1 || !strings.Contains(errs, "list.csv or") {
		t.Fatalf("a list that is not a table: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "list.txt")); err == nil {
		t.Fatal("the refused list was written")
	}
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	os.Symlink("/dev/zero", link)
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(body), 0o600)
		return path
	}
	for _, c := range []struct{ what, path, says string }{
		{"no file", filepath.Join(dir, "none.csv"), "none.csv"},
		{"a FIFO", fifo, "fifo.csv"},
		{"a link to a device", link, "link.csv"},
		{"no result column", write("nocol.csv", "document_number,nationality\nD1,VN\n"), "result"},
		{"only a header", write("empty.csv", "document_number,nationality,result\n"), "holds no answer"},
		{"an unknown result", write("maybe.csv", "document_number,nationality,result\nD1,VN,maybe\n"), `"maybe" is not a result`},
		{"the same person twice", write("twice.csv", "document_number,nationality,result\nD1,VN,cleared\nd-1,VN,refused\n"), "line 2"},
		{"an unknown country", write("country.csv", "document_number,nationality,result\nD1,Atlantis,cleared\n"), "line 2: nationality"},
		{"a control character", write("control.csv", "document_number,nationality,result\nD1\x07,VN,cleared\n"), "line 2"},
		{"an oversized cell", write("huge.csv", "document_number,nationality,result\n"+strings.Repeat("D", 1<<20)+",VN,cleared\n"), "line 2"},
	} {
		code, _, errs := run(t, db, "clearance", "import", c.path)
		if code == 0 || !strings.Contains(errs, c.says) {
			t.Errorf("%s: %d %q, want %q", c.what, code, errs, c.says)
		}
	}
	if code, out, _ := run(t, db, "search", "Nguyen"); code != 0 || !strings.Contains(out, "Nguyen") {
		t.Fatalf("search: %q", out)
	}
	if code, _, errs := run(t, db, "badges", "--out", filepath.Join(dir, "b.pdf"), "1"); code != 1 || !strings.Contains(errs, "clearance pending") {
		t.Fatalf("a refused file cleared someone: %d %q", code, errs)
	}
}
