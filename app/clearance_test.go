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

// requireClearance makes the test event require clearance and records the
// host country's answer: Nguyễn Văn An cleared, Seán O'Sullivan refused,
// the two others pending.
func requireClearance(t *testing.T, u *ui) {
	t.Helper()
	if err := u.store.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	answers := []data.ClearanceAnswer{{Line: 2, DocumentNumber: "C1", Nationality: "VN", Result: "cleared"},
		{Line: 3, DocumentNumber: "P1", Nationality: "IE", Result: "refused"}}
	if _, err := u.store.ImportClearance(ctx, answers); err != nil {
		t.Fatal(err)
	}
}

func TestPrintingStationCountsThoseWaitingForClearance(t *testing.T) {
	u := newTestUI(t)
	requireClearance(t, u)
	b, flush := openBadges(t, u)
	if len(b.selected) != 1 || !strings.Contains(b.summary.Text, "1 badge to print") ||
		!strings.Contains(b.summary.Text, "2 still wait for security clearance.") {
		t.Fatalf("pending with clearance required: %d %q", len(b.selected), b.summary.Text)
	}
	choose(b, b.who, whoNumbers)
	test.Type(b.numbers, "1 2")
	flush()
	if len(b.selected) != 1 || b.selected[0].DocumentNumber != "C1" ||
		!strings.Contains(b.summary.Text, "1 not accredited, left out.") {
		t.Fatalf("a refused person named: %d %q", len(b.selected), b.summary.Text)
	}
}

func TestDeskDetailsShowARefusalAsNotAccredited(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	showFound(d, "osul")
	if d.details.cleared != nil {
		t.Fatalf("clearance shown where none is required: %q", d.details.cleared.Text)
	}
	requireClearance(t, u)
	for _, c := range []struct{ query, says string }{
		{"nguyen van", "Cleared"},
		{"osul", "Refused by the host country's security service"},
		{"fontaine", "Clearance pending"},
	} {
		showFound(d, c.query)
		if d.details.cleared == nil || d.details.cleared.Text != c.says {
			t.Errorf("%q: an admin's details show the clearance %v, want %q", c.query, d.details.cleared, c.says)
		}
	}
	// Only an admin learns of a refusal: a desk operator reads "not accredited".
	addOperator(t, u.store, "Minh", data.RoleDesk)
	signInAs(t, u, "Minh", testPIN)
	showFound(u.desk, "osul")
	if c := u.desk.details.cleared; c == nil || c.Text != "Not accredited" {
		t.Errorf("a desk operator's details show the clearance %v", c)
	}
	u.desk.details.work.wait()
	if text := labelTexts(u.win.Canvas().Content()); strings.Contains(text, "Refused") || strings.Contains(text, "refused") {
		t.Errorf("the desk operator reads of the refusal: %s", text)
	}
}

// TestFormKeepsDateAndPlaceOfBirth: where the event requires clearance,
// the form asks for the date and place of birth.
func TestFormKeepsDateAndPlaceOfBirth(t *testing.T) {
	u := newTestUI(t)
	if err := u.store.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	d := u.desk
	showFound(d, "osullivan")
	press(d.search, fyne.KeyF2)
	f := d.form
	test.Type(f.entries[data.FieldDateOfBirth], "23/04/1985")
	test.Type(f.entries[data.FieldPlaceOfBirth], "Cork")
	test.Tap(f.save)
	if d.form == nil || !f.problems[data.FieldDateOfBirth].Visible() || !strings.Contains(f.problems[data.FieldDateOfBirth].Text, "YYYY-MM-DD") {
		t.Fatalf("a date of birth badly written was not refused under its field: %q", f.problems[data.FieldDateOfBirth].Text)
	}
	f.entries[data.FieldDateOfBirth].SetText("")
	test.Type(f.entries[data.FieldDateOfBirth], "1985-04-23")
	test.Tap(f.save)
	if d.form != nil || d.current.DateOfBirth != "1985-04-23" || d.current.PlaceOfBirth != "Cork" {
		t.Fatalf("saved born %q in %q", d.current.DateOfBirth, d.current.PlaceOfBirth)
	}
	// A correction of something else keeps them.
	press(d.search, fyne.KeyF2)
	test.Type(d.form.entries[data.FieldPosition], "Adviser")
	test.Tap(d.form.save)
	if d.current.Position != "Adviser" || d.current.DateOfBirth != "1985-04-23" || d.current.PlaceOfBirth != "Cork" {
		t.Fatalf("after a correction: %q born %q in %q", d.current.Position, d.current.DateOfBirth, d.current.PlaceOfBirth)
	}
}

