package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestParticipantsListCommand(t *testing.T) {
	needTools(t, "pdftotext")
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, _, errs := run(t, db, "demo", "--participants", "300"); code != 0 {
		t.Fatal(errs)
	}
	pdf := filepath.Join(dir, "list.pdf")
	code, out, errs := run(t, db, "participants-list", "--out", pdf, "--native")
	if code != 0 || !strings.Contains(out, "wrote the List of Participants (") {
		t.Fatalf("participants-list: %d %q %q", code, out, errs)
	}
	first, _ := os.ReadFile(pdf)
	text, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"List of participants", "States\n", "Viet Nam\n", "Türkiye\n", "United Nations system\n", "NGUYỄN"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the list does not read %q", want)
		}
	}
	if strings.Contains(string(text), "Media\n") {
		t.Error("the media are listed without --media")
	}

	if code, _, errs := run(t, db, "participants-list", "--out", pdf, "--media"); code != 1 || !strings.Contains(errs, "never overwritten") {
		t.Fatalf("over an existing file: %d %q", code, errs)
	}
	if again, _ := os.ReadFile(pdf); !bytes.Equal(again, first) {
		t.Fatal("an existing list was changed")
	}
	second := filepath.Join(dir, "again.pdf")
	if code, _, errs := run(t, db, "participants-list", "--native", "--out", second); code != 0 {
		t.Fatal(errs)
	}
	if again, _ := os.ReadFile(second); !bytes.Equal(again, first) {
		t.Error("the same roster gave another file")
	}
	media := filepath.Join(dir, "media.pdf")
	if code, _, errs := run(t, db, "participants-list", "--out", media, "--media"); code != 0 {
		t.Fatal(errs)
	}
	if text, _ := exec.Command("pdftotext", media, "-").Output(); !strings.Contains(string(text), "Media\n") {
		t.Error("--media left the media out")
	}
	empty := filepath.Join(dir, "empty.pdf")
	if code, _, errs := run(t, db, "participants-list", "--out", empty, "--status", "collected"); code != 1 || !strings.Contains(errs, "Nobody has this status yet") {
		t.Fatalf("nobody collected: %d %q", code, errs)
	}
	if code, _, errs := run(t, db, "participants-list", "--out", empty, "--status", "rejected"); code != 1 || !strings.Contains(errs, "not rejected") {
		t.Fatalf("the rejected: %d %q", code, errs)
	}
	if _, err := os.Stat(empty); err == nil {
		t.Error("a refused list left a file")
	}
	if strings.Contains(string(text), "INF/") {
		t.Error("a symbol is printed before one is set")
	}
	if code, _, errs := run(t, db, "settings", "document_symbol", "UNEP/EA.7/INF/1"); code != 0 {
		t.Fatal(errs)
	}
	symbol := filepath.Join(dir, "symbol.pdf")
	if code, _, errs := run(t, db, "participants-list", "--out", symbol); code != 0 {
		t.Fatal(errs)
	}
	if text, _ := exec.Command("pdftotext", "-l", "2", symbol, "-").Output(); strings.Count(string(text), "UNEP/EA.7/INF/1") != 2 {
		t.Errorf("the running head of the first two pages does not read the symbol: %q", text)
	}
	if code, _, _ := run(t, db, "participants-list"); code != 2 {
		t.Errorf("no --out: exit %d", code)
	}
}
