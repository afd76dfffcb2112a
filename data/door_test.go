package data_test

import (
	"database/sql"
	"testing"
	"time"

	"accred/data"
)

// newProgramme adds one session to a test event and returns it.
func newSession(t *testing.T, s *data.Store, x data.Session) data.Session {
	t.Helper()
	if _, _, err := s.SaveSessions(ctx, []data.Session{x}); err != nil {
		t.Fatal(err)
	}
	saved, err := s.Session(ctx, x.Code)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

func TestCheckInRecordsEveryScanAndCounts(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start.Add(5 * time.Minute) }
	room := newSession(t, s, data.Session{Code: "SEM-1", Title: "Seminar", Kind: data.KindSeminar, Room: "A",
		Starts: start, Ends: start.Add(time.Hour), Capacity: 2, RecordsExits: true, EarlyMinutes: 30})
	var codes []string
	for i, name := range []string{"One", "Two", "Three"} {
		p := mustCreate(t, s, delegate("A", name, "FR", string(rune('1'+i))))
		s.Approve(ctx, []int64{p.ID})
		codes = append(codes, printBadge(t, s, p.ID))
	}
	scan := func(code string, exit bool) data.Verdict {
		v, err := s.CheckIn(data.WithActor(ctx, data.System("test", "")), data.Scan{SessionID: room.ID, Code: code, Station: "door-1", Exit: exit})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	steps := []struct {
		code    string
		exit    bool
		want    data.VerdictKind
		present int
	}{
		{codes[0], false, data.Accepted, 1},
		{codes[0], false, data.Already, 1},
		{codes[1], false, data.Accepted, 2},
		{codes[2], false, data.Rejected, 2}, // room full
		{codes[0], true, data.Accepted, 1},  // out
		{codes[2], false, data.Accepted, 2}, // a seat again
		{codes[0], false, data.Rejected, 2}, // full again: re-entry refused
		{"FORGED", false, data.Rejected, 2},
	}
	for i, st := range steps {
		v := scan(st.code, st.exit)
		if v.Kind != st.want || v.Present != st.present || v.ID == "" {
			t.Fatalf("step %d: %s %q present %d, want %s %d", i, v.Kind, v.Reason, v.Present, st.want, st.present)
		}
	}
	report, _ := s.AttendanceReport(ctx)
	if report[0].Admitted != 3 || report[0].Present != 2 || report[0].Refused != 3 {
		t.Fatalf("report %+v", report[0])
	}
	attendees, _ := s.Attendees(ctx, room.ID)
	if len(attendees) != 3 || attendees[0].Participant.FamilyName != "One" || attendees[0].Inside {
		t.Fatalf("attendees %+v", attendees)
	}
}

func TestManualCheckInAndUnknownSession(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start }
	room := newSession(t, s, data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall", Starts: start, Ends: start.Add(time.Hour)})
	p := mustCreate(t, s, delegate("A", "Forgetful", "FR", "1"))
	if v, _ := s.CheckIn(ctx, data.Scan{SessionID: room.ID, ParticipantID: p.ID, Station: "d"}); v.Kind != data.Rejected {
		t.Fatalf("an unapproved participant checked in by hand: %s", v.Kind)
	}
	s.Approve(ctx, []int64{p.ID})
	// Approved is not enough: by search, only someone whose badge was printed.
	if v, _ := s.CheckIn(ctx, data.Scan{SessionID: room.ID, ParticipantID: p.ID, Station: "d"}); v.Kind != data.Rejected ||
		v.Reason.String() != "no badge issued: send to the desk" {
		t.Fatalf("an approved participant without a badge checked in by hand: %s %s", v.Kind, v.Reason)
	}
	printBadge(t, s, p.ID)
	if v, _ := s.CheckIn(ctx, data.Scan{SessionID: room.ID, ParticipantID: p.ID, Station: "d"}); v.Kind != data.Accepted {
		t.Fatalf("manual check-in: %s %s", v.Kind, v.Reason)
	}
	if _, err := s.CheckIn(ctx, data.Scan{SessionID: 999, Code: "X"}); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("unknown session: %v", err)
	}
}

