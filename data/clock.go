package data

import (
	"os"
	"time"
)

// StartClockAt makes the store's clock run from t: a rehearsal of the doors
// before the event, or the demo at the hours of the Hanoi programme.
func (s *Store) StartClockAt(t time.Time) {
	started := time.Now()
	s.Now = func() time.Time { return t.Add(time.Since(started)) }
}

// RehearsalTime reads $ACCRED_NOW (RFC 3339, such as
// 2025-10-25T08:55:00+07:00): the time a rehearsal starts at.
func RehearsalTime() (time.Time, bool) {
	v := os.Getenv("ACCRED_NOW")
	if v == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, v)
	return t, err == nil
}

// OpenAt opens the database at path as Open does, with its clock started at
// $ACCRED_NOW when that is set.
func OpenAt(path string) (*Store, error) {
	s, err := Open(path)
	if err != nil {
		return nil, err
	}
	if t, ok := RehearsalTime(); ok {
		s.StartClockAt(t)
	}
	return s, nil
}
