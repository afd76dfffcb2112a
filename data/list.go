package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"accred/data/country"
	"accred/data/msg"
	"accred/data/search"
)

// The sections of the List of Participants, in order.
const (
	SectionStates         = "States"
	SectionObserverStates = "Observer States"
	SectionUN             = "United Nations system"
	SectionIGOs           = "Intergovernmental organizations"
	SectionNGOs           = "Non-governmental organizations"
	SectionResearch       = "Research institutes"
	SectionMedia          = "Media"
)

// sectionOfOrgKind places each kind of organisation in the list.
var sectionOfOrgKind = map[string]string{
	OrgInternational: SectionUN,
	OrgRegional:      SectionIGOs,
	OrgNGO:           SectionNGOs,
	OrgPrivate:       SectionNGOs,
	OrgResearch:      SectionResearch,
}

var sectionOrder = []string{SectionStates, SectionObserverStates, SectionUN, SectionIGOs, SectionNGOs, SectionResearch, SectionMedia}

// ListSection is one section of the List of Participants.
type ListSection struct {
	Title  string
	Groups []ListGroup
}

// ListGroup is one delegation or organisation in the List of Participants.
type ListGroup struct {
	Name   string // the State's United Nations short name, or the organisation's or outlet's
	People []Participant
}

// ListFilter says who is in the List of Participants.
type ListFilter struct {
	Status Status // the least status: StatusApproved (the default), StatusPrinted or StatusCollected
	Media  bool   // list the media too
}

// listStatuses are the statuses a participant may have to be listed, by the
// least one asked for.
var listStatuses = map[Status][]Status{
	StatusApproved:  {StatusApproved, StatusPrinted, StatusCollected},
	StatusPrinted:   {StatusPrinted, StatusCollected},
	StatusCollected: {StatusCollected},
}

// ParticipantsList returns the List of Participants: everyone whose status
// is f.Status or later in accreditation, in sections as ListSections puts
// them. It returns EINVALID for another status.
func (s *Store) ParticipantsList(ctx context.Context, f ListFilter) ([]ListSection, error) {
	if f.Status == "" {
		f.Status = StatusApproved
	}
	statuses, ok := listStatuses[f.Status]
	if !ok {
		return nil, NewError(EINVALID, msgListStatus, msg.Args{"Status": f.Status})
	}
	args := make([]any, len(statuses))
	for i, st := range statuses {
		args[i] = st
	}
	rows, err := s.db.QueryContext(ctx, s.selectParticipants()+`WHERE p.status IN (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read list of participants: %w", err)
	}
	people, err := scanParticipants(rows)
	if err != nil {
		return nil, fmt.Errorf("read list of participants: %w", err)
	}
	return ListSections(people, f.Media), nil
}

// ListSections orders people as the United Nations' List of Participants
// does. States come first, by their United Nations short names in English
// alphabetical order, each with its head of delegation first, then the
// others by rank, then in the order of registration; then observer States,
// the United Nations system (organisations of kind international),
// intergovernmental organisations (regional), non-governmental
// organisations (ngo and private), research institutes (research), each by
// name with its people by rank, then in the order of registration; then,
// when media is true, the media by outlet. People of an organisation of no
// kind, or of no affiliation (the event's own staff), are not listed.
func ListSections(people []Participant, media bool) []ListSection {
	groups := map[string]map[string][]Participant{} // section, then group name
	for _, p := range people {
		section, name := listPlace(p)
		if section == "" || (section == SectionMedia && !media) {
			continue
		}
		if groups[section] == nil {
			groups[section] = map[string][]Participant{}
		}
		groups[section][name] = append(groups[section][name], p)
	}
	var list []ListSection
	for _, title := range sectionOrder {
		if len(groups[title]) == 0 {
			continue
		}
		sec := ListSection{Title: title}
		for name, people := range groups[title] {
			slices.SortFunc(people, listOrder)
			sec.Groups = append(sec.Groups, ListGroup{Name: name, People: people})
		}
		slices.SortFunc(sec.Groups, func(a, b ListGroup) int {
			return cmp.Or(strings.Compare(search.Fold(a.Name), search.Fold(b.Name)), strings.Compare(a.Name, b.Name))
		})
		list = append(list, sec)
	}
	return list
}

// listPlace is the section and the group a participant is listed in, or no
// section.
func listPlace(p Participant) (section, group string) {
	a := p.Affiliation
	switch a.Kind {
	case AffiliationDelegation:
		name := a.Name
		if c, ok := country.Lookup(a.Country); ok {
			name = c.Name("en")
		}
		if country.IsObserverState(a.Country) {
			return SectionObserverStates, name
		}
		return SectionStates, name
	case AffiliationOrganization:
		return sectionOfOrgKind[a.OrgKind], a.Name
	case AffiliationMedia:
		return SectionMedia, a.Name
	}
	return "", ""
}

// listOrder puts the head of delegation first, then those with a rank by
// rank, then the others by id.
func listOrder(a, b Participant) int {
	key := func(p Participant) (int, int) {
		switch {
		case p.HeadOfDelegation:
			return 0, 0
		case p.Rank > 0:
			return 1, p.Rank
		}
		return 2, 0
	}
	ga, ra := key(a)
	gb, rb := key(b)
	return cmp.Or(cmp.Compare(ga, gb), cmp.Compare(ra, rb), cmp.Compare(a.ID, b.ID))
}

var msgListStatus = msg.Define("The List of Participants lists those approved, printed or collected, not {{.Status}}.")
