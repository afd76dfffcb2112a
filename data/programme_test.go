package data_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"accred/data"
)

// seminar is a valid session on the test event's first day, at hour h UTC.
func seminar(code, room string, h int) data.Session {
	start := time.Date(2025, 10, 25, h, 0, 0, 0, time.UTC)
	return data.Session{Code: code, Title: "Seminar " + code, Kind: data.KindSeminar, Room: room, Starts: start, Ends: start.Add(time.Hour)}
}

func TestSessionTextIsChecked(t *testing.T) {
	s := newStore(t)
	cases := []struct {
		name, field, reason string
		change              func(*data.Session)
	}{
		{"a 10 MB title", "title", "300 characters", func(x *data.Session) { x.Title = strings.Repeat("A", 10<<20) }},
		{"escape in the title", "title", "control character", func(x *data.Session) { x.Title = "Opening\x1b[2J\x1b]0;pwned\a" }},
		{"bell in the room", "room", "control character", func(x *data.Session) { x.Room = "Hall\a" }},
		{"invalid UTF-8 in the title", "title", "UTF-8", func(x *data.Session) { x.Title = "Phi\xean h\xe1p" }},
	}
	for _, c := range cases {
		x := seminar("SEM-1", "A", 9)
		c.change(&x)
		_, _, err := s.SaveSessions(ctx, []data.Session{x})
		fields := data.ErrorFields(err)
		if data.ErrorCode(err) != data.EINVALID || len(fields) != 1 || fields[0].Field != c.field || !strings.Contains(fields[0].Reason.String(), c.reason) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	x := seminar("SEM-1", " Room\tB ", 9)
	x.Title = "  Electronic\nevidence "
	saved := newSession(t, s, x)
	if saved.Title != "Electronic evidence" || saved.Room != "Room B" {
		t.Fatalf("saved %q in %q", saved.Title, saved.Room)
	}
	if list, _ := s.Sessions(ctx); len(list) != 1 {
		t.Fatalf("refused sessions were saved: %d", len(list))
	}
}

func TestSessionsOutsideTheEventAreRefused(t *testing.T) {
	s := newStore(t) // 25 and 26 October 2025
	late := seminar("LATE-1", "A", 9)
	late.Starts, late.Ends = late.Starts.AddDate(0, 0, 2), late.Ends.AddDate(0, 0, 2)
	early := seminar("EARLY-1", "A", 9)
	early.Starts = early.Starts.AddDate(0, 0, -1)
	_, _, err := s.SaveSessions(ctx, []data.Session{seminar("OK-1", "A", 9), late, early})
	fields := data.ErrorFields(err)
	if data.ErrorCode(err) != data.EINVALID || len(fields) != 2 || fields[0].Field != "LATE-1" || fields[0].Line != 3 ||
		fields[1].Field != "EARLY-1" || !strings.Contains(err.Error(), "outside the event's days") {
		t.Fatalf("sessions outside the event: %v", err)
	}
	if list, _ := s.Sessions(ctx); len(list) != 0 {
		t.Fatal("a refused programme left sessions behind")
	}
	last := seminar("LAST-1", "A", 22)
	last.Starts, last.Ends = last.Starts.AddDate(0, 0, 1), last.Ends.AddDate(0, 0, 1).Add(time.Hour) // ends at midnight
	newSession(t, s, last)
}

func TestOverlapsInOneRoom(t *testing.T) {
	at := func(code, room string, h, m, minutes int) data.Session {
		start := time.Date(2025, 10, 25, h, m, 0, 0, time.UTC)
		return data.Session{Code: code, Room: room, Starts: start, Ends: start.Add(time.Duration(minutes) * time.Minute)}
	}
	programme := []data.Session{
		at("PLEN-1", "Hall", 9, 0, 180),
		at("SEM-1", "Room A", 9, 0, 60),
		at("SEM-2", "room a ", 10, 0, 60), // starts as SEM-1 ends: no overlap
		at("SIDE-1", "HALL", 11, 30, 60),  // overlaps PLEN-1, whatever the case
		at("SIDE-2", "Hall", 10, 0, 30),   // overlaps PLEN-1
		at("SEM-3", "Room B", 11, 0, 60),
	}
	got := func(list []data.Overlap) string {
		var out []string
		for _, o := range list {
			out = append(out, o.First.Code+"+"+o.Second.Code)
		}
		return strings.Join(out, " ")
	}
	if all := got(data.Overlaps(programme, nil)); all != "PLEN-1+SIDE-2 PLEN-1+SIDE-1" {
		t.Errorf("overlaps: %s", all)
	}
	if some := got(data.Overlaps(programme, []data.Session{{Code: "side-1"}})); some != "PLEN-1+SIDE-1" {
		t.Errorf("overlaps with SIDE-1: %s", some)
	}
	if o := data.Overlaps(programme, nil)[0].String(); o != "PLEN-1 and SIDE-2 overlap in Hall (2025-10-25 09:00–12:00 and 2025-10-25 10:00–10:30)" {
		t.Errorf("said as %q", o)
	}
}

func TestSetTimezoneMovesTheDoorsToLocalTime(t *testing.T) {
	s := newStore(t)
	door := seminar("SEM-1", "A", 14)
	door.EarlyMinutes = 30
	room := newSession(t, s, door)
	p := mustCreate(t, s, delegate("A", "Punctual", "VN", "1"))
	s.Approve(ctx, []int64{p.ID})
	printBadge(t, s, p.ID)
	hanoi, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	s.Now = func() time.Time { return time.Date(2025, 10, 25, 13, 50, 0, 0, hanoi) }
	if v, _ := s.CheckIn(ctx, data.Scan{SessionID: room.ID, ParticipantID: p.ID, Station: "d"}); v.Kind != data.Rejected {
		t.Fatalf("in UTC, 13:50 in Hanoi is 06:50, before the door opens: %s", v.Kind)
	}
	if err := s.SetTimezone(ctx, "Mars/Olympus", ""); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("unknown zone: %v", err)
	}
	// A scan was recorded (refused): the change needs a reason.
	change, err := s.TimezoneChange(ctx, "Asia/Ho_Chi_Minh")
	if err != nil || change.From != "UTC" || change.Shift != -7*time.Hour || change.Sessions != 1 || change.Scans != 1 || !change.NeedsReason() {
		t.Fatalf("the change: %+v, %v", change, err)
	}
	if err := s.SetTimezone(ctx, "Asia/Ho_Chi_Minh", " "); data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "recorded scans under the time zone in force (1)") {
		t.Fatalf("no reason after a scan: %v", err)
	}
	if ev, _ := s.Event(ctx); ev.Timezone != "UTC" {
		t.Fatalf("changed without a reason: %q", ev.Timezone)
	}
	if err := s.SetTimezone(ctx, "Asia/Ho_Chi_Minh", "The event is in Hanoi"); err != nil {
		t.Fatal(err)
	}
	if trail, _ := s.AuditTrail(ctx, data.AuditFilter{}); trail[len(trail)-1].New != "Asia/Ho_Chi_Minh (The event is in Hanoi)" {
		t.Fatalf("the trail: %+v", trail[len(trail)-1])
	}
	if ev, _ := s.Event(ctx); ev.Timezone != "Asia/Ho_Chi_Minh" {
		t.Fatalf("zone %q", ev.Timezone)
	}
	if x, _ := s.Session(ctx, "SEM-1"); x.Starts.Format("15:04 MST") != "14:00 +07" {
		t.Fatalf("the session now starts at %s", x.Starts.Format("15:04 MST"))
	}
	if v, _ := s.CheckIn(ctx, data.Scan{SessionID: room.ID, ParticipantID: p.ID, Station: "d"}); v.Kind != data.Accepted {
		t.Fatalf("13:50 local for a 14:00 session: %s %s", v.Kind, v.Reason)
	}
}

