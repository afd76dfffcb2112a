package data

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"accred/data/atomicfile"
	"accred/data/chain"
	"accred/data/msg"
)

// A station file lets a door work without the network: a database holding
// the event's public key (never the private one), the chosen sessions, the
// roster a door needs (names, category, affiliation, status, current badge
// issue, photo), nothing else personal, and a key of its own that signs
// each scan, chained to the one before. The event database records the
// file's id, sessions, roster and the public half of its key, so that a merge
// takes only scans that the file's door made, as it made them, for what the
// file was issued for.

// IsStation reports whether this database is a door station's file.
func (s *Store) IsStation(ctx context.Context) (bool, error) {
	if !s.engine.holdsStations() {
		return false, nil
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT length(private_key) FROM event WHERE id = 1`).Scan(&n); err != nil {
		return false, notFound(err, "read event", msgNoEvent, nil)
	}
	return n == 0, nil
}

// ExportStation writes a station file for the sessions at path, which must
// not exist yet, and records it in this database with the public half of
// the file's own key. It returns EINVALID for an unknown session.
func (s *Store) ExportStation(ctx context.Context, path string, sessionIDs []int64) error {
	if err := allow(ctx, RoleDoor); err != nil {
		return err
	}
	if len(sessionIDs) == 0 {
		return NewError(EINVALID, msgStationSessions, nil)
	}
	// The file is made whole under a temporary name, and appears under its
	// own only once the event database's record of it is committed.
	err := atomicfile.Create(path, func(f *os.File) error {
		station, err := Open(f.Name()) // a SQLite file, owner-only, with the schema
		if err != nil {
			return err
		}
		err = s.writeStation(ctx, station, filepath.Base(path), sessionIDs)
		if closed := station.Close(); err == nil {
			err = closed
		}
		if err != nil {
			removeDatabaseFile(f.Name())
		}
		return err
	})
	if errors.Is(err, atomicfile.ErrExists) {
		return NewError(ECONFLICT, msgFileExists, msg.Args{"Path": path})
	}
	return err
}

// writeStation fills the new station file station, to be called name, with
// what a door of the sessions needs, and records the file in the event
// database.
func (s *Store) writeStation(ctx context.Context, station *Store, name string, sessionIDs []int64) error {
	in, ids := inList(sessionIDs)
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("make station key: %w", err)
	}
	fileID := newID()
	// The event database's transaction holds the roster still while the
	// file is written, so that what it records is what the file holds.
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var found int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions WHERE id IN `+in, ids...).Scan(&found); err != nil {
			return fmt.Errorf("count sessions: %w", err)
		}
		if found != len(sessionIDs) {
			return NewError(EINVALID, msgNoSuchSession, nil)
		}
		err := station.withTx(ctx, func(out *sql.Tx) error {
			if err := copyStation(ctx, tx, out, station.engine, in, ids); err != nil {
				return err
			}
			_, err := out.ExecContext(ctx, `INSERT INTO station_key (id, file_id, private_key) VALUES (1, ?, ?)`, fileID, []byte(priv))
			return err
		})
		if err != nil {
			return fmt.Errorf("write station file: %w", err)
		}
		steps := []struct {
			sql  string
			args []any
		}{
			{`INSERT INTO station_files (id, public_key, issued_at) VALUES (?, ?, ?)`, []any{fileID, []byte(pub), s.now()}},
			{`INSERT INTO station_file_sessions (file_id, session_id) SELECT ?, id FROM sessions WHERE id IN ` + in, append([]any{fileID}, ids...)},
			{`INSERT INTO station_file_people (file_id, participant_id) SELECT ?, id FROM participants`, []any{fileID}},
		}
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, st.sql, st.args...); err != nil {
				return fmt.Errorf("record station file: %w", err)
			}
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditStation, Field: name, New: fileID})
	})
}

// accreditedOnly is whose photos a door's roster holds: a door shows the
// photo of someone it may let in. The roster itself holds everyone, so that
// a station's door refuses a withdrawn or rejected person's badge for the
// same reason as the event's doors do.
const accreditedOnly = `status IN ('approved', 'printed', 'collected')`

