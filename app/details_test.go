package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// showFound searches the desk afresh for query and shows the first found.
func showFound(d *desk, query string) {
	press(d.search, fyne.KeyEscape)
	test.Type(d.search, query)
	press(d.search, fyne.KeyReturn)
}

func TestDeskDetailsShowZones(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	zones := []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}},
		{Code: 2, Name: "Delegates' lounge", Categories: []string{"delegate"}}, {Code: 4, Name: "Bilateral rooms"}}
	if err := u.store.SaveZones(ctx, zones); err != nil {
		t.Fatal(err)
	}
	changes := []data.ZoneChange{{Zone: 4, Granted: true}, {Zone: 1}}
	row := data.ImportRow{Line: 2, Zones: &changes, Input: data.ParticipantInput{Category: "delegate", GivenName: "Seán", FamilyName: "O'Sullivan",
		Nationality: "IE", Delegation: "IE", DocumentNumber: "P1"}}
	if r, err := u.store.ImportParticipants(ctx, []data.ImportRow{row}, false); err != nil || r.Updated != 1 {
		t.Fatalf("import: %+v %v", r, err)
	}
	for _, c := range []struct{ query, zones string }{
		{"osul", "2 Delegates' lounge · 4 Bilateral rooms"},
		{"nguyen van", "1 Plenary floor · 2 Delegates' lounge"},
		{"fontaine", "No zone"},
	} {
		showFound(d, c.query)
		if d.details.zones == nil || d.details.zones.Text != c.zones {
			t.Errorf("%q: the details show the zones %q, want %q", c.query, d.details.zones.Text, c.zones)
		}
	}
	useLanguage("fr")
	defer useLanguage("en")
	showFound(d, "fontaine")
	if d.details.zones.Text != "Aucune zone" {
		t.Errorf("in French, no zone reads %q", d.details.zones.Text)
	}
}

