package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// focusedEntry is the entry with the focus, failing when no entry has it.
func focusedEntry(t *testing.T, u *ui) *keyEntry {
	t.Helper()
	e, ok := u.win.Canvas().Focused().(*keyEntry)
	if !ok {
		t.Fatalf("the focus is on %T, not on an entry", u.win.Canvas().Focused())
	}
	return e
}

// TestDialogsAnswerEnterAndEsc: the reason to reject and the question
// before discarding what was typed answer Esc (no) and Enter (yes), from
// their entry or with nothing focused.
func TestDialogsAnswerEnterAndEsc(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "osul")
	press(d.search, fyne.KeyReturn)
	id := d.current.ID

	press(d.search, fyne.KeyF8)
	dialogShown(t, u)
	pressAnywhere(u.win, fyne.KeyEscape)
	if u.win.Canvas().Overlays().Top() != nil || storedStatus(t, u, id) != data.StatusRegistered {
		t.Fatal("Esc in the reason did not close the question, or changed the status")
	}
	press(d.search, fyne.KeyF8)
	test.Type(focusedEntry(t, u), "did not come")
	pressAnywhere(u.win, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil || storedStatus(t, u, id) != data.StatusRejected {
		t.Fatal("Enter in the reason did not reject")
	}

	press(d.search, fyne.KeyF3)
	test.Type(focusedEntry(t, u), "Pierre")
	pressAnywhere(u.win, fyne.KeyEscape)
	dialogShown(t, u)
	u.win.Canvas().Unfocus() // a click on the dialog's empty part
	pressAnywhere(u.win, fyne.KeyEscape)
	if u.win.Canvas().Overlays().Top() != nil || d.form == nil {
		t.Fatal("Esc did not keep the form")
	}
	pressAnywhere(u.win, fyne.KeyEscape)
	dialogShown(t, u)
	pressAnywhere(u.win, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil || d.form != nil {
		t.Fatal("Enter did not discard the form")
	}
}

// TestDeskOpensACloseMatchWithTheKeys: where a search finds nobody, Down
// highlights the first close match and Enter opens it, as the hint says.
func TestDeskOpensACloseMatchWithTheKeys(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "osulivan")
	if len(d.results) != 0 || len(d.close) == 0 {
		t.Fatalf("a typo lists %d and offers %d", len(d.results), len(d.close))
	}
	press(d.search, fyne.KeyDown)
	if d.closeButtons[0].Importance != widget.HighImportance {
		t.Fatal("Down does not highlight the first close match")
	}
	press(d.search, fyne.KeyReturn)
	if d.current == nil || d.details.name.Text != "Seán O'SULLIVAN" || u.win.Canvas().Focused() != d.search {
		t.Fatalf("Enter did not open the close match: %v", d.current)
	}
}

// TestDeskDetailsFollowTheList: after another search, the person shown
// before is put away; Enter shows the first found, and the keys act on
// them, not on the one before.
func TestDeskDetailsFollowTheList(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	test.Type(d.search, "osul")
	press(d.search, fyne.KeyReturn)
	if d.current == nil || d.current.FamilyName != "O'Sullivan" {
		t.Fatal("Enter did not open O'Sullivan")
	}
	d.search.SetText("")
	test.Type(d.search, "fontaine")
	if d.current != nil || buttonNaming(d.right, "Reject") != nil {
		t.Fatalf("a new search still shows %v", d.current)
	}
	press(d.search, fyne.KeyF8)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("F8 asked to reject someone no longer listed")
	}
	press(d.search, fyne.KeyReturn)
	if d.current == nil || d.current.FamilyName != "de la Fontaine-Ébrard" || !strings.Contains(d.details.name.Text, "FONTAINE") {
		t.Fatalf("Enter shows %q", d.details.name.Text)
	}
	press(d.search, fyne.KeyF8)
	if !strings.Contains(labelTexts(dialogShown(t, u)), "FONTAINE") {
		t.Fatal("F8 does not ask about the person shown")
	}
}

// TestFormSaysThereIsNoSuchDate: a day that does not exist is called so,
// not a wrong way of writing it.
func TestFormSaysThereIsNoSuchDate(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	press(d.search, fyne.KeyF3)
	f := d.form
	fill(f, map[string]string{"family_name": "Dupont", "nationality": "FR", "delegation": "FR", "document_number": "X1", "consent": "2024-02-30"})
	press(f.entries["document_number"], fyne.KeyReturn)
	if got := f.problems["consent"].Text; got != "There is no such date: 2024-02-30." {
		t.Fatalf("the consent's problem is %q", got)
	}
	f.entries["consent"].SetText("30/02/2024")
	press(f.entries["document_number"], fyne.KeyReturn)
	if got := f.problems["consent"].Text; !strings.Contains(got, "YYYY-MM-DD") {
		t.Fatalf("a date written otherwise: %q", got)
	}
}

// TestFormSavesAnywayWithEnter: the duplicate warning's "press Enter again
// to save anyway" works with Enter; the same passport, which the store
// refuses, is said at once, without offering to save anyway.
func TestFormSavesAnywayWithEnter(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	press(d.search, fyne.KeyF3)
	f := d.form
	fill(f, map[string]string{"given_name": "Van An", "family_name": "NGUYEN", "delegation": "VN", "document_number": "C9"})
	f.nationality.fill("VN")
	doc := f.entries["document_number"]
	press(doc, fyne.KeyReturn)
	if d.form == nil || !strings.Contains(f.notice.Text, "press Enter again") {
		t.Fatalf("no duplicate warning: %q", f.notice.Text)
	}
	press(doc, fyne.KeyReturn)
	if d.form != nil || d.current == nil || d.current.DocumentNumber != "C9" {
		t.Fatalf("Enter again did not save: %q", f.notice.Text)
	}

	press(d.search, fyne.KeyF3)
	f = d.form
	fill(f, map[string]string{"family_name": "Tran", "delegation": "VN", "document_number": "c 1"})
	f.nationality.fill("VN")
	press(f.entries["document_number"], fyne.KeyReturn)
	if strings.Contains(f.notice.Text, "save anyway") || !f.problems["document_number"].Visible() || buttonNaming(f.dups, "NGUYỄN Văn An") == nil {
		t.Fatalf("the same passport: %q, %q", f.notice.Text, f.problems["document_number"].Text)
	}
}