// copyStation copies into a new station file what its door needs: the
// event without its private key, the categories and affiliations, the
// sessions (in, with ids), the zones and the doors' rules, the roster
// reduced to what a door shows with their zones (and the photos of those
// accredited), and the sessions' invitations and presence. The file's
// engine is toEngine.
func copyStation(ctx context.Context, from querier, to *sql.Tx, toEngine engine, in string, ids []any) error {
	var e struct {
		name, starts, ends, keyID, created, zone string
		pub                                      []byte
		clearance                                bool
	}
	if err := from.QueryRowContext(ctx, `SELECT name, starts_on, ends_on, key_id, public_key, created_at, timezone, clearance_required FROM event WHERE id = 1`).
		Scan(&e.name, &e.starts, &e.ends, &e.keyID, &e.pub, &e.created, &e.zone, &e.clearance); err != nil {
		return notFound(err, "read event", msgNoEvent, nil)
	}
	if _, err := to.ExecContext(ctx, `INSERT INTO event (id, name, starts_on, ends_on, key_id, public_key, private_key, created_at, timezone, clearance_required)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.name, e.starts, e.ends, e.keyID, e.pub, []byte{}, e.created, e.zone, e.clearance); err != nil {
		return fmt.Errorf("copy event: %w", err)
	}
	accredited := `participant_id IN (SELECT id FROM participants WHERE ` + accreditedOnly + `)`
	copies := []struct {
		table, query string
		args         []any
	}{
		{"categories", `SELECT * FROM categories`, nil},
		{"affiliations", `SELECT * FROM affiliations`, nil},
		{"sessions", `SELECT * FROM sessions WHERE id IN ` + in, ids},
		{"zones", `SELECT * FROM zones`, nil},
		{"doors", `SELECT * FROM doors`, nil},
	}
	for _, c := range copies {
		if _, err := copyRows(ctx, from, to, toEngine, c.table, c.query, c.args...); err != nil {
			return err
		}
	}
	if err := copyRoster(ctx, from, to); err != nil {
		return err
	}
	copies = []struct {
		table, query string
		args         []any
	}{
		{"photos", `SELECT * FROM photos WHERE ` + accredited, nil},
		{"invitations", `SELECT * FROM invitations WHERE session_id IN ` + in, ids},
		{"presence", `SELECT * FROM presence WHERE session_id IN ` + in, ids},
		{"participant_zones", `SELECT * FROM participant_zones`, nil},
	}
	for _, c := range copies {
		if _, err := copyRows(ctx, from, to, toEngine, c.table, c.query, c.args...); err != nil {
			return err
		}
	}
	return nil
}

// copyRoster copies the accredited participants, reduced to what a door
// shows (with their nationality, which says in which order their names are
// written).
func copyRoster(ctx context.Context, from querier, to *sql.Tx) error {
	rows, err := from.QueryContext(ctx, `SELECT id, category, title, given_name, family_name, native_name, nationality, affiliation_id, head_of_delegation,
		status, status_at, badge_issue, sort_key, created_at, updated_at, rev, clearance
		FROM participants`)
	if err != nil {
		return fmt.Errorf("read roster: %w", err)
	}
	type row struct {
		id                                     int64
		category, title, given, family, native string
		nationality                            string
		affiliation                            sql.NullInt64
		head                                   bool
		status, statusAt                       string
		issue                                  int
		sortKey, created, updated              string
		rev                                    int64
		clearance                              string
	}
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.category, &r.title, &r.given, &r.family, &r.native, &r.nationality, &r.affiliation, &r.head,
			&r.status, &r.statusAt, &r.issue, &r.sortKey, &r.created, &r.updated, &r.rev, &r.clearance); err != nil {
			rows.Close()
			return err
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read roster: %w", err)
	}
	insert, err := to.PrepareContext(ctx, `INSERT INTO participants (id, category, title, given_name, family_name, native_name,
		nationality, affiliation_id, head_of_delegation, document_number, document_key, name_key, status, status_at,
		badge_issue, search_words, sort_key, created_at, updated_at, rev, clearance)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare roster: %w", err)
	}
	defer insert.Close()
	for _, r := range list {
		words := rosterWords(r.id, r.given, r.family, r.native)
		if _, err := insert.ExecContext(ctx, r.id, r.category, r.title, r.given, r.family, r.native, r.nationality, r.affiliation, r.head,
			strconv.FormatInt(r.id, 10), r.status, r.statusAt, r.issue, words, r.sortKey, r.created, r.updated, r.rev, r.clearance); err != nil {
			return fmt.Errorf("copy participant: %w", err)
		}
	}
	return nil
}