func TestDeskDetailsShowTheNominationAndApproveTheDelegation(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if err := u.store.SetSetting(ctx, data.SettingNominationsRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	showFound(d, "nguyen van")
	if d.details.nomination == nil || d.details.nomination.Text != "No nomination yet" {
		t.Fatalf("the details show the nomination %v", d.details.nomination)
	}
	press(d.search, fyne.KeyF5)
	if d.current.Status != data.StatusRegistered || !strings.Contains(d.details.message.Text, "Viet Nam has no nomination recorded yet") {
		t.Fatalf("approving without a nomination: %s, %q", d.current.Status, d.details.message.Text)
	}
	approveAll := findButton(u.win.Content(), "Approve whole delegation")
	if approveAll == nil {
		t.Fatal("no button approves the whole delegation")
	}
	test.Tap(approveAll)
	tapButton(t, dialogShown(t, u), "Approve")
	if !strings.Contains(d.details.message.Text, "Viet Nam has no nomination recorded yet") {
		t.Fatalf("approving the delegation without a nomination said %q", d.details.message.Text)
	}

	if _, err := u.store.RecordNomination(ctx, data.NominationInput{Name: "VN", Reference: "NV 12/2025", Date: "2025-09-15"}); err != nil {
		t.Fatal(err)
	}
	showFound(d, "nguyen van")
	if d.details.nomination.Text != "NV 12/2025 of 2025-09-15" {
		t.Fatalf("the details show the nomination %q", d.details.nomination.Text)
	}
	// The desk asks first, naming how many; Cancel changes nothing.
	test.Tap(findButton(u.win.Content(), "Approve whole delegation"))
	ask := dialogShown(t, u)
	if !strings.Contains(labelTexts(ask), "Approve the 2 registered participants of Delegation of Viet Nam?") {
		t.Fatalf("the confirmation reads %q", labelTexts(ask))
	}
	tapButton(t, ask, "Cancel")
	if storedStatus(t, u, 1) != data.StatusRegistered || storedStatus(t, u, 4) != data.StatusRegistered {
		t.Fatal("a cancelled approval approved")
	}
	test.Tap(findButton(u.win.Content(), "Approve whole delegation"))
	tapButton(t, dialogShown(t, u), "Approve")
	if d.current.Status != data.StatusApproved || d.details.message.Text != "2 approved in Delegation of Viet Nam." || !d.details.undo.Visible() {
		t.Fatalf("approving the delegation: %s, %q, undo offered: %v", d.current.Status, d.details.message.Text, d.details.undo.Visible())
	}
	// Undo takes both back, and a second approval asks again.
	test.Tap(d.details.undo)
	if storedStatus(t, u, 1) != data.StatusRegistered || storedStatus(t, u, 4) != data.StatusRegistered || d.current.Status != data.StatusRegistered ||
		d.details.message.Text != "2 back to Registered in Delegation of Viet Nam." || d.details.undo.Visible() {
		t.Fatalf("undo: %s %s, %q", storedStatus(t, u, 1), storedStatus(t, u, 4), d.details.message.Text)
	}
	test.Tap(findButton(u.win.Content(), "Approve whole delegation"))
	tapButton(t, dialogShown(t, u), "Approve")
	if d.current.Status != data.StatusApproved {
		t.Fatalf("approving again: %s %q", d.current.Status, d.details.message.Text)
	}
	test.Tap(findButton(u.win.Content(), "Approve whole delegation"))
	if u.win.Canvas().Overlays().Top() != nil || d.details.message.Text != "Nobody in Delegation of Viet Nam waits for approval." {
		t.Fatalf("with nobody left to approve: %q", d.details.message.Text)
	}
	for query, want := range map[string]data.Status{"thi hong": data.StatusApproved, "osul": data.StatusRegistered} {
		showFound(d, query)
		if d.current.Status != want {
			t.Errorf("%s is %s, want %s", query, d.current.Status, want)
		}
	}
	showFound(d, "fontaine")
	if b := findButton(u.win.Content(), "Approve whole delegation"); d.details.nomination != nil || b == nil || !b.Disabled() {
		t.Fatal("a journalist's details speak of a nomination")
	}
	press(d.search, fyne.KeyF5)
	if d.current.Status != data.StatusApproved {
		t.Fatalf("a journalist needs no nomination: %s %q", d.current.Status, d.details.message.Text)
	}
}

// TestScreensFitInFrenchAndVietnamese: at 1280×800, in French and
// Vietnamese, the header shows the whole event name, the nomination reads
// on a line or two (not a letter a line beside its button), and every
// button under a person is in the window.
func TestScreensFitInFrenchAndVietnamese(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	const name = "Opening for signature of the United Nations Convention against Cybercrime"
	if err := u.store.SetSetting(ctx, "name", name); err != nil {
		t.Fatal(err)
	}
	if _, err := u.store.RecordNomination(ctx, data.NominationInput{Name: "VN", Reference: "Note verbale No. 100/2025", Date: "2025-09-01"}); err != nil {
		t.Fatal(err)
	}
	u.event, _ = u.store.Event(ctx)
	for _, code := range []string{"fr", "vi"} {
		u.setLanguage(code)
		for _, o := range test.LaidOutObjects(u.win.Content()) {
			if l, ok := o.(*widget.Label); ok && l.Text == name {
				if need := fyne.MeasureText(name, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding(); l.Size().Width < need {
					t.Errorf("%s: the header cuts the event's name: %v wide of %v", code, l.Size().Width, need)
				}
			}
		}
		showFound(u.desk, "nguyen van")
		v := u.desk.details
		if lines := v.nomination.Size().Height / fyne.MeasureText("N", theme.TextSize(), fyne.TextStyle{}).Height; lines > 2.5 {
			t.Errorf("%s: the nomination %q takes %.0f lines", code, v.nomination.Text, lines)
		}
		for _, b := range v.buttons.Objects {
			within(t, u, code+": "+b.(*widget.Button).Text, b)
		}
	}
}

// TestDeskDetailsSayWhenDuplicatesCannotBeLookedFor: the details read in
// the background say that possible duplicates could not be looked for,
// rather than showing nobody.
func TestDeskDetailsSayWhenDuplicatesCannotBeLookedFor(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	p := d.results[0]
	u.store.Close()
	d.show(p)
	if got := labelTexts(d.details.dups); !strings.Contains(got, "Possible duplicates could not be looked for") {
		t.Fatalf("the details say %q", got)
	}
}
