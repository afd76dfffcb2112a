package rules

import (
	"testing"
	"time"
)

var (
	starts = time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	during = starts.Add(10 * time.Minute)
	open   = Session{Opens: starts.Add(-30 * time.Minute), Ends: starts.Add(2 * time.Hour)}
)

// holder is someone whose current badge, issue 1, was printed.
var holder = Person{Status: Printed, Category: "delegate", Issue: 1}

// badge is issue 1 scanned.
var badge = Presented{ByBadge: true, Issue: 1}

func TestAdmit(t *testing.T) {
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
	as := func(category string) Person { p := holder; p.Category = category; return p }
	with := func(p Person, f func(*Person)) Person { f(&p); return p }

	cases := []struct {
		name   string
		a      Admission
		want   Verdict
		reason Code
	}{
		{"valid badge, open session", Admission{Presented: badge, Person: holder, Session: open, Now: during}, Accepted, ""},
		{"forged", Admission{Presented: Presented{Code: Forged}, Session: open, Now: during}, Rejected, Forged},
		{"other event", Admission{Presented: Presented{Code: OtherEvent}, Session: open, Now: during}, Rejected, OtherEvent},
		{"superseded", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Issue = 2 }), Session: open, Now: during}, Rejected, Superseded},
		{"never printed", Admission{Presented: Presented{ByBadge: true, Issue: 2}, Person: holder, Session: open, Now: during}, Rejected, NotIssued},
		{"reprinted, new one not printed yet", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Status = Approved }), Session: open, Now: during}, Rejected, NotIssued},
		{"not approved", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Status = Registered }), Session: open, Now: during}, Rejected, NotApproved},
		{"withdrawn", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Status = Withdrawn }), Session: open, Now: during}, Rejected, NotAccredited},
		{"clearance refused", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Clearance = Refused }), Session: open, Now: during}, Rejected, NotAccredited},
		{"clearance pending", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Clearance = ClearancePendingAnswer }), Session: open, Now: during}, Rejected, ClearancePending},
		{"cleared", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Clearance = Cleared }), Session: open, Now: during}, Accepted, ""},
		{"collected", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Status = Collected }), Session: open, Now: during}, Accepted, ""},
		{"superseded even when inside", Admission{Presented: badge, Person: with(holder, func(p *Person) { p.Issue = 2 }), Inside: true, Session: open, Now: during}, Rejected, Superseded},
		{"by search, printed", Admission{Person: holder, Session: open, Now: during}, Accepted, ""},
		{"by search, approved, never printed", Admission{Person: with(holder, func(p *Person) { p.Status, p.Issue = Approved, 0 }), Session: open, Now: during}, Rejected, NoBadge},
		{"by search, registered", Admission{Person: with(holder, func(p *Person) { p.Status, p.Issue = Registered, 0 }), Session: open, Now: during}, Rejected, NoBadge},
		{"by search, reprint not printed yet", Admission{Person: with(holder, func(p *Person) { p.Status, p.Issue = Approved, 2 }), Session: open, Now: during}, Rejected, NoBadge},
		{"by search, clearance pending", Admission{Person: with(holder, func(p *Person) { p.Status, p.Clearance = Approved, ClearancePendingAnswer }), Session: open, Now: during}, Rejected, ClearancePending},
		{"by search, clearance refused", Admission{Person: with(holder, func(p *Person) { p.Clearance = Refused }), Session: open, Now: during}, Rejected, NotAccredited},
		{"by search, rejected", Admission{Person: with(holder, func(p *Person) { p.Status = RejectedAs }), Session: open, Now: during}, Rejected, NotAccredited},
		{"already inside", Admission{Presented: badge, Person: holder, Session: open, Inside: true, FirstIn: starts, FirstAt: "door-1", Now: during}, Already, AlreadyInside},
		{"already inside a full room", Admission{Presented: badge, Person: holder, Session: full, Inside: true, Now: during}, Already, AlreadyInside},
		{"category admitted", Admission{Presented: badge, Person: as("vip"), Session: delegatesOnly, Now: during}, Accepted, ""},
		{"category not admitted", Admission{Presented: badge, Person: as("media"), Session: delegatesOnly, Now: during}, Rejected, Category},
		{"zone on badge", Admission{Presented: badge, Person: as("media"), Session: zoneOne, HasZone: true, Now: during}, Accepted, ""},
		{"zone not on badge", Admission{Presented: badge, Person: holder, Session: zoneOne, Now: during}, Rejected, Zone},
		{"zone not on badge, category not admitted either", Admission{Presented: badge, Person: as("media"), Session: func() Session { s := delegatesOnly; s.Zone = 1; return s }(), Now: during}, Rejected, Category},
		{"zone not on badge but already inside", Admission{Presented: badge, Person: holder, Session: zoneOne, Inside: true, Now: during}, Already, AlreadyInside},
		{"zone not on badge, forged", Admission{Presented: Presented{Code: Forged}, Session: zoneOne, Now: during}, Rejected, Forged},
		{"door's zone on badge", Admission{Presented: badge, Person: as("media"), Session: open, DoorZone: 1, HasDoorZone: true, Now: during}, Accepted, ""},
		{"door's zone not on badge", Admission{Presented: badge, Person: holder, Session: open, DoorZone: 1, Now: during}, Rejected, Zone},
		{"door's zone not on badge but already inside", Admission{Presented: badge, Person: holder, Session: open, DoorZone: 1, Inside: true, Now: during}, Already, AlreadyInside},
		{"door's zone not on badge, leaving", Admission{Presented: badge, Person: holder, Session: withExits, DoorZone: 1, Inside: true, Exit: true, Now: during}, Accepted, ""},
		{"door's zone not on badge, category not admitted either", Admission{Presented: badge, Person: as("media"), Session: delegatesOnly, DoorZone: 1, Now: during}, Rejected, Category},
		{"door's zone on badge, session's not", Admission{Presented: badge, Person: holder, Session: zoneOne, DoorZone: 3, HasDoorZone: true, Now: during}, Rejected, Zone},
		{"door's zone not on badge, not invited either", Admission{Presented: badge, Person: holder, Session: invitationOnly, DoorZone: 1, Now: during}, Rejected, Zone},
		{"invited", Admission{Presented: badge, Person: as("media"), Session: invitationOnly, Invited: true, Now: during}, Accepted, ""},
		{"not invited", Admission{Presented: badge, Person: holder, Session: invitationOnly, Now: during}, Rejected, NotInvited},
		{"inside the early tolerance", Admission{Presented: badge, Person: holder, Session: open, Now: starts.Add(-30 * time.Minute)}, Accepted, ""},
		{"too early", Admission{Presented: badge, Person: holder, Session: open, Now: starts.Add(-31 * time.Minute)}, Rejected, TooEarly},
		{"last minute", Admission{Presented: badge, Person: holder, Session: open, Now: open.Ends.Add(-time.Second)}, Accepted, ""},
		{"too late", Admission{Presented: badge, Person: holder, Session: open, Now: open.Ends}, Rejected, TooLate},
		{"last seat", Admission{Presented: badge, Person: holder, Session: nearlyFull, Now: during}, Accepted, ""},
		{"room full", Admission{Presented: badge, Person: holder, Session: full, Now: during}, Rejected, RoomFull},
		{"exit", Admission{Presented: badge, Person: holder, Session: withExits, Inside: true, Exit: true, Now: during}, Accepted, ""},
		{"exit when not inside", Admission{Presented: badge, Person: holder, Session: withExits, Exit: true, Now: during}, Rejected, NotInside},
		{"exit where exits are not recorded", Admission{Presented: badge, Person: holder, Session: open, Inside: true, Exit: true, Now: during}, Rejected, NoExits},
		{"re-entry after exit", Admission{Presented: badge, Person: holder, Session: withExits, Now: during}, Accepted, ""},
		{"exit after the end", Admission{Presented: badge, Person: holder, Session: withExits, Inside: true, Exit: true, Now: open.Ends.Add(time.Hour)}, Accepted, ""},
	}
	for _, c := range cases {
		verdict, reason := Admit(c.a)
		if verdict != c.want || reason.Code != c.reason {
			t.Errorf("%s: %s %q, want %s %q", c.name, verdict, reason.Code, c.want, c.reason)
		}
	}
}

