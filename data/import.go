package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ImportRow is one line of an import file.
type ImportRow struct {
	Line     int
	Input    ParticipantInput
	Photo    []byte       // prepared JPEG, if the line names a photo
	Problems []FieldError // found while reading the line
}

// ImportReport says what an import did, or would do on a dry run.
type ImportReport struct {
	Rows      int
	Created   int
	Updated   int
	Unchanged int
}

// ImportParticipants registers or corrects every row in one transaction, all
// or nothing. A row whose nationality and document number are already
// registered corrects that participant, so importing a file twice creates
// no duplicates. When any row is wrong it returns EINVALID naming every bad
// line, field and reason, and changes nothing. A dry run checks everything
// and reports what would happen, changing nothing.
func (s *Store) ImportParticipants(ctx context.Context, rows []ImportRow, dryRun bool, operator string) (ImportReport, error) {
	report := ImportReport{Rows: len(rows)}
	if len(rows) == 0 {
		return report, Errorf(EINVALID, "The file holds no participants.")
	}
	errDryRun := errors.New("dry run")
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		var problems []FieldError
		firstLine := map[[2]string]int{}
		for i := range rows {
			row := &rows[i]
			problems = append(problems, row.Problems...)
			row.Input = row.Input.Normalize()
			if err := row.Input.Validate(w.categories); err != nil {
				for _, f := range ErrorFields(err) {
					f.Line = row.Line
					problems = append(problems, f)
				}
				continue
			}
			key := [2]string{row.Input.Nationality, documentKey(row.Input.DocumentNumber)}
			if first, seen := firstLine[key]; seen {
				problems = append(problems, FieldError{Line: row.Line, Field: FieldDocumentNumber,
					Reason: fmt.Sprintf("The same document number and nationality are on line %d already.", first)})
				continue
			}
			firstLine[key] = row.Line
			if len(problems) > 0 {
				continue // keep checking, but write nothing more
			}
			if err := w.importRow(row, &report, operator); err != nil {
				return err
			}
		}
		if len(problems) > 0 {
			sortFieldErrors(problems)
			return &Error{Code: EINVALID, Fields: problems, Message: fmt.Sprintf(
				"The file was not imported: %d problem(s) on %d line(s). Nothing was changed.", len(problems), countLines(problems))}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return ImportReport{Rows: len(rows)}, err
	}
	return report, nil
}

func (w *writer) importRow(row *ImportRow, report *ImportReport, operator string) error {
	id, err := w.holderOf(row.Input)
	if err != nil {
		return err
	}
	if id == 0 {
		if id, err = w.insert(row.Input, StatusRegistered, operator); err != nil {
			return err
		}
		report.Created++
	} else {
		old, err := w.s.participantTx(w.tx, id)
		if err != nil {
			return err
		}
		if old.Input().Normalize() == row.Input && row.Photo == nil {
			report.Unchanged++
			return nil
		}
		if err := w.update(id, row.Input); err != nil {
			return err
		}
		report.Updated++
	}
	if row.Photo != nil {
		return w.s.putPhoto(w.tx, id, row.Photo)
	}
	return nil
}

func countLines(problems []FieldError) int {
	lines := map[int]bool{}
	for _, p := range problems {
		lines[p.Line] = true
	}
	return len(lines)
}
