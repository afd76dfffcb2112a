package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"accred/data/msg"
)

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
	if roles, err = ParseRoles(roles.String()); err != nil {
		return err // no role, or one Accred does not know
	}
	if err := CheckPIN(pin); err != nil {
		return err
	}
	hash, err := hashPIN(pin)
	if err != nil {
		return err
	}
	if s.engine.guardsOperators() {
		if has, err := s.HasOperators(ctx); err != nil {
			return err
		} else if has {
			if err := allow(ctx, RoleAdmin); err != nil {
				return err
			}
		}
		err := s.changeOnServer(ctx, `SELECT accred_add_operator(?, ?, ?, ?)`, name, foldOperator(name), roles.String(), hash)
		if ErrorCode(err) == ECONFLICT {
			return NewError(ECONFLICT, msgOperatorExists, msg.Args{"Name": name})
		}
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
// any try. An unknown name, a wrong PIN, a disabled operator and a waiting
// one with a wrong PIN get the same EINVALID in the same time; only the
// right PIN hears how long to wait (EFORBIDDEN). The PIN is hashed before
// anything is locked; then the check, the count and the wait are decided in
// one transaction under the operator's lock, so that no crowd of tries
// slips past the count. On a server, the server decides (accred_sign_in),
// and no login reads a PIN's hash.
func (s *Store) SignIn(ctx context.Context, name, pin string) (Operator, error) {
	if s.engine.guardsOperators() {
		return s.signInOnServer(ctx, name, pin)
	}
	folded := foldOperator(name)
	var hash string
	err := s.db.QueryRowContext(ctx, `SELECT pin_hash FROM operators WHERE folded = ?`, folded).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		hash = dummyPINHash()
	} else if err != nil {
		return Operator{}, fmt.Errorf("look up operator: %w", err)
	}
	right := pinMatches(hash, pin) // the same time for every name
	var o Operator
	var verdict signInVerdict
	var rolesErr error // roles that do not parse: no rights
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var roles, stored, lockedUntil string
		var failed int
		err := tx.QueryRowContext(ctx, `SELECT name, roles, pin_hash, COALESCE(participant_id, 0), disabled, failed, locked_until FROM operators WHERE folded = ?`,
			folded).Scan(&o.Name, &roles, &stored, &o.ParticipantID, &o.Disabled, &failed, &lockedUntil)
		if errors.Is(err, sql.ErrNoRows) {
			verdict = signInVerdict{outcome: signInWrong}
			// A try writes, whatever the name, so that all take as long.
			_, err := tx.ExecContext(ctx, `UPDATE server_secret SET value = value WHERE id = 1`)
			return err
		}
		if err != nil {
			return fmt.Errorf("look up operator: %w", err)
		}
		o.Roles, rolesErr = operatorRoles(o.Name, roles)
		now := s.Now()
		verdict = decideSignIn(signInTry{known: true, right: right && stored == hash, disabled: o.Disabled,
			failed: failed, waitLeft: parseTime(lockedUntil).Sub(now)})
		lockedUntil = map[bool]string{true: timeText(now.Add(PINWait)), false: lockedUntil}[verdict.lock]
		if verdict.outcome == signInOK {
			lockedUntil = ""
		}
		// Every try writes, counted or not, so that all take as long.
		if _, err := tx.ExecContext(ctx, `UPDATE operators SET failed = ?, locked_until = ? WHERE name = ?`, verdict.failed, lockedUntil, o.Name); err != nil {
			return fmt.Errorf("record the try: %w", err)
		}
		return nil
	})
	if err != nil {
		return Operator{}, err
	}
	if verdict.outcome == signInOK && rolesErr != nil {
		return Operator{}, rolesErr
	}
	return verdict.result(o)
}

// signInTry is what a sign-in is decided on.
type signInTry struct {
	known    bool          // the name is an operator's
	right    bool          // the PIN is theirs
	disabled bool          // they may not sign in
	failed   int           // wrong PINs in a row before this one
	waitLeft time.Duration // how long they still wait after too many, if at all
}

// The outcomes of a sign-in.
const (
	signInOK    = "ok"
	signInWrong = "wrong"
	signInWait  = "wait"
)

// signInVerdict is a sign-in's outcome and what it leaves.
type signInVerdict struct {
	outcome  string
	failed   int           // wrong PINs in a row after this try
	lock     bool          // this try starts a wait of PINWait
	waitLeft time.Duration // told only with signInWait
}