func TestCheckInRefusesHostileStationNames(t *testing.T) {
	s := newStore(t)
	room := newSession(t, s, seminar("SEM-1", "A", 9))
	p := mustCreate(t, s, delegate("A", "B", "FR", "1"))
	for field, c := range map[string]struct {
		operator string
		scan     data.Scan
	}{
		"station":  {"test", data.Scan{SessionID: room.ID, ParticipantID: p.ID, Station: "door\x1b]0;pwned\a"}},
		"operator": {strings.Repeat("x", 201), data.Scan{SessionID: room.ID, ParticipantID: p.ID, Station: "door-1"}},
	} {
		_, err := s.CheckIn(data.WithActor(ctx, data.System(c.operator, "")), c.scan)
		if fields := data.ErrorFields(err); data.ErrorCode(err) != data.EINVALID || len(fields) != 1 || fields[0].Field != field {
			t.Errorf("%s: %v", field, err)
		}
	}
	if report, _ := s.AttendanceReport(ctx); report[0].Refused != 0 || report[0].Admitted != 0 {
		t.Fatalf("a refused scan was recorded: %+v", report[0])
	}
}

// TestRenamingASessionKeepsIt: a session saved with its id under a new code
// is the same session renamed, its invitations and scans kept; a code
// another session has is refused.
func TestRenamingASessionKeepsIt(t *testing.T) {
	s := newStore(t)
	x := newSession(t, s, seminar("SEM-1", "A", 14))
	newSession(t, s, seminar("SEM-2", "B", 14))
	p := mustCreate(t, s, delegate("A", "Invited", "VN", "1"))
	x.Code, x.Title = "SEM-1A", "Seminar renamed"
	renamed, err := s.SaveSession(ctx, x, []int64{p.ID})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := s.Sessions(ctx)
	if len(list) != 2 || renamed.ID != x.ID || renamed.Code != "SEM-1A" || renamed.Title != "Seminar renamed" {
		t.Fatalf("after the rename: %+v", list)
	}
	if invited, _ := s.Invitations(ctx, x.ID); len(invited) != 1 {
		t.Fatalf("invitations: %v", invited)
	}
	x.Code = "sem-2"
	if _, err := s.SaveSession(ctx, x, nil); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "Another session has the code sem-2") {
		t.Fatalf("another's code: %v", err)
	}
	if got, _ := s.Session(ctx, "SEM-1A"); got.ID != x.ID {
		t.Fatal("the refused rename changed the session")
	}
	trail, _ := s.AuditTrail(ctx, data.AuditFilter{})
	if !slices.ContainsFunc(trail, func(e data.AuditEntry) bool { return e.Old == "SEM-1" && e.New == "SEM-1A" }) {
		t.Fatal("the rename is not in the trail")
	}
}

