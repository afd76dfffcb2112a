package data

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"accred/data/domain"
	"accred/data/msg"
)

// CreateEvent makes this database the event's, with a new badge signing key
// pair and the given categories (DefaultCategories when none), in the
// event's time zone (UTC when it names none). It returns
// EINVALID for an incomplete event and ECONFLICT when the database already
// holds an event.
func (s *Store) CreateEvent(ctx context.Context, e Event, categories []Category) (Event, error) {
	e.Name = NameText.Tidy(e.Name)
	if e.Timezone == "" {
		e.Timezone = "UTC"
	}
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	if len(categories) == 0 {
		categories = DefaultCategories()
	}
	for _, c := range categories {
		if err := c.Validate(); err != nil {
			return Event{}, err
		}
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Event{}, fmt.Errorf("make signing key: %w", err)
	}
	e.PublicKey = pub
	e.KeyID = KeyID(pub)
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event`).Scan(&n); err != nil {
			return fmt.Errorf("count events: %w", err)
		}
		if n > 0 {
			return NewError(ECONFLICT, msgEventExists, nil)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO event (id, name, starts_on, ends_on, key_id, public_key, private_key, created_at, timezone)
			VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Name, e.Starts.Format(DateLayout), e.Ends.Format(DateLayout),
			e.KeyID, []byte(pub), []byte(priv), s.now(), e.Timezone); err != nil {
			return fmt.Errorf("insert event: %w", err)
		}
		for i, c := range categories {
			if _, err := tx.ExecContext(ctx, `INSERT INTO categories (code, name, colour, requires, position, names, photo) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				c.Code, c.Name, c.Colour, c.Requires, i, namesText(c.Names), !c.NoPhoto); err != nil {
				return fmt.Errorf("insert category %s: %w", c.Code, err)
			}
		}
		return nil
	})
	return e, err
}

// TimezoneMove is what changing the event's time zone moves: the programme's
// times stay as written and are read in the new zone, so every session's
// door window moves in real time; scans keep their moment.
type TimezoneMove struct {
	From, To string
	Shift    time.Duration // how far the door windows move in real time, on the event's first day (later when positive)
	Sessions int           // sessions of the programme
	Scans    int           // scans recorded at the doors: a change then needs a reason
}

// Moves reports whether the change moves anything at all.
func (z TimezoneMove) Moves() bool { return z.From != z.To }

// NeedsReason reports whether the change must be given a reason: scans
// were recorded under the zone in force.
func (z TimezoneMove) NeedsReason() bool { return z.Moves() && z.Scans > 0 }

// TimezoneChange tells what changing the event's time zone to zone would
// move, changing nothing. It returns EINVALID for a name that is not an
// IANA time zone and ENOTFOUND when the database holds no event.
func (s *Store) TimezoneChange(ctx context.Context, zone string) (TimezoneMove, error) {
	zone = NameText.Tidy(zone)
	if !KnownZone(zone) {
		return TimezoneMove{}, &Error{Code: EINVALID, Message: msgZoneNotChanged.Msg(),
			Fields: []FieldError{{Field: "timezone", Reason: domain.MsgUnknownZone.Msg()}}}
	}
	return s.timezoneChange(ctx, s.db, zone)
}

func (s *Store) timezoneChange(ctx context.Context, q querier, zone string) (TimezoneMove, error) {
	var z TimezoneMove
	var starts string
	if err := q.QueryRowContext(ctx, `SELECT timezone, starts_on, (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM checkins)
		FROM event WHERE id = 1`).Scan(&z.From, &starts, &z.Sessions, &z.Scans); err != nil {
		return TimezoneMove{}, notFound(err, "read the time zone", msgNoEvent, nil)
	}
	z.To = zone
	day, _ := time.Parse(DateLayout, starts)
	from, to := Event{Timezone: z.From}.Location(), Event{Timezone: zone}.Location()
	noon := func(loc *time.Location) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, loc)
	}
	z.Shift = noon(to).Sub(noon(from))
	return z, nil
}

