package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"accred/data/domain"
	"accred/data/msg"
	"accred/data/search"
)

// writer writes participants inside one transaction, remembering the
// categories and affiliations it has seen so that a large import stays fast.
type writer struct {
	s            *Store
	ctx          context.Context // the transaction's, for every statement
	tx           *sql.Tx
	categories   []Category
	affiliations map[[2]string]int64
	nextID       int64
	rev          int64
	now          string
	today        string // the event's date now, YYYY-MM-DD
	stmts        map[string]*sql.Stmt
	holders      map[[2]string]int64 // document holders, once loaded for an import
	pending      []any               // new participants' values not yet sent, during an import
	trail        []AuditEntry        // what was changed, for the audit trail when the writer is done
	problems     []FieldError        // an import's lines found wrong once kept values are known
	conflicts    []FieldError        // an import's lines changing who someone is, unconfirmed
}

// insertBatch is how many new participants an import sends in one
// statement: a round trip to a server per row would cost more than the rows.
const insertBatch = 100

// participantInsert is the start of the statement that registers
// participants, participantValues one row's placeholders.
const (
	participantInsert = `INSERT INTO participants (id, category, title, given_name, family_name, native_name, nationality,
		affiliation_id, position, head_of_delegation, rank, gender, email, document_number, document_key, name_key, status, status_at,
		date_of_birth, place_of_birth, consent_on, created_by, search_words, sort_key, created_at, updated_at, updated_by, rev) VALUES `
	participantValues = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// loadHolders reads who holds which document, so that an import need not
// ask row by row. From then on, insert sends new participants a batch at a
// time.
func (w *writer) loadHolders() error {
	rows, err := w.tx.QueryContext(w.ctx, `SELECT nationality, document_key, id FROM participants`)
	if err != nil {
		return fmt.Errorf("read documents: %w", err)
	}
	defer rows.Close()
	w.holders = map[[2]string]int64{}
	for rows.Next() {
		var k [2]string
		var id int64
		if err := rows.Scan(&k[0], &k[1], &id); err != nil {
			return err
		}
		w.holders[k] = id
	}
	return rows.Err()
}

// stmt returns query prepared once for the writer's transaction: a large
// import runs the same few statements many thousand times.
func (w *writer) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writer) exec(query string, args ...any) error {
	st, err := w.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(w.ctx, args...)
	return err
}

