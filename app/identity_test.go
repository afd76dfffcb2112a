package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// TestDeskAsksBeforeChangingWhoSomeoneIs: another family name for someone
// whose badge is printed asks first; Cancel saves nothing, and confirmed,
// he is registered again and the badge in his hands stops working.
func TestDeskAsksBeforeChangingWhoSomeoneIs(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	p := printOSullivan(t, u)
	code, _ := u.store.BadgeCode(ctx, p.ID, 1)
	f := correctOSullivan(d)
	f.entries[data.FieldFamilyName].SetText("Sullivan")
	press(f.entries[data.FieldFamilyName], fyne.KeyReturn)
	ask := dialogShown(t, u)
	var asked string
	for _, o := range test.LaidOutObjects(ask) {
		if l, ok := o.(*widget.Label); ok {
			asked += l.Text + "\n"
		}
	}
	for _, want := range []string{"Change who this person is?", "Family name changes who this person is.",
		"Seán O'SULLIVAN would become Seán SULLIVAN, someone other than the person whose badge was printed; once confirmed, approval and clearance go back to pending and a printed badge stops working."} {
		if !strings.Contains(asked, want) {
			t.Fatalf("the question does not say %q:\n%s", want, asked)
		}
	}
	pressAnywhere(u.win, fyne.KeyReturn) // a second Enter confirms nothing
	if got, _ := u.store.Participant(ctx, p.ID); got.FamilyName != "O'Sullivan" || u.win.Canvas().Overlays().Top() != ask {
		t.Fatalf("Enter answered the question: %s", got.FamilyName)
	}
	pressAnywhere(u.win, fyne.KeyEscape)
	if got, _ := u.store.Participant(ctx, p.ID); got.FamilyName != "O'Sullivan" || got.Status != data.StatusPrinted || d.form == nil ||
		u.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("cancelled, yet %s %s; the form open: %v", got.FamilyName, got.Status, d.form != nil)
	}
	press(f.entries[data.FieldFamilyName], fyne.KeyReturn)
	test.Tap(findButton(dialogShown(t, u), "Cancel"))
	if d.form == nil || u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Cancel closed the form")
	}
	press(f.entries[data.FieldFamilyName], fyne.KeyReturn)
	test.Tap(findButton(dialogShown(t, u), "Change and send back to pending"))
	got, _ := u.store.Participant(ctx, p.ID)
	if got.FamilyName != "Sullivan" || got.Status != data.StatusRegistered || got.BadgeIssue != 2 || d.form != nil {
		t.Fatalf("confirmed: %s %s issue %d; the form open: %v", got.FamilyName, got.Status, got.BadgeIssue, d.form != nil)
	}
	if !strings.Contains(d.details.message.Text, "registered again") {
		t.Fatalf("the details say %q", d.details.message.Text)
	}
	if _, _, err := u.store.VerifyBadge(ctx, code); err == nil {
		t.Fatal("the badge printed before still works")
	}
}

// TestHistoryNamesTheImportOfEachChange: the History of someone an import
// sent back to pending names the file on each line the import wrote.
func TestHistoryNamesTheImportOfEachChange(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	p := printOSullivan(t, u)
	in := p.Input()
	in.GivenName, in.Position = "Siobhán", "Counsellor"
	rows := []data.ImportRow{{Line: 2, Input: in, ConfirmIdentity: true}}
	if _, err := u.store.ImportFile(ctx, data.ImportSource{Name: "ireland.csv"}, rows, false); err != nil {
		t.Fatal(err)
	}
	test.Type(d.search, "osullivan")
	press(d.search, fyne.KeyReturn)
	lines := strings.Join(historyLines(d), "\n")
	for _, want := range []string{
		"changed Given name from Seán to Siobhán (import of ireland.csv)",
		"changed Position from — to Counsellor (import of ireland.csv)",
		"changed the status from Badge printed to Registered: identity changed by the import of ireland.csv\n",
		"(issue 1) by a new one (issue 2): identity changed by the import of ireland.csv\n",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("the history does not say %q:\n%s", want, lines)
		}
	}
}

// TestImporterListsIdentityChangesToConfirmLineByLine: a file giving a
// badge holder another name shows the line, the person and a check; the
// import waits until it is ticked, then imports every line, sends him
// back to pending and says so.
func TestImporterListsIdentityChangesToConfirmLineByLine(t *testing.T) {
	u := newTestUI(t)
	p := printOSullivan(t, u)
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	path := filepath.Join(t.TempDir(), "ireland.csv")
	writeRoster(t, path, "delegate,Aoife,Byrne,IE,IE,IE-NEW-1", "delegate,Siobhán,Sullivan,IE,IE,"+p.DocumentNumber)
	test.Type(im.path, path)
	test.Tap(im.check)
	im.work.wait()
	if !im.commit.Disabled() || im.commit.Text != "1 line to confirm" || len(im.confirms) != 1 || im.confirms[3] == nil {
		t.Fatalf("before confirming: %q enabled=%v, confirms %v", im.commit.Text, !im.commit.Disabled(), im.confirms)
	}
	var listed string
	for _, o := range test.LaidOutObjects(im.conflictList) {
		if l, ok := o.(*widget.Label); ok {
			listed += l.Text + "\n"
		}
	}
	for _, want := range []string{"Given name: " + p.BadgeNumber() + " Seán O'SULLIVAN would become Siobhán SULLIVAN", "whose badge was printed"} {
		if !strings.Contains(listed, want) {
			t.Fatalf("the list does not say %q:\n%s", want, listed)
		}
	}
	if !strings.Contains(im.summary.Text, "1 line changes who someone approved, cleared or printed is") || im.summary.Importance != widget.WarningImportance {
		t.Fatalf("summary %q", im.summary.Text)
	}
	test.Tap(im.confirms[3])
	if im.commit.Disabled() || im.commit.Text != "Import 2 lines" {
		t.Fatalf("confirmed: %q enabled=%v", im.commit.Text, !im.commit.Disabled())
	}
	test.Tap(im.commit)
	im.work.wait()
	if !strings.Contains(im.summary.Text, "Imported 2 lines: 1 new, 1 corrected") || !strings.Contains(im.summary.Text, "1 person is someone else now") {
		t.Fatalf("imported: %q", im.summary.Text)
	}
	got, _ := u.store.Participant(ctx, p.ID)
	if got.GivenName != "Siobhán" || got.Status != data.StatusRegistered || participantsNamed(t, u, "byrne") != 1 {
		t.Fatalf("after: %+v", got)
	}
}
