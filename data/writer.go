package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"accred/data/search"
)

// writer writes participants inside one transaction, remembering the
// categories and affiliations it has seen so that a large import stays fast.
type writer struct {
	s            *Store
	tx           *sql.Tx
	categories   []Category
	affiliations map[[2]string]int64
	nextID       int64
	rev          int64
	now          string
}

func (s *Store) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{s: s, tx: tx, affiliations: map[[2]string]int64{}, now: s.now()}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1, COALESCE(MAX(rev), 0) + 1 FROM participants`).Scan(&w.nextID, &w.rev); err != nil {
		return nil, fmt.Errorf("next participant id: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT code, name, colour, requires FROM categories ORDER BY position`)
	if err != nil {
		return nil, fmt.Errorf("read categories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Category
		if err := rows.Scan(&c.Code, &c.Name, &c.Colour, &c.Requires); err != nil {
			return nil, err
		}
		w.categories = append(w.categories, c)
	}
	if len(w.categories) == 0 {
		return nil, Errorf(ENOTFOUND, "This database holds no event yet. Create one with 'accred init' or 'accred demo'.")
	}
	return w, rows.Err()
}

// checkDocumentFree returns ECONFLICT when someone other than selfID holds
// in's document number for the same nationality.
func (w *writer) checkDocumentFree(in ParticipantInput, selfID int64) error {
	id, err := w.holderOf(in)
	if err != nil {
		return err
	}
	if id != 0 && id != selfID {
		p, err := w.s.participantTx(w.tx, id)
		if err != nil {
			return err
		}
		return &Error{Code: ECONFLICT, Message: "This passport or ID is already registered.",
			Fields: []FieldError{{Field: FieldDocumentNumber, Reason: fmt.Sprintf(
				"Document %s from %s is already registered for %s (badge %s).",
				in.DocumentNumber, countryName(in.Nationality), p.FullName(), p.BadgeNumber())}}}
	}
	return nil
}

// holderOf returns the id of whoever holds in's document for its nationality, or 0.
func (w *writer) holderOf(in ParticipantInput) (int64, error) {
	var id int64
	err := w.tx.QueryRow(`SELECT id FROM participants WHERE nationality = ? AND document_key = ?`,
		in.Nationality, documentKey(in.DocumentNumber)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find document holder: %w", err)
	}
	return id, nil
}

func (w *writer) affiliationID(in ParticipantInput) (sql.NullInt64, error) {
	a, ok := in.affiliation()
	if !ok {
		return sql.NullInt64{}, nil
	}
	key := [2]string{a.Kind, search.Fold(a.Name)}
	if id, ok := w.affiliations[key]; ok {
		return sql.NullInt64{Int64: id, Valid: true}, nil
	}
	var id int64
	err := w.tx.QueryRow(`SELECT id FROM affiliations WHERE kind = ? AND folded = ?`, key[0], key[1]).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := w.tx.Exec(`INSERT INTO affiliations (kind, name, country, org_kind, folded) VALUES (?, ?, ?, ?, ?)`,
			a.Kind, a.Name, a.Country, a.OrgKind, key[1])
		if err != nil {
			return sql.NullInt64{}, fmt.Errorf("insert affiliation: %w", err)
		}
		id, _ = res.LastInsertId()
	case err != nil:
		return sql.NullInt64{}, fmt.Errorf("find affiliation: %w", err)
	case a.OrgKind != "":
		if _, err := w.tx.Exec(`UPDATE affiliations SET org_kind = ? WHERE id = ?`, a.OrgKind, id); err != nil {
			return sql.NullInt64{}, fmt.Errorf("update affiliation: %w", err)
		}
	}
	w.affiliations[key] = id
	return sql.NullInt64{Int64: id, Valid: true}, nil
}

// insert adds a normalised, valid participant and returns their id.
func (w *writer) insert(in ParticipantInput, status Status, operator string) (int64, error) {
	aff, err := w.affiliationID(in)
	if err != nil {
		return 0, err
	}
	id := w.nextID
	if _, err := w.tx.Exec(`INSERT INTO participants (id, category, title, given_name, family_name, native_name, nationality,
		affiliation_id, position, head_of_delegation, email, document_number, document_key, name_key, status, status_at,
		search_words, sort_key, created_at, updated_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, in.Category, in.Title, in.GivenName, in.FamilyName, in.NativeName, in.Nationality, aff, in.Position,
		in.HeadOfDelegation, in.Email, in.DocumentNumber, documentKey(in.DocumentNumber), in.nameKey(), status, w.now,
		in.searchWords(id), in.sortKey(), w.now, w.now, w.rev); err != nil {
		return 0, fmt.Errorf("insert participant: %w", err)
	}
	if _, err := w.tx.Exec(`INSERT INTO status_changes (participant_id, status, at, operator) VALUES (?, ?, ?, ?)`,
		id, status, w.now, operator); err != nil {
		return 0, fmt.Errorf("record registration: %w", err)
	}
	w.nextID++
	return id, nil
}

// update replaces a participant's details with a normalised, valid input.
func (w *writer) update(id int64, in ParticipantInput) error {
	aff, err := w.affiliationID(in)
	if err != nil {
		return err
	}
	res, err := w.tx.Exec(`UPDATE participants SET category = ?, title = ?, given_name = ?, family_name = ?, native_name = ?,
		nationality = ?, affiliation_id = ?, position = ?, head_of_delegation = ?, email = ?, document_number = ?,
		document_key = ?, name_key = ?, search_words = ?, sort_key = ?, updated_at = ?, rev = ? WHERE id = ?`,
		in.Category, in.Title, in.GivenName, in.FamilyName, in.NativeName, in.Nationality, aff, in.Position,
		in.HeadOfDelegation, in.Email, in.DocumentNumber, documentKey(in.DocumentNumber), in.nameKey(),
		in.searchWords(id), in.sortKey(), w.now, w.rev, id)
	if err != nil {
		return fmt.Errorf("update participant: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Errorf(ENOTFOUND, "No participant has badge number %s.", BadgeNumber(id))
	}
	return nil
}

func (s *Store) participantTx(tx *sql.Tx, id int64) (Participant, error) {
	p, err := scanParticipant(tx.QueryRow(`SELECT `+participantColumns+participantFrom+`WHERE p.id = ?`, id))
	if err != nil {
		return Participant{}, fmt.Errorf("read participant %d: %w", id, err)
	}
	return p, nil
}