func TestReasonsNameTheirValues(t *testing.T) {
	full := open
	full.Capacity, full.Present = 100, 100
	cases := []struct {
		a    Admission
		want string
	}{
		{Admission{Presented: badge, Person: holder, Session: full, Now: starts.Add(-31 * time.Minute)}, "too early: the door opens at 08:30 on 25 Oct"},
		{Admission{Presented: badge, Person: holder, Session: full, Now: open.Ends}, "too late: the session ended at 11:00 on 25 Oct"},
		{Admission{Presented: badge, Person: holder, Session: full, Now: starts}, "room full (100 of 100)"},
		{Admission{Presented: badge, Person: holder, Session: Session{Opens: starts, Ends: open.Ends, Zone: 1}, Now: starts}, "zone 1 not on badge"},
		{Admission{Presented: badge, Person: holder, Session: Session{Opens: starts, Ends: open.Ends}, DoorZone: 5, Now: starts}, "zone 5 not on badge"},
		{Admission{Presented: badge, Person: holder, Session: Session{Opens: starts, Ends: open.Ends, Zone: 1}, HasZone: true, DoorZone: 5, Now: starts}, "zone 5 not on badge"},
		{Admission{Presented: Presented{Code: Forged}, Session: open, Now: starts}, "signature does not match: forged or altered badge"},
		{Admission{Person: Person{Status: Approved}, Session: open, Now: starts}, "no badge issued: send to the desk"},
	}
	for _, c := range cases {
		if _, reason := Admit(c.a); reason.String() != c.want {
			t.Errorf("%s: %q, want %q", reason.Code, reason, c.want)
		}
	}
}

