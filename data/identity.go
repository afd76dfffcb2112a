package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"accred/data/domain"
	"accred/data/msg"
	"accred/data/rules"
	"accred/data/search"
)

// identityOf is who in names, as the rulebook compares it: names folded,
// the document number as the store keys it.
func identityOf(in ParticipantInput) rules.Identity {
	return rules.Identity{GivenName: search.Fold(in.GivenName), FamilyName: search.Fold(in.FamilyName), NativeName: search.Fold(in.NativeName),
		Nationality: in.Nationality, Document: domain.DocumentKey(in.DocumentNumber), DateOfBirth: in.DateOfBirth}
}

// reidentify asks the rulebook whether p may become who in names, every
// path alike (the desk, an import, the portal). It returns an error
// ECONFLICT that IsIdentityChange recognises when the change needs a
// confirmation it was not given, naming the line (0 off a file), and void
// true when the change was confirmed and p's approval, clearance and
// printed badge must go (voidIdentity).
func reidentify(p Participant, in ParticipantInput, confirmed bool, line int) (void bool, err error) {
	verdict, why := rules.Reidentify(p.Person(), identityOf(p.Input().Normalize()), identityOf(in), confirmed)
	switch {
	case verdict != rules.Accepted:
		field := why.Args["Field"].(string)
		args := msg.Args{"Number": p.BadgeNumber(), "Name": p.ListName(), "Reason": why.Message()}
		reason := msgWhoChanges
		switch field {
		case FieldGivenName, FieldFamilyName, FieldNativeName:
			now := Participant{Title: in.Title, GivenName: in.GivenName, FamilyName: in.FamilyName, Nationality: in.Nationality}
			args["New"] = now.ListName()
			if field == FieldNativeName {
				args["Name"], args["New"] = p.ListName()+" ("+cmp.Or(p.NativeName, "—")+")", now.ListName()+" ("+cmp.Or(in.NativeName, "—")+")"
			}
		default: // the name stays: the value that changes is said
			reason = msgWhoseDetailChanges
			args["Old"], args["New"] = cmp.Or(identityValue(p.Input().Normalize(), field), "—"), cmp.Or(identityValue(in, field), "—")
		}
		return false, &Error{Code: ECONFLICT, Message: msgIdentityChange.With(msg.Args{"Number": p.BadgeNumber()}),
			Fields: []FieldError{{Line: line, Field: field, Reason: reason.With(args)}}}
	case why.Code == rules.IdentityChange:
		return true, nil
	}
	return false, nil
}

// identityValue is in's value of an identity field that is not a name.
func identityValue(in ParticipantInput, field string) string {
	return map[string]string{FieldNationality: in.Nationality, FieldDocumentNumber: in.DocumentNumber, FieldDateOfBirth: in.DateOfBirth}[field]
}

// IsIdentityChange reports whether err refused a change of who someone
// approved, cleared or printed is, for want of a confirmation: the desk
// asks, then calls ChangeIdentity; an import lists the lines to confirm.
func IsIdentityChange(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == ECONFLICT && len(IdentityChanges(err)) > 0
}

// IdentityChanges are the lines of err, an import's refusal, that change
// who someone is and wait for a confirmation, in line order; none when
// err refused the file for another reason.
func IdentityChanges(err error) []FieldError {
	var out []FieldError
	for _, f := range ErrorFields(err) {
		if f.Reason.Key == msgWhoChanges || f.Reason.Key == msgWhoseDetailChanges {
			out = append(out, f)
		}
	}
	return out
}

// voidIdentity takes back, once a change of who p is was confirmed, what
// vouched for the person they were: approval (back to registered),
// clearance (back to pending, where the event requires it) and a printed
// badge (a new issue, not printed yet, so that the one in their hands is
// refused at the door). note says why, in the status history.
func (s *Store) voidIdentity(ctx context.Context, tx *sql.Tx, now string, p Participant, note string) error {
	operator := actorFrom(ctx).Operator
	if p.Clearance == ClearanceCleared || p.Clearance == ClearanceRefused {
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET clearance = 'pending' WHERE id = ?`, p.ID); err != nil {
			return fmt.Errorf("clearance back to pending: %w", err)
		}
		if err := s.audit(ctx, tx, AuditEntry{ParticipantID: p.ID, Action: AuditClearance, Field: note,
			Old: string(p.Clearance), New: string(ClearancePending)}); err != nil {
			return err
		}
	}
	if p.Status == StatusPrinted || p.Status == StatusCollected {
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET badge_issue = ? WHERE id = ?`, p.BadgeIssue+1, p.ID); err != nil {
			return fmt.Errorf("void the badge: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO badge_reprints (participant_id, old_issue, new_issue, reason, at, operator) VALUES (?, ?, ?, ?, ?, ?)`,
			p.ID, p.BadgeIssue, p.BadgeIssue+1, note, now, operator); err != nil {
			return fmt.Errorf("record the void badge: %w", err)
		}
		if err := s.audit(ctx, tx, AuditEntry{ParticipantID: p.ID, Action: AuditReprint, Field: note,
			Old: fmt.Sprintf("issue %d", p.BadgeIssue), New: fmt.Sprintf("issue %d", p.BadgeIssue+1)}); err != nil {
			return err
		}
	}
	if p.Status == StatusApproved || p.Status == StatusPrinted || p.Status == StatusCollected {
		return s.recordStatus(ctx, tx, now, p.ID, StatusRegistered, note)
	}
	return nil
}

