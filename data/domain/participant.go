package domain

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"accred/data/country"
	"accred/data/msg"
	"accred/data/rules"
	"accred/data/search"
)

// Status is where a participant stands in accreditation.
type Status string

// Statuses, in the order a participant normally goes through them: the
// rulebook's.
const (
	StatusRegistered = Status(rules.Registered)
	StatusApproved   = Status(rules.Approved)
	StatusPrinted    = Status(rules.Printed)
	StatusCollected  = Status(rules.Collected)
	StatusRejected   = Status(rules.RejectedAs)
	StatusWithdrawn  = Status(rules.Withdrawn)
)

// Statuses lists every status in order.
var Statuses = []Status{StatusRegistered, StatusApproved, StatusPrinted, StatusCollected, StatusRejected, StatusWithdrawn}

// transitions says which statuses each status may move to.
var transitions = map[Status][]Status{
	StatusRegistered: {StatusApproved, StatusRejected, StatusWithdrawn},
	StatusApproved:   {StatusPrinted, StatusRejected, StatusWithdrawn, StatusRegistered},
	StatusPrinted:    {StatusCollected, StatusApproved, StatusRejected, StatusWithdrawn},
	StatusCollected:  {StatusPrinted, StatusWithdrawn},
	StatusRejected:   {StatusRegistered},
	StatusWithdrawn:  {StatusRegistered},
}

// CanBecome reports whether a participant with status s may move to next.
func (s Status) CanBecome(next Status) bool {
	for _, t := range transitions[s] {
		if t == next {
			return true
		}
	}
	return false
}

