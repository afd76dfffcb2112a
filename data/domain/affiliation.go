package domain

import (
	"accred/data/country"
	"accred/data/search"
)

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

// SearchWords are the words an affiliation's members are found by: a
// delegation's country's names in English, French and Vietnamese and its
// codes, or the affiliation's name; and the name's acronym.
func (a Affiliation) SearchWords() []string {
	names := []string{a.Name}
	if c, ok := country.Lookup(a.Country); ok && a.Kind == AffiliationDelegation {
		names = []string{c.Name("en"), c.CommonName(), c.Name("fr"), c.Name("vi"), c.Code, c.Alpha3}
	}
	words := search.Words(names...)
	if acronym := search.Acronym(names[0]); acronym != "" {
		words = append(words, acronym)
	}
	return words
}
