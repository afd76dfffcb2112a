package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"

	"accred/data/search"
)

// A station file lets a door work without the network: a database holding
// the event's public key (never the private one), the chosen sessions, and
// the roster a door needs (names, category, affiliation, status, current
// badge issue, photo), nothing else personal. Its scans are merged back.

// IsStation reports whether this database is a door station's file.
func (s *Store) IsStation(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT length(private_key) FROM event WHERE id = 1`).Scan(&n); err != nil {
		return false, notFound(err, "read event", "This database holds no event yet.")
	}
	return n == 0, nil
}

// ExportStation writes a station file for the sessions at path, which must
// not exist yet. It returns EINVALID for an unknown session.
func (s *Store) ExportStation(ctx context.Context, path string, sessionIDs []int64) error {
	if len(sessionIDs) == 0 {
		return Errorf(EINVALID, "Choose the sessions the station's door serves.")
	}
	if _, err := os.Stat(path); err == nil {
		return Errorf(ECONFLICT, "%s already exists; choose a new file name.", path)
	}
	station, err := Open(path) // the schema, owner-only
	if err != nil {
		return err
	}
	station.Close()
	ok := false
	defer func() {
		if !ok {
			os.Remove(path)
		}
	}()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS station`, path); err != nil {
		return fmt.Errorf("attach station file: %w", err)
	}
	defer conn.ExecContext(context.Background(), `DETACH DATABASE station`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(sessionIDs)), ",") + ")"
	ids := make([]any, len(sessionIDs))
	for i, id := range sessionIDs {
		ids[i] = id
	}
	var found int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM sessions WHERE id IN `+in, ids...).Scan(&found); err != nil || found != len(sessionIDs) {
		return Errorf(EINVALID, "One of the sessions does not exist.")
	}
	copies := []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO station.event (id, name, starts_on, ends_on, key_id, public_key, private_key, created_at, timezone)
			SELECT id, name, starts_on, ends_on, key_id, public_key, X'', created_at, timezone FROM main.event`, nil},
		{`INSERT INTO station.categories SELECT * FROM main.categories`, nil},
		{`INSERT INTO station.affiliations SELECT * FROM main.affiliations`, nil},
		{`INSERT INTO station.sessions SELECT * FROM main.sessions WHERE id IN ` + in, ids},
	}
	for _, c := range copies {
		if _, err := tx.Exec(c.sql, c.args...); err != nil {
			return fmt.Errorf("copy to station file: %w", err)
		}
	}
	if err := copyRoster(tx); err != nil {
		return err
	}
	for _, table := range []string{"invitations", "presence"} {
		if _, err := tx.Exec(`INSERT INTO station.`+table+` SELECT * FROM main.`+table+` WHERE session_id IN `+in+
			` AND participant_id IN (SELECT id FROM station.participants)`, ids...); err != nil {
			return fmt.Errorf("copy %s: %w", table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit station file: %w", err)
	}
	ok = true
	return nil
}

// copyRoster copies the accredited participants, reduced to what a door
// shows, and their photos.
func copyRoster(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT id, category, title, given_name, family_name, native_name, affiliation_id, head_of_delegation,
		status, status_at, badge_issue, sort_key, created_at, updated_at, rev
		FROM main.participants WHERE status IN ('approved', 'printed', 'collected')`)
	if err != nil {
		return fmt.Errorf("read roster: %w", err)
	}
	type row struct {
		id                                     int64
		category, title, given, family, native string
		affiliation                            sql.NullInt64
		head                                   bool
		status, statusAt                       string
		issue                                  int
		sortKey, created, updated              string
		rev                                    int64
	}
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.category, &r.title, &r.given, &r.family, &r.native, &r.affiliation, &r.head,
			&r.status, &r.statusAt, &r.issue, &r.sortKey, &r.created, &r.updated, &r.rev); err != nil {
			rows.Close()
			return err
		}
		list = append(list, r)
	}
	rows.Close()
	insert, err := tx.Prepare(`INSERT INTO station.participants (id, category, title, given_name, family_name, native_name,
		nationality, affiliation_id, head_of_delegation, document_number, document_key, name_key, status, status_at,
		badge_issue, search_words, sort_key, created_at, updated_at, rev)
		VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, '', ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare roster: %w", err)
	}
	defer insert.Close()
	for _, r := range list {
		words := strings.Join(search.Words(r.given, r.family, r.native), " ") + " " + BadgeNumber(r.id) + " " + strconv.FormatInt(r.id, 10)
		if _, err := insert.Exec(r.id, r.category, r.title, r.given, r.family, r.native, r.affiliation, r.head,
			strconv.FormatInt(r.id, 10), r.status, r.statusAt, r.issue, words, r.sortKey, r.created, r.updated, r.rev); err != nil {
			return fmt.Errorf("copy participant: %w", err)
		}
	}
	if _, err := tx.Exec(`INSERT INTO station.photos SELECT * FROM main.photos WHERE participant_id IN (SELECT id FROM station.participants)`); err != nil {
		return fmt.Errorf("copy photos: %w", err)
	}
	return nil
}

// MergeStation brings a station file's scans into this database and counts
// who is inside again. Scans keep their unique ids, so merging the same file
// twice changes nothing. It returns how many scans were new, or ECONFLICT
// for a station file of another event.
func (s *Store) MergeStation(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, Errorf(EINVALID, "Cannot open %s: %v", path, err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS station`, path); err != nil {
		return 0, Errorf(EINVALID, "%s is not a station file: %v", path, err)
	}
	defer conn.ExecContext(context.Background(), `DETACH DATABASE station`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var same int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM main.event m JOIN station.event s ON s.key_id = m.key_id`).Scan(&same); err != nil {
		return 0, Errorf(EINVALID, "%s is not a station file.", path)
	}
	if same != 1 {
		return 0, Errorf(ECONFLICT, "%s belongs to another event; nothing was merged.", path)
	}
	res, err := tx.Exec(`INSERT OR IGNORE INTO main.checkins SELECT c.* FROM station.checkins c
		WHERE c.session_id IN (SELECT id FROM main.sessions) AND (c.participant_id IS NULL OR c.participant_id IN (SELECT id FROM main.participants))`)
	if err != nil {
		return 0, fmt.Errorf("merge scans: %w", err)
	}
	added, _ := res.RowsAffected()
	if _, err := tx.Exec(`DELETE FROM main.presence WHERE session_id IN (SELECT id FROM station.sessions)`); err != nil {
		return 0, fmt.Errorf("recount: %w", err)
	}
	if _, err := tx.Exec(`INSERT INTO main.presence (session_id, participant_id, inside, first_in, last_change)
		SELECT c.session_id, c.participant_id,
			(SELECT l.direction = 'in' FROM main.checkins l WHERE l.session_id = c.session_id AND l.participant_id = c.participant_id
				AND l.verdict = 'accepted' ORDER BY l.at DESC, l.rowid DESC LIMIT 1),
			MIN(c.at), MAX(c.at)
		FROM main.checkins c
		WHERE c.verdict = 'accepted' AND c.participant_id IS NOT NULL AND c.session_id IN (SELECT id FROM station.sessions)
		GROUP BY c.session_id, c.participant_id`); err != nil {
		return 0, fmt.Errorf("recount presence: %w", err)
	}
	if _, err := tx.Exec(`UPDATE main.sessions SET present = (SELECT COUNT(*) FROM main.presence p WHERE p.session_id = sessions.id AND p.inside = 1)
		WHERE id IN (SELECT id FROM station.sessions)`); err != nil {
		return 0, fmt.Errorf("recount sessions: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit merge: %w", err)
	}
	return int(added), nil
}
