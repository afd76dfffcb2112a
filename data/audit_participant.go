package data

import (
	"strconv"
	"strings"
)

// auditedField is one of a participant's details as the trail names it.
type auditedField struct {
	name  string
	value func(ParticipantInput) string
}

// auditedFields are every detail a participant's edit records, by the names
// of the import template. A test checks that none of ParticipantInput's is
// left out.
var auditedFields = []auditedField{
	{FieldCategory, func(in ParticipantInput) string { return in.Category }},
	{FieldTitle, func(in ParticipantInput) string { return in.Title }},
	{FieldGivenName, func(in ParticipantInput) string { return in.GivenName }},
	{FieldFamilyName, func(in ParticipantInput) string { return in.FamilyName }},
	{FieldNativeName, func(in ParticipantInput) string { return in.NativeName }},
	{FieldNationality, func(in ParticipantInput) string { return in.Nationality }},
	{FieldDelegation, func(in ParticipantInput) string { return in.Delegation }},
	{FieldOrganization, func(in ParticipantInput) string { return in.Organization }},
	{FieldOrgKind, func(in ParticipantInput) string { return in.OrganizationKind }},
	{FieldMediaOutlet, func(in ParticipantInput) string { return in.MediaOutlet }},
	{FieldPosition, func(in ParticipantInput) string { return in.Position }},
	{FieldHead, func(in ParticipantInput) string { return yesNo(in.HeadOfDelegation) }},
	{FieldRank, func(in ParticipantInput) string { return strconv.Itoa(in.Rank) }},
	{FieldGender, func(in ParticipantInput) string { return in.Gender }},
	{FieldEmail, func(in ParticipantInput) string { return in.Email }},
	{FieldDocumentNumber, func(in ParticipantInput) string { return in.DocumentNumber }},
	{FieldDateOfBirth, func(in ParticipantInput) string { return in.DateOfBirth }},
	{FieldPlaceOfBirth, func(in ParticipantInput) string { return in.PlaceOfBirth }},
	{FieldConsent, func(in ParticipantInput) string { return in.ConsentOn }},
}

// editEntries are the trail's lines for a participant's details going from
// before to after, both normalised: one edit a field that changed.
func editEntries(id int64, before, after ParticipantInput) []AuditEntry {
	var out []AuditEntry
	for _, f := range auditedFields {
		if old, now := f.value(before), f.value(after); old != now {
			out = append(out, AuditEntry{ParticipantID: id, Action: AuditEdit, Field: f.name, Old: old, New: now})
		}
	}
	return out
}

// registerEntry is the trail's line for a participant registered with in,
// normalised: their category, name, nationality and affiliation.
func registerEntry(id int64, in ParticipantInput) AuditEntry {
	p := Participant{Title: in.Title, GivenName: in.GivenName, FamilyName: in.FamilyName, Nationality: in.Nationality}
	var parts []string
	for _, v := range []string{in.Category, p.FullName(), in.Nationality, in.Delegation + in.Organization + in.MediaOutlet} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return AuditEntry{ParticipantID: id, Action: AuditRegister, New: strings.Join(parts, ", ")}
}
