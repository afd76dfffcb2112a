package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// saveLetter taps Save the nomination letter, names the file and saves.
func saveLetter(t *testing.T, u *ui, path string) {
	t.Helper()
	tapButton(t, u.desk.right, "Save the nomination letter…")
	ask := dialogShown(t, u)
	entryIn(t, ask).SetText(path)
	tapButton(t, ask, "Save")
}

func TestDeskSavesTheNominationLetter(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	showFound(d, "nguyen van")
	if b := findButton(d.right, "Save the nomination letter…"); b == nil || !b.Disabled() {
		t.Fatal("a delegation without a nomination offers its letter")
	}
	if _, err := u.store.RecordNomination(ctx, data.NominationInput{Name: "IE", Reference: "NV 7", Date: "2025-09-01"}); err != nil {
		t.Fatal(err)
	}
	showFound(d, "osul")
	if b := findButton(d.right, "Save the nomination letter…"); b == nil || !b.Disabled() || d.details.nomination.Text != "NV 7 of 2025-09-01" {
		t.Fatal("a nomination without its letter offers it")
	}
	letter := "%PDF-1.7\nnote verbale NV 12/2025"
	if _, err := u.store.RecordNomination(ctx, data.NominationInput{Name: "Viet Nam", Reference: "NV 12/2025", Date: "2025-09-15", File: []byte(letter)}); err != nil {
		t.Fatal(err)
	}
	showFound(d, "nguyen van")
	tapButton(t, d.right, "Save the nomination letter…")
	if proposed := entryIn(t, dialogShown(t, u)).Text; proposed != filepath.Join(filepath.Dir(u.dbPath), "nomination-vn.pdf") {
		t.Fatalf("the letter is proposed at %q", proposed)
	}
	tapButton(t, dialogShown(t, u), "Cancel")

	dir := t.TempDir()
	path := filepath.Join(dir, "vn.pdf")
	saveLetter(t, u, path)
	if got, err := os.ReadFile(path); err != nil || string(got) != letter {
		t.Fatalf("the saved letter: %q %v", got, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Fatalf("the letter is readable by others: %v", info.Mode())
	}
	if d.details.message.Text != "The nomination letter was saved to "+path+"." || d.details.message.Importance != widget.SuccessImportance {
		t.Fatalf("said %q", d.details.message.Text)
	}
	os.WriteFile(path, []byte("mine"), 0o600)
	saveLetter(t, u, path)
	if got, _ := os.ReadFile(path); string(got) != "mine" || !strings.Contains(d.details.message.Text, "already exists and is never overwritten") {
		t.Fatalf("over an existing file: %q, %q", got, d.details.message.Text)
	}
	saveLetter(t, u, filepath.Join(dir, "no-such-folder", "vn.pdf"))
	if d.details.message.Importance != widget.DangerImportance || !strings.Contains(d.details.message.Text, "no-such-folder") {
		t.Fatalf("into a missing folder: %q", d.details.message.Text)
	}
	// The proposed name moves on past a file already there.
	os.WriteFile(filepath.Join(filepath.Dir(u.dbPath), "nomination-vn.pdf"), []byte("old"), 0o600)
	tapButton(t, d.right, "Save the nomination letter…")
	if proposed := entryIn(t, dialogShown(t, u)).Text; proposed == filepath.Join(filepath.Dir(u.dbPath), "nomination-vn.pdf") {
		t.Fatalf("an existing file is proposed: %q", proposed)
	}
}