// PathTo is the shortest series of allowed moves that takes a participant
// from status s back to status to, ending with to; it is empty when s is
// to, and nil when there is no way. A desk's Undo follows it, so a
// rejection is undone through Registered (Rejected, Registered, Approved).
func (s Status) PathTo(to Status) []Status {
	from := map[Status]Status{s: s}
	queue := []Status{s}
	for len(queue) > 0 {
		at := queue[0]
		queue = queue[1:]
		if at == to {
			path := []Status{}
			for ; at != s; at = from[at] {
				path = append([]Status{at}, path...)
			}
			return path
		}
		for _, next := range transitions[at] {
			if _, seen := from[next]; !seen {
				from[next] = at
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// Message is the status in words: "approved".
func (s Status) Message() msg.Message { return rules.Status(s).Message() }

// Participant is one accredited person.
type Participant struct {
	ID               int64
	Category         string
	Title            string
	GivenName        string
	FamilyName       string
	NativeName       string
	Nationality      string // ISO 3166-1 alpha-2
	Affiliation      Affiliation
	Position         string
	HeadOfDelegation bool
	Rank             int    // order within the delegation, head first; 0 for the order of import
	Gender           string // one of Genders, or "" when not stated
	Email            string
	DocumentNumber   string
	DateOfBirth      string // YYYY-MM-DD, or "" when not given
	PlaceOfBirth     string
	ConsentOn        string    // YYYY-MM-DD the person consented to their data being held, or ""
	Clearance        Clearance // "" when the event does not require clearance
	Invitation       int64     // the portal invitation whose focal point registered them; 0: the desk or an import
	HasPhoto         bool
	Status           Status
	StatusAt         time.Time
	BadgeIssue       int // 0 until the first badge is printed
	CreatedAt        time.Time
	UpdatedAt        time.Time
	UpdatedBy        string // the operator who last changed the details
	Rev              int64  // changes with every change to the participant
}

// FullName is the name as printed: the title, then the names in the order
// the participant's own country writes them (Nguyễn Văn An, Kim Min-jun).
func (p Participant) FullName() string {
	if familyFirst[p.Nationality] {
		return strings.Join(strings.Fields(p.Title+" "+p.FamilyName+" "+p.GivenName), " ")
	}
	return strings.Join(strings.Fields(p.Title+" "+p.GivenName+" "+p.FamilyName), " ")
}

// ListName is the name as lists show it, United Nations style: FullName
// with the family name in capitals (H.E. Mr. NGUYỄN Văn An, Seán
// O'SULLIVAN), so that the family name is plain whatever the order.
func (p Participant) ListName() string {
	p.FamilyName = strings.ToUpper(p.FamilyName)
	return p.FullName()
}

// BadgeName is the name as a badge prints it in large type: ListName
// without the title.
func (p Participant) BadgeName() string {
	p.Title = ""
	return p.ListName()
}

// familyFirst are the countries whose people write the family name first.
var familyFirst = map[string]bool{"VN": true, "CN": true, "TW": true, "HK": true, "MO": true, "JP": true,
	"KR": true, "KP": true, "HU": true, "KH": true, "MN": true}

// BadgeNumber is the number printed on the badge and typed at the desk.
func (p Participant) BadgeNumber() string { return BadgeNumber(p.ID) }

// BadgeNumber formats a participant id as a badge number: six digits at
// least, more once the ids need them.
func BadgeNumber(id int64) string { return fmt.Sprintf("%06d", id) }

// ParseBadgeNumbers reads participant ids written plainly (123) or as badge
// numbers (000123), separated by spaces, commas, semicolons or lines. It
// returns the first piece that is not one, if any.
func ParseBadgeNumbers(text string) (ids []int64, bad string) {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			return nil, f
		}
		ids = append(ids, id)
	}
	return ids, ""
}

// ParticipantInput is what a person or an import file gives to register or
// correct a participant.
type ParticipantInput struct {
	Category         string
	Title            string
	GivenName        string
	FamilyName       string
	NativeName       string
	Nationality      string // code or name; Normalize turns it into alpha-2
	Delegation       string // country code or name, for delegations
	Organization     string
	OrganizationKind string
	MediaOutlet      string
	Position         string
	HeadOfDelegation bool
	Rank             int    // order within the delegation for the List of Participants; 0 for the order of import
	Gender           string // one of Genders, or "" when not stated
	Email            string
	DocumentNumber   string
	DateOfBirth      string // YYYY-MM-DD, for the host country's security clearance
	PlaceOfBirth     string
	ConsentOn        string // YYYY-MM-DD, the day the person consented to their data being held

	// Version is the participant's Rev when the desk read them: a save over
	// a newer change is refused. Zero saves whatever changed meanwhile.
	Version int64
}

// Field names as they appear in error messages and in the import template.
const (
	FieldCategory       = "category"
	FieldTitle          = "title"
	FieldGivenName      = "given_name"
	FieldFamilyName     = "family_name"
	FieldNativeName     = "native_name"
	FieldNationality    = "nationality"
	FieldDelegation     = "delegation"
	FieldOrganization   = "organization"
	FieldOrgKind        = "organization_kind"
	FieldMediaOutlet    = "media_outlet"
	FieldPosition       = "position"
	FieldHead           = "head_of_delegation"
	FieldEmail          = "email"
	FieldDocumentNumber = "document_number"
	FieldPhoto          = "photo_file"
	FieldGender         = "gender"
	FieldRank           = "rank"
	FieldDateOfBirth    = "date_of_birth"
	FieldPlaceOfBirth   = "place_of_birth"
	FieldConsent        = "consent"
)

// Genders a participant may be registered with; not stated is "".
const (
	GenderFemale = "female"
	GenderMale   = "male"
	GenderOther  = "other"
)

// Genders lists the genders in the order they are offered.
var Genders = []string{GenderFemale, GenderMale, GenderOther}

// MaxRank is the highest rank within a delegation.
const MaxRank = 9999

// ParseRank reads a rank within a delegation as written: empty for none
// (0), else a whole number from 1 to MaxRank. ok is false for anything else.
func ParseRank(s string) (rank int, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= MaxRank
}

// ParseGender reads a gender as written in an import file or typed: female,
// male, other, or empty or "not stated" for none, in any case. ok is false
// for anything else.
func ParseGender(s string) (gender string, ok bool) {
	g := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " "))
	switch {
	case g == "" || g == "not stated":
		return "", true
	case slices.Contains(Genders, g):
		return g, true
	}
	return s, false
}

// Normalize tidies every field as NameText.Tidy does, folds the nationality and delegation to
// alpha-2 codes where they are recognised, and lowercases the category.
func (in ParticipantInput) Normalize() ParticipantInput {
	for _, f := range []*string{&in.Category, &in.Title, &in.GivenName, &in.FamilyName, &in.NativeName, &in.Nationality,
		&in.Delegation, &in.Organization, &in.OrganizationKind, &in.MediaOutlet, &in.Position, &in.Email, &in.DocumentNumber, &in.DateOfBirth, &in.PlaceOfBirth, &in.ConsentOn} {
		*f = NameText.Tidy(*f)
	}
	in.Category = strings.ToLower(in.Category)
	in.OrganizationKind = strings.ToLower(in.OrganizationKind)
	if g, ok := ParseGender(in.Gender); ok {
		in.Gender = g
	}
	if c, ok := country.Lookup(in.Nationality); ok {
		in.Nationality = c.Code
	}
	if c, ok := country.Lookup(in.Delegation); ok {
		in.Delegation = c.Code
	}
	return in
}

