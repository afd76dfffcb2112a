package data

// Affiliation kinds.
const (
	AffiliationDelegation   = "delegation"   // a country's delegation
	AffiliationOrganization = "organization" // an organisation or research institute
	AffiliationMedia        = "media"        // a press agency or outlet
)

// Organisation kinds, for affiliations of kind AffiliationOrganization.
const (
	OrgInternational = "international"
	OrgRegional      = "regional"
	OrgPrivate       = "private"
	OrgNGO           = "ngo"
	OrgResearch      = "research"
)

// OrgKinds lists the organisation kinds in the order they are offered.
var OrgKinds = []string{OrgInternational, OrgRegional, OrgPrivate, OrgNGO, OrgResearch}

// Affiliation is whom a participant comes with.
type Affiliation struct {
	ID      int64
	Kind    string
	Name    string // the country's name for a delegation
	Country string // alpha-2 code, for a delegation
	OrgKind string // for an organisation
}