// decideSignIn decides a try, as the server's accred_sign_in does: while
// an operator waits, only the right PIN is told so, and nothing is counted;
// otherwise a wrong PIN (or a disabled operator) is counted, and the
// WrongPINs-th in a row starts a wait and the count again; the right PIN
// clears the count.
func decideSignIn(t signInTry) signInVerdict {
	switch {
	case !t.known:
		return signInVerdict{outcome: signInWrong}
	case t.waitLeft > 0 && t.right && !t.disabled:
		return signInVerdict{outcome: signInWait, failed: t.failed, waitLeft: t.waitLeft}
	case t.waitLeft > 0:
		return signInVerdict{outcome: signInWrong, failed: t.failed}
	case !t.right || t.disabled:
		if t.failed+1 >= WrongPINs {
			return signInVerdict{outcome: signInWrong, lock: true}
		}
		return signInVerdict{outcome: signInWrong, failed: t.failed + 1}
	}
	return signInVerdict{outcome: signInOK}
}

// result is what SignIn answers for the verdict on operator o.
func (v signInVerdict) result(o Operator) (Operator, error) {
	switch v.outcome {
	case signInOK:
		return o, nil
	case signInWait:
		return Operator{}, NewError(EFORBIDDEN, msgSignInWait, msg.Args{"Seconds": int(v.waitLeft.Seconds()) + 1})
	}
	return Operator{}, NewError(EINVALID, msgSignInFailed, nil)
}

// signInOnServer asks the server how the named operator's PIN is hashed
// (a made-up salt for a name nobody has), hashes pin so, and lets the
// server decide with the hash's last part; on success the store keeps the
// token that makes its connections act as the operator.
func (s *Store) signInOnServer(ctx context.Context, name, pin string) (Operator, error) {
	folded := foldOperator(name)
	var params string
	if err := s.db.QueryRowContext(ctx, `SELECT accred_pin_params(?, ?)`, folded, pinParams).Scan(&params); err != nil {
		return Operator{}, fmt.Errorf("look up operator: %w", err)
	}
	key, _ := pinKey(params, pin)
	var v signInVerdict
	var o Operator
	var roles, token string
	var seconds int
	err := s.db.QueryRowContext(ctx, `SELECT outcome, seconds, op_name, op_roles, op_participant, token FROM accred_sign_in(?, ?)`,
		folded, key).Scan(&v.outcome, &seconds, &o.Name, &roles, &o.ParticipantID, &token)
	if err != nil {
		return Operator{}, fmt.Errorf("sign in: %w", err)
	}
	v.waitLeft = time.Duration(seconds-1) * time.Second
	if v.outcome == signInOK {
		if o.Roles, err = operatorRoles(o.Name, roles); err != nil {
			return Operator{}, err
		}
		s.cacheMu.Lock()
		if s.tokens == nil {
			s.tokens = map[string]string{}
		}
		s.tokens[o.Name] = token
		s.cacheMu.Unlock()
	}
	return v.result(o)
}

// token is the server's token of the operator who acts in ctx, if they
// signed in with their PIN through this store.
func (s *Store) token(ctx context.Context) string {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	return s.tokens[actorFrom(ctx).Operator]
}

// dummyPINHash is checked for an unknown name, so that it takes as long.
// It is made on the first sign-in that needs it, never when the program
// starts: a command that signs nobody in pays nothing for it.
var dummyPINHash = sync.OnceValue(func() string {
	hash, _ := hashPIN("000000")
	return hash
})

// operatorRoles reads the roles stored for the operator called name. Roles
// that do not parse (a role Accred does not know, or none) give no rights:
// EFORBIDDEN says so, and the operator cannot act until an admin adds them
// again.
func operatorRoles(name, stored string) (Roles, error) {
	roles, err := ParseRoles(stored)
	if err != nil {
		return nil, NewError(EFORBIDDEN, msgRolesUnreadable, msg.Args{"Name": name, "Roles": stored})
	}
	return roles, nil
}

var (
	msgBadPIN          = msg.Define("A PIN is {{.Least}} to {{.Most}} digits.")
	msgOperatorName    = msg.Define("Give the operator's name.")
	msgOperatorExists  = msg.Define("There is already an operator named {{.Name}}.")
	msgSignInFailed    = msg.Define("Wrong name or PIN.")
	msgSignInWait      = msg.DefinePlural("Seconds", "Too many wrong PINs: wait {{.Seconds}} second before trying again.", "Too many wrong PINs: wait {{.Seconds}} seconds before trying again.")
	msgRolesUnreadable = msg.Define("{{.Name}} has no rights: their roles ({{.Roles}}) are not Accred's. An admin may add them again.")
)
