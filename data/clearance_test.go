package data_test

import (
	"strings"
	"testing"
	"time"

	"accred/data"
)

// clearanceEvent makes an event that requires clearance, with three
// approved delegates born somewhere: Ana, Ben and Chloé.
func clearanceEvent(t *testing.T) (*data.Store, []data.Participant) {
	t.Helper()
	s := newStore(t)
	if err := s.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	var people []data.Participant
	for i, name := range []string{"Ana", "Ben", "Chloé"} {
		in := delegate(name, "Silva", "BR", "B"+string(rune('1'+i)))
		in.DateOfBirth, in.PlaceOfBirth = "1980-0"+string(rune('1'+i))+"-15", "Recife"
		p := mustCreate(t, s, in)
		if err := s.Approve(ctx, []int64{p.ID}); err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
	}
	return s, people
}

func answer(line int, doc, nat, result string) data.ClearanceAnswer {
	return data.ClearanceAnswer{Line: line, DocumentNumber: doc, Nationality: nat, Result: result}
}

func clearanceOf(t *testing.T, s *data.Store, id int64) data.Clearance {
	t.Helper()
	return mustParticipant(t, s, id).Clearance
}

func TestDateOfBirthIsValidated(t *testing.T) {
	s := newStore(t)
	for bad, says := range map[string]string{"23/04/1985": "is written YYYY-MM-DD", "1985-02-30": "There is no such date: 1985-02-30.",
		"1850-01-01": "is written YYYY-MM-DD"} {
		in := delegate("Ana", "Silva", "BR", "B1")
		in.DateOfBirth = bad
		_, err := s.CreateParticipant(ctx, in)
		if f := data.ErrorFields(err); len(f) != 1 || f[0].Field != data.FieldDateOfBirth || !strings.Contains(f[0].Reason.String(), says) {
			t.Errorf("date of birth %q: %v", bad, err)
		}
	}
	in := delegate("Ana", "Silva", "BR", "B1")
	in.DateOfBirth, in.PlaceOfBirth = "1985-04-23", "  São   Paulo "
	p := mustCreate(t, s, in)
	if p.DateOfBirth != "1985-04-23" || p.PlaceOfBirth != "São Paulo" || p.Clearance != "" {
		t.Fatalf("born %q in %q, clearance %q where none is required", p.DateOfBirth, p.PlaceOfBirth, p.Clearance)
	}
}

func TestClearanceNeedsTheSetting(t *testing.T) {
	s := newStore(t)
	if _, err := s.ClearanceRequests(ctx); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "clearance_required yes") {
		t.Fatalf("export without the setting: %v", err)
	}
	if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{answer(2, "B1", "BR", "cleared")}); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("import without the setting: %v", err)
	}
}

func TestClearanceExportListsOnlyThePending(t *testing.T) {
	s, people := clearanceEvent(t)
	if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{answer(2, "b-1", "Brazil", "Cleared")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStatus(ctx, people[2].ID, data.StatusWithdrawn, "stays home"); err != nil {
		t.Fatal(err)
	}
	table, err := s.ClearanceRequests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := "family_name,given_name,date_of_birth,place_of_birth,nationality,document_number,category\n" +
		"Silva,Ben,1980-02-15,Recife,BR,B2,delegate\n"
	var got strings.Builder
	for _, line := range table {
		got.WriteString(strings.Join(line, ",") + "\n")
	}
	if got.String() != want {
		t.Fatalf("export:\n%s\nwant:\n%s", got.String(), want)
	}
}

func TestClearanceImportIsAllOrNothing(t *testing.T) {
	s, people := clearanceEvent(t)
	bad := []data.ClearanceAnswer{
		answer(2, "B1", "BR", "cleared"),
		answer(3, "B2", "BR", "maybe"),
		answer(4, "Z9", "BR", "refused"),
		answer(5, "B1", "BRA", "refused"),
		answer(6, "B3", "Atlantis", "cleared"),
	}
	_, err := s.ImportClearance(ctx, bad)
	var lines []int
	for _, f := range data.ErrorFields(err) {
		lines = append(lines, f.Line)
	}
	if data.ErrorCode(err) != data.EINVALID || len(lines) != 4 || lines[0] != 3 || lines[3] != 6 ||
		!strings.Contains(err.Error(), "Nobody is registered with document Z9 of BR") || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("bad answer: %v", err)
	}
	for _, p := range people {
		if c := clearanceOf(t, s, p.ID); c != data.ClearancePending {
			t.Fatalf("a refused answer changed %s to %s", p.FullName(), c)
		}
	}
	n, err := s.ImportClearance(ctx, []data.ClearanceAnswer{answer(2, "B1", "BR", "cleared"), answer(3, "B2", "BR", "refused")})
	if err != nil || n != 2 {
		t.Fatalf("good answer: %d %v", n, err)
	}
	if a, b, c := clearanceOf(t, s, people[0].ID), clearanceOf(t, s, people[1].ID), clearanceOf(t, s, people[2].ID); a != data.ClearanceCleared || b != data.ClearanceRefused || c != data.ClearancePending {
		t.Fatalf("clearance %s %s %s", a, b, c)
	}
}

