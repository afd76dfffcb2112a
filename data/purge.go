package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"accred/data/msg"
)

// PurgeReport says how many of each kind of personal data a purge removed.
type PurgeReport struct {
	Before        string // everyone registered before this date (YYYY-MM-DD)
	People        int    // participants who had something removed
	Names         int    // replaced by the badge number
	Emails        int
	Documents     int // document numbers
	Photos        int
	DatesOfBirth  int
	PlacesOfBirth int
	Collections   int // documents recorded when a badge was handed over
	Nominations   int // focal points, e-mails and files of nominations recorded before the date
	Notes         int // status notes and reprint reasons that named them
	AuditEntries  int // audit entries whose values were removed
}

// PurgeCount is one kind of data a purge removed, and how many.
type PurgeCount struct {
	Kind  string
	Count int
}

// Counts lists the report's kinds in order.
func (r PurgeReport) Counts() []PurgeCount {
	return []PurgeCount{{"people", r.People}, {"names", r.Names}, {"e-mails", r.Emails}, {"document numbers", r.Documents},
		{"photos", r.Photos}, {"dates of birth", r.DatesOfBirth}, {"places of birth", r.PlacesOfBirth},
		{"collection documents", r.Collections}, {"nominations", r.Nominations}, {"notes", r.Notes}, {"audit entries", r.AuditEntries}}
}

// String is the report in one line: "3 people, 3 names, 2 e-mails, …".
func (r PurgeReport) String() string {
	var parts []string
	for _, c := range r.Counts() {
		parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Kind))
	}
	return strings.Join(parts, ", ")
}

// Purge removes the personal data of everyone registered before the date
// before (YYYY-MM-DD, in the event's time zone, tomorrow at the latest):
// their document numbers, e-mail addresses, photos, dates and places of
// birth, and their names, replaced by their badge number; and the focal
// points, e-mail addresses and files (which name people) of the
// nominations recorded before that day. Their rows,
// statuses, prints, zones and check-ins stay, so that counts, statistics
// and attendance are kept. The values go wherever they are held: the
// search and sort keys, the documents recorded at collection, and the
// audit trail's old and new values (the one change the trail allows);
// status notes and reprint reasons lose them where they stand as words.
// One purge entry in the trail says what kinds and how many, never the
// data. Then the freed bytes are wiped from the database's files (SQLite:
// VACUUM and a truncating checkpoint of the WAL; PostgreSQL: VACUUM FULL).
//
// It needs the admin role, returns EINVALID for a bad date, and is harmless
// run again. On a venue's server it needs the administrator's login.
func (s *Store) Purge(ctx context.Context, before string) (PurgeReport, error) {
	report := PurgeReport{Before: strings.TrimSpace(before)}
	if err := allow(ctx, RoleAdmin); err != nil {
		return report, err
	}
	cutoff, err := s.purgeCutoff(ctx, report.Before)
	if err != nil {
		return report, err
	}
	if err := s.mayPurge(ctx); err != nil {
		return report, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return report, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	if err := s.engine.zeroFreedPages(ctx, conn); err != nil {
		return report, err
	}
	err = transactOn(ctx, conn, s.engine.lockParticipants, func(tx *sql.Tx) error {
		return s.purgeTx(ctx, tx, cutoff, &report)
	})
	if err != nil {
		return PurgeReport{Before: report.Before}, err
	}
	if err := s.engine.wipeFreed(ctx, conn); err != nil {
		return report, NewError(EINVALID, msgPurgeVacuum, msg.Args{"Err": err})
	}
	return report, nil
}

// purgeCutoff reads a purge's date and returns the time registrations must
// be before, as stored.
func (s *Store) purgeCutoff(ctx context.Context, before string) (string, error) {
	loc, err := s.location(ctx)
	if err != nil {
		return "", err
	}
	tomorrow := s.Now().In(loc).AddDate(0, 0, 1).Format(time.DateOnly)
	day, err := time.ParseInLocation(time.DateOnly, before, loc)
	if err != nil || before > tomorrow {
		return "", NewError(EINVALID, msgPurgeDate, msg.Args{"Date": before, "Tomorrow": tomorrow})
	}
	return timeText(day), nil
}

// purgeTx does a purge's work inside tx, marked as a purge for the trail's
// triggers until it is done.
func (s *Store) purgeTx(ctx context.Context, tx *sql.Tx, cutoff string, report *PurgeReport) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_purge (id) VALUES (1)`); err != nil {
		return fmt.Errorf("mark the purge: %w", err)
	}
	people, err := readPurged(ctx, tx, cutoff)
	if err != nil {
		return err
	}
	w, err := s.newWriter(ctx, tx)
	if err != nil {
		return err
	}
	if err := collectHistory(ctx, tx, cutoff, people); err != nil {
		return err
	}
	for _, p := range people {
		if err := w.purgeParticipant(p, report); err != nil {
			return err
		}
	}
	if err := purgeCollections(ctx, tx, cutoff, report); err != nil {
		return err
	}
	if err := purgeNominations(ctx, tx, cutoff, report); err != nil {
		return err
	}
	if err := purgeNotes(ctx, tx, cutoff, people, report); err != nil {
		return err
	}
	if err := purgeAudit(ctx, tx, cutoff, people, report); err != nil {
		return err
	}
	if err := s.audit(ctx, tx, AuditEntry{Action: AuditPurge, Field: "before " + report.Before, New: report.String()}); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM audit_purge`); err != nil {
		return fmt.Errorf("end the purge: %w", err)
	}
	return nil
}

// mayPurge returns EFORBIDDEN when the store's login may not change the
// audit trail: on a server, only its administrator's may.
func (s *Store) mayPurge(ctx context.Context) error {
	may, err := s.engine.mayRewriteTrail(ctx, s.db)
	if err != nil {
		return fmt.Errorf("read the login's rights: %w", err)
	}
	if !may {
		return NewError(EFORBIDDEN, msgPurgeLogin, nil)
	}
	return nil
}

var (
	msgPurgeLogin  = msg.Define("This login may not purge: on a venue's server, purge with the administrator's address, the one given to server init.")
	msgPurgeDate   = msg.Define("Cannot purge before {{.Date}}: write the date YYYY-MM-DD (2025-10-01), tomorrow ({{.Tomorrow}}) at the latest.")
	msgPurgeVacuum = msg.Define("The data was removed from the tables, but the file may still hold its bytes ({{.Err}}). Close every other station and run the purge again.")
)
