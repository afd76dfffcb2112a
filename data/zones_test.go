package data_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"accred/data"
)

func zoneCodes(zones []data.Zone) []int {
	var out []int
	for _, z := range zones {
		out = append(out, z.Code)
	}
	return out
}

// importRow is a line of an import file with its zone changes.
func importRow(line int, in data.ParticipantInput, zones string) data.ImportRow {
	changes, reason := data.ParseZoneChanges(zones)
	if !reason.IsZero() {
		panic(reason.String())
	}
	return data.ImportRow{Line: line, Input: in, Zones: &changes}
}

// stationFile writes a station file for a session and opens it, its clock
// the store's; path is the file's.
func stationFile(t *testing.T, s *data.Store, session int64) (station *data.Store, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "door.station")
	if err := s.ExportStation(ctx, path, []int64{session}); err != nil {
		t.Fatal(err)
	}
	station, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { station.Close() })
	station.Now = s.Now
	return station, path
}

func TestZonesAreDefinedAllOrNothing(t *testing.T) {
	s := newStore(t)
	zones := []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate", "vip"}}, {Code: 3, Name: "Media centre", Categories: []string{"media"}}}
	bad := append(slices.Clone(zones), data.Zone{Code: 1, Name: "Again"}, data.Zone{Code: 0, Name: "Nowhere"}, data.Zone{Code: 5, Name: "VIP", Categories: []string{"kings"}})
	err := s.SaveZones(ctx, bad)
	fields := data.ErrorFields(err)
	if data.ErrorCode(err) != data.EINVALID || len(fields) != 3 || fields[0].Line != 4 || fields[1].Line != 5 || fields[2].Field != "categories" {
		t.Fatalf("bad zones: %v %+v", err, fields)
	}
	if got, _ := s.Zones(ctx); len(got) != 0 {
		t.Fatalf("a refused file saved %+v", got)
	}
	if err := s.SaveZones(ctx, zones); err != nil {
		t.Fatal(err)
	}
	got, err := s.Zones(ctx)
	if err != nil || !slices.Equal(zoneCodes(got), []int{1, 3}) || got[0].Name != "Plenary floor" || !slices.Equal(got[0].Categories, []string{"delegate", "vip"}) {
		t.Fatalf("zones %+v %v", got, err)
	}

	// A zone that a session requires cannot be left out.
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	plenary := data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall", Starts: start, Ends: start.Add(time.Hour), Zone: 1}
	if _, _, err := s.SaveSessions(ctx, []data.Session{plenary}); err != nil {
		t.Fatal(err)
	}
	err = s.SaveZones(ctx, zones[1:])
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "Zone 1 cannot be left out: 1 session requires it.") {
		t.Fatalf("leaving out a zone in use: %v", err)
	}
	// Renaming one and leaving out one nobody uses is fine.
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary Hall floor", Categories: []string{"delegate"}}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Zones(ctx); len(got) != 1 || got[0].Name != "Plenary Hall floor" {
		t.Fatalf("zones %+v", got)
	}
	// A session requiring a zone the event does not define is refused by line and field.
	plenary.Code, plenary.Zone = "PLEN-2", 9
	_, _, err = s.SaveSessions(ctx, []data.Session{plenary})
	if fields := data.ErrorFields(err); len(fields) != 1 || fields[0].Line != 2 || fields[0].Field != "zone" || !strings.Contains(fields[0].Reason.String(), "no zone 9") {
		t.Fatalf("a session in an unknown zone: %v %+v", err, fields)
	}
}

