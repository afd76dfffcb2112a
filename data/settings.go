package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"accred/data/msg"
)

// The event's settings, by key.
const (
	SettingName                = "name"
	SettingTimezone            = "timezone"
	SettingClearanceRequired   = "clearance_required"
	SettingNominationsRequired = "nominations_required"
	SettingDocumentSymbol      = "document_symbol"
)

// SettingKeys lists the settings' keys in the order they are shown.
var SettingKeys = []string{SettingName, SettingTimezone, SettingClearanceRequired, SettingNominationsRequired, SettingDocumentSymbol}

// Setting is one of the event's settings, as text.
type Setting struct {
	Key, Value string
}

// Settings returns the event's settings in the order of SettingKeys; yes/no
// settings read yes or no. It returns ENOTFOUND when the database holds no
// event.
func (s *Store) Settings(ctx context.Context) ([]Setting, error) {
	var name, zone, symbol string
	var clearance, nominations bool
	err := s.db.QueryRowContext(ctx, `SELECT name, timezone, clearance_required, nominations_required, document_symbol FROM event WHERE id = 1`).
		Scan(&name, &zone, &clearance, &nominations, &symbol)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEvent()
	}
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return []Setting{{SettingName, name}, {SettingTimezone, zone},
		{SettingClearanceRequired, yesNo(clearance)}, {SettingNominationsRequired, yesNo(nominations)},
		{SettingDocumentSymbol, symbol}}, nil
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
// the time zone (an IANA name, as SetTimezone), a yes/no setting (yes or
// no), or the document symbol (SymbolText; empty for none). It returns EINVALID for an unknown key or a value the key does not
// take, naming the key, and ENOTFOUND when the database holds no event.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	var column string
	var arg any
	switch key {
	case SettingTimezone:
		return s.SetTimezone(ctx, value)
	case SettingName:
		value = NameText.Tidy(value)
		var v invalid
		if value == "" {
			v.add(key, msgEventName)
		}
		v.text(key, NameText, value)
		if err := v.err(msgSettingNotChanged); err != nil {
			return err
		}
		column, arg = "name", value
	case SettingDocumentSymbol:
		value = SymbolText.Tidy(value)
		var v invalid
		v.text(key, SymbolText, value)
		if err := v.err(msgSettingNotChanged); err != nil {
			return err
		}
		column, arg = key, value
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
		res, err := tx.ExecContext(ctx, `UPDATE event SET `+column+` = ? WHERE id = 1`, arg)
		if err != nil {
			return fmt.Errorf("update setting: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoEvent()
		}
		return nil
	})
}

var (
	msgSettingNotChanged = msg.Define("The setting was not changed.")
	msgSettingYesNo      = msg.Define("Write yes or no.")
	msgUnknownSetting    = msg.Define("There is no setting {{.Key}}; the settings are {{.Keys}}.")
)
