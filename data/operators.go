package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"accred/data/msg"
)

// OperatorNamed returns the operator called name (in any case and
// spacing): ENOTFOUND when there is none, EFORBIDDEN when they are
// disabled. The command line runs as the operator it names with it.
func (s *Store) OperatorNamed(ctx context.Context, name string) (Operator, error) {
	var o Operator
	var roles, created string
	err := s.db.QueryRowContext(ctx, `SELECT name, roles, COALESCE(participant_id, 0), disabled, created_at, created_by FROM operators WHERE folded = ?`,
		foldOperator(name)).Scan(&o.Name, &roles, &o.ParticipantID, &o.Disabled, &created, &o.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return Operator{}, NewError(ENOTFOUND, msgNoOperator, msg.Args{"Name": name})
	}
	if err != nil {
		return Operator{}, fmt.Errorf("look up operator: %w", err)
	}
	o.CreatedAt = parseTime(created)
	if o.Disabled {
		o.Roles, _ = ParseRoles(roles)
		return o, NewError(EFORBIDDEN, msgOperatorDisabled, msg.Args{"Name": o.Name})
	}
	if o.Roles, err = operatorRoles(o.Name, roles); err != nil {
		return o, err
	}
	return o, nil
}

// DisableOperator stops the operator called name from signing in (admin
// only). The last admin who can still sign in cannot be disabled, or
// nobody could manage the operators any more.
func (s *Store) DisableOperator(ctx context.Context, name string) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	if s.engine.guardsOperators() {
		return s.changeOperatorOnServer(ctx, name, "disable", "")
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		o, err := s.lockOperator(ctx, tx, name)
		if err != nil || o.Disabled {
			return err
		}
		if o.Roles.Has(RoleAdmin) {
			var admins int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM operators WHERE disabled = ? AND (roles = 'admin' OR roles LIKE 'admin,%')`, false).Scan(&admins); err != nil {
				return fmt.Errorf("count admins: %w", err)
			}
			if admins <= 1 {
				return NewError(ECONFLICT, msgLastAdmin, msg.Args{"Name": o.Name})
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE operators SET disabled = ? WHERE name = ?`, true, o.Name); err != nil {
			return fmt.Errorf("disable operator: %w", err)
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditOperator, Field: o.Name, Old: "enabled", New: "disabled"})
	})
}

