package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"accred/data/domain"
	"accred/data/msg"
	"accred/data/rules"
)

// Zones returns the event's access zones in order of number.
func (s *Store) Zones(ctx context.Context) ([]Zone, error) {
	return readZones(ctx, s.db)
}

func readZones(ctx context.Context, q querier) ([]Zone, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, name, categories FROM zones ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("read zones: %w", err)
	}
	defer rows.Close()
	var list []Zone
	for rows.Next() {
		var z Zone
		var cats string
		if err := rows.Scan(&z.Code, &z.Name, &cats); err != nil {
			return nil, fmt.Errorf("scan zone: %w", err)
		}
		z.Categories = strings.Fields(cats)
		list = append(list, z)
	}
	return list, rows.Err()
}

// SaveZones makes zones the event's access zones, all or nothing: zones
// already defined are corrected by number, new ones added, and those left
// out removed. It returns EINVALID naming every problem by the line of a
// zones file it would come from (a zone's number twice; a zone left out
// that a session requires or a participant's zones name), and changes
// nothing then. A zone a door requires cannot be left out either.
func (s *Store) SaveZones(ctx context.Context, zones []Zone) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	cats, err := s.Categories(ctx)
	if err != nil {
		return err
	}
	var problems []FieldError
	seen := map[int]int{}
	zones = slices.Clone(zones)
	for i, z := range zones {
		z.Name = NameText.Tidy(z.Name)
		zones[i] = z
		for _, f := range ErrorFields(z.Validate(cats)) {
			f.Line = i + 2
			problems = append(problems, f)
		}
		if first, dup := seen[z.Code]; dup {
			problems = append(problems, FieldError{Line: i + 2, Field: "code", Reason: msgCodeTwice.With(msg.Args{"Line": first})})
		}
		seen[z.Code] = i + 2
	}
	if len(problems) > 0 {
		return &Error{Code: EINVALID, Message: msgZonesNotSaved.Msg(), Fields: problems}
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		old, err := readZones(ctx, tx)
		if err != nil {
			return err
		}
		var trail []AuditEntry
		for _, z := range old {
			if _, kept := seen[z.Code]; kept {
				continue
			}
			trail = append(trail, AuditEntry{Action: AuditZone, Field: strconv.Itoa(z.Code), Old: z.Summary()})
			var sessions, people, doors int
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM sessions WHERE zone = ?), (SELECT COUNT(*) FROM participant_zones WHERE zone = ?),
				(SELECT COUNT(*) FROM doors WHERE zone = ?)`, z.Code, z.Code, z.Code).Scan(&sessions, &people, &doors); err != nil {
				return fmt.Errorf("count zone's use: %w", err)
			}
			if sessions > 0 {
				problems = append(problems, FieldError{Field: "code", Reason: msgZoneSessions.With(msg.Args{"Zone": z.Code, "Sessions": sessions})})
			}
			if people > 0 {
				problems = append(problems, FieldError{Field: "code", Reason: msgZonePeople.With(msg.Args{"Zone": z.Code, "People": people})})
			}
			if doors > 0 {
				problems = append(problems, FieldError{Field: "code", Reason: msgDoorsInUse.With(msg.Args{"Zone": z.Code, "Doors": doors})})
			}
			if sessions+people+doors > 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM zones WHERE code = ?`, z.Code); err != nil {
				return fmt.Errorf("remove zone: %w", err)
			}
		}
		if len(problems) > 0 {
			return &Error{Code: EINVALID, Message: msgZonesNotSaved.Msg(), Fields: problems}
		}
		for _, z := range zones {
			if _, err := tx.ExecContext(ctx, `INSERT INTO zones (code, name, categories) VALUES (?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET name = excluded.name, categories = excluded.categories`,
				z.Code, z.Name, strings.Join(z.Categories, " ")); err != nil {
				return fmt.Errorf("save zone: %w", err)
			}
			before := ""
			if i := slices.IndexFunc(old, func(o Zone) bool { return o.Code == z.Code }); i >= 0 {
				before = old[i].Summary()
			}
			if before != z.Summary() {
				trail = append(trail, AuditEntry{Action: AuditZone, Field: strconv.Itoa(z.Code), Old: before, New: z.Summary()})
			}
		}
		return s.audit(ctx, tx, trail...)
	})
}

// ZoneRules returns which zones every participant has, to print on their
// badges.
func (s *Store) ZoneRules(ctx context.Context) (ZoneRules, error) {
	zones, err := s.Zones(ctx)
	if err != nil {
		return ZoneRules{}, err
	}
	changes, err := s.allZoneChanges(ctx)
	if err != nil {
		return ZoneRules{}, err
	}
	return ZoneRules{Zones: zones, changes: changes}, nil
}

