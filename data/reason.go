package data

import (
	"errors"

	"accred/data/credential"
	"accred/data/rules"
)

// ReasonCode says in a word why the rulebook refused: the rulebook's Code.
type ReasonCode = rules.Code

// Reason is why the rulebook refused, or found something done already.
type Reason = rules.Reason

// The reasons of the door's verdicts, as the rulebook names them.
const (
	ReasonMalformed        = rules.Malformed
	ReasonOtherEvent       = rules.OtherEvent
	ReasonForged           = rules.Forged
	ReasonUnknownBadge     = rules.UnknownBadge
	ReasonSuperseded       = rules.Superseded
	ReasonNotIssued        = rules.NotIssued
	ReasonNotAccredited    = rules.NotAccredited
	ReasonNotApproved      = rules.NotApproved
	ReasonNoBadge          = rules.NoBadge
	ReasonClearancePending = rules.ClearancePending
	ReasonBadgeError       = rules.CheckFailed // never a recorded verdict's: CheckIn returns the fault
	ReasonNoExits          = rules.NoExits
	ReasonNotInside        = rules.NotInside
	ReasonAlreadyInside    = rules.AlreadyInside
	ReasonCategory         = rules.Category
	ReasonNotInvited       = rules.NotInvited
	ReasonTooEarly         = rules.TooEarly
	ReasonTooLate          = rules.TooLate
	ReasonRoomFull         = rules.RoomFull
	ReasonZone             = rules.Zone
	ReasonCancelled        = rules.Cancelled
)

// The reasons of the printing station's and the desk's answers, as the
// rulebook names them.
const (
	ReasonAlreadyPrinted     = rules.AlreadyPrinted
	ReasonNothingToReplace   = rules.NothingToReplace
	ReasonAlreadyApproved    = rules.AlreadyApproved
	ReasonNotApprovable      = rules.NotApprovable
	ReasonAwaitingNomination = rules.AwaitingNomination
	ReasonNotPrinted         = rules.NotPrinted
	ReasonAlreadyCollected   = rules.AlreadyCollected
)

// ReadReason reads back a reason from its English (String), with the
// values its sentence names, as text; false when no reason reads so.
func ReadReason(english string) (Reason, bool) { return rules.ReadReason(english) }

// codeReasons are the reasons of a code that is not genuine, or names
// nobody: its check refuses it before the rulebook is asked.
var codeReasons = map[error]ReasonCode{
	credential.ErrMalformed: ReasonMalformed,
	credential.ErrOtherKey:  ReasonOtherEvent,
	credential.ErrForged:    ReasonForged,
	ErrUnknownBadge:         ReasonUnknownBadge,
}

// codeReason is why a badge's code was refused before the rulebook looked,
// and ok false when err is no such refusal (a fault: the database could not
// be read).
func codeReason(err error) (ReasonCode, bool) {
	for sentinel, code := range codeReasons {
		if errors.Is(err, sentinel) {
			return code, true
		}
	}
	return "", false
}

// reasonErrors are VerifyBadge's errors for the rulebook's refusals of a
// genuine badge.
var reasonErrors = map[ReasonCode]error{
	ReasonSuperseded:       ErrSuperseded,
	ReasonNotIssued:        ErrNotIssued,
	ReasonNotAccredited:    ErrNotAccredited,
	ReasonNotApproved:      ErrNotApproved,
	ReasonClearancePending: ErrClearancePending,
}
