package data

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"accred/data/chain"
	"accred/data/msg"
)

// VerdictKind is what the door screen shows in colour.
type VerdictKind string

// The verdicts: green, amber, red.
const (
	Accepted VerdictKind = "ACCEPTED"
	Already  VerdictKind = "ALREADY"
	Rejected VerdictKind = "REJECTED"
)

// Scan is one badge presented at a door, or a manual check-in by search.
type Scan struct {
	SessionID     int64
	Code          string // the scanned text; empty for a manual check-in
	ParticipantID int64  // for a manual check-in of someone who forgot their badge
	Station       string
	Operator      string
	Exit          bool // scanning out of a session that records exits
}

// Verdict is the door's answer, recorded before it is shown.
type Verdict struct {
	ID          string // the check-in's unique id
	Kind        VerdictKind
	Reason      Reason      // why, when refused or already in
	Participant Participant // zero when the code names nobody
	Exit        bool
	Manual      bool // checked in by search, without the badge
	Present     int  // inside the session after this scan
	Capacity    int
	At          time.Time
}

// door is what the rules look at when someone presents a badge.
type door struct {
	session  Session
	badgeErr error // why the badge itself is not valid, if it is not
	category string
	invited  bool
	hasZone  bool // the badge carries the zone the session requires
	// doorZone is the zone the door itself requires, whatever the session;
	// 0 when none.
	doorZone    int
	hasDoorZone bool      // the badge carries the zone the door requires
	inside      bool      // inside now, or admitted before when exits are not recorded
	firstIn     time.Time // the first admission, when inside
	firstAt     string    // the station of the first admission, when inside
	exit        bool
	now         time.Time
}

// decide applies the door's rules, in order: a valid badge; for an exit, a
// door that records exits and someone inside; for an entry, a session not
// cancelled, not inside
// already, an admitted category, the zone the session requires and the
// one the door requires, an invitation where one is needed, the
// session's window (opening early by its tolerance), and a free seat.
func decide(d door) (VerdictKind, Reason) {
	s := d.session
	switch {
	case d.badgeErr != nil:
		return Rejected, badgeReason(d.badgeErr)
	case d.exit && !s.RecordsExits:
		return Rejected, Reason{Code: ReasonNoExits}
	case d.exit && !d.inside:
		return Rejected, Reason{Code: ReasonNotInside}
	case d.exit:
		return Accepted, Reason{}
	case s.Cancelled:
		return Rejected, Reason{Code: ReasonCancelled}
	case d.inside:
		var station any = d.firstAt
		if d.firstAt == "" { // let in before this station file was written
			station = msgAnotherDoor.Msg()
		}
		return Already, Reason{Code: ReasonAlreadyInside, Args: msg.Args{"At": moment(d.firstIn), "Station": station}}
	case !s.Admits(d.category):
		return Rejected, Reason{Code: ReasonCategory}
	case s.Zone != 0 && !d.hasZone:
		return Rejected, Reason{Code: ReasonZone, Args: msg.Args{"Zone": s.Zone}}
	case d.doorZone != 0 && !d.hasDoorZone:
		return Rejected, Reason{Code: ReasonZone, Args: msg.Args{"Zone": d.doorZone}}
	case s.InvitationOnly && !d.invited:
		return Rejected, Reason{Code: ReasonNotInvited}
	case d.now.Before(s.Opens()):
		return Rejected, Reason{Code: ReasonTooEarly, Args: msg.Args{"At": moment(s.Opens())}}
	case !d.now.Before(s.Ends):
		return Rejected, Reason{Code: ReasonTooLate, Args: msg.Args{"At": moment(s.Ends)}}
	case s.Capacity > 0 && s.Present >= s.Capacity:
		return Rejected, Reason{Code: ReasonRoomFull, Args: msg.Args{"Present": s.Present, "Capacity": s.Capacity}}
	}
	return Accepted, Reason{}
}