// Validate checks a normalised input against the event's categories and
// returns EINVALID with one FieldError per problem.
func (in ParticipantInput) Validate(categories []Category) error {
	var v Problems
	var cat *Category
	for i := range categories {
		if categories[i].Code == in.Category {
			cat = &categories[i]
		}
	}
	switch {
	case in.Category == "":
		v.Add(FieldCategory, msgChooseCategory)
	case cat == nil:
		v.Add(FieldCategory, msgUnknownCategory)
	}
	if in.FamilyName == "" {
		v.Add(FieldFamilyName, msgFamilyName)
	}
	if in.Nationality == "" {
		v.Add(FieldNationality, msgNationality)
	} else if _, ok := country.Lookup(in.Nationality); !ok {
		v.Add(FieldNationality, MsgUnknownCountry)
	}
	if in.DocumentNumber == "" {
		v.Add(FieldDocumentNumber, msgDocument)
	} else if DocumentKey(in.DocumentNumber) == "" {
		v.Add(FieldDocumentNumber, msgDocumentLetters)
	}
	v.Email(FieldEmail, in.Email)
	if in.Delegation != "" {
		if _, ok := country.Lookup(in.Delegation); !ok {
			v.Add(FieldDelegation, MsgUnknownDelegation)
		}
	}
	if in.OrganizationKind != "" && !slices.Contains(OrgKinds, in.OrganizationKind) {
		v.Add(FieldOrgKind, msgOrgKind)
	}
	if cat != nil {
		switch cat.Requires {
		case RequiresDelegation:
			if in.Delegation == "" {
				v.Add(FieldDelegation, msgNeedsDelegation)
			}
		case RequiresOrganization:
			if in.Organization == "" {
				v.Add(FieldOrganization, msgNeedsOrganization)
			}
		case RequiresMedia:
			if in.MediaOutlet == "" {
				v.Add(FieldMediaOutlet, msgNeedsMedia)
			}
		}
	}
	if in.HeadOfDelegation && in.Delegation == "" {
		v.Add(FieldHead, msgHeadOutside)
	}
	if _, ok := ParseGender(in.Gender); !ok {
		v.Add(FieldGender, msgGender)
	}
	if in.Rank < 0 || in.Rank > MaxRank {
		v.Add(FieldRank, msgRank)
	}
	v.Date(FieldDateOfBirth, in.DateOfBirth, 1900, msgDateOfBirth)
	v.Date(FieldConsent, in.ConsentOn, 2000, msgConsent)
	for field, value := range map[string]string{FieldCategory: in.Category, FieldTitle: in.Title, FieldGivenName: in.GivenName,
		FieldFamilyName: in.FamilyName, FieldNativeName: in.NativeName, FieldNationality: in.Nationality, FieldDelegation: in.Delegation,
		FieldOrganization: in.Organization, FieldOrgKind: in.OrganizationKind, FieldMediaOutlet: in.MediaOutlet,
		FieldPosition: in.Position, FieldEmail: in.Email, FieldDocumentNumber: in.DocumentNumber, FieldPlaceOfBirth: in.PlaceOfBirth} {
		v.Text(field, NameText, value)
	}
	SortFieldErrors(v)
	return v.Err(MsgParticipantInvalid)
}

// RequiredFields are the fields Validate requires of a participant of the
// category: those of everyone, and the affiliation the category requires.
func (c Category) RequiredFields() []string {
	fields := []string{FieldCategory, FieldFamilyName, FieldNationality, FieldDocumentNumber}
	switch c.Requires {
	case RequiresDelegation:
		fields = append(fields, FieldDelegation)
	case RequiresOrganization:
		fields = append(fields, FieldOrganization)
	case RequiresMedia:
		fields = append(fields, FieldMediaOutlet)
	}
	return fields
}

// isEmail reports whether s is a plain e-mail address (name@example.org).
func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// Date adds the problem of a date field's value s, if any: none when it
// is empty or a day written YYYY-MM-DD from the year earliest on; "no such
// date" when it is written so but the day does not exist (1980-02-30);
// else wrong, the way to write it.
func (v *Problems) Date(field, s string, earliest int, wrong msg.Key) {
	switch ok, exists := validDate(s, earliest); {
	case s == "" || ok:
	case !exists && dateShape.MatchString(s):
		*v = append(*v, FieldError{Field: field, Reason: msgNoSuchDate.With(msg.Args{"Date": s})})
	default:
		v.Add(field, wrong)
	}
}

// validDate reports whether s is a day written YYYY-MM-DD from the year
// earliest on, and whether it is a day at all.
func validDate(s string, earliest int) (ok, exists bool) {
	d, err := time.Parse(time.DateOnly, s)
	return err == nil && d.Year() >= earliest, err == nil
}

// dateShape is YYYY-MM-DD, whatever the numbers.
var dateShape = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// validConsent reports whether s is a date written YYYY-MM-DD, from 2000
// on. That it is not in the future is checked against the store's clock.
func validConsent(s string) bool {
	ok, _ := validDate(s, 2000)
	return ok
}