// allZoneChanges reads every participant's own zone changes, by
// participant, in order of zone.
func (s *Store) allZoneChanges(ctx context.Context) (map[int64][]ZoneChange, error) {
	changes := map[int64][]ZoneChange{}
	rows, err := s.db.QueryContext(ctx, `SELECT participant_id, zone, granted FROM participant_zones ORDER BY participant_id, zone`)
	if err != nil {
		return nil, fmt.Errorf("read participants' zones: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c ZoneChange
		if err := rows.Scan(&id, &c.Zone, &c.Granted); err != nil {
			return nil, fmt.Errorf("scan participant's zone: %w", err)
		}
		changes[id] = append(changes[id], c)
	}
	return changes, rows.Err()
}

// ParticipantZones returns the zones a participant has, in order of number,
// and their own changes to their category's.
func (s *Store) ParticipantZones(ctx context.Context, p Participant) ([]Zone, []ZoneChange, error) {
	zones, err := s.Zones(ctx)
	if err != nil {
		return nil, nil, err
	}
	changes, err := zoneChanges(ctx, s.db, p.ID)
	if err != nil {
		return nil, nil, err
	}
	r := ZoneRules{Zones: zones, changes: map[int64][]ZoneChange{p.ID: changes}}
	return r.Of(p), changes, nil
}

// zoneChanges reads a participant's own zone changes.
func zoneChanges(ctx context.Context, q querier, id int64) ([]ZoneChange, error) {
	rows, err := q.QueryContext(ctx, `SELECT zone, granted FROM participant_zones WHERE participant_id = ? ORDER BY zone`, id)
	if err != nil {
		return nil, fmt.Errorf("read participant's zones: %w", err)
	}
	defer rows.Close()
	var list []ZoneChange
	for rows.Next() {
		var c ZoneChange
		if err := rows.Scan(&c.Zone, &c.Granted); err != nil {
			return nil, fmt.Errorf("scan participant's zone: %w", err)
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// SetParticipantZones makes changes a participant's own changes to their
// category's zones, recorded as an edit of their details (who, when, and a
// new revision) when they differ. version is the participant's Rev as the
// desk read them (0: unchecked). It returns ENOTFOUND, EINVALID for a zone
// the event does not define or named twice, ECONFLICT when the participant
// changed meanwhile, and EFORBIDDEN for a signed-in operator without the
// desk's role, or without the admin's for a zone beyond the category's that
// the participant did not hold already (the rulebook's Zones).
func (s *Store) SetParticipantZones(ctx context.Context, id int64, changes []ZoneChange, version int64) (Participant, error) {
	if err := allow(ctx, RoleDesk); err != nil {
		return Participant{}, err
	}
	loc, err := s.location(ctx)
	if err != nil {
		return Participant{}, err
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		zones, err := readZones(ctx, tx)
		if err != nil {
			return err
		}
		var problems []FieldError
		named := map[int]bool{}
		for _, c := range changes {
			if !slices.ContainsFunc(zones, func(z Zone) bool { return z.Code == c.Zone }) {
				problems = append(problems, FieldError{Field: FieldZones, Reason: msgNoZone.With(msg.Args{"Zone": c.Zone})})
			}
			if named[c.Zone] {
				problems = append(problems, FieldError{Field: FieldZones, Reason: domain.MsgZoneChangedTwice.With(msg.Args{"Zone": c.Zone})})
			}
			named[c.Zone] = true
		}
		if len(problems) > 0 {
			return &Error{Code: EINVALID, Message: msgZonesNotChanged.Msg(), Fields: problems}
		}
		current, err := s.participantTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := unchangedSince(current, version, loc); err != nil {
			return err
		}
		if err := mayGrant(ctx, tx, current, zones, changes); err != nil {
			return err
		}
		changed, err := setZoneChangesTx(ctx, tx, id, changes)
		if err != nil || changed == nil {
			return err
		}
		if err := s.audit(ctx, tx, *changed); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET updated_at = ?, updated_by = ?,
			rev = (SELECT COALESCE(MAX(rev), 0) + 1 FROM participants) WHERE id = ?`, s.now(), actorFrom(ctx).Operator, id); err != nil {
			return fmt.Errorf("record zones' change: %w", err)
		}
		return nil
	})
	if err != nil {
		return Participant{}, err
	}
	return s.Participant(ctx, id)
}

// mayGrant asks the rulebook whether the actor in ctx may grant p the zones
// that changes add beyond their category's and that p did not hold already:
// only an admin may. It returns EFORBIDDEN saying which zone, when not.
func mayGrant(ctx context.Context, tx *sql.Tx, p Participant, zones []Zone, changes []ZoneChange) error {
	old, err := zoneChanges(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if verdict, why := GrantZones(p, zones, old, changes, actorFrom(ctx).May(RoleAdmin)); verdict != rules.Accepted {
		return &Error{Code: EFORBIDDEN, Message: msgZonesNotChanged.Msg(), Fields: []FieldError{{Field: FieldZones, Reason: why.Message()}}}
	}
	return nil
}

// GrantZones asks the rulebook whether an operator, an admin or not, may
// make changes p's own changes to their category's zones, old being those
// p holds now: a zone beyond the category's that p did not hold already is
// an admin's to grant. The store asks it when the zones are saved, the desk
// to grey what the operator may not grant.
func GrantZones(p Participant, zones []Zone, old, changes []ZoneChange, admin bool) (VerdictKind, Reason) {
	var ofCategory, granted []int
	for _, z := range zones {
		if slices.Contains(z.Categories, p.Category) {
			ofCategory = append(ofCategory, z.Code)
		}
	}
	for _, c := range changes {
		if c.Granted && !slices.Contains(old, c) {
			granted = append(granted, c.Zone)
		}
	}
	return rules.Zones(granted, ofCategory, admin)
}

// setZoneChangesTx replaces a participant's zone changes within tx, and
// returns, when they were different, the audit trail's line for it (an
// edit of zones, old and new) for the caller to record; nil otherwise.
func setZoneChangesTx(ctx context.Context, tx *sql.Tx, id int64, changes []ZoneChange) (*AuditEntry, error) {
	old, err := zoneChanges(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	sorted := slices.Clone(changes)
	slices.SortFunc(sorted, func(a, b ZoneChange) int { return a.Zone - b.Zone })
	if slices.Equal(old, sorted) {
		return nil, nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM participant_zones WHERE participant_id = ?`, id); err != nil {
		return nil, fmt.Errorf("clear participant's zones: %w", err)
	}
	for _, c := range sorted {
		if _, err := tx.ExecContext(ctx, `INSERT INTO participant_zones (participant_id, zone, granted) VALUES (?, ?, ?)`, id, c.Zone, c.Granted); err != nil {
			return nil, fmt.Errorf("save participant's zone: %w", err)
		}
	}
	return &AuditEntry{ParticipantID: id, Action: AuditEdit, Field: FieldZones, Old: FormatZoneChanges(old), New: FormatZoneChanges(sorted)}, nil
}

// hasZoneTx reports whether a participant of a category has the zone, for
// the door: a zone the event does not define is nobody's.
func hasZoneTx(ctx context.Context, tx *sql.Tx, participantID int64, category string, zone int) (bool, error) {
	var granted bool
	err := tx.QueryRowContext(ctx, `SELECT granted FROM participant_zones WHERE participant_id = ? AND zone = ?`, participantID, zone).Scan(&granted)
	if err == nil {
		return granted, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("read participant's zone: %w", err)
	}
	var cats string
	err = tx.QueryRowContext(ctx, `SELECT categories FROM zones WHERE code = ?`, zone).Scan(&cats)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read zone: %w", err)
	}
	return slices.Contains(strings.Fields(cats), category), nil
}

// zoneProblems names, by line and field, the zones a row of an import file
// or a session names that the event does not define.
func zoneProblems(line int, field string, codes []int, zones []Zone) []FieldError {
	var out []FieldError
	for _, code := range codes {
		if code != 0 && !slices.ContainsFunc(zones, func(z Zone) bool { return z.Code == code }) {
			out = append(out, FieldError{Line: line, Field: field, Reason: msgNoZone.With(msg.Args{"Zone": code})})
		}
	}
	return out
}

var (
	msgZonesNotChanged = msg.Define("The participant's zones were not changed.")
	msgZonesNotSaved   = msg.Define("The zones were not saved. Nothing was changed.")
	msgZoneSessions    = msg.DefinePlural("Sessions", "Zone {{.Zone}} cannot be left out: {{.Sessions}} session requires it.", "Zone {{.Zone}} cannot be left out: {{.Sessions}} sessions require it.")
	msgZonePeople      = msg.DefinePlural("People", "Zone {{.Zone}} cannot be left out: {{.People}} participant has it added or taken away.", "Zone {{.Zone}} cannot be left out: {{.People}} participants have it added or taken away.")
	msgNoZone          = msg.Define("The event has no zone {{.Zone}}; 'accred zones' lists them.")
)
