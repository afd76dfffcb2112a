package data

// ZoneRules say which zones every participant has: their category's, with
// their own changes. The zero ZoneRules give nobody any zone.
type ZoneRules struct {
	Zones   []Zone                 // in order of number
	changes map[int64][]ZoneChange // by participant
}

// Of returns the zones p has, in order of number.
func (r ZoneRules) Of(p Participant) []Zone {
	var out []Zone
	for _, z := range r.Zones {
		if HasZone(z, p.Category, r.changes[p.ID]) {
			out = append(out, z)
		}
	}
	return out
}
