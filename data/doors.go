package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"accred/data/domain"

	"accred/data/msg"
	"accred/data/search"
)

// DoorRule is what a door requires of every badge, whatever the session:
// the zone it guards, such as the plenary hall's entrance requiring zone 1.
// It is kept by the door's station name, as the door screen and
// `accred checkin --station` give it, and travels in station files.
type DoorRule struct {
	Station string
	Zone    int // never 0: a door requiring nothing has no rule
}

// doorKey is a station's name as doors look it up: without case, accents
// or extra spaces, so that "Plenary hall" and "plenary  HALL" are one door.
func doorKey(station string) string {
	return strings.Join(strings.Fields(search.Fold(station)), " ")
}

// DoorRules returns every door's rule, by station name.
func (s *Store) DoorRules(ctx context.Context) ([]DoorRule, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT station, zone FROM doors ORDER BY folded`)
	if err != nil {
		return nil, fmt.Errorf("read doors: %w", err)
	}
	defer rows.Close()
	var list []DoorRule
	for rows.Next() {
		var r DoorRule
		if err := rows.Scan(&r.Station, &r.Zone); err != nil {
			return nil, fmt.Errorf("scan door: %w", err)
		}
		list = append(list, r)
	}
	return list, rows.Err()
}

// DoorZone returns the zone the door of a station requires; 0 when none.
func (s *Store) DoorZone(ctx context.Context, station string) (int, error) {
	return stationZone(ctx, s.db, station)
}

// SetDoorZone makes the door of a station require a zone of every badge;
// zone 0 takes the requirement away. It returns EINVALID for a station name
// that is not a name or a zone the event does not define, and EFORBIDDEN for
// a signed-in operator who is not an administrator.
func (s *Store) SetDoorZone(ctx context.Context, station string, zone int) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	station = NameText.Tidy(station)
	var v domain.Problems
	if doorKey(station) == "" {
		v.Add("station", msgDoorStation)
	}
	v.Text("station", NameText, station)
	if zone < 0 || zone > MaxZone {
		v.Add("zone", domain.MsgZoneCode)
	}
	if err := v.Err(msgDoorNotSaved); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if zone != 0 {
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM zones WHERE code = ?`, zone).Scan(new(int))
			if errors.Is(err, sql.ErrNoRows) {
				return &Error{Code: EINVALID, Message: msgDoorNotSaved.Msg(), Fields: zoneProblems(0, "zone", []int{zone}, nil)}
			}
			if err != nil {
				return fmt.Errorf("read zone: %w", err)
			}
		}
		before, err := stationZone(ctx, tx, station)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM doors WHERE folded = ?`, doorKey(station)); err != nil {
			return fmt.Errorf("clear door: %w", err)
		}
		if zone != 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO doors (folded, station, zone) VALUES (?, ?, ?)`, doorKey(station), station, zone); err != nil {
				return fmt.Errorf("save door: %w", err)
			}
		}
		if before == zone {
			return nil
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditDoor, Field: station, Old: zoneText(before), New: zoneText(zone)})
	})
}

// stationZone reads the zone the door of a station requires; 0 when none.
func stationZone(ctx context.Context, q querier, station string) (int, error) {
	var zone int
	err := q.QueryRowContext(ctx, `SELECT zone FROM doors WHERE folded = ?`, doorKey(station)).Scan(&zone)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("read door: %w", err)
	}
	return zone, nil
}

var (
	msgDoorNotSaved = msg.Define("The door's rule was not saved.")
	msgDoorStation  = msg.Define("Name the door's station, as its screen or 'accred checkin --station' gives it.")
	msgDoorsInUse   = msg.DefinePlural("Doors", "Zone {{.Zone}} cannot be left out: {{.Doors}} door requires it; 'accred doors' lists it.", "Zone {{.Zone}} cannot be left out: {{.Doors}} doors require it; 'accred doors' lists them.")
)

// zoneText is a door's zone as the audit trail writes it: its number, or
// nothing for none.
func zoneText(zone int) string {
	if zone == 0 {
		return ""
	}
	return strconv.Itoa(zone)
}
