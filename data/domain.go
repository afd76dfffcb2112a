// Package data is the store: it keeps an event's participants, programme,
// scans and trail in one SQLite file or on a venue's PostgreSQL server, and
// asks the rulebook (data/rules) before it acts. What an event is made of,
// and the rules of its shape, are package domain's; the names below stand
// for domain's own, so that callers of the store read it under one name. It
// never imports Fyne.
package data

import "accred/data/domain"

type (
	Affiliation      = domain.Affiliation
	Category         = domain.Category
	Clearance        = domain.Clearance
	Error            = domain.Error
	Event            = domain.Event
	FieldError       = domain.FieldError
	Nomination       = domain.Nomination
	NominationInput  = domain.NominationInput
	Operator         = domain.Operator
	Overlap          = domain.Overlap
	Participant      = domain.Participant
	ParticipantInput = domain.ParticipantInput
	Role             = domain.Role
	Roles            = domain.Roles
	Session          = domain.Session
	Status           = domain.Status
	TextKind         = domain.TextKind
	Zone             = domain.Zone
	ZoneChange       = domain.ZoneChange
)

const (
	AffiliationDelegation   = domain.AffiliationDelegation
	AffiliationMedia        = domain.AffiliationMedia
	AffiliationOrganization = domain.AffiliationOrganization
	ClearanceCleared        = domain.ClearanceCleared
	ClearancePending        = domain.ClearancePending
	ClearanceRefused        = domain.ClearanceRefused
	DateLayout              = domain.DateLayout
	ECONFLICT               = domain.ECONFLICT
	EFORBIDDEN              = domain.EFORBIDDEN
	EINTERNAL               = domain.EINTERNAL
	EINVALID                = domain.EINVALID
	ENOTFOUND               = domain.ENOTFOUND
	FieldCategory           = domain.FieldCategory
	FieldConsent            = domain.FieldConsent
	FieldDate               = domain.FieldDate
	FieldDateOfBirth        = domain.FieldDateOfBirth
	FieldDelegation         = domain.FieldDelegation
	FieldDocumentNumber     = domain.FieldDocumentNumber
	FieldEmail              = domain.FieldEmail
	FieldFamilyName         = domain.FieldFamilyName
	FieldFile               = domain.FieldFile
	FieldFocalPoint         = domain.FieldFocalPoint
	FieldGender             = domain.FieldGender
	FieldGivenName          = domain.FieldGivenName
	FieldHead               = domain.FieldHead
	FieldMediaOutlet        = domain.FieldMediaOutlet
	FieldNationality        = domain.FieldNationality
	FieldNativeName         = domain.FieldNativeName
	FieldNominationName     = domain.FieldNominationName
	FieldOrgKind            = domain.FieldOrgKind
	FieldOrganization       = domain.FieldOrganization
	FieldPhoto              = domain.FieldPhoto
	FieldPlaceOfBirth       = domain.FieldPlaceOfBirth
	FieldPosition           = domain.FieldPosition
	FieldRank               = domain.FieldRank
	FieldReference          = domain.FieldReference
	FieldTitle              = domain.FieldTitle
	FieldZones              = domain.FieldZones
	GenderFemale            = domain.GenderFemale
	GenderMale              = domain.GenderMale
	GenderOther             = domain.GenderOther
	KindCeremony            = domain.KindCeremony
	KindMeeting             = domain.KindMeeting
	KindPlenary             = domain.KindPlenary
	KindSeminar             = domain.KindSeminar
	KindSideEvent           = domain.KindSideEvent
	MaxNominationFile       = domain.MaxNominationFile
	MaxRank                 = domain.MaxRank
	MaxZone                 = domain.MaxZone
	OrgInternational        = domain.OrgInternational
	OrgNGO                  = domain.OrgNGO
	OrgPrivate              = domain.OrgPrivate
	OrgRegional             = domain.OrgRegional
	OrgResearch             = domain.OrgResearch
	RequiresDelegation      = domain.RequiresDelegation
	RequiresMedia           = domain.RequiresMedia
	RequiresNothing         = domain.RequiresNothing
	RequiresOrganization    = domain.RequiresOrganization
	RoleAdmin               = domain.RoleAdmin
	RoleDesk                = domain.RoleDesk
	RoleDoor                = domain.RoleDoor
	RolePrinting            = domain.RolePrinting
	RoleViewer              = domain.RoleViewer
	SessionTimeLayout       = domain.SessionTimeLayout
	StatusApproved          = domain.StatusApproved
	StatusCollected         = domain.StatusCollected
	StatusPrinted           = domain.StatusPrinted
	StatusRegistered        = domain.StatusRegistered
	StatusRejected          = domain.StatusRejected
	StatusWithdrawn         = domain.StatusWithdrawn
)

var (
	AllRoles         = domain.AllRoles
	ClearanceColumns = domain.ClearanceColumns
	FreeText         = domain.FreeText
	Genders          = domain.Genders
	NameText         = domain.NameText
	OrgKinds         = domain.OrgKinds
	SessionKinds     = domain.SessionKinds
	Statuses         = domain.Statuses
	SymbolText       = domain.SymbolText
	Timezones        = domain.Timezones
	TitleText        = domain.TitleText
)

var (
	BadgeNumber          = domain.BadgeNumber
	DefaultCategories    = domain.DefaultCategories
	ErrorCode            = domain.ErrorCode
	ErrorFields          = domain.ErrorFields
	ErrorMessage         = domain.ErrorMessage
	FormatZoneChanges    = domain.FormatZoneChanges
	HasZone              = domain.HasZone
	KnownZone            = domain.KnownZone
	LocalZone            = domain.LocalZone
	NewError             = domain.NewError
	Overlaps             = domain.Overlaps
	ParseBadgeNumbers    = domain.ParseBadgeNumbers
	ParseClearanceResult = domain.ParseClearanceResult
	ParseGender          = domain.ParseGender
	ParseRank            = domain.ParseRank
	ParseRoles           = domain.ParseRoles
	ParseZoneChanges     = domain.ParseZoneChanges
	ZoneChangesFor       = domain.ZoneChangesFor
	ZoneNumbers          = domain.ZoneNumbers
)
