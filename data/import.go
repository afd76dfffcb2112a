package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"accred/data/domain"
	"accred/data/msg"
)

// ImportRow is one line of an import file.
type ImportRow struct {
	Line     int
	Input    ParticipantInput
	Photo    []byte       // prepared JPEG, if the line names a photo
	Problems []FieldError // found while reading the line

	// Zones are the participant's own zone changes, when the file has a
	// zones column (none: their category's zones).
	Zones *[]ZoneChange

	// Kept are the fields whose cell is empty, or whose column the file
	// lacks: a participant registered already keeps what they had
	// (KeptFields). A cell of ClearCell is read as empty and not kept.
	Kept KeptFields

	// ConfirmIdentity confirms that the line changes who someone approved,
	// cleared or printed is (rules.Reidentify): they go back to pending and
	// their printed badge stops working. Unconfirmed, such a line refuses
	// the import; confirmed, a line that changes nobody's identity does too.
	ConfirmIdentity bool

	recheck bool // a problem of a kept field, checked again once kept
}

// ImportReport says what an import did, or would do on a dry run.
type ImportReport struct {
	Rows      int
	Created   int
	Updated   int
	Unchanged int

	// Reidentified counts the updated whose identity changed, confirmed:
	// registered again, their clearance pending and their badge void.
	Reidentified int
}

// ImportParticipants registers or corrects every row in one transaction, all
// or nothing. A row whose nationality and document number are already
// registered corrects that participant, so importing a file twice creates
// no duplicates. When any row is wrong it returns EINVALID naming every bad
// line, field and reason, and changes nothing. A dry run checks everything
// and reports what would happen, changing nothing. ENOTFOUND means the
// database holds no event.
func (s *Store) ImportParticipants(ctx context.Context, rows []ImportRow, dryRun bool) (ImportReport, error) {
	return s.ImportFile(ctx, ImportSource{}, rows, dryRun)
}

// ImportSource is the file an import's rows were read from, as the audit
// trail names it.
type ImportSource struct {
	Name   string // the file's name, without its folder
	SHA256 string // its content's hash, in hex
}