func TestParticipantsZonesComeFromCategoryAndImport(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}},
		{Code: 3, Name: "Media centre", Categories: []string{"media"}}, {Code: 4, Name: "Bilateral rooms"}}); err != nil {
		t.Fatal(err)
	}
	rows := []data.ImportRow{
		importRow(2, delegate("An", "Nguyen", "VN", "D1"), "+4 -1"),
		importRow(3, delegate("Binh", "Tran", "VN", "D2"), ""),
		importRow(4, delegate("Chi", "Le", "VN", "D3"), "+7"),
	}
	_, err := s.ImportParticipants(ctx, rows, false)
	fields := data.ErrorFields(err)
	if data.ErrorCode(err) != data.EINVALID || len(fields) != 1 || fields[0].Line != 4 || fields[0].Field != "zones" {
		t.Fatalf("an unknown zone: %v %+v", err, fields)
	}
	rows = rows[:2]
	if r, err := s.ImportParticipants(ctx, rows, false); err != nil || r.Created != 2 {
		t.Fatalf("import: %+v %v", r, err)
	}
	an, _ := s.Participant(ctx, 1)
	zones, changes, err := s.ParticipantZones(ctx, an)
	if err != nil || !slices.Equal(zoneCodes(zones), []int{4}) || data.FormatZoneChanges(changes) != "-1 +4" {
		t.Fatalf("An's zones %v, changes %q, %v", zoneCodes(zones), data.FormatZoneChanges(changes), err)
	}
	binh, _ := s.Participant(ctx, 2)
	if zones, _, _ := s.ParticipantZones(ctx, binh); !slices.Equal(zoneCodes(zones), []int{1}) {
		t.Fatalf("Binh's zones %v", zoneCodes(zones))
	}
	rules, err := s.ZoneRules(ctx)
	if err != nil || data.ZoneNumbers(rules.Of(an)) != "4" || data.ZoneNumbers(rules.Of(binh)) != "1" {
		t.Fatalf("rules: %q %q %v", data.ZoneNumbers(rules.Of(an)), data.ZoneNumbers(rules.Of(binh)), err)
	}

	// The same file again changes nothing; a change of zones alone is an update.
	if r, err := s.ImportParticipants(ctx, rows, false); err != nil || r.Unchanged != 2 {
		t.Fatalf("import again: %+v %v", r, err)
	}
	rows[1] = importRow(3, delegate("Binh", "Tran", "VN", "D2"), "+3")
	if r, err := s.ImportParticipants(ctx, rows, false); err != nil || r.Unchanged != 1 || r.Updated != 1 {
		t.Fatalf("import a change of zones: %+v %v", r, err)
	}
	if zones, _, _ := s.ParticipantZones(ctx, binh); !slices.Equal(zoneCodes(zones), []int{1, 3}) {
		t.Fatalf("Binh's zones after the change %v", zoneCodes(zones))
	}
	// A file without a zones column leaves everyone's zones as they are.
	rows[1].Zones = nil
	if _, err := s.ImportParticipants(ctx, rows, false); err != nil {
		t.Fatal(err)
	}
	if zones, _, _ := s.ParticipantZones(ctx, binh); !slices.Equal(zoneCodes(zones), []int{1, 3}) {
		t.Fatalf("a file without zones changed Binh's to %v", zoneCodes(zones))
	}
}

func TestParseZoneChanges(t *testing.T) {
	for _, c := range []struct{ in, want string }{{"+4 -3", "+4 -3"}, {"  +12  ", "+12"}, {"", ""}} {
		changes, reason := data.ParseZoneChanges(c.in)
		if !reason.IsZero() || data.FormatZoneChanges(changes) != c.want {
			t.Errorf("%q: %q %v", c.in, data.FormatZoneChanges(changes), reason)
		}
	}
	for _, in := range []string{"4", "+", "+x", "++4", "+4 -4", "+0", "+100", "-1.5"} {
		if _, reason := data.ParseZoneChanges(in); reason.IsZero() {
			t.Errorf("%q was read", in)
		}
	}
}

