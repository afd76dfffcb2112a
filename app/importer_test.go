package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"accred/data"
)

func TestImporterPreviewsThenImports(t *testing.T) {
	u := newTestUI(t)
	imported := false
	im := newImporter(u, func() { imported = true })
	u.win.SetContent(im.buildUI())
	path := filepath.Join(t.TempDir(), "people.csv")
	os.WriteFile(path, []byte("category,given_name,family_name,nationality,delegation,document_number\n"+
		"delegate,Ingrid,Ødegård,NO,NO,N1\n"+
		"delegate,Nobody,,NO,NO,N2\n"), 0o600)
	test.Type(im.path, path)
	test.Tap(im.commit) // disabled: nothing happens
	im.onCheck()
	if !im.commit.Disabled() || len(im.rows) != 2 || len(im.problems[3]) != 1 || len(im.problems[2]) != 0 {
		t.Fatalf("preview of a bad file: commit enabled=%v problems=%v", !im.commit.Disabled(), im.problems)
	}
	if !strings.Contains(im.summary.Text, "Nothing was imported") {
		t.Fatalf("summary %q", im.summary.Text)
	}
	os.WriteFile(path, []byte("category,given_name,family_name,nationality,delegation,document_number\n"+
		"delegate,Ingrid,Ødegård,NO,NO,N1\n"+
		"delegate,Ola,Nordmann,NO,NO,N2\n"), 0o600)
	im.onCheck()
	if im.commit.Disabled() || !strings.Contains(im.summary.Text, "2 new") {
		t.Fatalf("preview of a good file: %q", im.summary.Text)
	}
	if _, total, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{Query: "odegard"}); total != 0 {
		t.Fatal("the preview wrote to the database")
	}
	test.Tap(im.commit)
	if !imported || !strings.Contains(im.summary.Text, "2 new") {
		t.Fatalf("import: %q", im.summary.Text)
	}
	if _, total, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{Query: "odegard"}); total != 1 {
		t.Fatal("the import did not write")
	}
}

func TestImporterRefusesMissingFile(t *testing.T) {
	u := newTestUI(t)
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	im.path.SetText("/nowhere/people.csv")
	im.onCheck()
	if !im.commit.Disabled() || !strings.Contains(im.summary.Text, "Cannot open") {
		t.Fatalf("missing file: %q", im.summary.Text)
	}
}