// ImportSourceAt names and hashes the file at path for the audit trail.
func ImportSourceAt(path string) (ImportSource, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportSource{}, NewError(EINVALID, msgCannotOpen, msg.Args{"Path": path, "Err": err})
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ImportSource{}, NewError(EINVALID, msgCannotOpen, msg.Args{"Path": path, "Err": err})
	}
	return ImportSource{Name: filepath.Base(path), SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// ImportFile imports rows as ImportParticipants does, recording in the audit
// trail the file they came from, then every participant it registered or
// changed, field by field.
func (s *Store) ImportFile(ctx context.Context, file ImportSource, rows []ImportRow, dryRun bool) (ImportReport, error) {
	if err := allow(ctx, RoleAdmin); err != nil {
		return ImportReport{}, err
	}
	report := ImportReport{Rows: len(rows)}
	if len(rows) == 0 {
		return report, NewError(EINVALID, msgImportEmpty, nil)
	}
	categories, err := s.Categories(ctx)
	if err != nil {
		return report, err
	}
	if len(categories) == 0 {
		return report, errNoEvent()
	}
	zones, err := s.Zones(ctx)
	if err != nil {
		return report, err
	}
	today, err := s.today(ctx)
	if err != nil {
		return report, err
	}
	keys, err := s.checkRows(ctx, rows, categories, zones, today)
	if err != nil {
		return report, err
	}

	errDryRun := errors.New("dry run")
	if file.Name != "" {
		ctx = WithActor(ctx, actorFrom(ctx).importing(file.Name)) // each change names the file in the trail
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		if err := w.loadHolders(); err != nil {
			return err
		}
		w.trail = append(w.trail, AuditEntry{Action: AuditImport, Field: file.Name, New: file.SHA256})
		for i := range rows {
			if err := w.importRow(&rows[i], keys[i], &report); err != nil {
				return err
			}
		}
		if err := w.refusal(); err != nil {
			return err
		}
		if err := w.done(); err != nil {
			return err
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

// checkRows normalises and checks every row, on every core, before any is
// written, the zones they name against the event's, and their consent
// against the event's today. It returns each row's stored keys, or EINVALID
// with every problem. A problem of a field an empty cell keeps (a
// delegate's delegation left empty) waits for the import to know whether
// someone registered already keeps a value that is right; when the file
// is refused anyway, it is named for the lines of someone new.
func (s *Store) checkRows(ctx context.Context, rows []ImportRow, categories []Category, zones []Zone, today string) ([]storedKeys, error) {
	keys := make([]storedKeys, len(rows))
	found := make([][]FieldError, len(rows))
	waiting := make([][]FieldError, len(rows))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(rows); i += workers {
				row := &rows[i]
				row.Input = row.Input.Normalize()
				for _, f := range ErrorFields(row.Input.Validate(categories)) {
					f.Line = row.Line
					if row.keeps(f.Field) {
						row.recheck = true // the value kept may be right
						waiting[i] = append(waiting[i], f)
						continue
					}
					found[i] = append(found[i], f)
				}
				if f, ok := row.Input.ConsentProblem(today); ok {
					f.Line = row.Line
					found[i] = append(found[i], f)
				}
				keys[i] = keysOf(row.Input)
			}
		}(w)
	}
	wg.Wait()

	var problems []FieldError
	firstLine := map[[2]string]int{}
	for i, row := range rows {
		problems = append(problems, row.Problems...)
		problems = append(problems, found[i]...)
		if row.Zones != nil {
			for _, c := range *row.Zones {
				problems = append(problems, zoneProblems(row.Line, FieldZones, []int{c.Zone}, zones)...)
			}
		}
		if len(found[i]) > 0 {
			continue
		}
		key := [2]string{row.Input.Nationality, keys[i].document}
		if first, seen := firstLine[key]; seen {
			problems = append(problems, FieldError{Line: row.Line, Field: FieldDocumentNumber,
				Reason: msgDocumentTwice.With(msg.Args{"Line": first})})
			continue
		}
		firstLine[key] = row.Line
	}
	if len(problems) == 0 {
		return keys, nil
	}
	for i, w := range waiting {
		if len(w) == 0 {
			continue
		}
		registered, err := queryIDs(ctx, s.db, `SELECT id FROM participants WHERE nationality = ? AND document_key = ?`, rows[i].Input.Nationality, keys[i].document)
		if err != nil {
			return nil, err
		}
		if len(registered) == 0 {
			problems = append(problems, w...)
		}
	}
	return nil, notImported(msgNotImported, problems)
}

// keeps reports whether a problem of field may be put right by what a
// participant registered already has: the field is kept, or it is the
// head of delegation of someone whose delegation is kept.
func (row *ImportRow) keeps(field string) bool {
	return row.Kept.Has(field) || field == FieldHead && row.Kept.Has(FieldDelegation)
}

// lineProblems notes the problems of err on a line, which refuse the
// import once every line was tried.
func (w *writer) lineProblems(line int, err error) error {
	fields := ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	for _, f := range fields {
		f.Line = line
		w.problems = append(w.problems, f)
	}
	return nil
}

// refusal is the import's refusal once every line was tried: the lines'
// problems, else the changes of identity waiting for a confirmation; nil
// when there are none.
func (w *writer) refusal() error {
	if len(w.problems) > 0 {
		return notImported(msgNotImported, w.problems)
	}
	if len(w.conflicts) > 0 {
		domain.SortFieldErrors(w.conflicts)
		return &Error{Code: ECONFLICT, Fields: w.conflicts, Message: msgIdentityImport.With(msg.Args{"Lines": msgLines.With(msg.Args{"Count": len(w.conflicts)})})}
	}
	return nil
}

func (w *writer) importRow(row *ImportRow, k storedKeys, report *ImportReport) error {
	photo := row.Photo
	id, err := w.holderOf(row.Input.Nationality, k.document)
	if err != nil {
		return err
	}
	if id == 0 {
		if row.ConfirmIdentity {
			w.problems = append(w.problems, FieldError{Line: row.Line, Reason: msgConfirmedNone.Msg()})
			return nil
		}
		if row.recheck {
			if err := w.validate(row.Input); err != nil {
				return w.lineProblems(row.Line, err)
			}
		}
		if id, err = w.insert(row.Input, k); err != nil {
			return err
		}
		report.Created++
		if row.Zones != nil && len(*row.Zones) > 0 {
			if err := w.flush(); err != nil {
				return err
			}
			if _, err := w.importZones(id, row); err != nil {
				return err
			}
		}
	} else {
		if err := w.flush(); err != nil {
			return err
		}
		old, err := w.s.participantTx(w.ctx, w.tx, id)
		if err != nil {
			return err
		}
		before := old.Input().Normalize()
		before.Version = 0
		in := keepEmpty(row.Input, row.Kept, before) // the row stays as read: a check, then the import, read it again
		k = keysOf(in)
		if row.recheck {
			if err := w.validate(in); err != nil {
				return w.lineProblems(row.Line, err)
			}
		}
		void, err := reidentify(old, in, row.ConfirmIdentity, row.Line)
		switch {
		case IsIdentityChange(err):
			w.conflicts = append(w.conflicts, ErrorFields(err)...)
			return nil
		case err != nil:
			return err
		case row.ConfirmIdentity && !void:
			w.problems = append(w.problems, FieldError{Line: row.Line, Reason: msgConfirmedNone.Msg()})
			return nil
		case void:
			report.Reidentified++
			if err := w.s.voidIdentity(w.ctx, w.tx, w.now, old, identityNote(actorFrom(w.ctx).source)); err != nil {
				return err
			}
		}
		zonesChanged, err := w.importZones(id, row)
		if err != nil {
			return err
		}
		if photo != nil {
			if photo, err = w.newPhoto(id, photo); err != nil {
				return err
			}
		}
		if before == in && photo == nil {
			if zonesChanged {
				report.Updated++
			} else {
				report.Unchanged++
			}
			return nil
		}
		if err := w.update(id, before, in, k); err != nil {
			return err
		}
		report.Updated++
	}
	if photo != nil {
		if err := w.flush(); err != nil {
			return err
		}
		entry, err := w.s.putPhoto(w.ctx, w.tx, w.now, id, photo)
		w.trail = append(w.trail, entry)
		return err
	}
	return nil
}

// newPhoto returns jpeg, or nil when it is the participant's photo already
// (an exported roster imported again changes nobody).
func (w *writer) newPhoto(id int64, jpeg []byte) ([]byte, error) {
	var old []byte
	err := w.tx.QueryRowContext(w.ctx, `SELECT jpeg FROM photos WHERE participant_id = ?`, id).Scan(&old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return jpeg, nil
	case err != nil:
		return nil, fmt.Errorf("read photo: %w", err)
	case bytes.Equal(old, jpeg):
		return nil, nil
	}
	return jpeg, nil
}

// importZones makes a row's zone changes, when its file has a zones column,
// the participant's, and reports whether they were different.
func (w *writer) importZones(id int64, row *ImportRow) (bool, error) {
	if row.Zones == nil {
		return false, nil
	}
	changed, err := setZoneChangesTx(w.ctx, w.tx, id, *row.Zones)
	if err != nil || changed == nil {
		return false, err
	}
	w.trail = append(w.trail, *changed)
	return true, nil
}

var (
	msgImportEmpty   = msg.Define("The file holds no participants.")
	msgDocumentTwice = msg.Define("The same document number and nationality are on line {{.Line}} already.")
	msgNotImported   = msg.Define("The file was not imported: {{.Problems}} on {{.Lines}}. Nothing was changed.")
)
