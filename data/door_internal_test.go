package data

import (
	"errors"
	"testing"
	"time"

	"accred/data/credential"
	"accred/data/msg"
)

func TestDoorRules(t *testing.T) {
	starts := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	open := Session{Starts: starts, Ends: starts.Add(2 * time.Hour), EarlyMinutes: 30}
	withExits := open
	withExits.RecordsExits = true
	delegatesOnly := open
	delegatesOnly.Categories = []string{"delegate", "vip"}
	invitationOnly := open
	invitationOnly.InvitationOnly = true
	full := open
	full.Capacity, full.Present = 100, 100
	nearlyFull := open
	nearlyFull.Capacity, nearlyFull.Present = 100, 99
	zoneOne := open
	zoneOne.Zone = 1
	during := starts.Add(10 * time.Minute)

	cases := []struct {
		name   string
		door   door
		want   VerdictKind
		reason ReasonCode
	}{
		{"valid badge, open session", door{session: open, category: "delegate", now: during}, Accepted, ""},
		{"forged", door{session: open, badgeErr: credential.ErrForged, now: during}, Rejected, ReasonForged},
		{"other event", door{session: open, badgeErr: credential.ErrOtherKey, now: during}, Rejected, ReasonOtherEvent},
		{"superseded", door{session: open, badgeErr: ErrSuperseded, now: during}, Rejected, ReasonSuperseded},
		{"not approved", door{session: open, badgeErr: ErrNotApproved, now: during}, Rejected, ReasonNotApproved},
		{"withdrawn", door{session: open, badgeErr: ErrNotAccredited, now: during}, Rejected, ReasonNotAccredited},
		{"forged even when inside", door{session: open, badgeErr: ErrSuperseded, inside: true, now: during}, Rejected, ReasonSuperseded},
		{"already inside", door{session: open, category: "delegate", inside: true, firstIn: starts, firstAt: "door-1", now: during}, Already, ReasonAlreadyInside},
		{"already inside a full room", door{session: full, category: "delegate", inside: true, now: during}, Already, ReasonAlreadyInside},
		{"category admitted", door{session: delegatesOnly, category: "vip", now: during}, Accepted, ""},
		{"category not admitted", door{session: delegatesOnly, category: "media", now: during}, Rejected, ReasonCategory},
		{"zone on badge", door{session: zoneOne, category: "media", hasZone: true, now: during}, Accepted, ""},
		{"zone not on badge", door{session: zoneOne, category: "delegate", now: during}, Rejected, ReasonZone},
		{"zone not on badge, category not admitted either", door{session: func() Session { s := delegatesOnly; s.Zone = 1; return s }(), category: "media", now: during}, Rejected, ReasonCategory},
		{"zone not on badge but already inside", door{session: zoneOne, category: "delegate", inside: true, now: during}, Already, ReasonAlreadyInside},
		{"zone not on badge, forged", door{session: zoneOne, badgeErr: credential.ErrForged, now: during}, Rejected, ReasonForged},
		{"door's zone on badge", door{session: open, category: "media", doorZone: 1, hasDoorZone: true, now: during}, Accepted, ""},
		{"door's zone not on badge", door{session: open, category: "delegate", doorZone: 1, now: during}, Rejected, ReasonZone},
		{"door's zone not on badge but already inside", door{session: open, doorZone: 1, inside: true, now: during}, Already, ReasonAlreadyInside},
		{"door's zone not on badge, leaving", door{session: withExits, doorZone: 1, inside: true, exit: true, now: during}, Accepted, ""},
		{"door's zone not on badge, category not admitted either", door{session: delegatesOnly, category: "media", doorZone: 1, now: during}, Rejected, ReasonCategory},
		{"door's zone on badge, session's not", door{session: zoneOne, doorZone: 3, hasDoorZone: true, now: during}, Rejected, ReasonZone},
		{"door's zone not on badge, not invited either", door{session: invitationOnly, doorZone: 1, now: during}, Rejected, ReasonZone},
		{"invited", door{session: invitationOnly, category: "media", invited: true, now: during}, Accepted, ""},
		{"not invited", door{session: invitationOnly, category: "delegate", now: during}, Rejected, ReasonNotInvited},
		{"inside the early tolerance", door{session: open, category: "un", now: starts.Add(-30 * time.Minute)}, Accepted, ""},
		{"too early", door{session: open, category: "un", now: starts.Add(-31 * time.Minute)}, Rejected, ReasonTooEarly},
		{"last minute", door{session: open, category: "un", now: open.Ends.Add(-time.Second)}, Accepted, ""},
		{"too late", door{session: open, category: "un", now: open.Ends}, Rejected, ReasonTooLate},
		{"last seat", door{session: nearlyFull, category: "un", now: during}, Accepted, ""},
		{"room full", door{session: full, category: "un", now: during}, Rejected, ReasonRoomFull},
		{"exit", door{session: withExits, category: "un", inside: true, exit: true, now: during}, Accepted, ""},
		{"exit when not inside", door{session: withExits, category: "un", exit: true, now: during}, Rejected, ReasonNotInside},
		{"exit where exits are not recorded", door{session: open, category: "un", inside: true, exit: true, now: during}, Rejected, ReasonNoExits},
		{"re-entry after exit", door{session: withExits, category: "un", inside: false, now: during}, Accepted, ""},
		{"cancelled session", door{session: func() Session { s := open; s.Cancelled = true; return s }(), category: "un", now: during}, Rejected, ReasonCancelled},
		{"cancelled session, already inside", door{session: func() Session { s := open; s.Cancelled = true; return s }(), category: "un", inside: true, now: during}, Rejected, ReasonCancelled},
		{"cancelled session, leaving", door{session: func() Session { s := withExits; s.Cancelled = true; return s }(), category: "un", inside: true, exit: true, now: during}, Accepted, ""},
		{"exit after the end", door{session: withExits, category: "un", inside: true, exit: true, now: open.Ends.Add(time.Hour)}, Accepted, ""},
	}
	for _, c := range cases {
		kind, reason := decide(c.door)
		if kind != c.want || reason.Code != c.reason {
			t.Errorf("%s: %s %q, want %s %q", c.name, kind, reason.Code, c.want, c.reason)
		}
	}
}

