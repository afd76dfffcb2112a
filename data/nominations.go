package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"accred/data/country"
	"accred/data/msg"
	"accred/data/rules"
	"accred/data/search"
)

// RecordNomination records (or replaces) the nomination of the delegation
// or organisation in.Name names. It returns EINVALID for a wrong field or a
// media outlet's name (journalists need none), and ENOTFOUND when no
// delegation or organisation has that name.
func (s *Store) RecordNomination(ctx context.Context, in NominationInput) (Nomination, error) {
	if err := allow(ctx, RoleAdmin); err != nil {
		return Nomination{}, err
	}
	for _, f := range []*string{&in.Name, &in.Reference, &in.Date, &in.FocalPoint, &in.Email} {
		*f = NameText.Tidy(*f)
	}
	if err := in.Validate(); err != nil {
		return Nomination{}, err
	}
	var id int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = nominee(ctx, tx, in.Name); err != nil {
			return err
		}
		var file any
		if in.File != nil {
			file = in.File
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO nominations (affiliation_id, reference, dated, focal_point, email, file, recorded_at, recorded_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (affiliation_id) DO UPDATE SET reference = excluded.reference, dated = excluded.dated,
			focal_point = excluded.focal_point, email = excluded.email, file = excluded.file,
			recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
			id, in.Reference, in.Date, in.FocalPoint, in.Email, file, s.now(), actorFrom(ctx).Operator)
		if err != nil {
			return fmt.Errorf("record nomination: %w", err)
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditNomination, Field: in.Name, New: in.Summary()})
	})
	if err != nil {
		return Nomination{}, err
	}
	n, _, err := s.Nomination(ctx, id)
	return n, err
}