func TestSaveSessionsRefusesBadSessions(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	_, _, err := s.SaveSessions(ctx, []data.Session{
		{Code: "OK-1", Title: "Fine", Kind: data.KindSeminar, Room: "A", Starts: start, Ends: start.Add(time.Hour)},
		{Code: "bad code!", Title: "", Kind: "party", Room: "", Starts: start, Ends: start.Add(-time.Hour), Categories: []string{"spy"}},
		{Code: "ok-1", Title: "Twice", Kind: data.KindSeminar, Room: "A", Starts: start, Ends: start.Add(time.Hour)},
	})
	fields := map[string]bool{}
	for _, f := range data.ErrorFields(err) {
		fields[f.Field] = true
		if f.Line == 2 {
			t.Errorf("the good line was reported: %v", f)
		}
	}
	for _, want := range []string{"code", "title", "kind", "room", "ends_at", "categories"} {
		if !fields[want] {
			t.Errorf("no problem reported for %s: %v", want, err)
		}
	}
	if list, _ := s.Sessions(ctx); len(list) != 0 {
		t.Fatal("a refused programme left sessions behind")
	}
}

func TestSessionByCodeBeforeID(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	first := newSession(t, s, data.Session{Code: "PLEN-1", Title: "A", Kind: data.KindPlenary, Room: "R", Starts: start, Ends: start.Add(time.Hour)})
	second := newSession(t, s, data.Session{Code: "1", Title: "B", Kind: data.KindSeminar, Room: "R", Starts: start, Ends: start.Add(time.Hour)})
	if got, _ := s.Session(ctx, "1"); got.ID != second.ID {
		t.Fatalf("code 1 found session %d, want %d", got.ID, second.ID)
	}
	if got, _ := s.Session(ctx, "2"); got.ID != second.ID {
		t.Fatalf("id 2 found %s", got.Code)
	}
	if got, _ := s.Session(ctx, "plen-1"); got.ID != first.ID {
		t.Fatalf("code in lower case found %s", got.Code)
	}
}

func TestAlreadyInSaysWhenAndWhere(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	now := start.Add(5 * time.Minute)
	s.Now = func() time.Time { return now }
	room := newSession(t, s, data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall", Starts: start, Ends: start.Add(time.Hour)})
	p := mustCreate(t, s, delegate("A", "Early", "FR", "1"))
	s.Approve(ctx, []int64{p.ID})
	code := printBadge(t, s, p.ID)
	if v, err := s.CheckIn(ctx, data.Scan{SessionID: room.ID, ParticipantID: p.ID, Station: "door-north"}); err != nil || v.Kind != data.Accepted || !v.Manual {
		t.Fatalf("manual check-in: %s manual %v, %v", v.Kind, v.Manual, err)
	}
	now = now.Add(20 * time.Minute)
	v, err := s.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: code, Station: "door-south"})
	if err != nil || v.Kind != data.Already || v.Manual {
		t.Fatalf("second scan: %s manual %v, %v", v.Kind, v.Manual, err)
	}
	if want := "already inside since 09:05 on 25 Oct, let in at door-north"; v.Reason.String() != want {
		t.Fatalf("reason %q, want %q", v.Reason, want)
	}
}

// TestAFaultIsNoVerdict: when the badge's holder cannot be read, the door
// gets an error, never a REJECTED verdict, and nothing is recorded as a
// refusal.
func TestAFaultIsNoVerdict(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start.Add(5 * time.Minute) }
	room := newSession(t, s, data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall", Starts: start, Ends: start.Add(time.Hour)})
	p := mustCreate(t, s, delegate("A", "Faulty", "FR", "1"))
	s.Approve(ctx, []int64{p.ID})
	code := printBadge(t, s, p.ID)
	driver := map[bool]string{false: "sqlite3", true: "pgx"}[s.OnServer()]
	raw, err := sql.Open(driver, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`ALTER TABLE participants RENAME TO participants_away`); err != nil {
		t.Fatal(err)
	}
	for _, scan := range []data.Scan{{SessionID: room.ID, Code: code, Station: "door-1"}, {SessionID: room.ID, ParticipantID: p.ID, Station: "door-1"}} {
		v, err := s.CheckIn(ctx, scan)
		if err == nil || v.Kind != "" {
			t.Errorf("a fault became a verdict: %s %q, %v", v.Kind, v.Reason, err)
		}
	}
	var recorded int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM checkins`).Scan(&recorded); err != nil || recorded != 0 {
		t.Fatalf("%d scans recorded, %v", recorded, err)
	}
}
