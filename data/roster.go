package data

import (
	"context"
	"fmt"
)

// RosterEntry is a participant with their own zone changes: everything an
// import file sets.
type RosterEntry struct {
	Participant
	Zones []ZoneChange // beyond or short of their category's, by zone
}

// Roster returns every participant in the order of registration, which the
// List of Participants keeps for those without a rank, with their zone
// changes.
func (s *Store) Roster(ctx context.Context) ([]RosterEntry, error) {
	if err := s.mayReadEverything(ctx, false); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.selectParticipants()+`ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("read the roster: %w", err)
	}
	people, err := scanParticipants(rows)
	if err != nil {
		return nil, fmt.Errorf("read the roster: %w", err)
	}
	changes, err := s.allZoneChanges(ctx)
	if err != nil {
		return nil, err
	}
	list := make([]RosterEntry, len(people))
	for i, p := range people {
		list[i] = RosterEntry{Participant: p, Zones: changes[p.ID]}
	}
	return list, nil
}