// nominee finds the delegation or organisation a nomination names.
func nominee(ctx context.Context, tx querier, name string) (int64, error) {
	kind, folded := AffiliationOrganization, search.Fold(name)
	if c, ok := country.Lookup(name); ok {
		kind, folded = AffiliationDelegation, search.Fold(c.Name("en"))
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM affiliations WHERE kind = ? AND folded = ?`, kind, folded).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		if err != nil {
			return 0, fmt.Errorf("find nominee: %w", err)
		}
		return id, nil
	}
	if tx.QueryRowContext(ctx, `SELECT id FROM affiliations WHERE kind = ? AND folded = ?`, AffiliationMedia, search.Fold(name)).Scan(&id) == nil {
		return 0, NewError(EINVALID, msgNominationMedia, msg.Args{"Name": name})
	}
	return 0, NewError(ENOTFOUND, msgNoNominee, msg.Args{"Name": name})
}

const nominationColumns = `a.id, a.kind, a.name, a.country, a.org_kind, n.reference, n.dated, n.focal_point, n.email,
	COALESCE(LENGTH(n.file), 0), n.recorded_at, n.recorded_by FROM nominations n JOIN affiliations a ON a.id = n.affiliation_id`

func scanNomination(row interface{ Scan(...any) error }) (Nomination, error) {
	var n Nomination
	var at string
	a := &n.Affiliation
	err := row.Scan(&a.ID, &a.Kind, &a.Name, &a.Country, &a.OrgKind, &n.Reference, &n.Date, &n.FocalPoint, &n.Email, &n.FileSize, &at, &n.RecordedBy)
	n.RecordedAt = parseTime(at)
	return n, err
}

// Nomination returns the nomination of the affiliation with the given id,
// and whether it has one.
func (s *Store) Nomination(ctx context.Context, affiliationID int64) (Nomination, bool, error) {
	n, err := scanNomination(s.db.QueryRowContext(ctx, `SELECT `+nominationColumns+` WHERE n.affiliation_id = ?`, affiliationID))
	if errors.Is(err, sql.ErrNoRows) {
		return Nomination{}, false, nil
	}
	if err != nil {
		return Nomination{}, false, fmt.Errorf("read nomination: %w", err)
	}
	return n, true, nil
}

// Nominations returns every recorded nomination, delegations first, each
// kind by name.
func (s *Store) Nominations(ctx context.Context) ([]Nomination, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+nominationColumns+` ORDER BY a.kind, a.folded`)
	if err != nil {
		return nil, fmt.Errorf("read nominations: %w", err)
	}
	defer rows.Close()
	var list []Nomination
	for rows.Next() {
		n, err := scanNomination(rows)
		if err != nil {
			return nil, fmt.Errorf("scan nomination: %w", err)
		}
		list = append(list, n)
	}
	return list, rows.Err()
}

// NominationFile returns the PDF kept with an affiliation's nomination, or
// nothing.
func (s *Store) NominationFile(ctx context.Context, affiliationID int64) ([]byte, error) {
	var file []byte
	err := s.db.QueryRowContext(ctx, `SELECT file FROM nominations WHERE affiliation_id = ?`, affiliationID).Scan(&file)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read nomination file: %w", err)
	}
	return file, nil
}

// NominationNamed returns the nomination of the delegation or organisation
// name names (a country's code or name, or an organisation's name), and
// the PDF kept with it, or nothing. It returns ENOTFOUND when nothing has
// that name or it has no nomination yet.
func (s *Store) NominationNamed(ctx context.Context, name string) (Nomination, []byte, error) {
	id, err := nominee(ctx, s.db, NameText.Tidy(name))
	if err != nil {
		return Nomination{}, nil, err
	}
	n, ok, err := s.Nomination(ctx, id)
	if err != nil {
		return Nomination{}, nil, err
	}
	if !ok {
		var named string
		if err := s.db.QueryRowContext(ctx, `SELECT name FROM affiliations WHERE id = ?`, id).Scan(&named); err != nil {
			return Nomination{}, nil, fmt.Errorf("read affiliation: %w", err)
		}
		return Nomination{}, nil, NewError(ENOTFOUND, msgNoNomination, msg.Args{"Name": named})
	}
	file, err := s.NominationFile(ctx, id)
	return n, file, err
}

// awaitingNomination is the condition, on participants p, that holds a
// participant back until their delegation's or organisation's nomination is
// recorded, where the event requires one. Journalists and people who come
// on their own need none.
const awaitingNomination = `(SELECT nominations_required FROM event WHERE id = 1) = TRUE AND EXISTS (
	SELECT 1 FROM affiliations a WHERE a.id = p.affiliation_id AND a.kind IN ('delegation', 'organization')
	AND NOT EXISTS (SELECT 1 FROM nominations n WHERE n.affiliation_id = a.id))`

// approvalColumns read, from participants p, what the rulebook looks at to
// approve: status, clearance, category, badge issue, and the name of the
// delegation or organisation whose nomination the event awaits, if any.
const approvalColumns = `p.status, CASE WHEN ` + clearanceRequired + ` THEN p.clearance ELSE '' END, p.category, p.badge_issue,
	CASE WHEN ` + awaitingNomination + ` THEN (SELECT a.name FROM affiliations a WHERE a.id = p.affiliation_id) ELSE '' END`

// approval asks the rulebook whether participant id may be approved, within
// tx. It returns Accepted, Already (approved already: nothing to do), or
// EINVALID saying why not (rejected or withdrawn, or the delegation's or
// organisation's nomination awaited).
func approval(ctx context.Context, tx *sql.Tx, id int64) (rules.Verdict, error) {
	var p rules.Person
	var n rules.Nomination
	err := tx.QueryRowContext(ctx, `SELECT `+approvalColumns+` FROM participants p WHERE p.id = ?`, id).
		Scan(&p.Status, &p.Clearance, &p.Category, &p.Issue, &n.Awaited)
	if err != nil {
		return "", notFoundParticipant(err, "read status", id)
	}
	verdict, why := rules.Approve(p, n)
	return verdict, approvalError(id, p, verdict, why)
}

// approvalError is the rulebook's refusal to approve participant id as an
// EINVALID naming them; nil when it did not refuse.
func approvalError(id int64, p rules.Person, verdict rules.Verdict, why rules.Reason) error {
	switch {
	case verdict != rules.Rejected:
		return nil
	case why.Code == rules.AwaitingNomination:
		return NewError(EINVALID, msgAwaitingNomination, msg.Args{"Number": BadgeNumber(id), "Name": why.Args["Name"]})
	}
	return NewError(EINVALID, msgNotApprovable, msg.Args{"Number": BadgeNumber(id), "Status": p.Status.Message()})
}

// ApproveDelegation approves every registered participant of the
// delegation or organisation with the given id, in one transaction, and
// returns their ids (for an Undo). It returns ENOTFOUND for an unknown
// affiliation and EINVALID when its nomination is required and not
// recorded yet.
func (s *Store) ApproveDelegation(ctx context.Context, affiliationID int64) ([]int64, error) {
	if err := allow(ctx, RoleDesk); err != nil {
		return nil, err
	}
	var ids []int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM affiliations WHERE id = ?`, affiliationID).Scan(&name); err != nil {
			return notFound(err, "read affiliation", msgNoAffiliation, nil)
		}
		var err error
		ids, err = queryIDs(ctx, tx, `SELECT id FROM participants WHERE affiliation_id = ? AND status = ? ORDER BY id`, affiliationID, StatusRegistered)
		if err != nil {
			return err
		}
		now := s.now()
		for _, id := range ids {
			if _, err := approval(ctx, tx, id); err != nil {
				return err
			}
			if err := s.recordStatus(ctx, tx, now, id, StatusApproved, ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// CountInAffiliation returns how many participants of the delegation,
// organisation or media outlet with the given id have the status.
func (s *Store) CountInAffiliation(ctx context.Context, affiliationID int64, status Status) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM participants WHERE affiliation_id = ? AND status = ?`, affiliationID, status).Scan(&n); err != nil {
		return 0, fmt.Errorf("count participants: %w", err)
	}
	return n, nil
}

var (
	msgNominationFileSize = msg.Define("The nomination file is larger than 15 MB.")
	msgNominationMedia    = msg.Define("{{.Name}} is a media outlet: journalists are accredited by the media unit, without a nomination.")
	msgNoNominee          = msg.Define("There is no delegation or organisation named {{.Name}}; give a country's code or name, or an organisation's name as registered.")
	msgNoAffiliation      = msg.Define("There is no such delegation or organisation.")
	msgNoNomination       = msg.Define("{{.Name}} has no nomination recorded yet.")
	msgAwaitingNomination = msg.Define("{{.Number}} cannot be approved yet: {{.Name}} has no nomination recorded yet.")
)
