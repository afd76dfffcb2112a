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

// QueryForTest runs a query whose one column is text and returns its rows.
func QueryForTest(s *Store, query string) ([]string, error) {
	rows, err := s.db.QueryContext(context.Background(), query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
