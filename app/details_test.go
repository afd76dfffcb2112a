package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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
	if r, err := u.store.ImportParticipants(ctx, []data.ImportRow{row}, false, "test"); err != nil || r.Updated != 1 {
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
