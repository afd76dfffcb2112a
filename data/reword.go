package data

import (
	"context"
	"database/sql"
	"fmt"
)

// afterMigration is work done in Go, in a migration's transaction, after its
// SQL, by the migration's file name.
var afterMigration = map[string]func(context.Context, *sql.Tx) error{
	"0015_passport_spellings.sql": rewordParticipants,
}

// rewordParticipants computes every participant's search words again, for
// a database written before the way names are found changed, and writes
// those that differ.
func rewordParticipants(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, given_name, family_name, native_name, document_number, search_words FROM participants`)
	if err != nil {
		return fmt.Errorf("read search words: %w", err)
	}
	type change struct {
		id    int64
		words string
	}
	var changes []change
	for rows.Next() {
		var id int64
		var in ParticipantInput
		var words string
		if err := rows.Scan(&id, &in.GivenName, &in.FamilyName, &in.NativeName, &in.DocumentNumber, &words); err != nil {
			rows.Close()
			return err
		}
		if now := keysOf(in).searchWords(id); now != words {
			changes = append(changes, change{id, now})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read search words: %w", err)
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET search_words = ? WHERE id = ?`, c.words, c.id); err != nil {
			return fmt.Errorf("write search words: %w", err)
		}
	}
	return nil
}