// ClearCell is what an import's cell holds to clear its field. An empty
// cell leaves the field of someone registered already as it is.
const ClearCell = "-"

// keepable are the fields an import's empty cell (or a column the file
// lacks) leaves as they are for someone registered already, in the order
// of their bits in KeptFields, each with how it is kept. The template's
// required columns are not among them: their cell is never empty.
var keepable = []struct {
	field string
	keep  func(to *ParticipantInput, from ParticipantInput)
}{
	{FieldTitle, func(to *ParticipantInput, from ParticipantInput) { to.Title = from.Title }},
	{FieldGivenName, func(to *ParticipantInput, from ParticipantInput) { to.GivenName = from.GivenName }},
	{FieldNativeName, func(to *ParticipantInput, from ParticipantInput) { to.NativeName = from.NativeName }},
	{FieldDelegation, func(to *ParticipantInput, from ParticipantInput) { to.Delegation = from.Delegation }},
	{FieldOrganization, func(to *ParticipantInput, from ParticipantInput) { to.Organization = from.Organization }},
	{FieldOrgKind, func(to *ParticipantInput, from ParticipantInput) { to.OrganizationKind = from.OrganizationKind }},
	{FieldMediaOutlet, func(to *ParticipantInput, from ParticipantInput) { to.MediaOutlet = from.MediaOutlet }},
	{FieldPosition, func(to *ParticipantInput, from ParticipantInput) { to.Position = from.Position }},
	{FieldHead, func(to *ParticipantInput, from ParticipantInput) { to.HeadOfDelegation = from.HeadOfDelegation }},
	{FieldRank, func(to *ParticipantInput, from ParticipantInput) { to.Rank = from.Rank }},
	{FieldGender, func(to *ParticipantInput, from ParticipantInput) { to.Gender = from.Gender }},
	{FieldEmail, func(to *ParticipantInput, from ParticipantInput) { to.Email = from.Email }},
	{FieldDateOfBirth, func(to *ParticipantInput, from ParticipantInput) { to.DateOfBirth = from.DateOfBirth }},
	{FieldPlaceOfBirth, func(to *ParticipantInput, from ParticipantInput) { to.PlaceOfBirth = from.PlaceOfBirth }},
	{FieldConsent, func(to *ParticipantInput, from ParticipantInput) { to.ConsentOn = from.ConsentOn }},
}

// KeptFields are the fields an import's line leaves as they are for
// someone registered already: its empty cells, and the columns its file
// lacks. A cell of ClearCell clears its field instead. It is a set of
// bits, so that reading 100,000 lines makes no map for each.
type KeptFields uint32

// keepableBit is field's bit in KeptFields, or -1 when an empty cell does
// not keep it.
func keepableBit(field string) int {
	for i, k := range keepable {
		if k.field == field {
			return i
		}
	}
	return -1
}

// Keep adds field to k, when an empty cell keeps it; others are ignored.
func (k *KeptFields) Keep(field string) {
	if i := keepableBit(field); i >= 0 {
		*k |= 1 << i
	}
}

// Has reports whether k keeps field.
func (k KeptFields) Has(field string) bool {
	i := keepableBit(field)
	return i >= 0 && k&(1<<i) != 0
}

// keepEmpty gives in, for each field kept, the value of before.
func keepEmpty(in ParticipantInput, kept KeptFields, before ParticipantInput) ParticipantInput {
	for i, k := range keepable {
		if kept&(1<<i) != 0 {
			k.keep(&in, before)
		}
	}
	return in
}

var (
	msgIdentityChange     = msg.Define("This changes who {{.Number}} is: confirm it first.")
	msgWhoChanges         = msg.Define("{{.Number}} {{.Name}} would become {{.New}}, {{.Reason}}.")
	msgWhoseDetailChanges = msg.Define("{{.Number}} {{.Name}}: {{.Old}} would become {{.New}}, {{.Reason}}.")
	msgIdentityImport     = msg.Define("Nothing was imported: who someone approved, cleared or printed is changes on {{.Lines}}, waiting for a confirmation. The other lines were not imported either: confirm these, or take them out of the file.")
	msgConfirmedNone      = msg.Define("This line was confirmed as changing who someone is, but it changes nobody's identity: confirm only the lines listed.")
)

// identityNote is what the status history says of a confirmed change of
// who someone is, and where it came from: the desk, or the file imported.
func identityNote(file string) string {
	if file == "" {
		return "identity changed at the desk"
	}
	return "identity changed by the import of " + file
}

// portalIdentity words err, a refusal of a change of who someone is, for a
// focal point, who cannot confirm it: only the desk can. Any other error
// is returned as it is.
func portalIdentity(err error) error {
	var e *Error
	if !IsIdentityChange(err) || !errors.As(err, &e) {
		return err
	}
	return &Error{Code: e.Code, Fields: e.Fields, Message: msgPortalIdentity.Msg()}
}
