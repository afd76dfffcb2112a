package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
	if !strings.Contains(im.summary.Text, "Nothing was changed") {
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
	if im.progress.Visible() || !strings.Contains(im.summary.Text, "Imported 2 lines: 2 new") || participantsNamed(t, u, "nordmann") != 1 {
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

// TestImporterWrapsProblemsAndShowsOnlyTheBadLines checks a file with one
// bad line among good ones: one message says what happened, the bad line's
// long problems wrap onto a taller row rather than be cut, and the toggle
// leaves only that line.
func TestImporterWrapsProblemsAndShowsOnlyTheBadLines(t *testing.T) {
	u := newTestUI(t)
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	path := filepath.Join(t.TempDir(), "people.csv")
	writeRoster(t, path, "delegate,Ingrid,Ødegård,NO,NO,N1", "unknown-kind,,,XX,,", "delegate,Ola,Nordmann,NO,NO,N3")
	test.Type(im.path, path)
	test.Tap(im.check)
	im.work.wait()
	if got := im.summary.Text; !strings.HasPrefix(got, "The file was not imported:") || !strings.Contains(got, "on 1 line. Nothing was changed.") ||
		strings.Count(got, "imported") != 1 {
		t.Fatalf("one message for what happened: %q", got)
	}
	if rows, _ := im.table.Length(); rows != 3 {
		t.Fatalf("%d rows shown, want every line", rows)
	}
	problems := im.problemsOf(3)
	if strings.Count(problems, "\n") < 2 {
		t.Fatalf("line 3's problems: %q", problems)
	}
	plain := (&widget.Label{Text: "✓"}).MinSize().Height
	var cell *widget.Label
	for _, o := range drawn(im.table) {
		if l, ok := o.(*widget.Label); ok && l.Text == problems {
			cell = l
		}
	}
	if cell == nil || cell.Wrapping != fyne.TextWrapWord || cell.Size().Height <= plain*1.5 {
		t.Fatalf("the bad line's problems are cut to one line of %v: %+v", plain, cell)
	}
	test.Tap(im.onlyBad)
	if rows, _ := im.table.Length(); rows != 1 || im.rows[im.shown[0]].Line != 3 {
		t.Fatalf("only the bad lines: %d rows, %v", rows, im.shown)
	}
	test.Tap(im.onlyBad)
	if rows, _ := im.table.Length(); rows != 3 {
		t.Fatalf("every line again: %d rows", rows)
	}
}

// TestImporterRowsHoldTheirLongestCell: a right line whose name wraps in
// its column is as tall as the name, rather than spilling over the next.
func TestImporterRowsHoldTheirLongestCell(t *testing.T) {
	u := newTestUI(t)
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	path := filepath.Join(t.TempDir(), "people.csv")
	writeRoster(t, path, "delegate,Ingrid Margrethe Sofie,Ødegård-Kristiansen,NO,NO,N1", "delegate,Ola,Nordmann,NO,NO,N2")
	test.Type(im.path, path)
	test.Tap(im.check)
	im.work.wait()
	if im.commit.Disabled() {
		t.Fatalf("the lines are right, yet: %q", im.summary.Text)
	}
	plain := (&widget.Label{Text: "✓"}).MinSize().Height
	name, _ := im.cellText(im.rows[0], 1)
	for _, o := range drawn(im.table) {
		if l, ok := o.(*widget.Label); ok && l.Text == name {
			if l.Size().Height < l.MinSize().Height || l.Size().Height <= plain*1.5 {
				t.Fatalf("the name is %v tall in a row of %v: cut to one line", l.MinSize().Height, l.Size().Height)
			}
			return
		}
	}
	t.Fatalf("no cell shows %q", name)
}

// drawn is o and every object its renderers hold, as they are drawn
// (test.LaidOutObjects lays a table out again, without its cells).
func drawn(o fyne.CanvasObject) []fyne.CanvasObject {
	all := []fyne.CanvasObject{o}
	switch x := o.(type) {
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			all = append(all, drawn(c)...)
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			all = append(all, drawn(c)...)
		}
	}
	return all
}

// TestImporterCountsFollowTheFileChecked: one line is "1 line", and the
// button's count goes with the file named: typing another file's path
// takes the offer back until that file is checked.
func TestImporterCountsFollowTheFileChecked(t *testing.T) {
	u := newTestUI(t)
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one.csv"), filepath.Join(dir, "two.csv")
	writeRoster(t, one, "delegate,Ingrid,Ødegård,NO,NO,N1")
	writeRoster(t, two, "delegate,Ingrid,Ødegård,NO,NO,N1", "delegate,Ola,Nordmann,NO,NO,N2")
	test.Type(im.path, two)
	test.Tap(im.check)
	im.work.wait()
	if im.commit.Text != "Import 2 lines" || !strings.HasPrefix(im.summary.Text, "2 lines are ready") {
		t.Fatalf("two lines: %q, %q", im.commit.Text, im.summary.Text)
	}
	retype(im.path, one)
	if im.commit.Text != "Import" || !im.commit.Disabled() {
		t.Fatalf("another file named: %q, enabled %v", im.commit.Text, !im.commit.Disabled())
	}
	test.Tap(im.check)
	im.work.wait()
	if im.commit.Text != "Import 1 line" || !strings.HasPrefix(im.summary.Text, "1 line is ready: 1 new") {
		t.Fatalf("one line: %q, %q", im.commit.Text, im.summary.Text)
	}
	test.Tap(im.commit)
	im.work.wait()
	if !strings.HasPrefix(im.summary.Text, "Imported 1 line: 1 new") {
		t.Fatalf("imported: %q", im.summary.Text)
	}
}

// TestImporterNamesCategoriesInTheStationsLanguage: checked in French, a
// line's category is named as the event names it in French (Délégué, not
// delegate), an unknown one as written, and a problem reads "Nationalité :
// …" with French spacing.
func TestImporterNamesCategoriesInTheStationsLanguage(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	u := newTestUI(t)
	useLanguage("fr")
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	path := filepath.Join(t.TempDir(), "people.csv")
	writeRoster(t, path, "delegate,Ingrid,Ødegård,NO,NO,N1", "spy,James,Bond,Atlantis,GB,N2")
	test.Type(im.path, path)
	test.Tap(im.check)
	im.work.wait()
	var cells []string
	for _, o := range drawn(im.table) {
		if l, ok := o.(*widget.Label); ok {
			cells = append(cells, l.Text)
		}
	}
	want := categoryText(categoryNamed(u.desk.categories, "delegate"))
	if want == "delegate" || !slices.Contains(cells, want) || slices.Contains(cells, "delegate") || !slices.Contains(cells, "spy") {
		t.Fatalf("the categories shown: %q", cells)
	}
	if problems := im.problemsOf(3); !strings.Contains(problems, "Nationalité : ") {
		t.Fatalf("line 3's problems: %q", problems)
	}
}
