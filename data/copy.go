package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"accred/data/msg"
)

// eventTables are every table of an event, parents before children: the
// order a whole event is copied in.
var eventTables = []string{
	"event", "categories", "affiliations", "nominations", "portal_invitations", "participants", "assignment_letters", "photos", "status_changes",
	"badge_prints", "badge_reprints", "collections", "sessions", "invitations", "presence", "checkins", "zones", "participant_zones", "doors",
	"station_files", "station_file_sessions", "station_file_people", "station_key",
	"operators", "audit",
}

// CopyTo copies this store's whole event (participants, photos, programme,
// scans, history and keys) into dst, in one transaction on dst, and checks
// every table's count before committing. It returns ECONFLICT when dst
// already holds an event, and ENOTFOUND when this store holds none.
//
// It needs the admin role and a login that reads everything, the signing
// key included (EFORBIDDEN).
func (s *Store) CopyTo(ctx context.Context, dst *Store) (rows int, err error) {
	if err := s.mayReadEverything(ctx, true); err != nil {
		return 0, err
	}
	if _, err := s.Event(ctx); err != nil {
		return 0, err
	}
	src, err := s.engine.beginSnapshot(ctx, s.db)
	if err != nil {
		return 0, err
	}
	defer src.Rollback()
	err = dst.withTx(ctx, func(tx *sql.Tx) error {
		var events int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event`).Scan(&events); err != nil {
			return fmt.Errorf("count events: %w", err)
		}
		if events > 0 {
			return NewError(ECONFLICT, msgCopyNotEmpty, msg.Args{"Path": dst.path})
		}
		if err := dst.engine.countScans(ctx, tx, false); err != nil {
			return err
		}
		for _, table := range eventTables {
			n, err := copyRows(ctx, src, tx, dst.engine, table, `SELECT * FROM `+table)
			if err != nil {
				return err
			}
			var copied int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&copied); err != nil {
				return fmt.Errorf("count copied %s: %w", table, err)
			}
			if copied != n {
				return NewError(EINTERNAL, msgCopyShort, msg.Args{"Table": table, "Copied": msgRows.With(msg.Args{"Count": copied}), "Rows": msgRows.With(msg.Args{"Count": n})})
			}
			rows += n
		}
		if err := dst.engine.countScans(ctx, tx, true); err != nil {
			return err
		}
		return dst.engine.restartIdentities(ctx, tx)
	})
	return rows, err
}

// copyRows copies the rows query reads from src into table on dst, whose
// engine is dstEngine, by column name, and returns how many it copied.
func copyRows(ctx context.Context, src querier, dst *sql.Tx, dstEngine engine, table, query string, args ...any) (int, error) {
	read, err := src.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", table, err)
	}
	defer read.Close()
	columns, err := read.Columns()
	if err != nil {
		return 0, err
	}
	types, err := dstEngine.columnTypes(ctx, dst, table)
	if err != nil {
		return 0, err
	}
	insert, err := dst.PrepareContext(ctx, `INSERT INTO `+table+` (`+strings.Join(columns, ", ")+`) VALUES (?`+
		strings.Repeat(", ?", len(columns)-1)+`)`)
	if err != nil {
		return 0, fmt.Errorf("prepare copy of %s: %w", table, err)
	}
	defer insert.Close()
	values := make([]any, len(columns))
	pointers := make([]any, len(columns))
	for i := range values {
		pointers[i] = &values[i]
	}
	n := 0
	for read.Next() {
		if err := read.Scan(pointers...); err != nil {
			return 0, fmt.Errorf("read %s: %w", table, err)
		}
		for i, c := range columns {
			switch v := values[i].(type) {
			case int64:
				if types[c] == "boolean" {
					values[i] = v != 0
				}
			case []byte:
				if types[c] == "text" {
					values[i] = string(v)
				}
			}
		}
		if _, err := insert.ExecContext(ctx, values...); err != nil {
			return 0, fmt.Errorf("copy %s: %w", table, err)
		}
		n++
	}
	return n, read.Err()
}

var (
	msgCopyNotEmpty = msg.Define("{{.Path}} already holds an event; copy into an empty database.")
	msgCopyShort    = msg.Define("The copy of {{.Table}} holds {{.Copied}} instead of {{.Rows}}; nothing was copied.")
	msgRows         = msg.DefinePlural("Count", "{{.Count}} row", "{{.Count}} rows")
)