func (s *Store) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{s: s, ctx: ctx, tx: tx, affiliations: map[[2]string]int64{}, now: s.now(), stmts: map[string]*sql.Stmt{}}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1, COALESCE(MAX(rev), 0) + 1 FROM participants`).Scan(&w.nextID, &w.rev); err != nil {
		return nil, fmt.Errorf("next participant id: %w", err)
	}
	var err error
	if w.categories, err = readCategories(ctx, tx); err != nil {
		return nil, err
	}
	if len(w.categories) == 0 {
		return nil, errNoEvent()
	}
	if w.today, err = s.today(ctx); err != nil {
		return nil, err
	}
	return w, nil
}

// today is the event's date now, YYYY-MM-DD, in its time zone.
func (s *Store) today(ctx context.Context) (string, error) {
	loc, err := s.location(ctx)
	if err != nil {
		return "", err
	}
	return s.Now().In(loc).Format(time.DateOnly), nil
}

// validate checks a normalised input as Validate does, and its consent
// against the event's today.
func (w *writer) validate(in ParticipantInput) error {
	if err := in.Validate(w.categories); err != nil {
		return err
	}
	if problem, ok := in.ConsentProblem(w.today); ok {
		return &Error{Code: EINVALID, Message: domain.MsgParticipantInvalid.Msg(), Fields: []FieldError{problem}}
	}
	return nil
}

// checkDocumentFree returns ECONFLICT when someone other than selfID holds
// in's document number for the same nationality.
func (w *writer) checkDocumentFree(in ParticipantInput, k storedKeys, selfID int64) error {
	id, err := w.holderOf(in.Nationality, k.document)
	if err != nil {
		return err
	}
	if id != 0 && id != selfID {
		p, err := w.s.participantTx(w.ctx, w.tx, id)
		if err != nil {
			return err
		}
		return &Error{Code: ECONFLICT, Message: msgDocumentRegistered.Msg(),
			Fields: []FieldError{{Field: FieldDocumentNumber, Reason: msgDocumentHolder.With(msg.Args{
				"Document": in.DocumentNumber, "Country": countryNamed(in.Nationality), "Name": p.FullName(), "Number": p.BadgeNumber()})}}}
	}
	return nil
}

// holderOf returns the id of whoever holds a document of a nationality, or 0.
func (w *writer) holderOf(nationality, document string) (int64, error) {
	if w.holders != nil {
		return w.holders[[2]string{nationality, document}], nil
	}
	st, err := w.stmt(`SELECT id FROM participants WHERE nationality = ? AND document_key = ?`)
	if err != nil {
		return 0, err
	}
	var id int64
	err = st.QueryRowContext(w.ctx, nationality, document).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find document holder: %w", err)
	}
	return id, nil
}

func (w *writer) affiliationID(in ParticipantInput) (sql.NullInt64, error) {
	a, ok := in.Affiliation()
	if !ok {
		return sql.NullInt64{}, nil
	}
	key := [2]string{a.Kind, search.Fold(a.Name)}
	if id, ok := w.affiliations[key]; ok {
		return sql.NullInt64{Int64: id, Valid: true}, nil
	}
	var id int64
	err := w.tx.QueryRowContext(w.ctx, `SELECT id FROM affiliations WHERE kind = ? AND folded = ?`, key[0], key[1]).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err := w.tx.QueryRowContext(w.ctx, `INSERT INTO affiliations (kind, name, country, org_kind, folded) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			a.Kind, a.Name, a.Country, a.OrgKind, key[1]).Scan(&id)
		if err != nil {
			return sql.NullInt64{}, fmt.Errorf("insert affiliation: %w", err)
		}
	case err != nil:
		return sql.NullInt64{}, fmt.Errorf("find affiliation: %w", err)
	case a.OrgKind != "":
		if _, err := w.tx.ExecContext(w.ctx, `UPDATE affiliations SET org_kind = ? WHERE id = ?`, a.OrgKind, id); err != nil {
			return sql.NullInt64{}, fmt.Errorf("update affiliation: %w", err)
		}
	}
	w.affiliations[key] = id
	return sql.NullInt64{Int64: id, Valid: true}, nil
}

// insert registers a normalised, valid participant and returns their id.
// During an import (once loadHolders has run) the row is kept with the
// next ones and sent with them; flush sends what is kept.
func (w *writer) insert(in ParticipantInput, k storedKeys) (int64, error) {
	operator := actorFrom(w.ctx).Operator
	aff, err := w.affiliationID(in)
	if err != nil {
		return 0, err
	}
	id := w.nextID
	values := []any{id, in.Category, in.Title, in.GivenName, in.FamilyName, in.NativeName, in.Nationality, aff, in.Position,
		in.HeadOfDelegation, in.Rank, in.Gender, in.Email, in.DocumentNumber, k.document, k.name, StatusRegistered, w.now,
		in.DateOfBirth, in.PlaceOfBirth, in.ConsentOn, operator, k.searchWords(id), k.sort, w.now, w.now, operator, w.rev}
	w.nextID++
	registered := registerEntry(id, in)
	w.trail = append(w.trail, registered)
	if w.holders == nil {
		if err := w.exec(participantInsert+participantValues, values...); err != nil {
			return 0, fmt.Errorf("insert participant: %w", err)
		}
		return id, nil
	}
	w.holders[[2]string{in.Nationality, k.document}] = id
	w.pending = append(w.pending, values...)
	if len(w.pending) >= insertBatch*len(values) {
		return id, w.flush()
	}
	return id, nil
}

// flush sends the new participants an import keeps, in one statement.
func (w *writer) flush() error {
	rows := len(w.pending) / strings.Count(participantValues, "?")
	if rows == 0 {
		return nil
	}
	query := participantInsert + participantValues + strings.Repeat(", "+participantValues, rows-1)
	if err := w.exec(query, w.pending...); err != nil {
		return fmt.Errorf("insert participants: %w", err)
	}
	w.pending = w.pending[:0]
	return nil
}

