package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"accred/data/domain"

	"accred/data/country"
	"accred/data/msg"
)

// ClearanceRequests returns the list the host country's security service
// is sent: a header of ClearanceColumns, then one line per participant
// whose clearance is pending (rejected and withdrawn people left out), by
// nationality and name. It returns ECONFLICT where the event requires no
// clearance and ENOTFOUND when the database holds no event.
func (s *Store) ClearanceRequests(ctx context.Context) ([][]string, error) {
	if err := s.mayReadEverything(ctx, false); err != nil {
		return nil, err
	}
	if err := checkClearanceRequired(ctx, s.db); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT family_name, given_name, date_of_birth, place_of_birth, nationality, document_number, category
		FROM participants WHERE clearance = 'pending' AND status NOT IN ('rejected', 'withdrawn') ORDER BY nationality, sort_key, id`)
	if err != nil {
		return nil, fmt.Errorf("find pending clearance: %w", err)
	}
	defer rows.Close()
	table := [][]string{ClearanceColumns}
	for rows.Next() {
		line := make([]string, len(ClearanceColumns))
		if err := rows.Scan(&line[0], &line[1], &line[2], &line[3], &line[4], &line[5], &line[6]); err != nil {
			return nil, fmt.Errorf("read pending clearance: %w", err)
		}
		table = append(table, line)
	}
	return table, rows.Err()
}

// ClearanceAnswer is one line of the security service's answer.
type ClearanceAnswer struct {
	Line           int
	DocumentNumber string
	Nationality    string // code or name
	Result         string // cleared or refused
	Reason         string // why, kept in the trail; may be empty
}

// ImportClearance records the security service's answer, all or nothing:
// each line names a participant by document number and nationality and
// gives the result, and the reason, if any, goes to the trail. It records
// one person's answer given at a desk too, as a one-line answer. It returns the number of participants whose clearance
// it recorded, or EINVALID naming every bad line (an unknown person, a
// result that is neither cleared nor refused, a person twice), changing
// nothing; ECONFLICT where the event requires no clearance.
func (s *Store) ImportClearance(ctx context.Context, answers []ClearanceAnswer) (int, error) {
	operator := actorFrom(ctx).Operator
	if err := allow(ctx, RoleAdmin); err != nil {
		return 0, err
	}
	if len(answers) == 0 {
		return 0, NewError(EINVALID, msgClearanceEmpty, nil)
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkClearanceRequired(ctx, tx); err != nil {
			return err
		}
		var problems []FieldError
		bad := func(line int, field string, key msg.Key, args msg.Args) {
			problems = append(problems, FieldError{Line: line, Field: field, Reason: key.With(args)})
		}
		firstLine := map[int64]int{}
		var trail []AuditEntry
		now, rev := s.now(), int64(0)
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(rev), 0) + 1 FROM participants`).Scan(&rev); err != nil {
			return fmt.Errorf("read revision: %w", err)
		}
		for _, a := range answers {
			result, ok := ParseClearanceResult(a.Result)
			if !ok {
				bad(a.Line, "result", msgClearanceResult, msg.Args{"Value": a.Result})
			}
			if reason := NameText.Check(a.DocumentNumber); !reason.IsZero() {
				bad(a.Line, FieldDocumentNumber, reason, nil)
				continue
			}
			c, known := country.Lookup(NameText.Tidy(a.Nationality))
			if !known {
				bad(a.Line, FieldNationality, domain.MsgUnknownCountry, nil)
				continue
			}
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM participants WHERE nationality = ? AND document_key = ?`, c.Code, domain.DocumentKey(a.DocumentNumber)).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				bad(a.Line, FieldDocumentNumber, msgClearanceNobody, msg.Args{"Document": a.DocumentNumber, "Nationality": c.Code})
				continue
			}
			if err != nil {
				return fmt.Errorf("find cleared participant: %w", err)
			}
			if first, seen := firstLine[id]; seen {
				bad(a.Line, FieldDocumentNumber, msgDocumentTwice, msg.Args{"Line": first})
				continue
			}
			firstLine[id] = a.Line
			if !ok {
				continue
			}
			var before Clearance
			if err := tx.QueryRowContext(ctx, `SELECT clearance FROM participants WHERE id = ?`, id).Scan(&before); err != nil {
				return fmt.Errorf("read clearance: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE participants SET clearance = ?, updated_at = ?, updated_by = ?, rev = ? WHERE id = ?`,
				string(result), now, operator, rev, id); err != nil {
				return fmt.Errorf("record clearance: %w", err)
			}
			trail = append(trail, AuditEntry{ParticipantID: id, Action: AuditClearance, Field: NameText.Tidy(a.Reason), Old: string(before), New: string(result)})
		}
		if len(problems) > 0 {
			return notImported(msgClearanceNotImported, problems)
		}
		return s.audit(ctx, tx, trail...)
	})
	if err != nil {
		return 0, err
	}
	return len(answers), nil
}

// checkClearanceRequired returns ECONFLICT where the event requires no
// clearance.
func checkClearanceRequired(ctx context.Context, q querier) error {
	var required bool
	err := q.QueryRowContext(ctx, `SELECT clearance_required FROM event WHERE id = 1`).Scan(&required)
	if err != nil {
		return notFound(err, "read clearance setting", msgNoEvent, nil)
	}
	if !required {
		return NewError(ECONFLICT, msgClearanceNotRequired, nil)
	}
	return nil
}

var (
	msgClearanceEmpty       = msg.Define("The file holds no answer.")
	msgClearanceResult      = msg.Define("\"{{.Value}}\" is not a result: write cleared or refused.")
	msgClearanceNobody      = msg.Define("Nobody is registered with document {{.Document}} of {{.Nationality}}.")
	msgClearanceNotImported = msg.Define("The answer was not imported: {{.Problems}} on {{.Lines}}. Nothing was changed.")
	msgClearanceNotRequired = msg.Define("This event does not require security clearance; turn it on with: accred settings clearance_required yes")
)
