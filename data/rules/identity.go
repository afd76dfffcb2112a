package rules

import "accred/data/msg"

// Identity is who a participant is: what their approval, their clearance
// and their printed badge were given for. Each part is written as the
// store compares it: names folded (letter case and accents aside), the
// document number in capitals and digits.
type Identity struct {
	GivenName, FamilyName, NativeName  string
	Nationality, Document, DateOfBirth string
}

// parts are an identity's parts, each named as the import template's
// column.
func (i Identity) parts() [6][2]string {
	return [6][2]string{
		{"given_name", i.GivenName}, {"family_name", i.FamilyName}, {"native_name", i.NativeName},
		{"nationality", i.Nationality}, {"document_number", i.Document}, {"date_of_birth", i.DateOfBirth},
	}
}

// Changed names the first part in which now is someone else than i, as
// the import template names its column, or "" when none is. A part given
// where none was known completes who someone is and changes nobody.
func (i Identity) Changed(now Identity) string {
	before, after := i.parts(), now.parts()
	for i := range before {
		if before[i][1] != "" && before[i][1] != after[i][1] {
			return before[i][0]
		}
	}
	return ""
}

// vouchedAs is what vouches for who p is, in words: their approval or
// printed badge, or the host country's answer; zero when nothing does yet.
func (p Person) vouchedAs() msg.Message {
	switch {
	case p.hasBadge():
		return msgPrinted.Msg()
	case p.Status == Approved:
		return msgApproved.Msg()
	case p.Clearance == Cleared:
		return msgCleared.Msg()
	case p.Clearance == Refused:
		return msgRefused.Msg()
	}
	return msg.Message{}
}

var (
	msgPrinted  = msg.Define("whose badge was printed")
	msgApproved = msg.Define("who was approved")
	msgCleared  = msg.Define("who was cleared by the host country")
	msgRefused  = msg.Define("who was refused by the host country")
)

// Reidentify decides a change of who p is, from was to now. A change that
// leaves them who they are (a correction of spelling, of their position
// or e-mail…), or of someone nothing vouches for yet (registered, with no
// answer from the host country), is a correction: Accepted, no reason.
// Otherwise, unconfirmed, it is Rejected with IdentityChange naming the
// part (Args["Field"]) and what vouched for them (Args["Was"]); confirmed,
// it is Accepted with the same reason, telling the store that their
// approval and clearance go back to pending and their printed badge is
// void.
func Reidentify(p Person, was, now Identity, confirmed bool) (Verdict, Reason) {
	field := was.Changed(now)
	vouched := p.vouchedAs()
	if field == "" || vouched.IsZero() {
		return Accepted, Reason{}
	}
	why := Reason{Code: IdentityChange, Args: msg.Args{"Field": field, "Was": vouched}}
	if !confirmed {
		return Rejected, why
	}
	return Accepted, why
}
