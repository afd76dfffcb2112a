package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"accred/data/msg"
)

// Role is what an operator may do.
type Role string

// The roles. An admin may do everything the others may.
const (
	RoleAdmin    Role = "admin"    // settings, operators, programme, imports
	RoleDesk     Role = "desk"     // register, edit, approve, reject, hand over badges
	RolePrinting Role = "printing" // print and reprint
	RoleDoor     Role = "door"     // run a door
	RoleViewer   Role = "viewer"   // look only
)

// AllRoles lists the roles in the order they are shown.
var AllRoles = []Role{RoleAdmin, RoleDesk, RolePrinting, RoleDoor, RoleViewer}

// Roles is the set of an operator's roles.
type Roles []Role

// Has reports whether the roles allow role: an admin's allow every role.
func (r Roles) Has(role Role) bool {
	return slices.Contains(r, role) || slices.Contains(r, RoleAdmin)
}

// String lists the roles comma-separated, as stored.
func (r Roles) String() string {
	parts := make([]string, len(r))
	for i, role := range r {
		parts[i] = string(role)
	}
	return strings.Join(parts, ",")
}

// ParseRoles reads a comma-separated list of roles, in AllRoles' order
// without repeats; EINVALID names an unknown one or an empty list.
func ParseRoles(text string) (Roles, error) {
	var roles Roles
	for _, part := range strings.Split(text, ",") {
		role := Role(strings.ToLower(strings.TrimSpace(part)))
		if role == "" {
			continue
		}
		if !slices.Contains(AllRoles, role) {
			return nil, NewError(EINVALID, msgUnknownRole, msg.Args{"Role": string(role), "Roles": Roles(AllRoles).String()})
		}
		if !slices.Contains(roles, role) {
			roles = append(roles, role)
		}
	}
	if len(roles) == 0 {
		return nil, NewError(EINVALID, msgNoRole, msg.Args{"Roles": Roles(AllRoles).String()})
	}
	slices.SortFunc(roles, func(a, b Role) int { return slices.Index(AllRoles, a) - slices.Index(AllRoles, b) })
	return roles, nil
}

// Operator is a person who signs in at a station.
type Operator struct {
	Name          string
	Roles         Roles
	ParticipantID int64 // the staff badge that signs them in, 0 when none
	Disabled      bool
	CreatedAt     time.Time
	CreatedBy     string
}

// PIN rules: digits only, so that a keypad or a badge scanner's station
// can take them.
const (
	MinPIN = 6
	MaxPIN = 12
)

// WrongPINs is how many wrong PINs in a row make an operator wait
// PINWait before the next try.
const (
	WrongPINs = 5
	PINWait   = 30 * time.Second
)

// CheckPIN returns EINVALID unless pin is MinPIN to MaxPIN digits.
func CheckPIN(pin string) error {
	if len(pin) < MinPIN || len(pin) > MaxPIN || strings.Trim(pin, "0123456789") != "" {
		return NewError(EINVALID, msgBadPIN, msg.Args{"Least": MinPIN, "Most": MaxPIN})
	}
	return nil
}

// AddOperator records a new operator with roles and pin (only its hash is
// kept). Only an admin may add one, except the first, which is how an event
// gets its admin. It returns EINVALID for a bad name, role or PIN and
// ECONFLICT when the name is taken.
func (s *Store) AddOperator(ctx context.Context, name string, roles Roles, pin string) error {
	name, err := NameText.Clean(name)
	if err != nil || name == "" {
		return NewError(EINVALID, msgOperatorName, nil)
	}
	if len(roles) == 0 {
		return NewError(EINVALID, msgNoRole, msg.Args{"Roles": Roles(AllRoles).String()})
	}
	if err := CheckPIN(pin); err != nil {
		return err
	}
	hash, err := hashPIN(pin)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM operators`).Scan(&n); err != nil {
			return fmt.Errorf("count operators: %w", err)
		}
		if n > 0 {
			if err := allow(ctx, RoleAdmin); err != nil {
				return err
			}
		}
		folded := foldOperator(name)
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM operators WHERE folded = ?`, folded).Scan(&taken); err != nil {
			return fmt.Errorf("look up operator: %w", err)
		}
		if taken > 0 {
			return NewError(ECONFLICT, msgOperatorExists, msg.Args{"Name": name})
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO operators (name, folded, roles, pin_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
			name, folded, roles.String(), hash, s.now(), actorFrom(ctx).Operator); err != nil {
			return fmt.Errorf("insert operator: %w", err)
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditOperator, Field: name, New: "roles " + roles.String()})
	})
}