// TestCountsSpeakInPluralForms: one is one, in every language.
func TestCountsSpeakInPluralForms(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	approved, recorded := "{{.Count}} approved in {{.Name}}.", "Recorded the security clearance of {{.Count}} participant."
	for _, c := range []struct {
		code         string
		n            int
		wantApproved string
		wantRecorded string
	}{
		{"en", 1, "1 approved in VN.", "Recorded the security clearance of 1 participant."},
		{"en", 2, "2 approved in VN.", "Recorded the security clearance of 2 participants."},
		{"fr", 1, "Approuvé dans VN : 1.", "Habilitation de sécurité enregistrée pour 1 participant."},
		{"fr", 2, "Approuvés dans VN : 2.", "Habilitation de sécurité enregistrée pour 2 participants."},
		{"vi", 1, "Đã duyệt 1 người của VN.", "Đã ghi kết quả thẩm tra an ninh của 1 đại biểu."},
	} {
		useLanguage(c.code)
		args := map[string]any{"Count": c.n, "Name": "VN"}
		if got := lang.N(approved, c.n, args); got != c.wantApproved {
			t.Errorf("%s %d: %q, want %q", c.code, c.n, got, c.wantApproved)
		}
		if got := lang.N(recorded, c.n, args); got != c.wantRecorded {
			t.Errorf("%s %d: %q, want %q", c.code, c.n, got, c.wantRecorded)
		}
	}
}

// TestPrintingOneBadgeSaysOneBadge prints a single badge at the printing
// station, which says so in the singular.
func TestPrintingOneBadgeSaysOneBadge(t *testing.T) {
	u := newTestUI(t)
	b, flush := openBadges(t, u)
	choose(b, b.who, whoNumbers)
	test.Type(b.numbers, "1")
	flush()
	printRun(t, u, b, filepath.Join(t.TempDir(), "one.pdf"))
	if !strings.HasPrefix(b.summary.Text, "Printed 1 badge to ") {
		t.Fatalf("the station says %q", b.summary.Text)
	}
}

// TestFormOffersNamesAsOnPassports: a name typed in lower case is offered
// with capitals, as passports write it, before it is saved; Enter again
// keeps it as typed.
func TestFormOffersNamesAsOnPassports(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	press(d.search, fyne.KeyF3)
	f := d.form
	fill(f, map[string]string{"given_name": "jean-pierre", "family_name": "dupont", "delegation": "FR", "document_number": "X1"})
	f.nationality.fill("FR")
	if !f.cases["given_name"].Visible() || f.cases["given_name"].Text() != "Write it as on passports: Jean-Pierre" || !f.cases["family_name"].Visible() {
		t.Fatalf("no offer under the names: %q", f.cases["given_name"].Text())
	}
	u.win.Canvas().Focus(f.entries["given_name"])
	u.win.Canvas().FocusNext()
	if u.win.Canvas().Focused() != f.entries["family_name"] {
		t.Fatalf("Tab from the given name goes to %T, not to the family name", u.win.Canvas().Focused())
	}
	press(f.entries["document_number"], fyne.KeyReturn)
	if d.form == nil || !strings.Contains(f.notice.Text, "Passports write names with capitals") {
		t.Fatalf("saved without offering the capitals: %q", f.notice.Text)
	}
	test.Tap(f.cases["given_name"])
	test.Tap(f.cases["family_name"])
	if f.entries["given_name"].Text != "Jean-Pierre" || f.entries["family_name"].Text != "Dupont" || f.cases["given_name"].Visible() {
		t.Fatal("the offer did not write the names")
	}
	press(f.entries["document_number"], fyne.KeyReturn)
	if d.form != nil || d.details.name.Text != "DUPONT Jean-Pierre" && d.details.name.Text != "Jean-Pierre DUPONT" {
		t.Fatalf("saved as %q (%q)", d.details.name.Text, f.notice.Text)
	}

	press(d.search, fyne.KeyF3)
	f = d.form
	fill(f, map[string]string{"given_name": "bell", "family_name": "hooks", "delegation": "US", "document_number": "U1"})
	f.nationality.fill("US")
	press(f.entries["document_number"], fyne.KeyReturn)
	press(f.entries["document_number"], fyne.KeyReturn)
	if d.form != nil || d.current.GivenName != "bell" || d.current.FamilyName != "hooks" {
		t.Fatalf("Enter again did not keep the name as typed: %q", f.notice.Text)
	}
}

// TestErrorsCloseWithEnterOrEsc: the dialog that says what went wrong
// (a file that is no photo, dropped on someone's details) closes with Esc,
// and with Enter.
func TestErrorsCloseWithEnterOrEsc(t *testing.T) {
	u := newTestUI(t)
	showFound(u.desk, "osul")
	bad := filepath.Join(t.TempDir(), "notes.png")
	writeFile(t, bad, "not a picture")
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		drop(u, bad)
		if !strings.Contains(labelTexts(dialogShown(t, u)), "not a JPEG or PNG") {
			t.Fatal("no dialog says the file is no photo")
		}
		pressAnywhere(u.win, key)
		if u.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("%s did not close the dialog", key)
		}
	}
}
