package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"accred/data/msg"
)

const sessionColumns = `id, code, title, kind, room, starts_at, ends_at, capacity, categories, invitation_only,
	records_exits, early_minutes, present, zone, cancelled`

func (s *Store) scanSession(row scanner, loc *time.Location) (Session, error) {
	var x Session
	var starts, ends, cats string
	err := row.Scan(&x.ID, &x.Code, &x.Title, &x.Kind, &x.Room, &starts, &ends, &x.Capacity, &cats,
		&x.InvitationOnly, &x.RecordsExits, &x.EarlyMinutes, &x.Present, &x.Zone, &x.Cancelled)
	x.Starts, _ = time.ParseInLocation(SessionTimeLayout, starts, loc)
	x.Ends, _ = time.ParseInLocation(SessionTimeLayout, ends, loc)
	x.Categories = strings.Fields(cats)
	return x, err
}

// location is the event's time zone, kept for settingsFresh once read.
func (s *Store) location(ctx context.Context) (*time.Location, error) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.loc != nil && time.Since(s.locRead) < settingsFresh {
		return s.loc, nil
	}
	var zone string
	err := s.db.QueryRowContext(ctx, `SELECT timezone FROM event WHERE id = 1`).Scan(&zone)
	if err != nil {
		return nil, notFound(err, "read the time zone", msgNoEvent, nil)
	}
	s.loc, s.locRead = Event{Timezone: zone}.Location(), time.Now()
	return s.loc, nil
}

// settingsFresh is how long a store keeps the event's time zone before
// reading it again: a change made at another station, or by another program
// on the same database, reaches every door within it. Every other setting
// (the days, the languages, the doors' rules) is read where it is used.
const settingsFresh = time.Second

// Sessions returns the programme in order of start.
func (s *Store) Sessions(ctx context.Context) ([]Session, error) {
	loc, err := s.location(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions ORDER BY starts_at, code`)
	if err != nil {
		return nil, fmt.Errorf("read sessions: %w", err)
	}
	defer rows.Close()
	var list []Session
	for rows.Next() {
		x, err := s.scanSession(rows, loc)
		if err != nil {
			return nil, err
		}
		list = append(list, x)
	}
	return list, rows.Err()
}

// Session returns one session by id or by code, or ENOTFOUND.
func (s *Store) Session(ctx context.Context, idOrCode string) (Session, error) {
	loc, err := s.location(ctx)
	if err != nil {
		return Session{}, err
	}
	// A code wins over an id, should a code be all digits.
	x, err := s.scanSession(s.db.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions
		WHERE upper(code) = upper(?1) OR CAST(id AS TEXT) = ?1 ORDER BY upper(code) = upper(?1) DESC LIMIT 1`, idOrCode), loc)
	if err != nil {
		return Session{}, notFound(err, "read session", msgNoSession, msg.Args{"Session": strconv.Quote(idOrCode)})
	}
	return x, nil
}