// SetTimezone changes the event's time zone. The programme's times stay as
// written and are read in the new zone from then on (TimezoneChange tells
// what that moves). Once scans are recorded, a change needs a reason, which
// the trail keeps. It returns EINVALID for a name that is not an IANA time
// zone or a change that needs a reason and has none, and ENOTFOUND when the
// database holds no event.
func (s *Store) SetTimezone(ctx context.Context, zone, reason string) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	zone, reason = NameText.Tidy(zone), NameText.Tidy(reason)
	if !KnownZone(zone) {
		return &Error{Code: EINVALID, Message: msgZoneNotChanged.Msg(),
			Fields: []FieldError{{Field: "timezone", Reason: domain.MsgUnknownZone.Msg()}}}
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		change, err := s.timezoneChange(ctx, tx, zone)
		if err != nil {
			return err
		}
		if !change.Moves() {
			return nil
		}
		if change.NeedsReason() && reason == "" {
			return &Error{Code: EINVALID, Message: msgZoneNotChanged.Msg(),
				Fields: []FieldError{{Field: "reason", Reason: msgZoneReason.With(msg.Args{"Scans": change.Scans})}}}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event SET timezone = ? WHERE id = 1`, zone); err != nil {
			return fmt.Errorf("update time zone: %w", err)
		}
		entry := AuditEntry{Action: AuditSetting, Field: SettingTimezone, Old: change.From, New: zone}
		if reason != "" {
			entry.New += " (" + reason + ")"
		}
		return s.audit(ctx, tx, entry)
	})
	if err != nil {
		return err
	}
	s.cacheMu.Lock()
	s.loc, s.locRead = Event{Timezone: zone}.Location(), time.Now()
	s.cacheMu.Unlock()
	return nil
}

// KeyID names a public key by the first 40 bits of its SHA-256, in base 32.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return base32.StdEncoding.EncodeToString(sum[:5])
}

// Event returns the event, or ENOTFOUND when the database holds none yet.
func (s *Store) Event(ctx context.Context) (Event, error) {
	var e Event
	var starts, ends, languages string
	err := s.db.QueryRowContext(ctx, `SELECT name, starts_on, ends_on, key_id, public_key, timezone, badge_languages FROM event WHERE id = 1`).
		Scan(&e.Name, &starts, &ends, &e.KeyID, &e.PublicKey, &e.Timezone, &languages)
	if errors.Is(err, sql.ErrNoRows) {
		return Event{}, errNoEvent()
	}
	if err != nil {
		return Event{}, fmt.Errorf("read event: %w", err)
	}
	e.Starts, _ = time.Parse(DateLayout, starts)
	e.Ends, _ = time.Parse(DateLayout, ends)
	e.Languages = strings.Fields(languages)
	return e, nil
}

// Categories returns the event's categories in the order they are offered.
func (s *Store) Categories(ctx context.Context) ([]Category, error) {
	return readCategories(ctx, s.db)
}

// readCategories reads the categories in the order they are offered.
func readCategories(ctx context.Context, q querier) ([]Category, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, name, colour, requires, names, photo FROM categories ORDER BY position`)
	if err != nil {
		return nil, fmt.Errorf("read categories: %w", err)
	}
	defer rows.Close()
	var list []Category
	for rows.Next() {
		var c Category
		var names string
		var photo bool
		if err := rows.Scan(&c.Code, &c.Name, &c.Colour, &c.Requires, &names, &photo); err != nil {
			return nil, fmt.Errorf("scan category: %w", err)
		}
		c.Names, c.NoPhoto = namesOf(names), !photo
		list = append(list, c)
	}
	return list, rows.Err()
}

var (
	msgEventExists    = msg.Define("This database already holds an event. Choose a new file for a new event.")
	msgZoneNotChanged = msg.Define("The time zone was not changed.")
	msgZoneReason     = msg.Define("The doors have recorded scans under the time zone in force ({{.Scans}}): give the reason for changing it.")
)
