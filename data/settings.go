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
)

// The event's settings, by key.
const (
	SettingName                = "name"
	SettingStartsOn            = "starts_on"
	SettingEndsOn              = "ends_on"
	SettingTimezone            = "timezone"
	SettingLanguages           = "languages"
	SettingLogo                = "logo"
	SettingClearanceRequired   = "clearance_required"
	SettingNominationsRequired = "nominations_required"
	SettingDocumentSymbol      = "document_symbol"
	SettingRegistrationCloses  = "registration_closes"
)

// SettingKeys lists the settings' keys in the order they are shown.
var SettingKeys = []string{SettingName, SettingStartsOn, SettingEndsOn, SettingTimezone, SettingLanguages, SettingLogo,
	SettingClearanceRequired, SettingNominationsRequired, SettingDocumentSymbol, SettingRegistrationCloses}

// Setting is one of the event's settings, as text.
type Setting struct {
	Key, Value string
}

// Settings returns the event's settings in the order of SettingKeys; yes/no
// settings read yes or no, the languages their codes separated by spaces,
// and the logo its size in bytes (none for Accred's). It returns ENOTFOUND
// when the database holds no event.
func (s *Store) Settings(ctx context.Context) ([]Setting, error) {
	return settingsFrom(ctx, s.db)
}

// settingsFrom reads the settings as Settings does, from the database or
// inside a transaction.
func settingsFrom(ctx context.Context, q querier) ([]Setting, error) {
	var name, starts, ends, zone, languages, symbol, closes string
	var clearance, nominations bool
	var logo sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT name, starts_on, ends_on, timezone, badge_languages, length(logo), clearance_required, nominations_required,
		document_symbol, registration_closes FROM event WHERE id = 1`).Scan(&name, &starts, &ends, &zone, &languages, &logo, &clearance, &nominations, &symbol, &closes)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEvent()
	}
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	logoText := "none"
	if logo.Valid {
		logoText = strconv.FormatInt(logo.Int64, 10) + " bytes"
	}
	return []Setting{{SettingName, name}, {SettingStartsOn, starts}, {SettingEndsOn, ends}, {SettingTimezone, zone},
		{SettingLanguages, languages}, {SettingLogo, logoText},
		{SettingClearanceRequired, yesNo(clearance)}, {SettingNominationsRequired, yesNo(nominations)},
		{SettingDocumentSymbol, symbol}, {SettingRegistrationCloses, closes}}, nil
}

// Setting returns the value of one of the event's settings, as Settings
// gives it; EINVALID for an unknown key.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	list, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	for _, x := range list {
		if x.Key == key {
			return x.Value, nil
		}
	}
	return "", unknownSetting(key)
}

func unknownSetting(key string) error {
	return NewError(EINVALID, msgUnknownSetting, msg.Args{"Key": strconv.Quote(key), "Keys": strings.Join(SettingKeys, ", ")})
}

func yesNo(b bool) string { return map[bool]string{true: "yes", false: "no"}[b] }

// SetSetting changes one of the event's settings: the name (a name's text),
// the first or last day (YYYY-MM-DD, as SetDays), the time zone (an IANA
// name, as SetTimezone), the badges' languages (as SetLanguages), the logo
// (only none, which brings Accred's back: a file is given to SetLogo), a
// yes/no setting (yes or no), or the document symbol (SymbolText; empty
// for none). It returns EINVALID for an unknown key or a value the key does
// not take, naming the key, and ENOTFOUND when the database holds no event.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	var column string
	var arg any
	switch key {
	case SettingTimezone:
		return s.SetTimezone(ctx, value, "")
	case SettingStartsOn, SettingEndsOn:
		return s.setDay(ctx, key, value)
	case SettingLanguages:
		return s.SetLanguages(ctx, value)
	case SettingLogo:
		if strings.TrimSpace(value) != "none" {
			return &Error{Code: EINVALID, Message: msgSettingNotChanged.Msg(), Fields: []FieldError{{Field: key, Reason: msgLogoFile.Msg()}}}
		}
		return s.SetLogo(ctx, nil)
	case SettingName:
		value = NameText.Tidy(value)
		var v domain.Problems
		if value == "" {
			v.Add(key, domain.MsgEventName)
		}
		v.Text(key, NameText, value)
		if err := v.Err(msgSettingNotChanged); err != nil {
			return err
		}
		column, arg = "name", value
	case SettingDocumentSymbol:
		value = SymbolText.Tidy(value)
		var v domain.Problems
		v.Text(key, SymbolText, value)
		if err := v.Err(msgSettingNotChanged); err != nil {
			return err
		}
		column, arg = key, value
	case SettingRegistrationCloses:
		closes, ok := parseCloses(value)
		if !ok {
			return &Error{Code: EINVALID, Message: msgSettingNotChanged.Msg(), Fields: []FieldError{{Field: key, Reason: msgClosesFormat.Msg()}}}
		}
		column, arg = key, closes
	case SettingClearanceRequired, SettingNominationsRequired:
		switch strings.ToLower(strings.TrimSpace(value)) {
		case "yes":
			arg = true
		case "no":
			arg = false
		default:
			return &Error{Code: EINVALID, Message: msgSettingNotChanged.Msg(), Fields: []FieldError{{Field: key, Reason: msgSettingYesNo.Msg()}}}
		}
		column = key
	default:
		return unknownSetting(key)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		old, err := settingTx(ctx, tx, column)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event SET `+column+` = ? WHERE id = 1`, arg); err != nil {
			return fmt.Errorf("update setting: %w", err)
		}
		now, err := settingTx(ctx, tx, column)
		if err != nil || now == old {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditSetting, Field: key, Old: old, New: now})
	})
}

// settingTx reads one of the event's settings, a column of its row, as
// Settings writes it; ENOTFOUND when the database holds no event.
func settingTx(ctx context.Context, tx *sql.Tx, column string) (string, error) {
	var v any
	err := tx.QueryRowContext(ctx, `SELECT `+column+` FROM event WHERE id = 1`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errNoEvent()
	}
	if err != nil {
		return "", fmt.Errorf("read setting: %w", err)
	}
	switch v := v.(type) {
	case bool:
		return yesNo(v), nil
	case int64:
		return yesNo(v != 0), nil
	case []byte:
		return string(v), nil
	}
	return fmt.Sprint(v), nil
}

var (
	msgSettingNotChanged = msg.Define("The setting was not changed.")
	msgSettingYesNo      = msg.Define("Write yes or no.")
	msgClosesFormat      = msg.Define("Write the day (YYYY-MM-DD: the portal closes at its end) or the day and time (YYYY-MM-DD HH:MM), or none.")
	msgLogoFile          = msg.Define("Give the logo as a PNG or JPEG file (accred settings logo FILE), or none for Accred's.")
	msgUnknownSetting    = msg.Define("There is no setting {{.Key}}; the settings are {{.Keys}}.")
)
