package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos in JPEG
	_ "image/png"  // logos in PNG
	"io"
	"strings"
	"time"

	"accred/data/domain"

	"accred/data/msg"
	"accred/data/plainfile"
)

// SetDays changes the event's first and last days. It returns EINVALID when
// the last comes before the first, or when a session of the programme would
// fall outside them (naming the sessions), and ENOTFOUND when the database
// holds no event.
func (s *Store) SetDays(ctx context.Context, starts, ends time.Time) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	ev, err := s.Event(ctx)
	if err != nil {
		return err
	}
	ev.Starts, ev.Ends = starts, ends
	if ends.Before(starts) {
		return &Error{Code: EINVALID, Message: msgDaysNotChanged.Msg(), Fields: []FieldError{{Field: "dates", Reason: domain.MsgEventOrder.Msg()}}}
	}
	sessions, err := s.Sessions(ctx)
	if err != nil {
		return err
	}
	var outside []string
	for _, x := range sessions {
		if !ev.Holds(x) {
			outside = append(outside, x.Code+" ("+x.Starts.Format(DateLayout)+")")
		}
	}
	if len(outside) > 0 {
		return &Error{Code: EINVALID, Message: msgDaysNotChanged.Msg(), Fields: []FieldError{{Field: "dates",
			Reason: msgSessionsOutside.With(msg.Args{"Sessions": strings.Join(outside, ", ")})}}}
	}
	return s.updateEvent(ctx, `starts_on = ?, ends_on = ?`, starts.Format(DateLayout), ends.Format(DateLayout))
}

// setDay changes the first or the last day, given as YYYY-MM-DD.
func (s *Store) setDay(ctx context.Context, key, value string) error {
	day, err := time.Parse(DateLayout, strings.TrimSpace(value))
	if err != nil {
		return &Error{Code: EINVALID, Message: msgDaysNotChanged.Msg(), Fields: []FieldError{{Field: key, Reason: domain.MsgEventDates.Msg()}}}
	}
	ev, err := s.Event(ctx)
	if err != nil {
		return err
	}
	if key == SettingStartsOn {
		return s.SetDays(ctx, day, ev.Ends)
	}
	return s.SetDays(ctx, ev.Starts, day)
}

// SetLanguages sets the one or two languages of the badges' words, given
// as codes separated by spaces or commas ("en fr"); none prints the
// categories' names as given. It returns EINVALID for a code that is not
// two or three lower-case letters, for more than two, or for one twice.
func (s *Store) SetLanguages(ctx context.Context, value string) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	codes, v := domain.ParseLanguages(SettingLanguages, value)
	if err := v.Err(msgSettingNotChanged); err != nil {
		return err
	}
	return s.updateEvent(ctx, `badge_languages = ?`, strings.Join(codes, " "))
}

// MaxLogo is the largest logo file taken, in bytes; a logo is printed 10 mm
// wide, so a few hundred pixels are plenty.
const MaxLogo = 512 << 10

// maxLogoSide is the most pixels a logo may have on a side.
const maxLogoSide = 4000

// SetLogo makes the image (a PNG or JPEG of MaxLogo bytes at most) the
// event's logo, printed on its badges; no bytes bring Accred's back. It
// returns EINVALID for a file too large, one that is not a PNG or JPEG, or
// one too large in pixels.
func (s *Store) SetLogo(ctx context.Context, img []byte) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	if err := CheckLogo(img); err != nil {
		return err
	}
	var arg any
	if len(img) > 0 {
		arg = img
	}
	return s.updateEvent(ctx, `logo = ?`, arg)
}

// CheckLogo returns EINVALID when the image cannot be a logo: more than
// MaxLogo bytes, not a PNG or JPEG, or larger than 4000 pixels on a side.
func CheckLogo(img []byte) error {
	if len(img) == 0 {
		return nil
	}
	var v domain.Problems
	if len(img) > MaxLogo {
		v.Add(SettingLogo, msgLogoTooLarge)
	} else if cfg, format, err := image.DecodeConfig(bytes.NewReader(img)); err != nil || (format != "png" && format != "jpeg") {
		v.Add(SettingLogo, msgLogoFormat)
	} else if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxLogoSide || cfg.Height > maxLogoSide {
		v.Add(SettingLogo, msgLogoPixels)
	} else if _, _, err := image.Decode(bytes.NewReader(img)); err != nil {
		v.Add(SettingLogo, msgLogoFormat)
	}
	return v.Err(msgSettingNotChanged)
}