// SaveSessions adds the sessions, or corrects those whose code already
// exists, all or none. It returns EINVALID naming every problem, and every
// session that falls outside the event's days.
func (s *Store) SaveSessions(ctx context.Context, sessions []Session) (created, updated int, err error) {
	if err = allow(ctx, RoleAdmin); err != nil {
		return
	}
	sessions, problems, err := s.checkSessions(ctx, sessions)
	if err != nil {
		return 0, 0, err
	}
	if len(problems) > 0 {
		return 0, 0, &Error{Code: EINVALID, Message: msgProgrammeNotSaved.Msg(), Fields: problems}
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		for _, x := range sessions {
			if _, isNew, err := s.saveSessionTx(ctx, tx, x); err != nil {
				return err
			} else if isNew {
				created++
			} else {
				updated++
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

// checkSessions tidies the sessions and names every problem, with the line
// of a programme file each would come from.
func (s *Store) checkSessions(ctx context.Context, sessions []Session) ([]Session, []FieldError, error) {
	cats, err := s.Categories(ctx)
	if err != nil {
		return nil, nil, err
	}
	ev, err := s.Event(ctx)
	if err != nil {
		return nil, nil, err
	}
	zones, err := s.Zones(ctx)
	if err != nil {
		return nil, nil, err
	}
	var problems []FieldError
	seen := map[string]int{}
	sessions = slices.Clone(sessions)
	for i, x := range sessions {
		x = x.Tidy()
		sessions[i] = x
		fields := ErrorFields(x.Validate(cats))
		if len(fields) == 0 && !ev.Holds(x) {
			fields = []FieldError{{Field: x.Code, Reason: msgOutsideDays.Msg()}}
		}
		fields = append(fields, zoneProblems(0, "zone", []int{x.Zone}, zones)...)
		for _, f := range fields {
			f.Line = i + 2
			problems = append(problems, f)
		}
		key := strings.ToUpper(x.Code)
		if first, dup := seen[key]; dup {
			problems = append(problems, FieldError{Line: i + 2, Field: "code", Reason: msgCodeTwice.With(msg.Args{"Line": first})})
		}
		seen[key] = i + 2
	}
	return sessions, problems, nil
}

// SaveSession adds a session, or corrects the one with its id (which may
// take a new code: a rename), or without an id the one with its code, and
// replaces its invitation list, all or nothing. It returns EINVALID naming
// every problem of the session (one outside the event's days too),
// ECONFLICT when another session has the code, and ENOTFOUND for an id no
// session has or naming the first invited badge number nobody holds; then
// nothing was changed.
func (s *Store) SaveSession(ctx context.Context, x Session, invited []int64) (Session, error) {
	if err := allow(ctx, RoleAdmin); err != nil {
		return Session{}, err
	}
	checked, problems, err := s.checkSessions(ctx, []Session{x})
	if err != nil {
		return Session{}, err
	}
	if len(problems) > 0 {
		for i := range problems {
			problems[i].Line = 0 // from the form, not a file
		}
		return Session{}, &Error{Code: EINVALID, Message: msgSessionNotSaved.Msg(), Fields: problems}
	}
	x = checked[0]
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		if x.ID != 0 {
			if err := s.renameSessionTx(ctx, tx, x); err != nil {
				return err
			}
		}
		id, _, err := s.saveSessionTx(ctx, tx, x)
		if err != nil {
			return err
		}
		return s.setInvitationsTx(ctx, tx, id, x.Code, invited)
	})
	if err != nil {
		return Session{}, err
	}
	return s.Session(ctx, x.Code)
}

// renameSessionTx gives the session with x's id x's code within tx, when
// it had another, recording the rename; the rest is saveSessionTx's.
func (s *Store) renameSessionTx(ctx context.Context, tx *sql.Tx, x Session) error {
	var old string
	if err := tx.QueryRowContext(ctx, `SELECT code FROM sessions WHERE id = ?`, x.ID).Scan(&old); err != nil {
		return notFound(err, "read session", msgNoSessionID, msg.Args{"ID": x.ID})
	}
	if old == x.Code {
		return nil
	}
	var other int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM sessions WHERE upper(code) = upper(?) AND id <> ?`, x.Code, x.ID).Scan(&other)
	switch {
	case err == nil:
		return NewError(ECONFLICT, msgSessionCodeTaken, msg.Args{"Code": x.Code})
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("find session: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET code = ? WHERE id = ?`, x.Code, x.ID); err != nil {
		return fmt.Errorf("rename session: %w", err)
	}
	return s.audit(ctx, tx, AuditEntry{Action: AuditProgramme, Field: x.Code, Old: old, New: x.Code})
}

// CancelSession cancels the session with id, or takes the cancellation
// back: a cancelled session stays in the programme and in the trail, and
// its doors refuse every entry, saying it is cancelled. It returns
// ENOTFOUND for an id no session has.
func (s *Store) CancelSession(ctx context.Context, id int64, cancelled bool) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var code string
		var was bool
		if err := tx.QueryRowContext(ctx, `SELECT code, cancelled FROM sessions WHERE id = ?`, id).Scan(&code, &was); err != nil {
			return notFound(err, "read session", msgNoSessionID, msg.Args{"ID": id})
		}
		if was == cancelled {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET cancelled = ? WHERE id = ?`, cancelled, id); err != nil {
			return fmt.Errorf("cancel session: %w", err)
		}
		state := map[bool]string{true: AuditCancelled, false: ""}
		return s.audit(ctx, tx, AuditEntry{Action: AuditProgramme, Field: code, Old: state[was], New: state[cancelled]})
	})
}

// SessionScans counts the scans the doors recorded for the session with
// id: a session with any cannot be deleted, only cancelled.
func (s *Store) SessionScans(ctx context.Context, id int64) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM checkins WHERE session_id = ?`, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("count scans: %w", err)
	}
	return n, nil
}

