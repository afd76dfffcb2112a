package data

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"accred/data/chain"
)

// What an audit entry records.
const (
	AuditRegister   = "register"   // a participant registered (by hand or import)
	AuditEdit       = "edit"       // one field of a participant: Field, Old, New
	AuditStatus     = "status"     // a status change: Old, New, and the reason in Field
	AuditPhoto      = "photo"      // a photo replaced or removed
	AuditPrint      = "print"      // a badge printed: New names the file
	AuditReprint    = "reprint"    // a new issue of a badge: Field the reason
	AuditPrintJob   = "print-job"  // a badge sent to a printer: Field the printer, New the job's number, Old the file
	AuditImport     = "import"     // a file imported: Field its name, New its SHA-256
	AuditProgramme  = "programme"  // a session added, changed or removed
	AuditSetting    = "setting"    // an event setting: Field the key
	AuditCategory   = "category"   // a category's name, colour, names or photo frame: Field its code
	AuditZone       = "zone"       // an access zone defined, changed or removed: Field its number
	AuditDoor       = "door"       // the zone a station's door requires: Field the station
	AuditOperator   = "operator"   // an operator added, disabled or given a new PIN
	AuditStation    = "station"    // a door's station file issued: Field its name, New its id
	AuditMerge      = "merge"      // a door's station file merged
	AuditCheckin    = "checkin"    // a scan at a door: Field the session, New the verdict
	AuditCollect    = "collect"    // a badge handed over
	AuditClearance  = "clearance"  // a security clearance result
	AuditNomination = "nomination" // a delegation's nomination recorded
	AuditPurge      = "purge"      // personal data removed (what kinds, never the data)
)

// AuditInvited is a programme line's new value for a participant put on a
// session's invitation list, and its old value for one taken off it.
const AuditInvited = "invited"

// AuditCancelled is a programme entry's Old or New for a session cancelled.
const AuditCancelled = "cancelled"

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	At            time.Time
	Operator      string
	Station       string
	ParticipantID int64 // 0 when the change is not about one participant
	Action        string
	Field         string
	Old, New      string
	Source        string // the file an import read, on each change it made; "" otherwise
}

// auditBatch is how many entries one statement appends: an import records
// thousands, and a round trip each would cost more than the rows.
const auditBatch = 100

// audit appends entries to the trail inside tx, at the store's time, with
// the operator and station of ctx's actor. An entry that names its own
// time, operator or station (a scan merged from a door's file, a change
// made for an operator the caller names) keeps them.
//
// On a server the server stamps every line with its own time and the
// operator signed in on the connection (see accred_sign_in), and writes a
// scan's line itself; a door's login, which may not write the trail, notes
// its station files issued and merged through accred_door_note.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, entries ...AuditEntry) error {
	a := actorFrom(ctx)
	if s.doorOnly {
		for _, e := range entries {
			var participant any
			if e.ParticipantID != 0 {
				participant = e.ParticipantID
			}
			if _, err := tx.ExecContext(ctx, `SELECT accred_door_note(?, ?, ?, ?, ?, ?)`, e.Action, e.Field, e.Old, e.New, participant,
				cmp.Or(e.Station, a.Station)); err != nil {
				return fmt.Errorf("record %s in the audit trail: %w", e.Action, err)
			}
		}
		return nil
	}
	now, file := s.now(), a.source
	for start := 0; start < len(entries); start += auditBatch {
		part := entries[start:min(start+auditBatch, len(entries))]
		args := make([]any, 0, 9*len(part))
		for _, e := range part {
			at, operator, station := now, a.Operator, a.Station
			if !e.At.IsZero() {
				at = timeText(e.At)
			}
			if e.Operator != "" {
				operator = e.Operator
			}
			if e.Station != "" {
				station = e.Station
			}
			var participant any
			if e.ParticipantID != 0 {
				participant = e.ParticipantID
			}
			args = append(args, at, operator, station, participant, e.Action, e.Field, e.Old, e.New, cmp.Or(e.Source, file))
		}
		query := `INSERT INTO audit (at, operator, station, participant_id, action, field, old, new, source) VALUES ` +
			strings.Repeat(`(?, ?, ?, ?, ?, ?, ?, ?, ?), `, len(part)-1) + `(?, ?, ?, ?, ?, ?, ?, ?, ?)`
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("record %s in the audit trail: %w", part[0].Action, err)
		}
	}
	return nil
}

// checkinEntry is the audit trail's line for a scan at a session's door:
// the session's code, and the verdict with its direction and reason.
func checkinEntry(session string, c chain.Scan) AuditEntry {
	verdict := c.Verdict + " " + c.Direction
	if c.Manual {
		verdict += " (found by name)"
	}
	if c.Reason != "" {
		verdict += ": " + c.Reason
	}
	return AuditEntry{At: parseTime(c.At), Operator: c.Operator, Station: c.Station, ParticipantID: c.ParticipantID,
		Action: AuditCheckin, Field: session, New: verdict}
}

// Checkin is a scan as the trail keeps it (checkinEntry's New), read
// back to be worded in another language.
type Checkin struct {
	Verdict VerdictKind
	Exit    bool
	Manual  bool   // found by name, not scanned
	Reason  Reason // the reason, when the trail's English is one the door gives
	Said    string // the reason as the trail keeps it, in English
}

// ReadCheckin reads back a checkin entry's New; false when it is not one.
func ReadCheckin(text string) (Checkin, bool) {
	head, said, _ := strings.Cut(text, ": ")
	head, manual := strings.CutSuffix(head, " (found by name)")
	verdict, direction, ok := strings.Cut(head, " ")
	kinds := map[string]VerdictKind{"accepted": Accepted, "already": Already, "rejected": Rejected}
	if !ok || kinds[verdict] == "" || (direction != "in" && direction != "out") {
		return Checkin{}, false
	}
	c := Checkin{Verdict: kinds[verdict], Exit: direction == "out", Manual: manual, Said: said}
	c.Reason, _ = ReadReason(said)
	return c, true
}

// AuditFilter chooses lines of the trail; zero fields choose all.
type AuditFilter struct {
	ParticipantID int64
	Operator      string
	Since         time.Time
}

// AuditTrail returns the trail's lines that filter chooses in the order
// they were recorded: a door's scans merged from its station file come
// when they were merged, with the time they were made.
//
// The whole trail, or more than one participant's history, is an admin's
// to read.
func (s *Store) AuditTrail(ctx context.Context, filter AuditFilter) ([]AuditEntry, error) {
	if filter.ParticipantID == 0 {
		if err := s.mayReadEverything(ctx, false); err != nil {
			return nil, err
		}
	}
	var where []string
	var args []any
	if filter.ParticipantID != 0 {
		where, args = append(where, `participant_id = ?`), append(args, filter.ParticipantID)
	}
	if filter.Operator != "" {
		where, args = append(where, `operator = ?`), append(args, filter.Operator)
	}
	if !filter.Since.IsZero() {
		where, args = append(where, `at >= ?`), append(args, timeText(filter.Since))
	}
	query := `SELECT at, operator, station, COALESCE(participant_id, 0), action, field, old, new, source FROM audit`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read the audit trail: %w", err)
	}
	defer rows.Close()
	var trail []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&at, &e.Operator, &e.Station, &e.ParticipantID, &e.Action, &e.Field, &e.Old, &e.New, &e.Source); err != nil {
			return nil, fmt.Errorf("read the audit trail: %w", err)
		}
		e.At = parseTime(at)
		trail = append(trail, e)
	}
	return trail, rows.Err()
}