func TestDoorRefusesABadgeWithoutTheSessionsZone(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}, {Code: 3, Name: "Media centre", Categories: []string{"media"}}}); err != nil {
		t.Fatal(err)
	}
	media := func(given, family, doc string) data.ParticipantInput {
		return data.ParticipantInput{Category: "media", GivenName: given, FamilyName: family, Nationality: "FR", MediaOutlet: "AFP", DocumentNumber: doc}
	}
	rows := []data.ImportRow{
		importRow(2, delegate("An", "Nguyen", "VN", "D1"), ""),
		importRow(3, delegate("Binh", "Tran", "VN", "D2"), "-1"),
		importRow(4, media("Claire", "Martin", "M1"), "+1"),
		importRow(5, media("Denis", "Roux", "M2"), ""),
	}
	if _, err := s.ImportParticipants(ctx, rows, false); err != nil {
		t.Fatal(err)
	}
	if err := s.Approve(ctx, []int64{1, 2, 3, 4}); err != nil {
		t.Fatal(err)
	}
	codes := map[int64]string{}
	for id := int64(1); id <= 4; id++ {
		codes[id] = printBadge(t, s, id)
	}
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	saved, _, err := s.SaveSessions(ctx, []data.Session{{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall",
		Starts: start, Ends: start.Add(2 * time.Hour), EarlyMinutes: 30, Zone: 1}})
	if err != nil || saved != 1 {
		t.Fatal(err)
	}
	plenary, err := s.Session(ctx, "PLEN-1")
	if err != nil || plenary.Zone != 1 {
		t.Fatalf("session %+v %v", plenary, err)
	}
	s.StartClockAt(start.Add(10 * time.Minute))
	scan := func(store *data.Store, id int64) data.Verdict {
		t.Helper()
		v, err := store.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: codes[id], Station: "door-1"})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := scan(s, 1); v.Kind != data.Accepted {
		t.Fatalf("a delegate with zone 1: %+v", v)
	}
	if v := scan(s, 2); v.Kind != data.Rejected || v.Reason.Code != data.ReasonZone || v.Reason.String() != "zone 1 not on badge" {
		t.Fatalf("a delegate whose zone 1 was taken away: %s %q", v.Kind, v.Reason)
	}

	// A station file carries the zones, and its door decides the same.
	station, path := stationFile(t, s, plenary.ID)
	if v := scan(station, 2); v.Reason.Code != data.ReasonZone {
		t.Fatalf("at the station file, a delegate without zone 1: %s %q", v.Kind, v.Reason)
	}
	if v := scan(station, 3); v.Kind != data.Accepted {
		t.Fatalf("at the station file, a journalist given zone 1: %s %q", v.Kind, v.Reason)
	}
	if v := scan(station, 4); v.Reason.Code != data.ReasonZone {
		t.Fatalf("at the station file, a journalist without zone 1: %s %q", v.Kind, v.Reason)
	}
	if _, err := s.MergeStation(ctx, path); err != nil {
		t.Fatalf("merge: %v", err)
	}
}

func TestParticipantsZonesChangedAtTheDesk(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}, {Code: 4, Name: "Bilateral rooms"}}); err != nil {
		t.Fatal(err)
	}
	p, err := s.CreateParticipant(ctx, delegate("An", "Nguyen", "VN", "D1"))
	if err != nil {
		t.Fatal(err)
	}
	desk := data.WithActor(ctx, data.System("Lan", "desk-2"))
	changed, err := s.SetParticipantZones(desk, p.ID, []data.ZoneChange{{Zone: 4, Granted: true}, {Zone: 1}}, p.Rev)
	if err != nil {
		t.Fatal(err)
	}
	if changed.Rev <= p.Rev || changed.UpdatedBy != "Lan" {
		t.Fatalf("the change is not recorded as an edit: rev %d→%d, by %q", p.Rev, changed.Rev, changed.UpdatedBy)
	}
	zones, own, err := s.ParticipantZones(ctx, changed)
	if err != nil || !slices.Equal(zoneCodes(zones), []int{4}) || data.FormatZoneChanges(own) != "-1 +4" {
		t.Fatalf("zones %v, changes %q, %v", zoneCodes(zones), data.FormatZoneChanges(own), err)
	}
	// The same changes again are no edit.
	same, err := s.SetParticipantZones(desk, p.ID, []data.ZoneChange{{Zone: 1}, {Zone: 4, Granted: true}}, changed.Rev)
	if err != nil || same.Rev != changed.Rev {
		t.Fatalf("the same changes again: rev %d→%d, %v", changed.Rev, same.Rev, err)
	}
	// A desk that read the participant before the change is refused.
	if _, err := s.SetParticipantZones(desk, p.ID, nil, p.Rev); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "by Lan") {
		t.Fatalf("a stale desk: %v", err)
	}
	for _, bad := range [][]data.ZoneChange{{{Zone: 9, Granted: true}}, {{Zone: 4, Granted: true}, {Zone: 4}}, {{Zone: 0}}} {
		if _, err := s.SetParticipantZones(desk, p.ID, bad, 0); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if _, err := s.SetParticipantZones(desk, 999, nil, 0); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("nobody: %v", err)
	}
	if _, own, _ := s.ParticipantZones(ctx, changed); data.FormatZoneChanges(own) != "-1 +4" {
		t.Fatalf("refused changes were kept: %q", data.FormatZoneChanges(own))
	}
	// Back to the category's zones.
	if _, err := s.SetParticipantZones(desk, p.ID, nil, 0); err != nil {
		t.Fatal(err)
	}
	if zones, own, _ := s.ParticipantZones(ctx, changed); !slices.Equal(zoneCodes(zones), []int{1}) || own != nil {
		t.Fatalf("back to the category's: %v %v", zoneCodes(zones), own)
	}
}

