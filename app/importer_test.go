package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"accred/data"
)

// writeFile writes a file a person hands to the program.
func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeRoster writes a participant file with the template's header.
func writeRoster(t *testing.T, path string, lines ...string) {
	t.Helper()
	writeFile(t, path, "category,given_name,family_name,nationality,delegation,document_number\n"+strings.Join(lines, "\n")+"\n")
}

func participantsNamed(t *testing.T, u *ui, query string) int {
	t.Helper()
	_, total, err := u.store.FindParticipants(ctx, data.ParticipantFilter{Query: query})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

func TestImporterPreviewsThenImports(t *testing.T) {
	u := newTestUI(t)
	imported := false
	im := newImporter(u, func() { imported = true })
	u.win.SetContent(im.buildUI())
	path := filepath.Join(t.TempDir(), "people.csv")
	writeRoster(t, path, "delegate,Ingrid,Ødegård,NO,NO,N1", "delegate,Nobody,,NO,NO,N2")
	test.Type(im.path, path)
	test.Tap(im.commit) // disabled: nothing happens
	test.Tap(im.check)
	im.work.wait()
	if !im.commit.Disabled() || len(im.rows) != 2 || len(im.problems[3]) != 1 || len(im.problems[2]) != 0 {
		t.Fatalf("preview of a bad file: commit enabled=%v problems=%v", !im.commit.Disabled(), im.problems)
	}
	if !strings.Contains(im.summary.Text, "Nothing was imported") {
		t.Fatalf("summary %q", im.summary.Text)
	}
	writeRoster(t, path, "delegate,Ingrid,Ødegård,NO,NO,N1", "delegate,Ola,Nordmann,NO,NO,N2")
	test.Tap(im.check)
	im.work.wait()
	if im.commit.Disabled() || !strings.Contains(im.summary.Text, "2 new") {
		t.Fatalf("preview of a good file: %q", im.summary.Text)
	}
	if participantsNamed(t, u, "odegard") != 0 {
		t.Fatal("the preview wrote to the database")
	}
	test.Tap(im.commit)
	im.work.wait()
	if !imported || !strings.Contains(im.summary.Text, "2 new") {
		t.Fatalf("import: %q", im.summary.Text)
	}
	if participantsNamed(t, u, "odegard") != 1 {
		t.Fatal("the import did not write")
	}
}

// TestImporterWorksInTheBackground holds the importer's work to show that a
// click returns at once, with a progress bar, and that the outcome arrives
// when the work is done.
func TestImporterWorksInTheBackground(t *testing.T) {
	u := newTestUI(t)
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	var held []func()
	im.work.start = func(job func()) { held = append(held, job) }
	path := filepath.Join(t.TempDir(), "people.csv")
	writeRoster(t, path, "delegate,Ingrid,Ødegård,NO,NO,N1", "delegate,Ola,Nordmann,NO,NO,N2")
	test.Type(im.path, path)
	test.Tap(im.check)
	if len(held) != 1 || im.rows != nil || im.summary.Text != "Checking the file…" {
		t.Fatalf("the click did the work itself: %d jobs, %d rows, %q", len(held), len(im.rows), im.summary.Text)
	}
	if !im.progress.Visible() || !im.check.Disabled() || !im.commit.Disabled() {
		t.Fatal("no progress shown, or the buttons stay active while checking")
	}
	go held[0]()
	im.work.wait()
	if im.progress.Visible() || im.check.Disabled() || im.commit.Disabled() || len(im.rows) != 2 {
		t.Fatalf("after the check: progress %v, %d rows, %q", im.progress.Visible(), len(im.rows), im.summary.Text)
	}
	test.Tap(im.commit)
	if len(held) != 2 || !im.progress.Visible() || im.summary.Text != "Importing…" || participantsNamed(t, u, "nordmann") != 0 {
		t.Fatalf("the import ran in the click: %q", im.summary.Text)
	}
	go held[1]()
	im.work.wait()
	if im.progress.Visible() || !strings.Contains(im.summary.Text, "Imported: 2 new") || participantsNamed(t, u, "nordmann") != 1 {
		t.Fatalf("after the import: %q", im.summary.Text)
	}
}

func TestImporterRefusesMissingFile(t *testing.T) {
	u := newTestUI(t)
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	test.Type(im.path, "/nowhere/people.csv")
	test.Tap(im.check)
	im.work.wait()
	if !im.commit.Disabled() || !strings.Contains(im.summary.Text, "Cannot open") {
		t.Fatalf("missing file: %q", im.summary.Text)
	}
}