// RefreshStation writes into a door's station file who is inside its
// sessions and their counts, as this database has them now, so that the
// door, working from the file while the server is out of reach, answers
// ALREADY IN for someone let in since the file was written and counts seats
// from the last known number. Only people on the file's roster are
// written; a file already current is not written at all.
func (s *Store) RefreshStation(ctx context.Context, station *Store) error {
	if err := allow(ctx, RoleDoor); err != nil {
		return err
	}
	ids, err := queryIDs(ctx, station.db, `SELECT id FROM sessions ORDER BY id`)
	if err != nil || len(ids) == 0 {
		return err
	}
	in, args := inList(ids)
	now, err := readInside(ctx, s.db, in, args)
	if err != nil {
		return err
	}
	was, err := readInside(ctx, station.db, in, args)
	if err != nil {
		return err
	}
	roster, err := queryIDs(ctx, station.db, `SELECT id FROM participants ORDER BY id`)
	if err != nil {
		return err
	}
	now.presence = slices.DeleteFunc(now.presence, func(p presenceRow) bool { _, ok := slices.BinarySearch(roster, p.participant); return !ok })
	if maps.Equal(now.present, was.present) && slices.Equal(now.presence, was.presence) {
		return nil // the file is current
	}
	return station.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM presence WHERE session_id IN `+in, args...); err != nil {
			return fmt.Errorf("refresh presence: %w", err)
		}
		for _, p := range now.presence {
			if _, err := tx.ExecContext(ctx, `INSERT INTO presence (session_id, participant_id, inside, first_in, last_change)
				VALUES (?, ?, ?, ?, ?)`, p.session, p.participant, p.inside, p.firstIn, p.lastChange); err != nil {
				return fmt.Errorf("refresh presence: %w", err)
			}
		}
		for id, n := range now.present {
			if _, err := tx.ExecContext(ctx, `UPDATE sessions SET present = ? WHERE id = ?`, n, id); err != nil {
				return fmt.Errorf("refresh count: %w", err)
			}
		}
		return nil
	})
}

// inside is who is inside some sessions, and their counts.
type inside struct {
	presence []presenceRow
	present  map[int64]int
}

type presenceRow struct {
	session, participant int64
	inside               bool
	firstIn, lastChange  string
}

// readInside reads who is inside the sessions in (with args), and their
// counts.
func readInside(ctx context.Context, q querier, in string, args []any) (inside, error) {
	x := inside{present: map[int64]int{}}
	rows, err := q.QueryContext(ctx, `SELECT session_id, participant_id, inside, first_in, last_change FROM presence
		WHERE session_id IN `+in+` ORDER BY session_id, participant_id`, args...)
	if err != nil {
		return x, fmt.Errorf("read presence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p presenceRow
		if err := rows.Scan(&p.session, &p.participant, &p.inside, &p.firstIn, &p.lastChange); err != nil {
			return x, fmt.Errorf("read presence: %w", err)
		}
		x.presence = append(x.presence, p)
	}
	if err := rows.Err(); err != nil {
		return x, fmt.Errorf("read presence: %w", err)
	}
	counts, err := q.QueryContext(ctx, `SELECT id, present FROM sessions WHERE id IN `+in, args...)
	if err != nil {
		return x, fmt.Errorf("read counts: %w", err)
	}
	defer counts.Close()
	for counts.Next() {
		var id int64
		var n int
		if err := counts.Scan(&id, &n); err != nil {
			return x, fmt.Errorf("read counts: %w", err)
		}
		x.present[id] = n
	}
	return x, counts.Err()
}

// inList returns "(?, ?, …)" for ids, and the ids as arguments.
func inList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(?" + strings.Repeat(", ?", len(ids)-1) + ")", args
}

// removeDatabaseFile removes a SQLite file that was not finished, with the
// files SQLite keeps beside it.
func removeDatabaseFile(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// signer records a door's scans: signed and chained at a station file,
// plainly at an event database (which holds no station key).
type signer struct {
	fileID string
	key    ed25519.PrivateKey
}

// stationSigner reads the station file's key; the store keeps it once read,
// as it never changes.
func (s *Store) stationSigner(ctx context.Context) (*signer, error) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.signer != nil {
		return s.signer, nil
	}
	var g signer
	err := s.db.QueryRowContext(ctx, `SELECT file_id, private_key FROM station_key WHERE id = 1`).Scan(&g.fileID, &g.key)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		g.key = nil
	case err != nil:
		return nil, fmt.Errorf("read station key: %w", err)
	case len(g.key) != ed25519.PrivateKeySize:
		return nil, NewError(EINTERNAL, msgStationKeyDamaged, nil)
	}
	s.signer = &g
	return s.signer, nil
}

// record inserts a scan, signed after the last one when g holds a key.
func (g *signer) record(ctx context.Context, tx *sql.Tx, c chain.Scan) error {
	var seq sql.NullInt64
	if g.key != nil {
		var prev []byte
		err := tx.QueryRowContext(ctx, `SELECT seq, signature FROM checkins WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`).Scan(&c.Seq, &prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read last scan: %w", err)
		}
		c.Seq++
		c.Signature = chain.Sign(g.key, g.fileID, c, prev)
		seq = sql.NullInt64{Int64: c.Seq, Valid: true}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict, reason, manual, seq, signature)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.SessionID, sql.NullInt64{Int64: c.ParticipantID, Valid: c.ParticipantID != 0},
		c.Station, c.Operator, c.At, c.Direction, c.Verdict, c.Reason, c.Manual, seq, c.Signature)
	if err != nil {
		return fmt.Errorf("record scan: %w", err)
	}
	return nil
}

// MergeStation brings a station file's scans into this database and counts
// who is inside again in every session the file was issued for. It takes the
// whole file or nothing: the file must have been issued by this database,
// and every scan must carry the file's signature in an unbroken chain, be for
// one of the file's sessions and someone on its roster, and, when it admitted
// or let out someone, fall within the session's window. Scans keep their
// unique ids, so merging the same file twice changes nothing. It returns how
// many scans were new; ECONFLICT for a file of another event or one this
// database did not issue; EINVALID, naming each bad scan, for a file whose
// scans cannot all be trusted.
func (s *Store) MergeStation(ctx context.Context, path string) (int, error) {
	if err := allow(ctx, RoleDoor); err != nil {
		return 0, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return 0, NewError(EINVALID, msgCannotOpen, msg.Args{"Path": path, "Err": err})
	}
	if !info.Mode().IsRegular() {
		return 0, NewError(EINVALID, msgNotStation, msg.Args{"Path": path})
	}
	if err := checkWhole(ctx, path); err != nil {
		return 0, err
	}
	station, err := Open(path)
	if err != nil {
		return 0, NewError(EINVALID, msgNotStationBecause, msg.Args{"Path": path, "Err": err})
	}
	defer station.Close()
	keys, err := s.eventKeys(ctx)
	if err != nil {
		return 0, err
	}
	var keyID, fileID string
	if err := station.db.QueryRowContext(ctx, `SELECT key_id FROM event WHERE id = 1`).Scan(&keyID); err != nil {
		return 0, NewError(EINVALID, msgNotStation, msg.Args{"Path": path})
	}
	if keyID != keys.id {
		return 0, NewError(ECONFLICT, msgStationOtherEvent, msg.Args{"Path": path})
	}
	notIssued := NewError(ECONFLICT, msgStationNotIssued, msg.Args{"Path": path})
	if err := station.db.QueryRowContext(ctx, `SELECT file_id FROM station_key WHERE id = 1`).Scan(&fileID); err != nil {
		return 0, notIssued
	}
	scans, participants, err := stationScans(ctx, station.db)
	if err != nil {
		return 0, err
	}
	var added int
	err = s.withDoorTx(ctx, func(tx *sql.Tx) error {
		var pub []byte
		if err := tx.QueryRowContext(ctx, `SELECT public_key FROM station_files WHERE id = ?`, fileID).Scan(&pub); err != nil {
			return notIssued
		}
		issued, err := s.issuedFor(ctx, tx, fileID)
		if err != nil {
			return err
		}
		if problems, bad := issued.check(ed25519.PublicKey(pub), fileID, scans, participants); bad > 0 {
			return &Error{Code: EINVALID, Message: msgStationRefused.With(msg.Args{"Path": path, "Bad": bad, "Scans": msgScans.With(msg.Args{"Count": len(scans)})}), Fields: problems}
		}
		insert, err := tx.PrepareContext(ctx, `INSERT INTO checkins (id, session_id, participant_id, station, operator, at, direction, verdict, reason, manual, seq, signature)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
		if err != nil {
			return fmt.Errorf("prepare merge: %w", err)
		}
		defer insert.Close()
		entries, err := s.admissions(ctx, tx, fileID)
		if err != nil {
			return err
		}
		var trail []AuditEntry
		for i, c := range scans {
			if participants[i].Valid {
				c.Verdict, c.Reason = entries.merge(c)
			}
			res, err := insert.ExecContext(ctx, c.ID, c.SessionID, participants[i], c.Station, c.Operator, c.At, c.Direction, c.Verdict,
				c.Reason, c.Manual, c.Seq, c.Signature) // every scan is signed: check refused any that is not
			if err != nil {
				return fmt.Errorf("merge scan: %w", err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("merge scan: %w", err)
			}
			added += int(n)
			if n > 0 && !s.engine.countsScansItself() {
				c.ParticipantID = participants[i].Int64
				trail = append(trail, checkinEntry(issued.sessions[c.SessionID].Code, c))
			}
		}
		if err := s.recountPresence(ctx, tx, fileID); err != nil {
			return err
		}
		merged := AuditEntry{Action: AuditMerge, Field: filepath.Base(path), New: fmt.Sprintf("%d new scans of %d", added, len(scans))}
		return s.audit(ctx, tx, append(trail, merged)...)
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// admissions are the accepted scans of a station file's sessions, by
// session and participant, in time order: who entered and left when.
type admissions struct {
	scans map[[2]int64][]admission
	loc   *time.Location
}

// admission is one accepted scan: an entry or an exit.
type admission struct {
	id, at, station string
	exit            bool
}

// admissions reads the accepted scans this database holds for the sessions
// a station file was issued for.
func (s *Store) admissions(ctx context.Context, tx *sql.Tx, fileID string) (admissions, error) {
	a := admissions{scans: map[[2]int64][]admission{}}
	loc, err := s.location(ctx)
	if err != nil {
		return a, err
	}
	a.loc = loc
	rows, err := tx.QueryContext(ctx, `SELECT id, session_id, participant_id, at, station, direction FROM checkins
		WHERE verdict = 'accepted' AND participant_id IS NOT NULL
		AND session_id IN (SELECT session_id FROM station_file_sessions WHERE file_id = ?) ORDER BY at, id`, fileID)
	if err != nil {
		return a, fmt.Errorf("read admissions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x admission
		var session, participant int64
		var direction string
		if err := rows.Scan(&x.id, &session, &participant, &x.at, &x.station, &direction); err != nil {
			return a, fmt.Errorf("read admission: %w", err)
		}
		x.exit = direction == "out"
		key := [2]int64{session, participant}
		a.scans[key] = append(a.scans[key], x)
	}
	return a, rows.Err()
}

// merge is the verdict and reason a station file's scan is kept with: an
// entry that admitted someone already admitted for the same entry (let in
// online, or at another door, with no exit between) is kept as ALREADY, so
// that the event holds one admission per person and entry whatever merges
// in. The scan's signature stays the door's record of what it showed.
func (a admissions) merge(c chain.Scan) (verdict, reason string) {
	if c.Verdict != "accepted" || c.Direction != "in" {
		return c.Verdict, c.Reason
	}
	key := [2]int64{c.SessionID, c.ParticipantID}
	list := a.scans[key]
	if first, ok := sameEntry(list, c.At); ok {
		r := Reason{Code: ReasonAlreadyInside, Args: msg.Args{"At": moment(parseTime(first.at).In(a.loc)), "Station": first.station}}
		return "already", r.String()
	}
	i := len(list)
	for i > 0 && list[i-1].at > c.At {
		i--
	}
	a.scans[key] = slices.Insert(list, i, admission{id: c.ID, at: c.At, station: c.Station})
	return c.Verdict, c.Reason
}

// sameEntry finds, among one person's accepted scans in time order, an
// entry that an entry at the time at would repeat: one with no exit
// between the two.
func sameEntry(list []admission, at string) (admission, bool) {
	var last *admission // the last scan before at
	for i := range list {
		if list[i].at <= at {
			last = &list[i]
		}
	}
	if last != nil && !last.exit {
		return *last, true
	}
	for _, x := range list {
		if x.at > at {
			return x, !x.exit // an entry after at, with no exit first, is the same one
		}
	}
	return admission{}, false
}

// checkWhole returns EINVALID unless the SQLite file at path is whole:
// every page readable and every index agreeing with its table
// (PRAGMA integrity_check), read without changing it. A damaged station
// file is refused before its signatures are checked, or anything merged.
func checkWhole(ctx context.Context, path string) error {
	db, err := openSQLiteToRead(path, false)
	if err != nil {
		return NewError(EINVALID, msgNotStationBecause, msg.Args{"Path": path, "Err": err})
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return NewError(EINVALID, msgStationDamaged, msg.Args{"Path": path, "Problem": err})
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return NewError(EINVALID, msgStationDamaged, msg.Args{"Path": path, "Problem": err})
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return NewError(EINVALID, msgStationDamaged, msg.Args{"Path": path, "Problem": err})
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return NewError(EINVALID, msgStationDamaged, msg.Args{"Path": path, "Problem": strings.Join(problems[:min(len(problems), 3)], "; ")})
	}
	return nil
}

// issued is what the event database says a station file was issued for.
type issued struct {
	sessions map[int64]Session
	roster   map[int64]bool
}

func (s *Store) issuedFor(ctx context.Context, tx *sql.Tx, fileID string) (issued, error) {
	is := issued{sessions: map[int64]Session{}, roster: map[int64]bool{}}
	loc, err := s.location(ctx)
	if err != nil {
		return is, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id IN
		(SELECT session_id FROM station_file_sessions WHERE file_id = ?)`, fileID)
	if err != nil {
		return is, fmt.Errorf("read station sessions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		x, err := s.scanSession(rows, loc)
		if err != nil {
			return is, fmt.Errorf("read station session: %w", err)
		}
		is.sessions[x.ID] = x
	}
	if err := rows.Err(); err != nil {
		return is, err
	}
	people, err := queryIDs(ctx, tx, `SELECT participant_id FROM station_file_people WHERE file_id = ?`, fileID)
	for _, id := range people {
		is.roster[id] = true
	}
	return is, err
}

// stationScans reads a station file's scans in chain order, with whom each
// names (absent when nobody).
func stationScans(ctx context.Context, q querier) ([]chain.Scan, []sql.NullInt64, error) {
	rows, err := q.QueryContext(ctx, `SELECT COALESCE(seq, 0), id, session_id, participant_id, station, operator, at, direction, verdict, reason, manual,
		COALESCE(signature, X'') FROM checkins ORDER BY seq, rowid`)
	if err != nil {
		return nil, nil, NewError(EINVALID, msgStationScansUnreadable, msg.Args{"Err": err})
	}
	defer rows.Close()
	var scans []chain.Scan
	var participants []sql.NullInt64
	for rows.Next() {
		var c chain.Scan
		var pid sql.NullInt64
		if err := rows.Scan(&c.Seq, &c.ID, &c.SessionID, &pid, &c.Station, &c.Operator, &c.At, &c.Direction, &c.Verdict, &c.Reason,
			&c.Manual, &c.Signature); err != nil {
			return nil, nil, NewError(EINVALID, msgStationScansUnreadable, msg.Args{"Err": err})
		}
		c.ParticipantID = pid.Int64
		scans = append(scans, c)
		participants = append(participants, pid)
	}
	return scans, participants, rows.Err()
}

// check names every scan that breaks the chain or that the file could not
// have recorded: a session it was not issued for, someone not on its roster,
// an admission or exit outside the session's window. Each problem names the
// scan by its position in the chain and its id; it also returns how many
// scans are bad.
func (is issued) check(pub ed25519.PublicKey, fileID string, scans []chain.Scan, participants []sql.NullInt64) ([]FieldError, int) {
	var problems []FieldError
	named := map[int]bool{}
	bad := func(i int, reason msg.Message) {
		problems = append(problems, FieldError{Reason: msgStationScan.With(msg.Args{"Position": i + 1, "ID": scans[i].ID, "Reason": reason})})
		named[i] = true
	}
	broken := map[int][]msg.Message{}
	for _, p := range chain.Verify(pub, fileID, scans) {
		broken[p.Position-1] = append(broken[p.Position-1], chainReason(p.Err))
	}
	for i, c := range scans {
		for _, reason := range broken[i] {
			bad(i, reason)
		}
		x, ok := is.sessions[c.SessionID]
		if !ok {
			bad(i, msgScanSession.With(msg.Args{"Session": c.SessionID}))
			continue
		}
		if participants[i].Valid && !is.roster[participants[i].Int64] {
			bad(i, msgScanRoster.With(badgeArgs(participants[i].Int64)))
		}
		at, err := time.Parse(time.RFC3339Nano, c.At)
		if err != nil {
			bad(i, msgScanTime.With(msg.Args{"Time": strconv.Quote(c.At)}))
		} else if c.Verdict == "accepted" && x.Outside(at, c.Direction == "out") {
			bad(i, map[string]msg.Key{"in": msgScanEntryOutside, "out": msgScanExitOutside}[c.Direction].With(msg.Args{
				"At": moment(at.In(x.Starts.Location())), "Opens": x.Opens().Format("15:04"), "Ends": moment(x.Ends)}))
		}
	}
	return problems, len(named)
}

// recountPresence counts who is inside again, from every accepted scan, in
// the sessions a station file was issued for (on a server: accred_recount,
// its twin).
func (s *Store) recountPresence(ctx context.Context, tx *sql.Tx, fileID string) error {
	if s.engine.countsScansItself() {
		if _, err := tx.ExecContext(ctx, `SELECT accred_recount(?)`, fileID); err != nil {
			return fmt.Errorf("recount: %w", err)
		}
		return nil
	}
	const sessions = `(SELECT session_id FROM station_file_sessions WHERE file_id = ?)`
	// The sessions' rows are locked, as a door locks its session's, so that
	// no door counts a seat while presence is counted again.
	if _, err := queryIDs(ctx, tx, `SELECT id FROM sessions WHERE id IN `+sessions+` ORDER BY id`+s.engine.forUpdate(), fileID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM presence WHERE session_id IN `+sessions, fileID); err != nil {
		return fmt.Errorf("recount: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO presence (session_id, participant_id, inside, first_in, last_change)
		SELECT c.session_id, c.participant_id,
			(SELECT l.direction = 'in' FROM checkins l WHERE l.session_id = c.session_id AND l.participant_id = c.participant_id
				AND l.verdict = 'accepted' ORDER BY l.at DESC, l.id DESC LIMIT 1),
			MIN(c.at), MAX(c.at)
		FROM checkins c
		WHERE c.verdict = 'accepted' AND c.participant_id IS NOT NULL AND c.session_id IN `+sessions+`
		GROUP BY c.session_id, c.participant_id`, fileID); err != nil {
		return fmt.Errorf("recount presence: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET present = (SELECT COUNT(*) FROM presence p WHERE p.session_id = sessions.id AND p.inside)
		WHERE id IN `+sessions, fileID); err != nil {
		return fmt.Errorf("recount sessions: %w", err)
	}
	return nil
}

// chainReason words why a scan breaks its file's chain.
func chainReason(err error) msg.Message {
	for sentinel, key := range map[error]msg.Key{chain.ErrUnsigned: msgChainUnsigned, chain.ErrSignature: msgChainSignature,
		chain.ErrGap: msgChainGap, chain.ErrRepeated: msgChainRepeated} {
		if errors.Is(err, sentinel) {
			return key.Msg()
		}
	}
	return msgChainOther.With(msg.Args{"Err": err})
}

var (
	msgStationSessions        = msg.Define("Choose the sessions the station's door serves.")
	msgFileExists             = msg.Define("{{.Path}} already exists; choose a new file name.")
	msgNoSuchSession          = msg.Define("One of the sessions does not exist.")
	msgStationKeyDamaged      = msg.Define("This station file's key is damaged: its scans cannot be signed. Write a new station file.")
	msgCannotOpen             = msg.Define("Cannot open {{.Path}}: {{.Err}}")
	msgNotStation             = msg.Define("{{.Path}} is not a station file.")
	msgStationDamaged         = msg.Define("{{.Path}} is damaged ({{.Problem}}); nothing was merged. Copy the file again from the door's laptop, or merge another copy.")
	msgNotStationBecause      = msg.Define("{{.Path}} is not a station file: {{.Err}}")
	msgStationOtherEvent      = msg.Define("{{.Path}} belongs to another event; nothing was merged.")
	msgStationNotIssued       = msg.Define("{{.Path}} was not issued by this event's database (it holds no station key this database made); nothing was merged.")
	msgStationRefused         = msg.DefinePlural("Bad", "{{.Path}} was refused and nothing was merged: {{.Bad}} of its {{.Scans}} cannot be trusted.", "{{.Path}} was refused and nothing was merged: {{.Bad}} of its {{.Scans}} cannot be trusted.")
	msgScans                  = msg.DefinePlural("Count", "{{.Count}} scan", "{{.Count}} scans")
	msgStationScansUnreadable = msg.Define("The station file's scans cannot be read: {{.Err}}")

	msgStationScan      = msg.Define("scan {{.Position}} ({{.ID}}): {{.Reason}}")
	msgScanSession      = msg.Define("session {{.Session}}: the file was not issued for it")
	msgScanRoster       = msg.Define("participant {{.Number}} is not on the roster the file was issued with")
	msgScanTime         = msg.Define("its time {{.Time}} cannot be read")
	msgScanEntryOutside = msg.Define("an entry at {{.At}} is outside the session's window ({{.Opens}} to {{.Ends}})")
	msgScanExitOutside  = msg.Define("an exit at {{.At}} is outside the session's window ({{.Opens}} to {{.Ends}})")
	msgChainUnsigned    = msg.Define("not signed: it was added to the file by hand")
	msgChainSignature   = msg.Define("bad signature: the scan was altered, or not recorded by this file's door")
	msgChainGap         = msg.Define("broken chain: a scan before it was removed")
	msgChainRepeated    = msg.Define("broken chain: its place in the chain is taken twice (a scan was inserted or copied)")
	msgChainOther       = msg.Define("the scan cannot be trusted: {{.Err}}")
)
