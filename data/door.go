package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"accred/data/chain"
	"accred/data/credential"
	"accred/data/msg"
	"accred/data/rules"
)

// VerdictKind is what the door screen shows in colour: the rulebook's
// verdict.
type VerdictKind = rules.Verdict

// The verdicts: green, amber, red.
const (
	Accepted = rules.Accepted
	Already  = rules.Already
	Rejected = rules.Rejected
)

// Scan is one badge presented at a door, or a manual check-in by search.
type Scan struct {
	SessionID     int64
	Code          string // the scanned text; empty for a manual check-in
	ParticipantID int64  // for a manual check-in of someone who forgot their badge
	Station       string // the door's station; its door rule applies
	Exit          bool   // scanning out of a session that records exits
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

// CheckIn decides a scan at a session's door and records it, whatever the
// verdict, durably before returning: a green verdict survives a power cut.
// The badge is verified in the same transaction that admits its holder, so a
// reprint committed meanwhile is seen. Admissions and exits update who is
// inside. At a station file, the scan is signed with the file's key, chained
// to the one before. The rulebook decides (rules.Admit); the operator
// recorded is the actor in ctx. It returns ENOTFOUND for an unknown session
// and EINVALID for a station name that is not a name; a refused badge is a
// verdict, not an error. A fault (the database cannot be read) is an
// error, and nothing is recorded: it is never a refusal.
func (s *Store) CheckIn(ctx context.Context, scan Scan) (Verdict, error) {
	if err := allow(ctx, RoleDoor); err != nil {
		return Verdict{}, err
	}
	scan.Station = NameText.Tidy(scan.Station)
	operator := actorFrom(ctx).Operator
	if err := scan.validate(operator); err != nil {
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
		a := rules.Admission{Session: session.Rules(), Exit: scan.Exit, Now: v.At.In(loc)}
		if scan.Code != "" {
			var c credential.Credential
			var err error
			v.Participant, c, err = s.verifyBadge(ctx, tx, scan.Code)
			code, refused := codeReason(err)
			switch {
			case refused:
				a.Presented.Code = code
			case err != nil && v.Participant.ID == 0:
				return fmt.Errorf("check the badge: %w", err)
			}
			a.Presented.ByBadge, a.Presented.Issue = true, c.Issue
		} else if v.Participant, err = s.readParticipant(ctx, tx, scan.ParticipantID); err != nil {
			return err
		}
		a.Person = v.Participant.Person()
		if a.DoorZone, err = stationZone(ctx, tx, scan.Station); err != nil {
			return err
		}
		pid := sql.NullInt64{Int64: v.Participant.ID, Valid: v.Participant.ID != 0}
		if pid.Valid {
			var firstIn string
			err := tx.QueryRowContext(ctx, `SELECT p.inside, p.first_in, COALESCE((SELECT c.station FROM checkins c
				WHERE c.session_id = p.session_id AND c.participant_id = p.participant_id AND c.verdict = 'accepted' AND c.direction = 'in'
				ORDER BY c.at LIMIT 1), '') FROM presence p WHERE p.session_id = ? AND p.participant_id = ?`, session.ID, pid).Scan(&a.Inside, &firstIn, &a.FirstAt)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("read presence: %w", err)
			}
			a.FirstIn = parseTime(firstIn).In(loc)
			if session.InvitationOnly {
				err := tx.QueryRowContext(ctx, `SELECT 1 FROM invitations WHERE session_id = ? AND participant_id = ?`, session.ID, pid).Scan(new(int))
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("read invitation: %w", err)
				}
				a.Invited = err == nil
			}
			if session.Zone != 0 {
				if a.HasZone, err = hasZoneTx(ctx, tx, pid.Int64, v.Participant.Category, session.Zone); err != nil {
					return err
				}
			}
			if a.DoorZone != 0 {
				if a.HasDoorZone, err = hasZoneTx(ctx, tx, pid.Int64, v.Participant.Category, a.DoorZone); err != nil {
					return err
				}
			}
		}
		v.Kind, v.Reason = rules.Admit(a)
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
			Operator:      operator,
			At:            timeText(v.At),
			Direction:     map[bool]string{false: "in", true: "out"}[scan.Exit],
			Verdict:       map[VerdictKind]string{Accepted: "accepted", Already: "already", Rejected: "rejected"}[v.Kind],
			Reason:        v.Reason.String(),
			Manual:        scan.Code == "",
		}
		if err := signer.record(ctx, tx, c); err != nil {
			return err
		}
		if s.engine.countsScansItself() {
			return nil
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
	if err := tx.QueryRowContext(ctx, s.engine.lockSessionQuery(), id).Scan(new(int)); err != nil && !errors.Is(err, sql.ErrNoRows) {
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

// newID returns a random 128-bit identifier in hex.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

var (
	msgNoSessionID = msg.Define("No session has the id {{.ID}}.")
)