// DeleteSession takes the session with id out of the programme, with its
// invitation list, recording it in the trail. A session whose doors have
// recorded scans, or that a door's station file was written for, is
// refused with ECONFLICT: cancel it instead. It returns ENOTFOUND for an id
// no session has.
func (s *Store) DeleteSession(ctx context.Context, id int64) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	loc, err := s.location(ctx)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		x, err := s.scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = ?`, id), loc)
		if err != nil {
			return notFound(err, "read session", msgNoSessionID, msg.Args{"ID": id})
		}
		var scans, files int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM checkins WHERE session_id = ?),
			(SELECT COUNT(*) FROM station_file_sessions WHERE session_id = ?)`, id, id).Scan(&scans, &files); err != nil {
			return fmt.Errorf("count scans: %w", err)
		}
		switch {
		case scans > 0:
			return NewError(ECONFLICT, msgSessionScanned, msg.Args{"Code": x.Code, "Scans": scans})
		case files > 0:
			return NewError(ECONFLICT, msgSessionAtStation, msg.Args{"Code": x.Code})
		}
		invited, err := queryIDs(ctx, tx, `SELECT participant_id FROM invitations WHERE session_id = ?`, id)
		if err != nil {
			return err
		}
		if err := s.inviteTx(ctx, tx, id, x.Code, invited, nil); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM invitations WHERE session_id = ?`, `DELETE FROM sessions WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("delete session: %w", err)
			}
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditProgramme, Field: x.Code, Old: x.Summary()})
	})
}

// saveSessionTx corrects the session with x's code, or inserts x; it
// returns the session's id and whether it is new.
func (s *Store) saveSessionTx(ctx context.Context, tx *sql.Tx, x Session) (int64, bool, error) {
	loc, err := s.location(ctx)
	if err != nil {
		return 0, false, err
	}
	old, err := s.scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE upper(code) = upper(?)`, x.Code), loc)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = s.audit(ctx, tx, AuditEntry{Action: AuditProgramme, Field: x.Code, New: x.Summary()})
	case err == nil && old.Summary() != x.Summary():
		err = s.audit(ctx, tx, AuditEntry{Action: AuditProgramme, Field: x.Code, Old: old.Summary(), New: x.Summary()})
	}
	if err != nil {
		return 0, false, fmt.Errorf("read session: %w", err)
	}
	starts, ends, cats := x.Starts.Format(SessionTimeLayout), x.Ends.Format(SessionTimeLayout), strings.Join(x.Categories, " ")
	res, err := tx.ExecContext(ctx, `UPDATE sessions SET title = ?, kind = ?, room = ?, starts_at = ?, ends_at = ?, capacity = ?,
		categories = ?, invitation_only = ?, records_exits = ?, early_minutes = ?, zone = ? WHERE upper(code) = upper(?)`,
		x.Title, x.Kind, x.Room, starts, ends, x.Capacity, cats, x.InvitationOnly, x.RecordsExits, x.EarlyMinutes, x.Zone, x.Code)
	if err != nil {
		return 0, false, fmt.Errorf("update session: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM sessions WHERE upper(code) = upper(?)`, x.Code).Scan(&id); err != nil {
			return 0, false, fmt.Errorf("find session: %w", err)
		}
		return id, false, nil
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO sessions (code, title, kind, room, starts_at, ends_at, capacity, categories,
		invitation_only, records_exits, early_minutes, zone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		x.Code, x.Title, x.Kind, x.Room, starts, ends, x.Capacity, cats, x.InvitationOnly, x.RecordsExits, x.EarlyMinutes, x.Zone).Scan(&id)
	if err != nil {
		return 0, false, fmt.Errorf("insert session: %w", err)
	}
	return id, true, nil
}

// Invitations returns the ids of the participants invited to a session.
func (s *Store) Invitations(ctx context.Context, sessionID int64) ([]int64, error) {
	return queryIDs(ctx, s.db, `SELECT participant_id FROM invitations WHERE session_id = ? ORDER BY participant_id`, sessionID)
}

// setInvitationsTx replaces the invitation list of the session with id
// and code within tx, recording who was invited or no longer is.
func (s *Store) setInvitationsTx(ctx context.Context, tx *sql.Tx, sessionID int64, code string, participantIDs []int64) error {
	before, err := queryIDs(ctx, tx, `SELECT participant_id FROM invitations WHERE session_id = ?`, sessionID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM invitations WHERE session_id = ?`, sessionID); err != nil {
		return fmt.Errorf("clear invitations: %w", err)
	}
	for _, id := range participantIDs {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM participants WHERE id = ?`, id).Scan(&one); err != nil {
			return notFoundParticipant(err, "read participant", id)
		}
	}
	return s.inviteTx(ctx, tx, sessionID, code, before, participantIDs)
}

