package data

import (
	"errors"
	"regexp"
	"sync"

	"accred/data/credential"
	"accred/data/msg"
)

// ReasonCode says in a word why the door refused a badge or did not count
// it again: a program tests the code, a person reads the Reason's message.
type ReasonCode string

// The reasons of the door's verdicts.
const (
	ReasonMalformed     ReasonCode = "malformed"      // not an Accred badge code
	ReasonOtherEvent    ReasonCode = "other-event"    // signed with another event's key
	ReasonForged        ReasonCode = "forged"         // the signature does not match
	ReasonUnknownBadge  ReasonCode = "unknown-badge"  // nobody holds the badge
	ReasonSuperseded    ReasonCode = "superseded"     // replaced by a reprint
	ReasonNotIssued     ReasonCode = "not-issued"     // never printed
	ReasonNotAccredited ReasonCode = "not-accredited" // rejected or withdrawn
	ReasonNotApproved   ReasonCode = "not-approved"
	ReasonBadgeError    ReasonCode = "badge-error"    // the badge could not be checked; Args["Err"] says why
	ReasonNoExits       ReasonCode = "no-exits"       // an exit at a door that does not record them
	ReasonNotInside     ReasonCode = "not-inside"     // an exit by someone not inside
	ReasonAlreadyInside ReasonCode = "already-inside" // Args["At"], Args["Station"]: the first admission
	ReasonCategory      ReasonCode = "category"       // the category is not admitted
	ReasonNotInvited    ReasonCode = "not-invited"    // the session is by invitation
	ReasonTooEarly      ReasonCode = "too-early"      // Args["At"]: when the door opens
	ReasonTooLate       ReasonCode = "too-late"       // Args["At"]: when the session ended
	ReasonRoomFull      ReasonCode = "room-full"      // Args["Present"], Args["Capacity"]
	ReasonZone          ReasonCode = "zone"           // Args["Zone"]: the zone the session requires, not on the badge
	ReasonCancelled     ReasonCode = "cancelled"      // the session is cancelled
)

// Reason is why the door refused a badge or did not count it again: its
// code and the values its sentence names. The zero Reason is no reason.
type Reason struct {
	Code ReasonCode
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
	code ReasonCode
	re   *regexp.Regexp
}

var (
	readReasons    sync.Once
	reasonPatterns []reasonPattern
)

var reasonKeys = map[ReasonCode]msg.Key{
	ReasonMalformed:     msg.Define("not an Accred badge code"),
	ReasonOtherEvent:    msg.Define("badge of another event or key"),
	ReasonForged:        msg.Define("signature does not match: forged or altered badge"),
	ReasonUnknownBadge:  msg.Define("no participant holds this badge"),
	ReasonSuperseded:    msg.Define("superseded badge: it was replaced by a reprint"),
	ReasonNotIssued:     msg.Define("this badge was never printed"),
	ReasonNotAccredited: msg.Define("the participant is not accredited (rejected or withdrawn)"),
	ReasonNotApproved:   msg.Define("the participant is not approved"),
	ReasonBadgeError:    msg.Define("the badge cannot be checked: {{.Err}}"),
	ReasonNoExits:       msg.Define("this door does not record exits"),
	ReasonNotInside:     msg.Define("not inside this session"),
	ReasonAlreadyInside: msg.Define("already inside since {{.At}}, let in at {{.Station}}"),
	ReasonCategory:      msg.Define("category not admitted to this session"),
	ReasonNotInvited:    msg.Define("not invited to this session"),
	ReasonTooEarly:      msg.Define("too early: the door opens at {{.At}}"),
	ReasonTooLate:       msg.Define("too late: the session ended at {{.At}}"),
	ReasonRoomFull:      msg.Define("room full ({{.Present}} of {{.Capacity}})"),
	ReasonZone:          msg.Define("zone {{.Zone}} not on badge"),
	ReasonCancelled:     msg.Define("session cancelled"),
}

// badgeReasons are the reasons of VerifyBadge's refusals.
var badgeReasons = map[error]ReasonCode{
	credential.ErrMalformed: ReasonMalformed,
	credential.ErrOtherKey:  ReasonOtherEvent,
	credential.ErrForged:    ReasonForged,
	ErrUnknownBadge:         ReasonUnknownBadge,
	ErrSuperseded:           ReasonSuperseded,
	ErrNotIssued:            ReasonNotIssued,
	ErrNotAccredited:        ReasonNotAccredited,
	ErrNotApproved:          ReasonNotApproved,
}

// badgeReason is why VerifyBadge refused a badge, as a door's reason; an
// error that is no refusal (the database could not be read) is
// ReasonBadgeError, naming it.
func badgeReason(err error) Reason {
	for sentinel, code := range badgeReasons {
		if errors.Is(err, sentinel) {
			return Reason{Code: code}
		}
	}
	return Reason{Code: ReasonBadgeError, Args: msg.Args{"Err": err}}
}