// CheckIn decides a scan at a session's door and records it, whatever the
// verdict, durably before returning: a green verdict survives a power cut.
// The badge is verified in the same transaction that admits its holder, so a
// reprint committed meanwhile is seen. Admissions and exits update who is
// inside. At a station file, the scan is signed with the file's key, chained
// to the one before. It returns ENOTFOUND for an unknown session and
// EINVALID for a station or operator name that is not a name; a refused
// badge is a verdict, not an error.
func (s *Store) CheckIn(ctx context.Context, scan Scan) (Verdict, error) {
	if err := allow(ctx, RoleDoor); err != nil {
		return Verdict{}, err
	}
	scan.Station, scan.Operator = NameText.Tidy(scan.Station), NameText.Tidy(cmp.Or(scan.Operator, actorFrom(ctx).Operator))
	if err := scan.validate(); err != nil {
		return Verdict{}, err
	}
	if _, err := s.eventKeys(ctx); err != nil {
		return Verdict{}, err
	}
	signer, err := s.stationSigner(ctx)
	if err != nil {
		return Verdict{}, err
	}
	loc, err := s.location(ctx)
	if err != nil {
		return Verdict{}, err
	}
	v := Verdict{ID: newID(), Exit: scan.Exit, Manual: scan.Code == "", At: s.Now().UTC()}
	err = s.withDoorTx(ctx, func(tx *sql.Tx) error {
		// The session's row is locked until the verdict is recorded, so that
		// doors of one session count its seats one at a time.
		if err := s.lockSession(ctx, tx, scan.SessionID); err != nil {
			return err
		}
		session, err := s.scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = ?`, scan.SessionID), loc)
		if errors.Is(err, sql.ErrNoRows) {
			return NewError(ENOTFOUND, msgNoSessionID, msg.Args{"ID": scan.SessionID})
		}
		if err != nil {
			return fmt.Errorf("read session: %w", err)
		}
		var badgeErr error
		if scan.Code != "" {
			v.Participant, _, badgeErr = s.verifyBadge(ctx, tx, scan.Code)
		} else {
			if v.Participant, err = s.readParticipant(ctx, tx, scan.ParticipantID); err != nil {
				return err
			}
			badgeErr = manualValidity(v.Participant)
		}
		d := door{session: session, badgeErr: badgeErr, category: v.Participant.Category, exit: scan.Exit, now: v.At.In(loc)}
		if d.doorZone, err = stationZone(ctx, tx, scan.Station); err != nil {
			return err
		}
		pid := sql.NullInt64{Int64: v.Participant.ID, Valid: v.Participant.ID != 0}
		if pid.Valid {
			var firstIn string
			err := tx.QueryRowContext(ctx, `SELECT p.inside, p.first_in, COALESCE((SELECT c.station FROM checkins c
				WHERE c.session_id = p.session_id AND c.participant_id = p.participant_id AND c.verdict = 'accepted' AND c.direction = 'in'
				ORDER BY c.at LIMIT 1), '') FROM presence p WHERE p.session_id = ? AND p.participant_id = ?`, session.ID, pid).Scan(&d.inside, &firstIn, &d.firstAt)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("read presence: %w", err)
			}
			d.firstIn = parseTime(firstIn).In(loc)
			if session.InvitationOnly {
				err := tx.QueryRowContext(ctx, `SELECT 1 FROM invitations WHERE session_id = ? AND participant_id = ?`, session.ID, pid).Scan(new(int))
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("read invitation: %w", err)
				}
				d.invited = err == nil
			}
			if session.Zone != 0 {
				if d.hasZone, err = hasZoneTx(ctx, tx, pid.Int64, v.Participant.Category, session.Zone); err != nil {
					return err
				}
			}
			if d.doorZone != 0 {
				if d.hasDoorZone, err = hasZoneTx(ctx, tx, pid.Int64, v.Participant.Category, d.doorZone); err != nil {
					return err
				}
			}
		}
		v.Kind, v.Reason = decide(d)
		v.Present, v.Capacity = session.Present, session.Capacity
		if v.Kind == Accepted {
			if scan.Exit {
				v.Present--
			} else {
				v.Present++
			}
		}
		c := chain.Scan{
			ID:            v.ID,
			SessionID:     session.ID,
			ParticipantID: pid.Int64,
			Station:       scan.Station,
			Operator:      scan.Operator,
			At:            timeText(v.At),
			Direction:     map[bool]string{false: "in", true: "out"}[scan.Exit],
			Verdict:       map[VerdictKind]string{Accepted: "accepted", Already: "already", Rejected: "rejected"}[v.Kind],
			Reason:        v.Reason.String(),
			Manual:        scan.Code == "",
		}
		if err := signer.record(ctx, tx, c); err != nil {
			return err
		}
		if s.OnServer() {
			return nil // the server counts the admission and writes the scan's line (checkin_count)
		}
		if v.Kind == Accepted {
			if err := s.admit(ctx, tx, session.ID, pid.Int64, scan.Exit, v.At); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, checkinEntry(session.Code, c))
	})
	if err != nil {
		return Verdict{}, err
	}
	return v, nil
}

// lockSession locks a session's row until the transaction ends, so that
// doors of one session count its seats one at a time. On a server, whose
// doors may not change sessions, the server takes the lock for them.
func (s *Store) lockSession(ctx context.Context, tx *sql.Tx, id int64) error {
	query := `SELECT 1 FROM sessions WHERE id = ?`
	if s.OnServer() {
		query = `SELECT 1 FROM (SELECT accred_lock_session(?)) l`
	}
	if err := tx.QueryRowContext(ctx, query, id).Scan(new(int)); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("lock session: %w", err)
	}
	return nil
}

// admit records an entry or an exit and keeps the session's count, in a
// SQLite file; a server does it itself when the scan is recorded.
func (s *Store) admit(ctx context.Context, tx *sql.Tx, sessionID, participantID int64, exit bool, at time.Time) error {
	now := timeText(at)
	inside, delta := true, 1
	if exit {
		inside, delta = false, -1
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO presence (session_id, participant_id, inside, first_in, last_change) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (session_id, participant_id) DO UPDATE SET inside = excluded.inside, last_change = excluded.last_change`,
		sessionID, participantID, inside, now, now); err != nil {
		return fmt.Errorf("record presence: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET present = present + ? WHERE id = ?`, delta, sessionID); err != nil {
		return fmt.Errorf("count presence: %w", err)
	}
	return nil
}

// manualValidity says whether someone without their badge may be checked in
// by search: only an accredited participant.
func manualValidity(p Participant) error {
	switch {
	case p.Status == StatusRejected || p.Status == StatusWithdrawn || p.Clearance == ClearanceRefused:
		return ErrNotAccredited
	case p.Status == StatusRegistered:
		return ErrNotApproved
	}
	return nil
}

// newID returns a random 128-bit identifier in hex.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

var (
	msgNoSessionID = msg.Define("No session has the id {{.ID}}.")
	msgAnotherDoor = msg.Define("another door")
)