// done sends what the writer keeps: new participants not yet sent, and
// the audit trail's lines for every change it made.
func (w *writer) done() error {
	if err := w.flush(); err != nil {
		return err
	}
	err := w.s.audit(w.ctx, w.tx, w.trail...)
	w.trail = nil
	return err
}

// update replaces a participant's details, before, with a normalised,
// valid input.
func (w *writer) update(id int64, before, in ParticipantInput, k storedKeys) error {
	operator := actorFrom(w.ctx).Operator
	aff, err := w.affiliationID(in)
	if err != nil {
		return err
	}
	res, err := w.tx.ExecContext(w.ctx, `UPDATE participants SET category = ?, title = ?, given_name = ?, family_name = ?, native_name = ?,
		nationality = ?, affiliation_id = ?, position = ?, head_of_delegation = ?, rank = ?, gender = ?, email = ?, document_number = ?,
		date_of_birth = ?, place_of_birth = ?, consent_on = ?, document_key = ?, name_key = ?, search_words = ?, sort_key = ?, updated_at = ?, updated_by = ?, rev = ? WHERE id = ?`,
		in.Category, in.Title, in.GivenName, in.FamilyName, in.NativeName, in.Nationality, aff, in.Position,
		in.HeadOfDelegation, in.Rank, in.Gender, in.Email, in.DocumentNumber, in.DateOfBirth, in.PlaceOfBirth, in.ConsentOn, k.document, k.name,
		k.searchWords(id), k.sort, w.now, operator, w.rev, id)
	if err != nil {
		return fmt.Errorf("update participant: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoParticipant(id)
	}
	w.trail = append(w.trail, editEntries(id, before, in)...)
	return nil
}

func (s *Store) participantTx(ctx context.Context, tx *sql.Tx, id int64) (Participant, error) {
	p, err := scanParticipant(tx.QueryRowContext(ctx, s.selectParticipants()+`WHERE p.id = ?`, id))
	if err != nil {
		return Participant{}, notFoundParticipant(err, "read participant", id)
	}
	return p, nil
}

// participantsTx reads the participants ids, in tx, by their ids; an
// unknown id is left out.
func (s *Store) participantsTx(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]Participant, error) {
	found := make(map[int64]Participant, len(ids))
	for start := 0; start < len(ids); start += rowBatch {
		in, args := inList(ids[start:min(start+rowBatch, len(ids))])
		rows, err := tx.QueryContext(ctx, s.selectParticipants()+`WHERE p.id IN `+in, args...)
		if err != nil {
			return nil, fmt.Errorf("read participants: %w", err)
		}
		list, err := scanParticipants(rows)
		if err != nil {
			return nil, fmt.Errorf("read participants: %w", err)
		}
		for _, p := range list {
			found[p.ID] = p
		}
	}
	return found, nil
}

// rowBatch is how many rows one statement reads or writes at most, well
// within both engines' limits on a statement's arguments.
const rowBatch = 500

// insertRows appends rows to into ("table (column, …)"), rowBatch rows a
// statement: thousands of rows cost a few statements, not thousands.
func insertRows(ctx context.Context, tx *sql.Tx, into string, rows [][]any) error {
	for start := 0; start < len(rows); start += rowBatch {
		part := rows[start:min(start+rowBatch, len(rows))]
		row := "(?" + strings.Repeat(", ?", len(part[0])-1) + ")"
		args := make([]any, 0, len(part)*len(part[0]))
		for _, r := range part {
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+into+` VALUES `+row+strings.Repeat(", "+row, len(part)-1), args...); err != nil {
			return err
		}
	}
	return nil
}

var (
	msgDocumentRegistered = msg.Define("This passport or ID is already registered.")
	msgDocumentHolder     = msg.Define("Document {{.Document}} from {{.Country}} is already registered for {{.Name}} (badge {{.Number}}).")
)