func TestDoorReasonsNameTheirValues(t *testing.T) {
	starts := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	open := Session{Starts: starts, Ends: starts.Add(2 * time.Hour), EarlyMinutes: 30, Capacity: 100, Present: 100}
	cases := []struct {
		door door
		want string
	}{
		{door{session: open, now: starts.Add(-31 * time.Minute)}, "too early: the door opens at 08:30 on 25 Oct"},
		{door{session: open, now: open.Ends}, "too late: the session ended at 11:00 on 25 Oct"},
		{door{session: open, now: starts}, "room full (100 of 100)"},
		{door{session: Session{Starts: starts, Ends: open.Ends, Zone: 1}, now: starts}, "zone 1 not on badge"},
		{door{session: Session{Starts: starts, Ends: open.Ends}, doorZone: 5, now: starts}, "zone 5 not on badge"},
		{door{session: Session{Starts: starts, Ends: open.Ends, Zone: 1}, hasZone: true, doorZone: 5, now: starts}, "zone 5 not on badge"},
		{door{session: open, badgeErr: credential.ErrForged, now: starts}, "signature does not match: forged or altered badge"},
		{door{session: open, badgeErr: errors.New("disk I/O error"), now: starts}, "the badge cannot be checked: disk I/O error"},
	}
	for _, c := range cases {
		if _, reason := decide(c.door); reason.String() != c.want {
			t.Errorf("%s: %q, want %q", reason.Code, reason, c.want)
		}
	}
}

// TestBadgeErrorsSayTheirReasons keeps VerifyBadge's errors, which the
// command line prints, in the words of their reasons at the door.
func TestBadgeErrorsSayTheirReasons(t *testing.T) {
	for err, code := range badgeReasons {
		if want := (Reason{Code: code}).String(); err.Error() != want || want == "" {
			t.Errorf("%s: the error says %q, the reason %q", code, err, want)
		}
	}
}

// TestAlreadyInNamesTheDoor: ALREADY IN says when and where the person was
// first let in, or "another door" at a station file that does not know it.
func TestAlreadyInNamesTheDoor(t *testing.T) {
	starts := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	open := Session{Starts: starts, Ends: starts.Add(2 * time.Hour)}
	for station, want := range map[string]string{
		"door-1": "already inside since 09:05 on 25 Oct, let in at door-1",
		"":       "already inside since 09:05 on 25 Oct, let in at another door",
	} {
		_, reason := decide(door{session: open, inside: true, firstIn: starts.Add(5 * time.Minute), firstAt: station, now: starts.Add(time.Hour)})
		if reason.String() != want {
			t.Errorf("%q: %q, want %q", station, reason, want)
		}
	}
}

// TestReasonsReadBack: every reason the door gives, kept in English in the
// trail, reads back to its code and values, to be worded in any language.
func TestReasonsReadBack(t *testing.T) {
	args := msg.Args{"At": "14:00", "Station": "Door North", "Err": "unreadable", "Present": "3", "Capacity": "3", "Zone": "4"}
	for code := range reasonKeys {
		r := Reason{Code: code, Args: args}
		got, ok := ReadReason(r.String())
		if !ok || got.Code != code || got.String() != r.String() {
			t.Errorf("%s: read back as %+v (%v)", code, got, ok)
		}
	}
	c, ok := ReadCheckin("rejected in (found by name): too early: the door opens at 13:30")
	if !ok || c.Verdict != Rejected || c.Exit || !c.Manual || c.Reason.Code != ReasonTooEarly || c.Reason.Args["At"] != "13:30" {
		t.Fatalf("a check-in read back: %+v", c)
	}
	if _, ok := ReadCheckin("changed nothing"); ok {
		t.Fatal("a line that is no check-in was read as one")
	}
}
