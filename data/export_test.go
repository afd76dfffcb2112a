package data

import (
	"context"
	"database/sql"
)

// Reword computes every participant's search words again, as opening a
// database written before migration 0015 does.
func (s *Store) Reword(ctx context.Context) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return rewordParticipants(ctx, tx) })
}
