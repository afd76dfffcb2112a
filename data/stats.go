package data

import (
	"context"
	"slices"
	"strings"

	"accred/data/country"
	"accred/data/msg"
	"accred/data/search"
)

// What participants can be counted by, for StatsBy.
const (
	ByCategory   = "category"
	ByStatus     = "status"
	ByGender     = "gender"
	ByRegion     = "region"
	ByDelegation = "delegation"
)

// StatsKeys lists what StatsBy counts by.
var StatsKeys = []string{ByCategory, ByStatus, ByGender, ByRegion, ByDelegation}

// GenderNotStated names the participants of no stated gender in StatsBy.
const GenderNotStated = "not stated"

// StatsBy counts participants by one of StatsKeys: categories in the event's
// order and statuses in Statuses order; genders in Genders order, then not
// stated; the United Nations regional groups in their order, then "other"
// (a delegation counts under its country, anyone else under their
// nationality); delegations by their English name, those with nobody left
// out. The others include zeros. It returns EINVALID for another key.
func (s *Store) StatsBy(ctx context.Context, by string) ([]Count, error) {
	switch by {
	case ByCategory, ByStatus:
		byCategory, byStatus, err := s.Stats(ctx)
		if by == ByCategory {
			return byCategory, err
		}
		return byStatus, err
	case ByGender:
		found, err := s.counts(ctx, `SELECT gender, COUNT(*) FROM participants GROUP BY gender`)
		if err != nil {
			return nil, err
		}
		return tally(append(slices.Clone(Genders), ""), found, func(g string) string {
			if g == "" {
				return GenderNotStated
			}
			return g
		}), nil
	case ByRegion:
		found, err := s.counts(ctx, `SELECT CASE WHEN a.kind = 'delegation' THEN a.country ELSE p.nationality END, COUNT(*)
			FROM participants p LEFT JOIN affiliations a ON a.id = p.affiliation_id GROUP BY 1`)
		if err != nil {
			return nil, err
		}
		for i := range found {
			found[i].Name = country.Region(found[i].Name)
		}
		return tally(append(slices.Clone(country.Regions), country.NoRegion), found, nil), nil
	case ByDelegation:
		found, err := s.counts(ctx, `SELECT a.name, COUNT(*) FROM participants p JOIN affiliations a ON a.id = p.affiliation_id
			WHERE a.kind = 'delegation' GROUP BY a.name`)
		if err != nil {
			return nil, err
		}
		slices.SortFunc(found, func(a, b Count) int { return strings.Compare(search.Fold(a.Name), search.Fold(b.Name)) })
		return found, nil
	}
	return nil, NewError(EINVALID, msgStatsBy, msg.Args{"By": by, "Keys": strings.Join(StatsKeys, ", ")})
}

// tally adds up found under names, in their order and zeros included;
// label, if given, renames each name for the result.
func tally(names []string, found []Count, label func(string) string) []Count {
	list := make([]Count, len(names))
	for i, name := range names {
		list[i].Name = name
		for _, f := range found {
			if f.Name == name {
				list[i].Count += f.Count
			}
		}
		if label != nil {
			list[i].Name = label(name)
		}
	}
	return list
}

var msgStatsBy = msg.Define("Participants cannot be counted by {{.By}}; count them by one of {{.Keys}}.")