// TestCancelledSessionStaysAndItsDoorRefuses: a cancelled session stays in
// the programme and the trail, its door refuses entries as cancelled; taken
// back, it admits again.
func TestCancelledSessionStaysAndItsDoorRefuses(t *testing.T) {
	s := newStore(t)
	x := newSession(t, s, seminar("SEM-1", "A", 14))
	p := mustCreate(t, s, delegate("A", "Punctual", "VN", "1"))
	s.Approve(ctx, []int64{p.ID})
	printBadge(t, s, p.ID) // by search, a door lets in only someone whose badge was printed
	s.Now = func() time.Time { return time.Date(2025, 10, 25, 14, 10, 0, 0, time.UTC) }
	if err := s.CancelSession(ctx, x.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Session(ctx, "SEM-1"); !got.Cancelled {
		t.Fatal("not cancelled")
	}
	if v, _ := s.CheckIn(ctx, data.Scan{SessionID: x.ID, ParticipantID: p.ID, Station: "d"}); v.Kind != data.Rejected || v.Reason.Code != data.ReasonCancelled {
		t.Fatalf("at a cancelled session's door: %s %s", v.Kind, v.Reason)
	}
	if err := s.CancelSession(ctx, x.ID, false); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.CheckIn(ctx, data.Scan{SessionID: x.ID, ParticipantID: p.ID, Station: "d"}); v.Kind != data.Accepted {
		t.Fatalf("taken back: %s %s", v.Kind, v.Reason)
	}
	trail, _ := s.AuditTrail(ctx, data.AuditFilter{})
	var cancels []string
	for _, e := range trail {
		if e.Action == data.AuditProgramme && e.Field == "SEM-1" && (e.Old == data.AuditCancelled || e.New == data.AuditCancelled) {
			cancels = append(cancels, e.Old+">"+e.New)
		}
	}
	if strings.Join(cancels, " ") != ">cancelled cancelled>" {
		t.Fatalf("the trail: %v", cancels)
	}
}

// TestSessionDeletedOnlyWithoutScans: a session nobody scanned at is
// deleted with its invitations; one with scans is refused, and kept.
func TestSessionDeletedOnlyWithoutScans(t *testing.T) {
	s := newStore(t)
	empty := newSession(t, s, seminar("SEM-1", "A", 14))
	scanned := newSession(t, s, seminar("SEM-2", "B", 14))
	p := mustCreate(t, s, delegate("A", "Invited", "VN", "1"))
	if _, err := s.SaveSession(ctx, empty, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckIn(ctx, data.Scan{SessionID: scanned.ID, ParticipantID: p.ID, Station: "d"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.SessionScans(ctx, scanned.ID); n != 1 {
		t.Fatalf("%d scans", n)
	}
	if err := s.DeleteSession(ctx, scanned.ID); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "Cancel it instead") {
		t.Fatalf("a scanned session deleted: %v", err)
	}
	if err := s.DeleteSession(ctx, empty.ID); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Sessions(ctx)
	if len(list) != 1 || list[0].Code != "SEM-2" {
		t.Fatalf("left: %+v", list)
	}
	if _, err := s.Session(ctx, "SEM-1"); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("the deleted session: %v", err)
	}
	history, _ := s.AuditTrail(ctx, data.AuditFilter{ParticipantID: p.ID})
	if last := history[len(history)-1]; last.Field != "SEM-1" || last.Old != data.AuditInvited {
		t.Fatalf("the invited's history: %+v", last)
	}
}
