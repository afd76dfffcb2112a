package rules

import (
	"regexp"
	"sync"
	"time"

	"accred/data/msg"
)

// Verdict is the rulebook's answer: yes, already done, or no.
type Verdict string

// The verdicts. At a door they are its colours: green, amber, red.
const (
	Accepted Verdict = "ACCEPTED"
	Already  Verdict = "ALREADY"
	Rejected Verdict = "REJECTED"
)

// Code says in a word why the rulebook refused, or found it done already: a
// program tests the code, a person reads the Reason's message.
type Code string

// The reasons. Those of a badge's code come from its check, before the
// rulebook is asked; the others are the rulebook's own.
const (
	Malformed          Code = "malformed"          // not an Accred badge code
	OtherEvent         Code = "other-event"        // signed with another event's key
	Forged             Code = "forged"             // the signature does not match
	UnknownBadge       Code = "unknown-badge"      // nobody holds the badge
	Superseded         Code = "superseded"         // replaced by a reprint
	NotIssued          Code = "not-issued"         // never printed
	NotAccredited      Code = "not-accredited"     // rejected or withdrawn, or clearance refused
	NotApproved        Code = "not-approved"       // registered, not approved yet
	NoBadge            Code = "no-badge"           // found by search, without a printed badge
	ClearancePending   Code = "clearance-pending"  // the event requires clearance, not given yet
	NoExits            Code = "no-exits"           // an exit at a door that does not record them
	NotInside          Code = "not-inside"         // an exit by someone not inside
	AlreadyInside      Code = "already-inside"     // Args["At"], Args["Station"]: the first admission
	Category           Code = "category"           // the category is not admitted
	NotInvited         Code = "not-invited"        // the session is by invitation
	TooEarly           Code = "too-early"          // Args["At"]: when the door opens
	TooLate            Code = "too-late"           // Args["At"]: when the session ended
	RoomFull           Code = "room-full"          // Args["Present"], Args["Capacity"]
	Zone               Code = "zone"               // Args["Zone"]: the zone required, not on the badge
	AlreadyPrinted     Code = "already-printed"    // printing: the badge is printed; replacing it is a reprint
	NothingToReplace   Code = "nothing-to-replace" // reprint: no printed badge to replace; Args["Status"]
	AlreadyApproved    Code = "already-approved"   // approval: nothing to do
	NotApprovable      Code = "not-approvable"     // approval: rejected or withdrawn; Args["Status"]
	AwaitingNomination Code = "awaiting-nomination"
	NotPrinted         Code = "not-printed"       // collection: no printed badge to hand over; Args["Status"]
	AlreadyCollected   Code = "already-collected" // collection: handed over before
	ZoneBeyondCategory Code = "zone-beyond"       // zones: Args["Zone"], beyond the category's: an admin's grant
	Cancelled          Code = "cancelled"         // the session is cancelled
	IdentityChange     Code = "identity-change"   // who someone vouched for is changes: Args["Field"], Args["Was"]
	// CheckFailed is no verdict: the badge could not be checked (Args["Err"]
	// says why), nothing was recorded, and a screen says so.
	CheckFailed Code = "check-failed"
)

// Reason is why the rulebook refused, or found something done already: its
// code and the values its sentence names. The zero Reason is no reason.
type Reason struct {
	Code Code
	Args msg.Args
}

// Message is the reason's sentence, to word in a language.
func (r Reason) Message() msg.Message {
	if r.Code == "" {
		return msg.Message{}
	}
	return reasonKeys[r.Code].With(r.Args)
}

// String is the reason in English, as the command line prints it and the
// check-in record keeps it.
func (r Reason) String() string { return r.Message().String() }

