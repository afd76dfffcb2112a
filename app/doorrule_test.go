package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"accred/data"
)

func TestDoorRequiresItsZone(t *testing.T) {
	u := newTestUI(t)
	if err := u.store.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}}); err != nil {
		t.Fatal(err)
	}
	if err := u.store.SetDoorZone(ctx, "Door-Test", 1); err != nil {
		t.Fatal(err)
	}
	d, codes := openDoor(t, u, plenary())
	if d.rule.Text != "This door requires zone 1 (Plenary floor) of every badge." || d.ruleNote.Text != "Zone 1 required" {
		t.Fatalf("the door says %q, %q", d.rule.Text, d.ruleNote.Text)
	}
	scanner(d.scan, codes[3]) // a journalist: no zone 1
	if v := d.history[0]; v.Kind != data.Rejected || d.reason.Text != "zone 1 not on badge" || d.verdict.Text != "REJECTED" {
		t.Fatalf("a badge without zone 1: %s %q %q", v.Kind, d.verdict.Text, d.reason.Text)
	}
	scanner(d.scan, codes[1])
	if d.history[0].Kind != data.Accepted {
		t.Fatalf("a delegate with zone 1: %s %q", d.history[0].Kind, d.reason.Text)
	}

	// Another station's door requires nothing.
	tapButton(t, d.holder, "Leave the door")
	d.station.SetText("Side door")
	if d.rule.Text != "" {
		t.Fatalf("a door without a rule says %q", d.rule.Text)
	}
	test.Tap(d.openDoor)
	if d.ruleNote.Text != "" {
		t.Fatalf("a door without a rule says %q", d.ruleNote.Text)
	}
	scanner(d.scan, codes[3])
	if d.history[0].Kind != data.Accepted {
		t.Fatalf("a journalist at a door requiring no zone: %s %q", d.history[0].Kind, d.reason.Text)
	}

	useLanguage("fr")
	defer useLanguage("en")
	d.station.SetText("door-test")
	if d.rule.Text != "Cette porte exige la zone 1 (Plenary floor) sur chaque badge." {
		t.Fatalf("in French the door says %q", d.rule.Text)
	}
}
