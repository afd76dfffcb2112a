package domain

import "strings"

// Clearance is the host country's answer about a participant, where the
// event requires security clearance.
type Clearance string

// The clearance statuses; every participant starts pending.
const (
	ClearancePending Clearance = "pending"
	ClearanceCleared Clearance = "cleared"
	ClearanceRefused Clearance = "refused"
)

// ParseClearanceResult reads a security service's result as written:
// cleared or refused, in any case. ok is false for anything else.
func ParseClearanceResult(s string) (c Clearance, ok bool) {
	switch c := Clearance(strings.ToLower(strings.TrimSpace(s))); c {
	case ClearanceCleared, ClearanceRefused:
		return c, true
	}
	return "", false
}

// Cleared reports whether nothing in the participant's clearance stops
// their badge being printed: cleared, or the event requires none.
func (p Participant) Cleared() bool { return p.Clearance == "" || p.Clearance == ClearanceCleared }

// ClearanceColumns are the columns of the list a security service is sent.
var ClearanceColumns = []string{FieldFamilyName, FieldGivenName, FieldDateOfBirth, FieldPlaceOfBirth, FieldNationality, FieldDocumentNumber, FieldCategory}
