package demo

import (
	"context"
	"fmt"
	"time"

	"accred/data"
	"accred/data/country"
)

// nominee is the delegation (its country code) or organisation a row's
// participant needs the nomination of; journalists and people on their own
// need none.
func nominee(in data.ParticipantInput) string {
	if in.Delegation != "" {
		return in.Delegation
	}
	return in.Organization
}

// nomineeName is a nominee as a letter names it: a country's name for a
// delegation's code.
func nomineeName(name string) string {
	if c, ok := country.Lookup(name); ok {
		return c.Name("en")
	}
	return name
}

// recordNominations records the nominations of most delegations and
// organisations, each naming the first of its participants as focal point
// and kept with its letter,
// and returns those whose nomination has not come in yet: one delegation or
// observer organisation in ten. The organisers' own staff are all nominated.
func recordNominations(ctx context.Context, s *data.Store, rows []data.ImportRow) (waiting map[string]bool, err error) {
	first, _ := time.Parse(data.DateLayout, "2025-09-01")
	waiting = map[string]bool{}
	seen := map[string]bool{}
	for _, r := range rows {
		in, name := r.Input, nominee(r.Input)
		if name == "" || seen[name] {
			continue
		}
		k := len(seen)
		seen[name] = true
		if (in.Category == "delegate" || in.Category == "observer") && k%10 == 7 {
			waiting[name] = true
			continue
		}
		reference := fmt.Sprintf("Note verbale No. %03d/2025", 100+k)
		if in.Delegation == "" {
			reference = fmt.Sprintf("Letter ORG/2025/%03d", 100+k)
		}
		contact := in.Email
		if contact == "" {
			contact = email(in, "nominations.example")
		}
		date, focal := first.AddDate(0, 0, k%40).Format(data.DateLayout), in.GivenName+" "+in.FamilyName
		_, err := s.RecordNomination(ctx, data.NominationInput{Name: name, Reference: reference, Date: date,
			FocalPoint: focal, Email: contact, File: letter(reference, date, nomineeName(name), focal)})
		if err != nil {
			return nil, fmt.Errorf("record the nomination of %s: %w", name, err)
		}
	}
	return waiting, nil
}