var reasonKeys = map[Code]msg.Key{
	Malformed:          msg.Define("not an Accred badge code"),
	OtherEvent:         msg.Define("badge of another event or key"),
	Forged:             msg.Define("signature does not match: forged or altered badge"),
	UnknownBadge:       msg.Define("no participant holds this badge"),
	Superseded:         msg.Define("superseded badge: it was replaced by a reprint"),
	NotIssued:          msg.Define("this badge was never printed"),
	NotAccredited:      msg.Define("the participant is not accredited (rejected or withdrawn)"),
	NotApproved:        msg.Define("the participant is not approved"),
	NoBadge:            msg.Define("no badge issued: send to the desk"),
	ClearancePending:   msg.Define("security clearance pending: send to the desk"),
	NoExits:            msg.Define("this door does not record exits"),
	NotInside:          msg.Define("not inside this session"),
	AlreadyInside:      msg.Define("already inside since {{.At}}, let in at {{.Station}}"),
	Category:           msg.Define("category not admitted to this session"),
	NotInvited:         msg.Define("not invited to this session"),
	TooEarly:           msg.Define("too early: the door opens at {{.At}}"),
	TooLate:            msg.Define("too late: the session ended at {{.At}}"),
	RoomFull:           msg.Define("room full ({{.Present}} of {{.Capacity}})"),
	Zone:               msg.Define("zone {{.Zone}} not on badge"),
	AlreadyPrinted:     msg.Define("the badge was already printed: replacing it is a reprint"),
	NothingToReplace:   msg.Define("no printed badge to replace (the participant is {{.Status}}): print it instead"),
	AlreadyApproved:    msg.Define("approved already"),
	NotApprovable:      msg.Define("cannot be approved: the participant is {{.Status}} (register them again first)"),
	AwaitingNomination: msg.Define("cannot be approved yet: {{.Name}} has no nomination recorded yet"),
	NotPrinted:         msg.Define("no printed badge to hand over (the participant is {{.Status}})"),
	AlreadyCollected:   msg.Define("the badge was handed over already"),
	ZoneBeyondCategory: msg.Define("zone {{.Zone}} is beyond the category's zones: only an admin may grant it"),
	Cancelled:          msg.Define("session cancelled"),
	IdentityChange:     msg.Define("someone other than the person {{.Was}}; once confirmed, approval and clearance go back to pending and a printed badge stops working"),
	CheckFailed:        msg.Define("the badge cannot be checked: {{.Err}}"),
}

// ReadReason reads back a reason from its English (String), with the
// values its sentence names, as text; false when no reason reads so.
func ReadReason(english string) (Reason, bool) {
	readReasons.Do(func() {
		placeholder := regexp.MustCompile(`{{\.(\w+)}}`)
		for code, key := range reasonKeys {
			text, pattern, at := key.String(), "^", 0
			for _, m := range placeholder.FindAllStringSubmatchIndex(text, -1) {
				pattern += regexp.QuoteMeta(text[at:m[0]]) + "(?P<" + text[m[2]:m[3]] + ">.+?)"
				at = m[1]
			}
			pattern += regexp.QuoteMeta(text[at:]) + "$"
			reasonPatterns = append(reasonPatterns, reasonPattern{code, regexp.MustCompile(pattern)})
		}
	})
	for _, p := range reasonPatterns {
		m := p.re.FindStringSubmatch(english)
		if m == nil {
			continue
		}
		args := msg.Args{}
		for i, name := range p.re.SubexpNames() {
			if name != "" {
				args[name] = m[i]
			}
		}
		return Reason{Code: p.code, Args: args}, true
	}
	return Reason{}, false
}

// reasonPattern reads one reason's English back.
type reasonPattern struct {
	code Code
	re   *regexp.Regexp
}

var (
	readReasons    sync.Once
	reasonPatterns []reasonPattern
)

// Moment is a time of day with its day and month: "08:30 on 25 Oct".
func Moment(t time.Time) msg.Message {
	return msgMoment.With(msg.Args{"Time": t.Format("15:04"), "Day": t.Day(), "Month": months[t.Month()-1].Msg()})
}

var msgMoment = msg.Define("{{.Time}} on {{.Day}} {{.Month}}")

var months = [12]msg.Key{
	msg.Define("Jan"), msg.Define("Feb"), msg.Define("Mar"), msg.Define("Apr"), msg.Define("May"), msg.Define("Jun"),
	msg.Define("Jul"), msg.Define("Aug"), msg.Define("Sep"), msg.Define("Oct"), msg.Define("Nov"), msg.Define("Dec"),
}