func TestBadgesWaitForClearance(t *testing.T) {
	s, people := clearanceEvent(t)
	if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{answer(2, "B1", "BR", "cleared"), answer(3, "B2", "BR", "refused")}); err != nil {
		t.Fatal(err)
	}
	list, err := s.BadgesToPrint(ctx, data.BadgeFilter{})
	if err != nil || len(list) != 1 || list[0].ID != people[0].ID {
		t.Fatalf("badges to print: %+v %v", list, err)
	}
	if n, err := s.AwaitingClearance(ctx, data.BadgeFilter{}); err != nil || n != 1 {
		t.Fatalf("awaiting clearance: %d %v", n, err)
	}
	named, err := s.BadgesToPrint(ctx, data.BadgeFilter{IDs: []int64{people[1].ID, people[2].ID}})
	if err != nil || len(named) != 2 || named[0].Cleared() || named[1].Cleared() {
		t.Fatalf("named uncleared: %+v %v", named, err)
	}
	if err := s.SetSetting(ctx, data.SettingClearanceRequired, "no"); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(list) != 3 {
		t.Fatalf("without clearance required, %d badges to print", len(list))
	}
	if n, _ := s.AwaitingClearance(ctx, data.BadgeFilter{}); n != 0 {
		t.Fatalf("without clearance required, %d awaiting", n)
	}
}

func TestDoorSaysNotAccreditedToARefusedPerson(t *testing.T) {
	s, people := clearanceEvent(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start }
	room := newSession(t, s, data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall",
		Starts: start, Ends: start.Add(time.Hour), EarlyMinutes: 30})
	if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{answer(2, "B1", "BR", "cleared"), answer(3, "B2", "BR", "cleared")}); err != nil {
		t.Fatal(err)
	}
	cleared, refused := printBadge(t, s, people[0].ID), printBadge(t, s, people[1].ID)
	// The answer is corrected after the badge was printed.
	if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{answer(2, "B2", "BR", "refused")}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		code string
		kind data.VerdictKind
	}{{cleared, data.Accepted}, {refused, data.Rejected}} {
		v, err := s.CheckIn(data.WithActor(ctx, data.System("test", "")), data.Scan{SessionID: room.ID, Code: c.code, Station: "door"})
		if err != nil || v.Kind != c.kind {
			t.Fatalf("%s: %+v %v", v.Participant.FullName(), v, err)
		}
		if c.kind == data.Rejected && (v.Reason.Code != data.ReasonNotAccredited || !strings.Contains(v.Reason.String(), "not accredited")) {
			t.Fatalf("refused person: %s", v.Reason)
		}
	}
	v, err := s.CheckIn(data.WithActor(ctx, data.System("test", "")), data.Scan{SessionID: room.ID, ParticipantID: people[1].ID, Station: "door"})
	if err != nil || v.Kind != data.Rejected || v.Reason.Code != data.ReasonNotAccredited {
		t.Fatalf("refused person by search: %+v %v", v, err)
	}
	// A door without the network decides the same from its station file.
	station, _ := stationFile(t, s, room.ID)
	if v, err := station.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: refused, Station: "door"}); err != nil || v.Reason.Code != data.ReasonNotAccredited {
		t.Fatalf("the refused person at a station file: %+v %v", v, err)
	}
}
