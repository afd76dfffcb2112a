package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"
)

// PersonRecord is everything the event holds about one person, for their
// request to see it: their row as stored, column by column, and every row
// of their history, table by table.
type PersonRecord struct {
	BadgeNumber string         `json:"badge_number"`
	ExportedAt  string         `json:"exported_at"`
	Participant map[string]any `json:"participant"` // every column of their row in participants
	Affiliation map[string]any `json:"affiliation,omitempty"`
	// History holds, by table, every row about them: status_changes,
	// badge_prints, badge_reprints, collections, checkins, presence,
	// invitations, participant_zones, station_file_people, operators and
	// audit.
	History map[string][]map[string]any `json:"history"`
	Photo   []byte                      `json:"-"` // the JPEG, nil when none
}

// personTables are the tables with rows about a participant, and the
// columns read from them; operators' PIN hashes are not theirs to see.
var personTables = []struct{ table, columns, where string }{
	{"status_changes", "*", "participant_id = ?"},
	{"badge_prints", "*", "participant_id = ?"},
	{"badge_reprints", "*", "participant_id = ?"},
	{"collections", "*", "participant_id = ? OR collected_by = ?"},
	{"checkins", "*", "participant_id = ?"},
	{"presence", "*", "participant_id = ?"},
	{"invitations", "*", "participant_id = ?"},
	{"participant_zones", "*", "participant_id = ?"},
	{"station_file_people", "*", "participant_id = ?"},
	{"operators", "name, roles, disabled, created_at, created_by", "participant_id = ?"},
	{"audit", "*", "participant_id = ?"},
}

// PersonRecord returns everything held about participant id. It needs the
// admin role, and returns ENOTFOUND for an unknown participant.
func (s *Store) PersonRecord(ctx context.Context, id int64) (PersonRecord, error) {
	r := PersonRecord{BadgeNumber: BadgeNumber(id), ExportedAt: s.now(), History: map[string][]map[string]any{}}
	if err := s.mayReadEverything(ctx, false); err != nil {
		return r, err
	}
	tx, err := s.engine.beginSnapshot(ctx, s.db)
	if err != nil {
		return r, err
	}
	defer tx.Rollback()
	rows, err := readRows(ctx, tx, `SELECT * FROM participants WHERE id = ?`, id)
	if err != nil {
		return r, err
	}
	if len(rows) == 0 {
		return r, errNoParticipant(id)
	}
	r.Participant = rows[0]
	affiliations, err := readRows(ctx, tx, `SELECT * FROM affiliations WHERE id = ?`, r.Participant["affiliation_id"])
	if err != nil {
		return r, err
	}
	if len(affiliations) == 1 {
		r.Affiliation = affiliations[0]
	}
	for _, t := range personTables {
		args := []any{id}
		if t.table == "collections" {
			args = append(args, id)
		}
		if r.History[t.table], err = readRows(ctx, tx, `SELECT `+t.columns+` FROM `+t.table+` WHERE `+t.where, args...); err != nil {
			return r, err
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT jpeg FROM photos WHERE participant_id = ?`, id).Scan(&r.Photo); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("read photo: %w", err)
	}
	return r, nil
}

// readRows reads every row query returns, each as its columns' values by
// name; text held as bytes is given as text, other bytes stay bytes.
func readRows(ctx context.Context, q querier, query string, args ...any) ([]map[string]any, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read rows: %w", err)
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	list := []map[string]any{}
	for rows.Next() {
		values := make([]any, len(columns))
		pointers := make([]any, len(columns))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			return nil, fmt.Errorf("read rows: %w", err)
		}
		row := map[string]any{}
		for i, v := range values {
			if b, ok := v.([]byte); ok && utf8.Valid(b) {
				v = string(b)
			}
			row[columns[i]] = v
		}
		list = append(list, row)
	}
	return list, rows.Err()
}
