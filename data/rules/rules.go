// Package rules is Accred's rulebook. From what is known of a participant,
// a session, a door and the event, it decides who gets in (entry or exit,
// by badge or by search, online or at a station file), whose badge may be
// printed or replaced, who may be approved, and whose badge may be handed
// over. Each answer is a Verdict and a Reason.
//
// It reads no database and shows nothing: the store gathers the facts and
// asks, so that every path (a door's scan and its search, the command line,
// a station file, the printing station, the desk) gets the same answer to
// the same question.
package rules

import (
	"slices"
	"time"

	"accred/data/msg"
)

// Status is where a participant stands in accreditation, as the store
// keeps it.
type Status string

// The statuses.
const (
	Registered Status = "registered"
	Approved   Status = "approved"
	Printed    Status = "printed"
	Collected  Status = "collected"
	RejectedAs Status = "rejected"
	Withdrawn  Status = "withdrawn"
)

// Message is the status in words: "approved".
func (s Status) Message() msg.Message {
	if k, ok := statusWords[s]; ok {
		return k.Msg()
	}
	return msgWord.With(msg.Args{"Word": string(s)})
}

var statusWords = map[Status]msg.Key{
	Registered: msg.Define("registered"),
	Approved:   msg.Define("approved"),
	Printed:    msg.Define("printed"),
	Collected:  msg.Define("collected"),
	RejectedAs: msg.Define("rejected"),
	Withdrawn:  msg.Define("withdrawn"),
}

var msgWord = msg.Define("{{.Word}}")

// Clearance is the host country's answer about a participant: "" when the
// event requires none.
type Clearance string

// The clearance answers.
const (
	ClearancePendingAnswer Clearance = "pending"
	Cleared                Clearance = "cleared"
	Refused                Clearance = "refused"
)

// Person is what the rules know of a participant.
type Person struct {
	Status    Status
	Clearance Clearance // "" when the event requires none
	Category  string
	Issue     int // the current badge's issue: 0 until the first is printed
}

// accredited is why p may not hold a badge at all, if anything: rejected,
// withdrawn or refused clearance; not approved yet; clearance pending.
func (p Person) accredited() Reason {
	switch {
	case p.Status == RejectedAs || p.Status == Withdrawn || p.Clearance == Refused:
		return Reason{Code: NotAccredited}
	case p.Status == Registered:
		return Reason{Code: NotApproved}
	case p.Clearance == ClearancePendingAnswer:
		return Reason{Code: ClearancePending}
	}
	return Reason{}
}

// hasBadge reports whether p's current badge was printed.
func (p Person) hasBadge() bool { return p.Status == Printed || p.Status == Collected }

// Badge decides whether a genuine badge of the given issue is valid: the
// holder's current one, printed, of someone accredited and cleared.
func Badge(p Person, issue int) (Verdict, Reason) {
	switch {
	case issue < p.Issue:
		return Rejected, Reason{Code: Superseded}
	case issue > p.Issue:
		return Rejected, Reason{Code: NotIssued}
	}
	if why := p.accredited(); why.Code != "" {
		return Rejected, why
	}
	if !p.hasBadge() {
		return Rejected, Reason{Code: NotIssued} // reprinted, the new one not printed yet
	}
	return Accepted, Reason{}
}

// Held decides whether someone found by search, without their badge, holds
// a valid one: their current badge printed, accredited and cleared.
// Otherwise they are sent to the desk.
func Held(p Person) (Verdict, Reason) {
	if why := p.accredited(); why.Code == NotAccredited || why.Code == ClearancePending {
		return Rejected, why
	}
	if !p.hasBadge() {
		return Rejected, Reason{Code: NoBadge}
	}
	return Accepted, Reason{}
}

// Session is what the rules know of a session behind a door.
type Session struct {
	Categories     []string // the categories let in; none for all
	Zone           int      // the zone a badge must carry; 0 for none
	InvitationOnly bool
	RecordsExits   bool
	Opens, Ends    time.Time // the door opens early by the session's tolerance
	Capacity       int       // 0 for no limit
	Present        int
	Cancelled      bool // the session will not take place: its doors refuse every entry
}

// Admits reports whether participants of a category may enter.
func (s Session) Admits(category string) bool {
	return len(s.Categories) == 0 || slices.Contains(s.Categories, category)
}

// Outside reports whether an admission at t could not have happened at the
// door: an entry before it opens or from the end on, an exit before it opens.
func (s Session) Outside(t time.Time, exit bool) bool {
	return t.Before(s.Opens) || (!exit && !t.Before(s.Ends))
}

// Presented is how someone came to the door.
type Presented struct {
	// Code is why the scanned code names nobody valid before the rules
	// look (malformed, forged, another event's, nobody's); "" otherwise.
	Code Code
	// ByBadge is a scanned badge of Issue; otherwise found by search.
	ByBadge bool
	Issue   int
}

// Admission is what the rules look at when someone comes to a door.
type Admission struct {
	Presented Presented
	Person    Person
	Session   Session
	Exit      bool
	Invited   bool // on the session's invitation list
	HasZone   bool // the badge carries the zone the session requires
	// DoorZone is the zone the door itself requires, whatever the session;
	// 0 when none.
	DoorZone    int
	HasDoorZone bool      // the badge carries the zone the door requires
	Inside      bool      // inside now, or admitted before when exits are not recorded
	FirstIn     time.Time // the first admission, when inside
	FirstAt     string    // the station of the first admission, when inside
	Now         time.Time // in the event's time zone
}

