package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"accred/data"
)

// greyedWithReason checks that the desk's button named text is greyed, that
// a tap on it does nothing, and that the rulebook's reason shows above the
// buttons, in the words want.
func greyedWithReason(t *testing.T, u *ui, text, want string) {
	t.Helper()
	d := u.desk
	b := findButton(d.right, text)
	if b == nil || !b.Disabled() {
		t.Fatalf("%s: the button is %v, want it greyed", text, b)
	}
	before, err := u.store.Participant(ctx, d.current.ID)
	if err != nil {
		t.Fatal(err)
	}
	said := d.details.message.Text
	test.Tap(b)
	after, err := u.store.Participant(ctx, d.current.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Rev != before.Rev || u.win.Canvas().Overlays().Top() != nil || d.details.message.Text != said {
		t.Fatalf("%s: tapping the greyed button did something: %s → %s, dialog %v, said %q", text, before.Status, after.Status,
			u.win.Canvas().Overlays().Top() != nil, d.details.message.Text)
	}
	if reasons := d.details.why.Text; !strings.Contains(reasons, want) {
		t.Fatalf("%s: the reasons above the buttons read %q, want %q", text, reasons, want)
	}
}

// TestDeskGreysWhatTheRulebookRefusesWithItsReason: Approve, Badge handed
// over, Replace lost badge… and Print a new badge are greyed when
// Store.Decide would refuse, a tap on them does nothing, and the
// rulebook's reason shows above the buttons, in English and Vietnamese;
// F5 and F6 say the same reason and do nothing either.
func TestDeskGreysWhatTheRulebookRefusesWithItsReason(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if err := u.store.SetSetting(ctx, data.SettingNominationsRequired, "yes"); err != nil {
		t.Fatal(err)
	}

	// A delegate whose delegation has no nomination yet.
	showFound(d, "nguyen van")
	greyedWithReason(t, u, "Approve  [F5]", "Approve: cannot be approved yet: Viet Nam has no nomination recorded yet")
	greyedWithReason(t, u, "Badge handed over  [F6]", "Badge handed over: no printed badge to hand over (the participant is registered)")
	greyedWithReason(t, u, "Replace lost badge…", "Replace lost badge: no printed badge to replace (the participant is registered): print it instead")
	press(d.search, fyne.KeyF5)
	if d.details.message.Text != "Not possible: cannot be approved yet: Viet Nam has no nomination recorded yet" || storedStatus(t, u, d.current.ID) != data.StatusRegistered {
		t.Fatalf("F5 said %q", d.details.message.Text)
	}
	press(d.search, fyne.KeyF6)
	if u.win.Canvas().Overlays().Top() != nil || !strings.HasPrefix(d.details.message.Text, "Not possible: no printed badge to hand over") {
		t.Fatalf("F6 said %q", d.details.message.Text)
	}

	useLanguage("vi")
	showFound(d, "nguyen van")
	greyedWithReason(t, u, "Duyệt  [F5]", "Duyệt: chưa thể duyệt: Viet Nam chưa có văn bản cử đại biểu")
	useLanguage("en")

	// Once the nomination is recorded, Approve is the rulebook's yes; then
	// Approve is greyed as done, and a badge not printed is not handed over.
	for _, name := range []string{"VN", "IE"} {
		if _, err := u.store.RecordNomination(ctx, data.NominationInput{Name: name, Reference: "NV 12/2025", Date: "2025-09-15"}); err != nil {
			t.Fatal(err)
		}
	}
	showFound(d, "nguyen van")
	if b := findButton(d.right, "Approve  [F5]"); b == nil || b.Disabled() || strings.Contains(d.details.why.Text, "Approve:") {
		t.Fatalf("Approve with the nomination recorded: %v, reasons %q", b, d.details.why.Text)
	}
	test.Tap(findButton(d.right, "Approve  [F5]"))
	if d.current.Status != data.StatusApproved {
		t.Fatalf("Approve left %s: %q", d.current.Status, d.details.message.Text)
	}
	greyedWithReason(t, u, "Approve  [F5]", "Approve: approved already")
	greyedWithReason(t, u, "Badge handed over  [F6]", "Badge handed over: no printed badge to hand over (the participant is approved)")

	// A printed badge is handed over and replaced, unless the host
	// country refused the person: then nothing is, and a correction to
	// the badge offers no new one.
	if err := u.store.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	answers := []data.ClearanceAnswer{{Line: 2, DocumentNumber: "P1", Nationality: "IE", Result: "cleared"}}
	if _, err := u.store.ImportClearance(ctx, answers); err != nil {
		t.Fatal(err)
	}
	printOSullivan(t, u)
	showFound(d, "osul")
	for _, text := range []string{"Badge handed over  [F6]", "Replace lost badge…"} {
		if b := findButton(d.right, text); b == nil || b.Disabled() {
			t.Fatalf("%s for a printed badge: %v", text, b)
		}
	}
	answers[0].Result, answers[0].Reason = "refused", "listed"
	if _, err := u.store.ImportClearance(ctx, answers); err != nil {
		t.Fatal(err)
	}
	showFound(d, "osul")
	greyedWithReason(t, u, "Badge handed over  [F6]", "Badge handed over: the participant is not accredited (rejected or withdrawn)")
	greyedWithReason(t, u, "Replace lost badge…", "Replace lost badge: the participant is not accredited (rejected or withdrawn)")
	press(d.search, fyne.KeyF2)
	d.form.entries[data.FieldTitle].SetText("Dr.")
	press(d.form.entries[data.FieldTitle], fyne.KeyReturn)
	if d.form != nil || !d.details.reprint.Visible() {
		t.Fatalf("a corrected title on a printed badge: form open %v, said %q", d.form != nil, d.details.message.Text)
	}
	greyedWithReason(t, u, "Print a new badge", "not accredited")
}

// TestDeskGreysZonesOnlyAnAdminMayGrant: in Change zones…, a zone beyond
// the participant's category is greyed for a desk operator, with the
// rulebook's reason, and a tap does not tick it; an admin may tick it.
func TestDeskGreysZonesOnlyAnAdminMayGrant(t *testing.T) {
	u := newTestUI(t)
	zones := []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}, {Code: 5, Name: "VIP lounge"}}
	if err := u.store.SaveZones(ctx, zones); err != nil {
		t.Fatal(err)
	}
	showFound(u.desk, "osul")
	tapButton(t, u.desk.right, "Change zones…")
	if vip := checkNamed(t, dialogShown(t, u), "5 VIP lounge"); vip.Disabled() {
		t.Fatal("an admin may not grant a zone beyond the category's")
	}
	tapButton(t, dialogShown(t, u), "Cancel")

	addOperator(t, u.store, "Minh", data.RoleDesk)
	signInAs(t, u, "Minh", testPIN)
	showFound(u.desk, "osul")
	tapButton(t, u.desk.right, "Change zones…")
	ask := dialogShown(t, u)
	vip := checkNamed(t, ask, "5 VIP lounge")
	test.Tap(vip)
	if !vip.Disabled() || vip.Checked || checkNamed(t, ask, "1 Plenary floor  (the category's)").Disabled() {
		t.Fatalf("a desk operator's VIP lounge: greyed %v, ticked %v", vip.Disabled(), vip.Checked)
	}
	if text := labelTexts(ask); !strings.Contains(text, "zone 5 is beyond the category's zones: only an admin may grant it") {
		t.Fatalf("the dialog says %q", text)
	}
}