// SetOperatorPIN gives the operator called name a new PIN. An admin may
// give anyone one (a forgotten PIN); any other operator only themselves.
// The new PIN also ends a wait after wrong PINs.
func (s *Store) SetOperatorPIN(ctx context.Context, name, pin string) error {
	if err := CheckPIN(pin); err != nil {
		return err
	}
	if a := actorFrom(ctx); !a.IsSystem() && foldOperator(a.Operator) != foldOperator(name) {
		if err := allow(ctx, RoleAdmin); err != nil {
			return err
		}
	}
	hash, err := hashPIN(pin)
	if err != nil {
		return err
	}
	if s.engine.guardsOperators() {
		return s.changeOperatorOnServer(ctx, name, "pin", hash)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		o, err := s.lockOperator(ctx, tx, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE operators SET pin_hash = ?, failed = 0, locked_until = '' WHERE name = ?`, hash, o.Name); err != nil {
			return fmt.Errorf("set the PIN: %w", err)
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditOperator, Field: o.Name, New: "new PIN"})
	})
}

// LinkOperatorBadge makes the badge of participant id sign the operator
// called name in (admin only); id 0 unlinks it. A badge signs in one
// operator at most.
func (s *Store) LinkOperatorBadge(ctx context.Context, name string, id int64) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	if s.engine.guardsOperators() {
		if id != 0 {
			if _, err := s.Participant(ctx, id); err != nil {
				return err
			}
		}
		value := ""
		if id != 0 {
			value = fmt.Sprint(id)
		}
		err := s.changeOperatorOnServer(ctx, name, "badge", value)
		if code, _ := serverCode(err); code == "AC002" {
			var other string
			s.db.QueryRowContext(ctx, `SELECT name FROM operators WHERE participant_id = ?`, id).Scan(&other)
			return NewError(ECONFLICT, msgBadgeLinked, msg.Args{"Number": id, "Name": other})
		}
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		o, err := s.lockOperator(ctx, tx, name)
		if err != nil {
			return err
		}
		var link any
		if id != 0 {
			if _, err := s.readParticipant(ctx, tx, id); err != nil {
				return err
			}
			var other string
			err := tx.QueryRowContext(ctx, `SELECT name FROM operators WHERE participant_id = ? AND name <> ?`, id, o.Name).Scan(&other)
			if err == nil {
				return NewError(ECONFLICT, msgBadgeLinked, msg.Args{"Number": id, "Name": other})
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("look up the badge's operator: %w", err)
			}
			link = id
		}
		if _, err := tx.ExecContext(ctx, `UPDATE operators SET participant_id = ? WHERE name = ?`, link, o.Name); err != nil {
			return fmt.Errorf("link the badge: %w", err)
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditOperator, Field: o.Name, ParticipantID: id,
			Old: fmt.Sprintf("badge %d", o.ParticipantID), New: fmt.Sprintf("badge %d", id)})
	})
}

// SignInWithBadge signs in the operator whose staff badge code is, with
// their PIN: the badge must be genuine and current (as at a door), and
// linked to an operator. Its errors are SignIn's; a badge that is not
// valid or signs nobody in gets the same EINVALID as a wrong PIN.
func (s *Store) SignInWithBadge(ctx context.Context, code, pin string) (Operator, error) {
	p, _, err := s.VerifyBadge(ctx, code)
	if err != nil {
		pinMatches(dummyPINHash(), pin)
		return Operator{}, NewError(EINVALID, msgSignInFailed, nil)
	}
	var name string
	err = s.db.QueryRowContext(ctx, `SELECT name FROM operators WHERE participant_id = ?`, p.ID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		pinMatches(dummyPINHash(), pin)
		return Operator{}, NewError(EINVALID, msgSignInFailed, nil)
	}
	if err != nil {
		return Operator{}, fmt.Errorf("look up the badge's operator: %w", err)
	}
	return s.SignIn(ctx, name, pin)
}

// changeOperatorOnServer makes the server change one thing of the operator
// called name (accred_change_operator), which checks that the one who acts
// may, and writes the audit line.
func (s *Store) changeOperatorOnServer(ctx context.Context, name, what, value string) error {
	o, err := s.OperatorNamed(ctx, name)
	if err != nil && ErrorCode(err) != EFORBIDDEN { // a disabled operator may still get a PIN
		return err
	}
	err = s.changeOnServer(ctx, `SELECT accred_change_operator(?, ?, ?)`, o.Name, what, value)
	if code, _ := serverCode(err); code == "AC001" {
		return NewError(ECONFLICT, msgLastAdmin, msg.Args{"Name": o.Name})
	}
	return err
}

// changeOnServer runs one of the server's functions that change what a
// desk's login may not change by itself, in a transaction that tells the
// server who acts. The server's refusals become the store's errors.
func (s *Store) changeOnServer(ctx context.Context, query string, args ...any) error {
	err := s.transact(ctx, func(context.Context, *sql.Tx) error { return nil }, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
	code, message := serverCode(err)
	switch {
	case err == nil:
		return nil
	case code == "42501":
		return NewError(EFORBIDDEN, msgServerRefused, msg.Args{"Reason": message})
	case code == "23505":
		return NewError(ECONFLICT, msgServerRefused, msg.Args{"Reason": message})
	case code == "P0002":
		return NewError(ENOTFOUND, msgServerRefused, msg.Args{"Reason": message})
	}
	return err
}

// lockOperator reads the operator called name inside tx, locking its row
// on PostgreSQL; ENOTFOUND when there is none.
func (s *Store) lockOperator(ctx context.Context, tx *sql.Tx, name string) (Operator, error) {
	var o Operator
	var roles string
	err := tx.QueryRowContext(ctx, `SELECT name, roles, COALESCE(participant_id, 0), disabled FROM operators WHERE folded = ?`+s.engine.forUpdate(),
		foldOperator(name)).Scan(&o.Name, &roles, &o.ParticipantID, &o.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return Operator{}, NewError(ENOTFOUND, msgNoOperator, msg.Args{"Name": name})
	}
	if err != nil {
		return Operator{}, fmt.Errorf("look up operator: %w", err)
	}
	o.Roles, _ = ParseRoles(roles)
	return o, nil
}

var (
	msgNoOperator       = msg.Define("There is no operator named {{.Name}}.")
	msgOperatorDisabled = msg.Define("The operator {{.Name}} is disabled.")
	msgLastAdmin        = msg.Define("{{.Name}} is the last admin: add another admin before disabling them.")
	msgServerRefused    = msg.Define("The event server refused: {{.Reason}}.")
	msgBadgeLinked      = msg.Define("Badge {{.Number}} already signs in {{.Name}}.")
)