// inviteTx puts participants on a session's invitation list within tx,
// recording each one newly invited, and each of before left off it.
func (s *Store) inviteTx(ctx context.Context, tx *sql.Tx, sessionID int64, code string, before, participantIDs []int64) error {
	var trail []AuditEntry
	for _, id := range participantIDs {
		res, err := tx.ExecContext(ctx, `INSERT INTO invitations (session_id, participant_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, sessionID, id)
		if err != nil {
			return fmt.Errorf("invite: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 && !slices.Contains(before, id) {
			trail = append(trail, AuditEntry{ParticipantID: id, Action: AuditProgramme, Field: code, New: AuditInvited})
		}
	}
	for _, id := range before {
		if !slices.Contains(participantIDs, id) {
			trail = append(trail, AuditEntry{ParticipantID: id, Action: AuditProgramme, Field: code, Old: AuditInvited})
		}
	}
	return s.audit(ctx, tx, trail...)
}

// Invite puts participants on a session's invitation list.
func (s *Store) Invite(ctx context.Context, sessionID int64, participantIDs []int64) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var code string
		if err := tx.QueryRowContext(ctx, `SELECT code FROM sessions WHERE id = ?`, sessionID).Scan(&code); err != nil {
			return notFound(err, "read session", msgNoSessionID, msg.Args{"ID": sessionID})
		}
		return s.inviteTx(ctx, tx, sessionID, code, nil, participantIDs)
	})
}

// Attendance is what happened at one session's door.
type Attendance struct {
	Session  Session
	Admitted int // participants let in at least once
	Present  int // inside now (admitted, when exits are not recorded)
	Refused  int // scans refused
}

// AttendanceReport returns the attendance of every session, in programme order.
func (s *Store) AttendanceReport(ctx context.Context) ([]Attendance, error) {
	sessions, err := s.Sessions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Attendance, len(sessions))
	for i, x := range sessions {
		out[i] = Attendance{Session: x, Present: x.Present}
		if err := s.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM presence WHERE session_id = ?),
			(SELECT COUNT(*) FROM checkins WHERE session_id = ? AND verdict = 'rejected')`, x.ID, x.ID).
			Scan(&out[i].Admitted, &out[i].Refused); err != nil {
			return nil, fmt.Errorf("count attendance: %w", err)
		}
	}
	return out, nil
}

// Attendee is one participant admitted to a session.
type Attendee struct {
	Participant Participant
	FirstIn     time.Time
	Inside      bool
}

// Attendees returns who was admitted to a session, in order of arrival.
func (s *Store) Attendees(ctx context.Context, sessionID int64) ([]Attendee, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT participant_id, first_in, inside FROM presence WHERE session_id = ? ORDER BY first_in`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("read attendees: %w", err)
	}
	var list []Attendee
	var ids []int64
	for rows.Next() {
		var a Attendee
		var id int64
		var at string
		if err := rows.Scan(&id, &at, &a.Inside); err != nil {
			rows.Close()
			return nil, err
		}
		a.FirstIn = parseTime(at)
		ids = append(ids, id)
		list = append(list, a)
	}
	rows.Close()
	people, err := s.participantsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].Participant = people[i]
	}
	return list, nil
}

var (
	msgNoSession         = msg.Define("No session has the code or id {{.Session}}; 'accred sessions' lists them.")
	msgProgrammeNotSaved = msg.Define("The programme was not saved. Nothing was changed.")
	msgOutsideDays       = msg.Define("The session falls outside the event's days; change its date, or the event's days.")
	msgCodeTwice         = msg.Define("The code is on line {{.Line}} already.")
	msgSessionNotSaved   = msg.Define("The session was not saved. Nothing was changed.")
	msgSessionCodeTaken  = msg.Define("Another session has the code {{.Code}}; choose another.")
	msgSessionScanned    = msg.Define("{{.Code}} was not deleted: its doors have recorded scans ({{.Scans}}). Cancel it instead: it stays in the history.")
	msgSessionAtStation  = msg.Define("{{.Code}} was not deleted: a door's station file was written for it. Cancel it instead.")
)