// Admit applies the door's rules, in order: a valid badge, or by search
// someone who holds one; for an exit, a door that records exits and
// someone inside; for an entry, a session not cancelled, not inside
// already, an admitted category,
// the zone the session requires and the one the door requires, an
// invitation where one is needed, the session's window (opening early by
// its tolerance), and a free seat.
func Admit(a Admission) (Verdict, Reason) {
	s := a.Session
	if a.Presented.Code != "" {
		return Rejected, Reason{Code: a.Presented.Code}
	}
	held, why := Held(a.Person)
	if a.Presented.ByBadge {
		held, why = Badge(a.Person, a.Presented.Issue)
	}
	switch {
	case held != Accepted:
		return Rejected, why
	case a.Exit && !s.RecordsExits:
		return Rejected, Reason{Code: NoExits}
	case a.Exit && !a.Inside:
		return Rejected, Reason{Code: NotInside}
	case a.Exit:
		return Accepted, Reason{}
	case s.Cancelled:
		return Rejected, Reason{Code: Cancelled}
	case a.Inside:
		var station any = a.FirstAt
		if a.FirstAt == "" { // let in before this station file was written
			station = msgAnotherDoor.Msg()
		}
		return Already, Reason{Code: AlreadyInside, Args: msg.Args{"At": Moment(a.FirstIn), "Station": station}}
	case !s.Admits(a.Person.Category):
		return Rejected, Reason{Code: Category}
	case s.Zone != 0 && !a.HasZone:
		return Rejected, Reason{Code: Zone, Args: msg.Args{"Zone": s.Zone}}
	case a.DoorZone != 0 && !a.HasDoorZone:
		return Rejected, Reason{Code: Zone, Args: msg.Args{"Zone": a.DoorZone}}
	case s.InvitationOnly && !a.Invited:
		return Rejected, Reason{Code: NotInvited}
	case a.Now.Before(s.Opens):
		return Rejected, Reason{Code: TooEarly, Args: msg.Args{"At": Moment(s.Opens)}}
	case !a.Now.Before(s.Ends):
		return Rejected, Reason{Code: TooLate, Args: msg.Args{"At": Moment(s.Ends)}}
	case s.Capacity > 0 && s.Present >= s.Capacity:
		return Rejected, Reason{Code: RoomFull, Args: msg.Args{"Present": s.Present, "Capacity": s.Capacity}}
	}
	return Accepted, Reason{}
}

var msgAnotherDoor = msg.Define("another door")

// Print decides whether a participant's first badge may be printed:
// approved, accredited and cleared, and not printed yet (a printed badge is
// replaced by a reprint, never printed again quietly).
func Print(p Person) (Verdict, Reason) {
	if why := p.accredited(); why.Code != "" {
		return Rejected, why
	}
	if p.hasBadge() {
		return Already, Reason{Code: AlreadyPrinted}
	}
	return Accepted, Reason{}
}

// Reprint decides whether a participant's printed badge may be replaced by
// a new issue, the old one refused from then on: only a badge printed, of
// someone still accredited.
func Reprint(p Person) (Verdict, Reason) {
	if p.Status == RejectedAs || p.Status == Withdrawn || p.Clearance == Refused {
		return Rejected, Reason{Code: NotAccredited}
	}
	if !p.hasBadge() {
		return Rejected, Reason{Code: NothingToReplace, Args: msg.Args{"Status": p.Status.Message()}}
	}
	return Accepted, Reason{}
}

// Nomination is what the rules know of a participant's delegation or
// organisation's nomination.
type Nomination struct {
	// Awaited is the delegation's or organisation's name when the event
	// requires its nomination and none is recorded; "" otherwise.
	Awaited string
}

// Approve decides whether a participant may be approved: only someone
// registered, whose delegation's or organisation's nomination is recorded
// where the event requires one. Someone approved, printed or collected is
// approved already.
func Approve(p Person, n Nomination) (Verdict, Reason) {
	switch p.Status {
	case Approved, Printed, Collected:
		return Already, Reason{Code: AlreadyApproved}
	case Registered:
		if n.Awaited != "" {
			return Rejected, Reason{Code: AwaitingNomination, Args: msg.Args{"Name": n.Awaited}}
		}
		return Accepted, Reason{}
	}
	return Rejected, Reason{Code: NotApprovable, Args: msg.Args{"Status": p.Status.Message()}}
}

// Collect decides whether a participant's badge may be handed over: only a
// printed badge, of someone still accredited. The document shown is the
// desk's to check.
func Collect(p Person) (Verdict, Reason) {
	switch {
	case p.Status == Collected:
		return Already, Reason{Code: AlreadyCollected}
	case p.Status == RejectedAs || p.Status == Withdrawn || p.Clearance == Refused:
		return Rejected, Reason{Code: NotAccredited}
	case p.Status != Printed:
		return Rejected, Reason{Code: NotPrinted, Args: msg.Args{"Status": p.Status.Message()}}
	}
	return Accepted, Reason{}
}

// Zones decides whether an operator may grant a participant the zones
// granted, beyond those of the participant's category: only an admin.
func Zones(granted, category []int, admin bool) (Verdict, Reason) {
	for _, z := range granted {
		if !slices.Contains(category, z) && !admin {
			return Rejected, Reason{Code: ZoneBeyondCategory, Args: msg.Args{"Zone": z}}
		}
	}
	return Accepted, Reason{}
}