// foldOperator is the form of a name that two operators may not share.
func foldOperator(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// Operators returns every operator, by name.
func (s *Store) Operators(ctx context.Context) ([]Operator, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, roles, COALESCE(participant_id, 0), disabled, created_at, created_by FROM operators ORDER BY folded`)
	if err != nil {
		return nil, fmt.Errorf("list operators: %w", err)
	}
	defer rows.Close()
	var ops []Operator
	for rows.Next() {
		var o Operator
		var roles, created string
		if err := rows.Scan(&o.Name, &roles, &o.ParticipantID, &o.Disabled, &created, &o.CreatedBy); err != nil {
			return nil, fmt.Errorf("read operator: %w", err)
		}
		o.Roles, _ = ParseRoles(roles)
		o.CreatedAt = parseTime(created)
		ops = append(ops, o)
	}
	return ops, rows.Err()
}

// HasOperators reports whether the event has any operator yet.
func (s *Store) HasOperators(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM operators`).Scan(&n); err != nil {
		return false, fmt.Errorf("count operators: %w", err)
	}
	return n > 0, nil
}

// SignIn returns the operator named name if pin is theirs. A wrong PIN is
// counted; after WrongPINs in a row the operator must wait PINWait before
// any try (EFORBIDDEN says how long). A disabled or unknown operator and a
// wrong PIN get the same EINVALID, which does not tell which it was.
func (s *Store) SignIn(ctx context.Context, name, pin string) (Operator, error) {
	var o Operator
	var roles, hash, lockedUntil string
	err := s.db.QueryRowContext(ctx, `SELECT name, roles, pin_hash, COALESCE(participant_id, 0), disabled, locked_until FROM operators WHERE folded = ?`,
		foldOperator(name)).Scan(&o.Name, &roles, &hash, &o.ParticipantID, &o.Disabled, &lockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		pinMatches(dummyPINHash, pin) // the same time as a known name's
		return Operator{}, NewError(EINVALID, msgSignInFailed, nil)
	}
	if err != nil {
		return Operator{}, fmt.Errorf("look up operator: %w", err)
	}
	now := s.Now()
	if until := parseTime(lockedUntil); now.Before(until) {
		return Operator{}, NewError(EFORBIDDEN, msgSignInWait, msg.Args{"Seconds": int(until.Sub(now).Seconds()) + 1})
	}
	if !pinMatches(hash, pin) || o.Disabled {
		if err := s.countWrongPIN(ctx, o.Name); err != nil {
			return Operator{}, err
		}
		return Operator{}, NewError(EINVALID, msgSignInFailed, nil)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE operators SET failed = 0, locked_until = '' WHERE name = ?`, o.Name); err != nil {
		return Operator{}, fmt.Errorf("record sign-in: %w", err)
	}
	o.Roles, _ = ParseRoles(roles)
	return o, nil
}

// countWrongPIN counts a wrong PIN for name, making them wait after
// WrongPINs in a row.
func (s *Store) countWrongPIN(ctx context.Context, name string) error {
	wait := timeText(s.Now().Add(PINWait))
	_, err := s.db.ExecContext(ctx, `UPDATE operators SET failed = failed + 1,
		locked_until = CASE WHEN failed + 1 >= ? THEN ? ELSE locked_until END WHERE name = ?`, WrongPINs, wait, name)
	if err != nil {
		return fmt.Errorf("count a wrong PIN: %w", err)
	}
	_, err = s.db.ExecContext(ctx, `UPDATE operators SET failed = 0 WHERE name = ? AND failed >= ?`, name, WrongPINs)
	return err
}

// dummyPINHash is checked for an unknown name, so that it takes as long.
var dummyPINHash, _ = hashPIN("000000")

var (
	msgUnknownRole    = msg.Define("There is no role {{.Role}}; the roles are {{.Roles}}.")
	msgNoRole         = msg.Define("Give at least one role: {{.Roles}}.")
	msgBadPIN         = msg.Define("A PIN is {{.Least}} to {{.Most}} digits.")
	msgOperatorName   = msg.Define("Give the operator's name.")
	msgOperatorExists = msg.Define("There is already an operator named {{.Name}}.")
	msgSignInFailed   = msg.Define("Wrong name or PIN.")
	msgSignInWait     = msg.Define("Too many wrong PINs: wait {{.Seconds}} seconds before trying again.")
)