// TestAdminsRecordClearanceInTheApp: a delegate approved while the event
// requires clearance waits for it, and the desk says so; an admin records
// a refusal with its reason at the desk, and the host country's answer
// file from the Import tab, all or nothing.
func TestAdminsRecordClearanceInTheApp(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if err := u.store.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	showFound(d, "osul")
	press(d.search, fyne.KeyF5)
	if !strings.Contains(d.details.message.Text, "The badge waits for security clearance.") || d.details.cleared.Text != "Pending: the badge waits for security clearance" {
		t.Fatalf("approved, pending: %q, %q", d.details.message.Text, d.details.cleared.Text)
	}

	tapButton(t, d.right, "Record the answer…")
	ask := dialogShown(t, u)
	var answer *widget.RadioGroup
	for _, o := range test.LaidOutObjects(ask) {
		if r, ok := o.(*widget.RadioGroup); ok {
			answer = r
		}
	}
	answer.SetSelected("Cleared")
	if e := focusedEntry(t, u); e.PlaceHolder != "" {
		t.Fatalf("a clearance asks for a reason: %q", e.PlaceHolder)
	}
	answer.SetSelected("Refused by the host country's security service")
	if e := focusedEntry(t, u); e.PlaceHolder != "Why? It is kept in the history." {
		t.Fatalf("a refusal asks for its reason as %q", e.PlaceHolder)
	}
	pressAnywhere(u.win, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() == nil || clearanceOf(t, u, 2) != data.ClearancePending {
		t.Fatal("a refusal was recorded without its reason")
	}
	test.Type(focusedEntry(t, u), "listed by Interpol")
	pressAnywhere(u.win, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil || clearanceOf(t, u, 2) != data.ClearanceRefused {
		t.Fatal("Enter did not record the refusal")
	}
	d.details.work.wait()
	if !strings.Contains(strings.Join(historyLines(d), "\n"), "to Refused by the host country's security service: listed by Interpol") {
		t.Fatalf("the history: %q", historyLines(d))
	}

	u.tabs.Select(u.tab(tabImport))
	tab := u.tab(tabImport).Content
	var path *keyEntry
	for _, o := range test.LaidOutObjects(tab) {
		if e, ok := o.(*keyEntry); ok && strings.Contains(e.PlaceHolder, "security service") {
			path = e
		}
	}
	dir := t.TempDir()
	wrong := filepath.Join(dir, "wrong.csv")
	writeFile(t, wrong, "document_number,nationality,result\nF1,FR,cleared\nC9,VN,cleared\n")
	path.SetText(wrong)
	tapButton(t, tab, "Record the answers")
	if text := labelTexts(tab); !strings.Contains(text, "Line 3") || clearanceOf(t, u, 3) != data.ClearancePending {
		t.Fatalf("a wrong answer file: %s", text)
	}
	right := filepath.Join(dir, "answer.csv")
	writeFile(t, right, "document_number,nationality,result,reason\nF1,FR,cleared,\nP1,IE,cleared,appeal upheld\n")
	path.SetText(right)
	press(path, fyne.KeyReturn)
	if text := labelTexts(tab); !strings.Contains(text, "Recorded the security clearance of 2 participants.") ||
		clearanceOf(t, u, 3) != data.ClearanceCleared || clearanceOf(t, u, 2) != data.ClearanceCleared {
		t.Fatalf("the answer file: %s", text)
	}
}

// clearanceOf is the clearance the database holds for participant id.
func clearanceOf(t *testing.T, u *ui, id int64) data.Clearance {
	t.Helper()
	p, err := u.store.Participant(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Clearance
}