// TestAlreadyInNamesTheDoor: ALREADY IN says when and where the person was
// first let in, or "another door" at a station file that does not know it.
func TestAlreadyInNamesTheDoor(t *testing.T) {
	for station, want := range map[string]string{
		"door-1": "already inside since 09:05 on 25 Oct, let in at door-1",
		"":       "already inside since 09:05 on 25 Oct, let in at another door",
	} {
		_, reason := Admit(Admission{Presented: badge, Person: holder, Session: open, Inside: true, FirstIn: starts.Add(5 * time.Minute), FirstAt: station, Now: starts.Add(time.Hour)})
		if reason.String() != want {
			t.Errorf("%q: %q, want %q", station, reason, want)
		}
	}
}

func TestPrintReprintApproveCollect(t *testing.T) {
	person := func(s Status, c Clearance, issue int) Person { return Person{Status: s, Clearance: c, Issue: issue} }
	type answer struct {
		verdict Verdict
		code    Code
	}
	cases := []struct {
		name                             string
		p                                Person
		print, reprint, approve, collect answer
	}{
		{"registered", person(Registered, "", 0), answer{Rejected, NotApproved}, answer{Rejected, NothingToReplace}, answer{Accepted, ""}, answer{Rejected, NotPrinted}},
		{"approved", person(Approved, "", 0), answer{Accepted, ""}, answer{Rejected, NothingToReplace}, answer{Already, AlreadyApproved}, answer{Rejected, NotPrinted}},
		{"clearance pending", person(Approved, ClearancePendingAnswer, 0), answer{Rejected, ClearancePending}, answer{Rejected, NothingToReplace}, answer{Already, AlreadyApproved}, answer{Rejected, NotPrinted}},
		{"clearance refused", person(Approved, Refused, 0), answer{Rejected, NotAccredited}, answer{Rejected, NotAccredited}, answer{Already, AlreadyApproved}, answer{Rejected, NotAccredited}},
		{"cleared", person(Approved, Cleared, 0), answer{Accepted, ""}, answer{Rejected, NothingToReplace}, answer{Already, AlreadyApproved}, answer{Rejected, NotPrinted}},
		{"printed", person(Printed, "", 1), answer{Already, AlreadyPrinted}, answer{Accepted, ""}, answer{Already, AlreadyApproved}, answer{Accepted, ""}},
		{"reprinted, not printed yet", person(Approved, "", 2), answer{Accepted, ""}, answer{Rejected, NothingToReplace}, answer{Already, AlreadyApproved}, answer{Rejected, NotPrinted}},
		{"collected", person(Collected, "", 1), answer{Already, AlreadyPrinted}, answer{Accepted, ""}, answer{Already, AlreadyApproved}, answer{Already, AlreadyCollected}},
		{"rejected", person(RejectedAs, "", 0), answer{Rejected, NotAccredited}, answer{Rejected, NotAccredited}, answer{Rejected, NotApprovable}, answer{Rejected, NotAccredited}},
		{"withdrawn", person(Withdrawn, "", 1), answer{Rejected, NotAccredited}, answer{Rejected, NotAccredited}, answer{Rejected, NotApprovable}, answer{Rejected, NotAccredited}},
	}
	for _, c := range cases {
		for what, got := range map[string][2]any{
			"print":   pair(Print(c.p)),
			"reprint": pair(Reprint(c.p)),
			"approve": pair(Approve(c.p, Nomination{})),
			"collect": pair(Collect(c.p)),
		} {
			want := map[string]answer{"print": c.print, "reprint": c.reprint, "approve": c.approve, "collect": c.collect}[what]
			if got[0] != want.verdict || got[1].(Reason).Code != want.code {
				t.Errorf("%s, %s: %s %q, want %s %q", c.name, what, got[0], got[1].(Reason).Code, want.verdict, want.code)
			}
		}
	}
	v, why := Approve(person(Registered, "", 0), Nomination{Awaited: "France"})
	if v != Rejected || why.String() != "cannot be approved yet: France has no nomination recorded yet" {
		t.Errorf("a delegate awaiting the nomination: %s %q", v, why)
	}
}

func pair(v Verdict, r Reason) [2]any { return [2]any{v, r} }

func TestZonesBeyondTheCategoryNeedAnAdmin(t *testing.T) {
	if v, _ := Zones([]int{1, 2}, []int{1, 2, 3}, false); v != Accepted {
		t.Error("the category's own zones were refused")
	}
	if v, why := Zones([]int{1, 5}, []int{1, 2}, false); v != Rejected || why.Code != ZoneBeyondCategory || why.Args["Zone"] != 5 {
		t.Errorf("zone 5 beyond the category: %s %v", v, why)
	}
	if v, _ := Zones([]int{1, 5}, []int{1, 2}, true); v != Accepted {
		t.Error("an admin's grant was refused")
	}
}