// ConsentProblem returns the problem with in's consent date given the
// event's today (YYYY-MM-DD), if any: a consent cannot be given later.
func (in ParticipantInput) ConsentProblem(today string) (FieldError, bool) {
	if in.ConsentOn == "" || !validConsent(in.ConsentOn) || in.ConsentOn <= today {
		return FieldError{}, false
	}
	return FieldError{Field: FieldConsent, Reason: msgConsentFuture.With(msg.Args{"Today": today})}, true
}

// Affiliation returns the affiliation the input names, if any.
func (in ParticipantInput) Affiliation() (Affiliation, bool) {
	switch {
	case in.Delegation != "":
		c, _ := country.Lookup(in.Delegation)
		return Affiliation{Kind: AffiliationDelegation, Name: c.Name("en"), Country: c.Code}, true
	case in.Organization != "":
		return Affiliation{Kind: AffiliationOrganization, Name: in.Organization, OrgKind: in.OrganizationKind}, true
	case in.MediaOutlet != "":
		return Affiliation{Kind: AffiliationMedia, Name: in.MediaOutlet}, true
	}
	return Affiliation{}, false
}

// Input returns the input that would register p as it is.
func (p Participant) Input() ParticipantInput {
	in := ParticipantInput{Category: p.Category, Title: p.Title, GivenName: p.GivenName, FamilyName: p.FamilyName,
		NativeName: p.NativeName, Nationality: p.Nationality, Position: p.Position, HeadOfDelegation: p.HeadOfDelegation,
		Rank: p.Rank, Gender: p.Gender, Email: p.Email, DocumentNumber: p.DocumentNumber,
		DateOfBirth: p.DateOfBirth, PlaceOfBirth: p.PlaceOfBirth, ConsentOn: p.ConsentOn, Version: p.Rev}
	switch p.Affiliation.Kind {
	case AffiliationDelegation:
		in.Delegation = p.Affiliation.Country
	case AffiliationOrganization:
		in.Organization, in.OrganizationKind = p.Affiliation.Name, p.Affiliation.OrgKind
	case AffiliationMedia:
		in.MediaOutlet = p.Affiliation.Name
	}
	return in
}

// SameDocument reports whether p holds the document in names: the same
// number, compared as the store compares them, of the same nationality. The
// store registers a document once.
func (in ParticipantInput) SameDocument(p Participant) bool {
	in = in.Normalize()
	return in.Nationality == p.Nationality && DocumentKey(in.DocumentNumber) == DocumentKey(p.DocumentNumber)
}

// DocumentKey is a document number reduced to upper-case letters and digits.
func DocumentKey(s string) string {
	var b strings.Builder
	if isTidyASCII(s) {
		b.Grow(len(s))
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c >= 'a' && c <= 'z':
				b.WriteByte(c - 'a' + 'A')
			case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	for _, r := range strings.ToUpper(search.Fold(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

var (
	MsgParticipantInvalid = msg.Define("Some details are missing or wrong.")
	msgChooseCategory     = msg.Define("Choose a category.")
	msgUnknownCategory    = msg.Define("Unknown category; use one of the event's categories (delegate, observer, media …).")
	msgFamilyName         = msg.Define("The family name is required.")
	msgNationality        = msg.Define("The nationality is required.")
	MsgUnknownCountry     = msg.Define("Unknown country. Use a code such as VN or VNM, or the English name.")
	msgDocument           = msg.Define("The passport or ID number is required.")
	msgDocumentLetters    = msg.Define("The passport or ID number needs letters or digits.")
	msgEmail              = msg.Define("This is not an e-mail address (name@example.org).")
	MsgUnknownDelegation  = msg.Define("Unknown country for the delegation. Use a code such as VN or VNM, or the English name.")
	msgOrgKind            = msg.Define("Unknown kind of organisation. Use international, regional, private, ngo or research.")
	msgNeedsDelegation    = msg.Define("A delegate needs a delegation (the country they represent).")
	msgNeedsOrganization  = msg.Define("An observer needs an organisation.")
	msgNeedsMedia         = msg.Define("A journalist needs a media outlet.")
	msgHeadOutside        = msg.Define("Only a member of a delegation can head it.")
	msgGender             = msg.Define("Unknown gender. Write female, male, other, or leave it empty (not stated).")
	msgDateOfBirth        = msg.Define("The date of birth is written YYYY-MM-DD (1985-04-23).")
	msgConsent            = msg.Define("The date of consent is written YYYY-MM-DD (2025-09-15).")
	msgNoSuchDate         = msg.Define("There is no such date: {{.Date}}.")
	msgConsentFuture      = msg.Define("The date of consent cannot be later than today ({{.Today}}).")
	msgRank               = msg.Define("The rank is a whole number from 1 (the head of delegation) to 9999, or empty for the order of import.")
)