func TestZoneChangesForTheZonesTicked(t *testing.T) {
	zones := []data.Zone{{Code: 1, Categories: []string{"delegate"}}, {Code: 2, Categories: []string{"delegate", "media"}}, {Code: 4}}
	for _, c := range []struct {
		category string
		has      []int
		want     string
	}{
		{"delegate", []int{1, 2}, ""},
		{"delegate", []int{2, 4}, "-1 +4"},
		{"delegate", nil, "-1 -2"},
		{"media", []int{1, 2, 4}, "+1 +4"},
		{"vip", nil, ""},
	} {
		changes := data.ZoneChangesFor(zones, c.category, func(z data.Zone) bool { return slices.Contains(c.has, z.Code) })
		if got := data.FormatZoneChanges(changes); got != c.want {
			t.Errorf("%s with %v: %q, want %q", c.category, c.has, got, c.want)
		}
		for _, z := range zones {
			if data.HasZone(z, c.category, changes) != slices.Contains(c.has, z.Code) {
				t.Errorf("%s with %v: the changes do not give zone %d as ticked", c.category, c.has, z.Code)
			}
		}
	}
}

// TestZonesBeyondTheCategoryNeedAnAdmin: a desk operator may take zones away
// and give back the category's, but only an admin grants a zone beyond the
// category's (a VIP lounge); one granted already stays when the desk edits.
func TestZonesBeyondTheCategoryNeedAnAdmin(t *testing.T) {
	s := newStore(t)
	if err := s.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary", Categories: []string{"delegate"}}, {Code: 5, Name: "VIP lounge", Categories: []string{"vip"}}}); err != nil {
		t.Fatal(err)
	}
	p := mustCreate(t, s, delegate("An", "Tran", "VN", "B1"))
	desk := data.WithActor(ctx, data.Actor{Operator: "Minh", Roles: data.Roles{data.RoleDesk}})
	admin := data.WithActor(ctx, data.Actor{Operator: "Lan", Roles: data.Roles{data.RoleAdmin}})
	vip := []data.ZoneChange{{Zone: 5, Granted: true}}
	if _, err := s.SetParticipantZones(desk, p.ID, vip, 0); data.ErrorCode(err) != data.EFORBIDDEN || !strings.Contains(data.ErrorFields(err)[0].Reason.String(), "zone 5 is beyond the category's zones") {
		t.Fatalf("a desk operator granted the VIP lounge: %v", err)
	}
	if _, err := s.SetParticipantZones(desk, p.ID, []data.ZoneChange{{Zone: 1}}, 0); err != nil {
		t.Fatalf("a desk operator took a zone away: %v", err)
	}
	if _, err := s.SetParticipantZones(admin, p.ID, vip, 0); err != nil {
		t.Fatalf("an admin granted the VIP lounge: %v", err)
	}
	if _, err := s.SetParticipantZones(desk, p.ID, append(vip, data.ZoneChange{Zone: 1}), 0); err != nil {
		t.Fatalf("a desk operator kept a zone an admin granted: %v", err)
	}
}