// ReadLogo reads a logo file, up to one byte more than a logo may have:
// enough for SetLogo to refuse one too large. A pipe, device or folder is
// refused (plainfile.ErrNotPlain) without waiting.
func ReadLogo(path string) ([]byte, error) {
	f, _, err := plainfile.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxLogo+1))
}

// Logo returns the event's logo, or nil when it has none of its own.
func (s *Store) Logo(ctx context.Context) ([]byte, error) {
	var img []byte
	err := s.db.QueryRowContext(ctx, `SELECT logo FROM event WHERE id = 1`).Scan(&img)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEvent()
	}
	if err != nil {
		return nil, fmt.Errorf("read logo: %w", err)
	}
	return img, nil
}

// updateEvent sets columns of the event's row, and records each setting
// it changed in the audit trail, as Settings words it before and after.
func (s *Store) updateEvent(ctx context.Context, set string, args ...any) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		before, err := settingsFrom(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event SET `+set+` WHERE id = 1`, args...); err != nil {
			return fmt.Errorf("update event: %w", err)
		}
		after, err := settingsFrom(ctx, tx)
		if err != nil {
			return err
		}
		var trail []AuditEntry
		for i, a := range after {
			if a.Value != before[i].Value {
				trail = append(trail, AuditEntry{Action: AuditSetting, Field: a.Key, Old: before[i].Value, New: a.Value})
			}
		}
		return s.audit(ctx, tx, trail...)
	})
}

// SaveCategory changes a category's name, colour, names in other
// languages and photo frame; its code and what it requires stay. It returns
// EINVALID for a category that is not complete and ENOTFOUND for an unknown
// code.
func (s *Store) SaveCategory(ctx context.Context, c Category) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	c.Name = NameText.Tidy(c.Name)
	names := map[string]string{}
	for l, name := range c.Names {
		if name = NameText.Tidy(name); name != "" {
			names[strings.ToLower(strings.TrimSpace(l))] = name
		}
	}
	c.Names = names
	if err := c.Validate(); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		before, err := categoryText(ctx, tx, c.Code)
		if errors.Is(err, sql.ErrNoRows) {
			return NewError(ENOTFOUND, msgNoCategory, msg.Args{"Code": c.Code})
		}
		if err != nil {
			return fmt.Errorf("read category: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE categories SET name = ?, colour = ?, names = ?, photo = ? WHERE code = ?`,
			c.Name, strings.ToUpper(c.Colour), namesText(c.Names), !c.NoPhoto, c.Code); err != nil {
			return fmt.Errorf("update category: %w", err)
		}
		after, err := categoryText(ctx, tx, c.Code)
		if err != nil || after == before {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditCategory, Field: c.Code, Old: before, New: after})
	})
}

// categoryText is a category as the audit trail writes it: its name,
// colour, names in other languages and photo frame, in one line.
func categoryText(ctx context.Context, tx *sql.Tx, code string) (string, error) {
	var name, colour, names string
	var photo bool
	if err := tx.QueryRowContext(ctx, `SELECT name, colour, names, photo FROM categories WHERE code = ?`, code).Scan(&name, &colour, &names, &photo); err != nil {
		return "", err
	}
	text := name + "; " + colour + "; photo " + yesNo(photo)
	if names != "" {
		text += "; " + names
	}
	return text, nil
}

// namesText is how a category's names in other languages are stored.
func namesText(names map[string]string) string {
	if len(names) == 0 {
		return ""
	}
	b, _ := json.Marshal(names) // a map of strings always encodes
	return string(b)
}

// namesOf reads a category's stored names in other languages.
func namesOf(text string) map[string]string {
	var names map[string]string
	if text != "" && json.Unmarshal([]byte(text), &names) != nil {
		return nil
	}
	return names
}

var (
	msgDaysNotChanged  = msg.Define("The event's days were not changed.")
	msgSessionsOutside = msg.Define("These sessions would fall outside the event's days: {{.Sessions}}. Move them first, or choose other days.")
	msgLogoTooLarge    = msg.Define("The logo is too large: 512 KB at most.")
	msgLogoFormat      = msg.Define("The logo must be a PNG or JPEG image.")
	msgLogoPixels      = msg.Define("The logo is too large: 4000 pixels on a side at most.")
	msgNoCategory      = msg.Define("There is no category {{.Code}}.")
)
