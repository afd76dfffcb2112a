package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// checkNamed is the check box under o whose label is text.
func checkNamed(t *testing.T, o fyne.CanvasObject, text string) *widget.Check {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if c, ok := x.(*widget.Check); ok && c.Text == text {
			return c
		}
	}
	t.Fatalf("no check box %q", text)
	return nil
}

func TestDeskChangesAParticipantsZones(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	showFound(d, "osul")
	if b := findButton(d.right, "Change zones…"); b == nil || b.Disabled() {
		t.Fatal("no button changes the zones")
	}
	tapButton(t, d.right, "Change zones…")
	if u.win.Canvas().Overlays().Top() != nil || !strings.Contains(d.details.message.Text, "no zones yet") {
		t.Fatalf("without zones: %q", d.details.message.Text)
	}

	zones := []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}},
		{Code: 2, Name: "Delegates' lounge", Categories: []string{"delegate"}}, {Code: 4, Name: "Bilateral rooms"}}
	if err := u.store.SaveZones(ctx, zones); err != nil {
		t.Fatal(err)
	}
	showFound(d, "osul")
	before := *d.current
	tapButton(t, d.right, "Change zones…")
	ask := dialogShown(t, u)
	plenary := checkNamed(t, ask, "1 Plenary floor  (the category's)")
	rooms := checkNamed(t, ask, "4 Bilateral rooms")
	if !plenary.Checked || rooms.Checked || !checkNamed(t, ask, "2 Delegates' lounge  (the category's)").Checked {
		t.Fatal("the dialog does not start from the category's zones")
	}
	test.Tap(plenary)
	test.Tap(rooms)
	tapButton(t, ask, "Save")
	if d.details.zones.Text != "2 Delegates' lounge · 4 Bilateral rooms" || d.details.message.Text != "The zones of Seán O'SULLIVAN are their category's, changed: -1 +4." {
		t.Fatalf("after the change: %q, %q", d.details.zones.Text, d.details.message.Text)
	}
	stored, err := u.store.Participant(ctx, before.ID)
	if err != nil || stored.Rev <= before.Rev || stored.UpdatedBy != "Tester" {
		t.Fatalf("the change is not recorded as an edit: %+v %v", stored, err)
	}
	if _, own, _ := u.store.ParticipantZones(ctx, stored); data.FormatZoneChanges(own) != "-1 +4" {
		t.Fatalf("stored changes %q", data.FormatZoneChanges(own))
	}

	// Cancel changes nothing; a desk that read the participant before
	// another change is refused.
	tapButton(t, d.right, "Change zones…")
	ask = dialogShown(t, u)
	test.Tap(checkNamed(t, ask, "4 Bilateral rooms"))
	tapButton(t, ask, "Cancel")
	if _, own, _ := u.store.ParticipantZones(ctx, stored); data.FormatZoneChanges(own) != "-1 +4" {
		t.Fatalf("a cancelled change was kept: %q", data.FormatZoneChanges(own))
	}
	tapButton(t, d.right, "Change zones…")
	ask = dialogShown(t, u)
	if _, err := u.store.SetParticipantZones(ctx, stored.ID, nil, 0); err != nil {
		t.Fatal(err)
	}
	test.Tap(checkNamed(t, ask, "4 Bilateral rooms"))
	tapButton(t, ask, "Save")
	if !strings.Contains(d.details.message.Text, "while you were editing it") || d.details.message.Importance != widget.DangerImportance {
		t.Fatalf("a change over another: %q", d.details.message.Text)
	}

	// Back to the category's zones.
	showFound(d, "osul")
	tapButton(t, d.right, "Change zones…")
	tapButton(t, dialogShown(t, u), "Save")
	if d.details.zones.Text != "1 Plenary floor · 2 Delegates' lounge" || d.details.message.Text != "The zones of Seán O'SULLIVAN are their category's." {
		t.Fatalf("back to the category's: %q %q", d.details.zones.Text, d.details.message.Text)
	}
}

// TestZonesChangedOnAPrintedBadgeOfferANewOne: the badge in a person's hands
// prints their zones; changing them offers a new badge, as a corrected name
// does.
func TestZonesChangedOnAPrintedBadgeOfferANewOne(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if err := u.store.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}, {Code: 5, Name: "VIP lounge"}}); err != nil {
		t.Fatal(err)
	}
	printOSullivan(t, u)
	showFound(d, "osul")
	tapButton(t, d.right, "Change zones…")
	ask := dialogShown(t, u)
	test.Tap(checkNamed(t, ask, "5 VIP lounge"))
	tapButton(t, ask, "Save")
	if !strings.Contains(d.details.message.Text, "still shows the old Zones") || d.details.reprint.Hidden {
		t.Fatalf("no new badge offered: %q", d.details.message.Text)
	}
}
