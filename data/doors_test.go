package data_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"accred/data"
)

func TestDoorRulesAreKeptByStationName(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}, {Code: 3, Name: "Media centre"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDoorZone(ctx, "  Plenary hall   entrance ", 1); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDoorZone(ctx, "Media door", 3); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"Plenary hall entrance": 1, "PLENARY HALL  ENTRANCE": 1, "plenary hall entrance": 1, "Media door": 3, "Side door": 0, "": 0} {
		if got, err := s.DoorZone(ctx, name); err != nil || got != want {
			t.Errorf("%q requires zone %d (%v), want %d", name, got, err, want)
		}
	}
	rules, err := s.DoorRules(ctx)
	if err != nil || len(rules) != 2 || rules[0] != (data.DoorRule{Station: "Media door", Zone: 3}) || rules[1] != (data.DoorRule{Station: "Plenary hall entrance", Zone: 1}) {
		t.Fatalf("rules %+v %v", rules, err)
	}
	// Set again under another spelling: one door, the new zone.
	if err := s.SetDoorZone(ctx, "MEDIA DOOR", 1); err != nil {
		t.Fatal(err)
	}
	if rules, _ := s.DoorRules(ctx); len(rules) != 2 || rules[0] != (data.DoorRule{Station: "MEDIA DOOR", Zone: 1}) {
		t.Fatalf("set again: %+v", rules)
	}
	if err := s.SetDoorZone(ctx, "media door", 0); err != nil {
		t.Fatal(err)
	}
	if rules, _ := s.DoorRules(ctx); len(rules) != 1 {
		t.Fatalf("zone 0 left %+v", rules)
	}

	for _, c := range []struct {
		station string
		zone    int
		says    string
	}{
		{"", 1, "Name the door's station"},
		{"   ", 1, "Name the door's station"},
		{"Gate\x00B", 1, "station"},
		{strings.Repeat("x", 500), 1, "station"},
		{"Gate B", 2, "no zone 2"},
		{"Gate B", -1, "number from 1 to 99"},
		{"Gate B", 100, "number from 1 to 99"},
	} {
		err := s.SetDoorZone(ctx, c.station, c.zone)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(fmt.Sprint(err), c.says) {
			t.Errorf("%q zone %d: %v", c.station, c.zone, err)
		}
	}
	if rules, _ := s.DoorRules(ctx); len(rules) != 1 {
		t.Fatalf("refused rules were kept: %+v", rules)
	}

	// A zone a door requires cannot be left out of the event's zones.
	err = s.SaveZones(ctx, []data.Zone{{Code: 3, Name: "Media centre"}})
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(fmt.Sprint(err), "1 door requires it") {
		t.Fatalf("leaving out a door's zone: %v", err)
	}
}

func TestDoorRefusesABadgeWithoutTheDoorsZone(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}}); err != nil {
		t.Fatal(err)
	}
	rows := []data.ImportRow{
		importRow(2, delegate("An", "Nguyen", "VN", "D1"), ""),
		importRow(3, delegate("Binh", "Tran", "VN", "D2"), "-1"),
	}
	if _, err := s.ImportParticipants(ctx, rows, false); err != nil {
		t.Fatal(err)
	}
	if err := s.Approve(ctx, []int64{1, 2}); err != nil {
		t.Fatal(err)
	}
	codes := map[int64]string{1: printBadge(t, s, 1), 2: printBadge(t, s, 2)}
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	if _, _, err := s.SaveSessions(ctx, []data.Session{{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall",
		Starts: start, Ends: start.Add(2 * time.Hour), EarlyMinutes: 30}}); err != nil {
		t.Fatal(err)
	}
	plenary, err := s.Session(ctx, "PLEN-1")
	if err != nil || plenary.Zone != 0 {
		t.Fatalf("session %+v %v", plenary, err)
	}
	if err := s.SetDoorZone(ctx, "Plenary hall entrance", 1); err != nil {
		t.Fatal(err)
	}
	s.StartClockAt(start.Add(10 * time.Minute))
	scan := func(store *data.Store, id int64, station string) data.Verdict {
		t.Helper()
		v, err := store.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: codes[id], Station: station})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := scan(s, 2, "plenary hall entrance"); v.Kind != data.Rejected || v.Reason.String() != "zone 1 not on badge" {
		t.Fatalf("a delegate without zone 1 at the zone-1 door: %s %q", v.Kind, v.Reason)
	}
	// A station file carries the doors' rules.
	station, path := stationFile(t, s, plenary.ID)
	if z, err := station.DoorZone(ctx, "Plenary hall entrance"); err != nil || z != 1 {
		t.Fatalf("the station file's door requires zone %d, %v", z, err)
	}
	if v := scan(station, 2, "Plenary hall entrance"); v.Kind != data.Rejected || v.Reason.Code != data.ReasonZone {
		t.Fatalf("at the station file: %s %q", v.Kind, v.Reason)
	}
	if v := scan(s, 2, "Side door"); v.Kind != data.Accepted {
		t.Fatalf("a delegate without zone 1 at a door requiring none: %s %q", v.Kind, v.Reason)
	}
	if v := scan(s, 1, "Plenary hall entrance"); v.Kind != data.Accepted {
		t.Fatalf("a delegate with zone 1 at the zone-1 door: %s %q", v.Kind, v.Reason)
	}

	if _, err := s.MergeStation(ctx, path); err != nil {
		t.Fatalf("merge: %v", err)
	}
}

func TestDoorRulesAndZonesNeedTheirRoles(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor"}}); err != nil {
		t.Fatal(err)
	}
	p, err := s.CreateParticipant(ctx, delegate("An", "Nguyen", "VN", "D1"))
	if err != nil {
		t.Fatal(err)
	}
	door := data.WithActor(ctx, data.Actor{Operator: "Minh", Roles: data.Roles{data.RoleDoor}})
	if err := s.SetDoorZone(door, "Gate A", 1); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("a door operator set a door's rule: %v", err)
	}
	if _, err := s.SetParticipantZones(door, p.ID, []data.ZoneChange{{Zone: 1, Granted: true}}, 0); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("a door operator changed zones: %v", err)
	}
	desk := data.WithActor(ctx, data.Actor{Operator: "Lan", Roles: data.Roles{data.RoleDesk}})
	if _, err := s.SetParticipantZones(desk, p.ID, []data.ZoneChange{{Zone: 1}}, 0); err != nil {
		t.Fatalf("a desk operator: %v", err)
	}
	admin := data.WithActor(ctx, data.Actor{Operator: "Ha", Roles: data.Roles{data.RoleAdmin}})
	if err := s.SetDoorZone(admin, "Gate A", 1); err != nil {
		t.Fatalf("an administrator: %v", err)
	}
}
