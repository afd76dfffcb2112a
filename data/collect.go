package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"accred/data/domain"

	"accred/data/msg"
	"accred/data/rules"
	"accred/data/search"
)

// Collection is the handing over of a printed badge.
type Collection struct {
	ParticipantID int64
	Document      string // the document number shown, as typed
	By            int64  // the focal point who collected it; 0 when the participant did
	At            time.Time
	Station       string
	Operator      string
	Override      bool // a supervisor allowed a document other than the one registered
}

// CollectInput is what the desk sees when a badge is handed over.
type CollectInput struct {
	Document string // the number of the document shown: the collector's own
	By       int64  // the focal point collecting for the participant; 0 for the participant
	Override bool   // a supervisor allows a document other than the one registered
}

// CollectBadge hands participant id's printed badge over to whoever shows
// in.Document: the participant, or the focal point in.By, a participant of
// the same delegation or organisation who has collected their own badge or
// is present to collect it now (their printed badge is then handed over
// too). The document must be the collector's registered one unless
// in.Override says a supervisor allowed it. The operator and station come
// from ctx. It returns ENOTFOUND, or EINVALID when the badge is not printed,
// the focal point cannot collect it or the document does not match.
func (s *Store) CollectBadge(ctx context.Context, id int64, in CollectInput) (Participant, error) {
	if err := allow(ctx, RoleDesk); err != nil {
		return Participant{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		c := collector{s: s, ctx: ctx, tx: tx, now: s.now(), in: in}
		if err := c.check(id); err != nil {
			return err
		}
		return c.collect(id)
	})
	if err != nil {
		return Participant{}, err
	}
	return s.Participant(ctx, id)
}

// CollectDelegation hands every printed badge of the focal point by's
// delegation or organisation over to them, all or none, on the document they
// show; delegation is the delegation's country code or the organisation's
// name, and must be the focal point's. It returns the participants whose
// badges were handed over, focal point included when theirs was too, in the
// order of the List of Participants. It returns ENOTFOUND, or EINVALID when
// the focal point is not of that delegation, has no badge, nobody's badge
// waits, or the document does not match.
func (s *Store) CollectDelegation(ctx context.Context, delegation string, in CollectInput) ([]Participant, error) {
	if err := allow(ctx, RoleDesk); err != nil {
		return nil, err
	}
	var done []int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		c := collector{s: s, ctx: ctx, tx: tx, now: s.now(), in: in}
		defer func() { done = c.done }()
		focal, err := c.focalPoint()
		if err != nil {
			return err
		}
		if !affiliationNamed(focal.Affiliation, delegation) {
			return NewError(EINVALID, msgNotOfDelegation, msg.Args{"Number": focal.BadgeNumber(), "Delegation": delegation})
		}
		ids, err := queryIDs(ctx, tx, `SELECT id FROM participants WHERE affiliation_id = ? AND status = ?
			ORDER BY head_of_delegation DESC, CASE WHEN rank = 0 THEN 1 ELSE 0 END, rank, sort_key, id`,
			focal.Affiliation.ID, StatusPrinted)
		if err != nil {
			return err
		}
		if len(ids)+len(c.done) == 0 {
			return NewError(EINVALID, msgNothingToCollect, msg.Args{"Delegation": focal.Affiliation.Name})
		}
		for _, id := range ids {
			if err := c.collect(id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.participantsByID(ctx, done)
}

// LastCollection returns how participant id's badge was last handed over,
// and ENOTFOUND when it never was.
func (s *Store) LastCollection(ctx context.Context, id int64) (Collection, error) {
	c := Collection{ParticipantID: id}
	var by sql.NullInt64
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT document, collected_by, at, station, operator, override FROM collections
		WHERE participant_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&c.Document, &by, &at, &c.Station, &c.Operator, &c.Override)
	if errors.Is(err, sql.ErrNoRows) {
		return Collection{}, NewError(ENOTFOUND, msgNeverCollected, badgeArgs(id))
	}
	if err != nil {
		return Collection{}, fmt.Errorf("read collection: %w", err)
	}
	c.By, c.At = by.Int64, parseTime(at)
	return c, nil
}

// collector hands badges over within one transaction.
type collector struct {
	s     *Store
	ctx   context.Context
	tx    *sql.Tx
	now   string
	in    CollectInput
	focal *Participant // once read
	done  []int64      // the badges handed over, in order
}

// check checks that participant id's badge may be handed over on the
// document shown.
func (c *collector) check(id int64) error {
	p, err := c.s.readParticipant(c.ctx, c.tx, id)
	if err != nil {
		return err
	}
	if err := collectable(id, p.Person()); err != nil {
		return err
	}
	if c.in.By == 0 || c.in.By == id {
		c.in.By = 0
		return c.checkDocument(p)
	}
	focal, err := c.focalPoint()
	if err != nil {
		return err
	}
	if p.Affiliation.ID == 0 || focal.Affiliation.ID != p.Affiliation.ID {
		return NewError(EINVALID, msgNotSameDelegation, msg.Args{"Focal": focal.BadgeNumber(), "Number": p.BadgeNumber()})
	}
	return nil
}

// focalPoint reads the focal point in.By, checks the document they show,
// and hands over their own printed badge: they are present.
func (c *collector) focalPoint() (Participant, error) {
	if c.focal != nil {
		return *c.focal, nil
	}
	if c.in.By == 0 {
		return Participant{}, NewError(EINVALID, msgNoFocalPoint, nil)
	}
	focal, err := c.s.readParticipant(c.ctx, c.tx, c.in.By)
	if err != nil {
		return Participant{}, err
	}
	if focal.Status != StatusPrinted && focal.Status != StatusCollected {
		return Participant{}, NewError(EINVALID, msgFocalNoBadge, msg.Args{"Number": focal.BadgeNumber(), "Status": focal.Status.Message()})
	}
	if err := c.checkDocument(focal); err != nil {
		return Participant{}, err
	}
	if focal.Status == StatusPrinted {
		by := c.in.By
		c.in.By = 0
		err := c.collect(focal.ID)
		c.in.By = by
		if err != nil {
			return Participant{}, err
		}
	}
	c.focal = &focal
	return focal, nil
}

// checkDocument compares the document shown with the one registered for
// p, unless a supervisor allowed any.
func (c *collector) checkDocument(p Participant) error {
	shown := domain.DocumentKey(c.in.Document)
	if shown == "" {
		return NewError(EINVALID, msgNoDocumentShown, nil)
	}
	if c.in.Override || shown == domain.DocumentKey(p.DocumentNumber) {
		return nil
	}
	return NewError(EINVALID, msgDocumentMismatch, msg.Args{"Shown": lastThree(shown),
		"Registered": lastThree(domain.DocumentKey(p.DocumentNumber)), "Number": p.BadgeNumber()})
}

// collect marks participant id's printed badge collected and records how.
func (c *collector) collect(id int64) error {
	var p rules.Person
	if err := c.tx.QueryRowContext(c.ctx, `SELECT status, CASE WHEN `+clearanceRequired+` THEN clearance ELSE '' END FROM participants WHERE id = ?`, id).Scan(&p.Status, &p.Clearance); err != nil {
		return notFoundParticipant(err, "read status", id)
	}
	// Every badge handed over is checked here, one by one or a whole
	// delegation's at a time.
	if err := collectable(id, p); err != nil {
		return err
	}
	a := actorFrom(c.ctx)
	var by any
	note := ""
	if c.in.By != 0 {
		by, note = c.in.By, "collected by "+BadgeNumber(c.in.By)
	}
	if c.in.Override {
		note = strings.TrimSpace(note + " (document not the one registered, allowed by a supervisor)")
	}
	if _, err := c.tx.ExecContext(c.ctx, `INSERT INTO collections (participant_id, document, collected_by, at, station, operator, override)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, strings.TrimSpace(c.in.Document), by, c.now, a.Station, a.Operator, c.in.Override); err != nil {
		return fmt.Errorf("record collection: %w", err)
	}
	c.done = append(c.done, id)
	if err := c.s.audit(c.ctx, c.tx, AuditEntry{ParticipantID: id, Action: AuditCollect, Field: note}); err != nil {
		return err
	}
	return c.s.recordStatus(c.ctx, c.tx, c.now, id, StatusCollected, note)
}

// collectable asks the rulebook whether participant id's badge may be
// handed over, and says why not: not printed, or no longer accredited (a
// refused clearance keeps it at the desk).
func collectable(id int64, p rules.Person) error {
	verdict, why := rules.Collect(p)
	switch {
	case verdict == rules.Accepted:
		return nil
	case why.Code == rules.NotAccredited && p.Status == rules.Printed:
		return NewError(EINVALID, msgNotAccreditedBadge, badgeArgs(id))
	}
	return notPrinted(id, Status(p.Status))
}

// notPrinted says why participant id's badge, with status s, cannot be
// handed over.
func notPrinted(id int64, s Status) error {
	return NewError(EINVALID, msgNotPrinted, msg.Args{"Number": BadgeNumber(id), "Status": s.Message()})
}

// lastThree is the end of a document key, all a queue may overhear.
func lastThree(key string) string {
	if len(key) <= 3 {
		return "…" + key
	}
	return "…" + key[len(key)-3:]
}

// affiliationNamed reports whether name names a: a delegation's country code
// or name, or an organisation's name, ignoring case and accents.
func affiliationNamed(a Affiliation, name string) bool {
	if a.ID == 0 {
		return false
	}
	folded := search.Fold(strings.TrimSpace(name))
	return folded != "" && (strings.EqualFold(a.Country, strings.TrimSpace(name)) || folded == search.Fold(a.Name))
}

var (
	msgNotPrinted         = msg.Define("Badge {{.Number}} is {{.Status}}: only a printed badge can be handed over.")
	msgNoDocumentShown    = msg.Define("Type the number of the document shown.")
	msgDocumentMismatch   = msg.Define("The document shown (ending {{.Shown}}) is not the one registered for {{.Number}} (ending {{.Registered}}); only a supervisor may hand the badge over on it.")
	msgNoFocalPoint       = msg.Define("Name the focal point who collects the delegation's badges.")
	msgFocalNoBadge       = msg.Define("The focal point {{.Number}} is {{.Status}}: a focal point collects for others once their own badge is printed.")
	msgNotSameDelegation  = msg.Define("The focal point {{.Focal}} is not of the same delegation or organisation as {{.Number}}.")
	msgNotOfDelegation    = msg.Define("The focal point {{.Number}} is not of the delegation {{.Delegation}}.")
	msgNothingToCollect   = msg.Define("No printed badge of {{.Delegation}} waits to be handed over.")
	msgNeverCollected     = msg.Define("The badge {{.Number}} was never handed over.")
	msgNotAccreditedBadge = msg.Define("{{.Number}} is not accredited: the badge is not handed over.")
)

// IsDocumentMismatch reports whether err refuses a badge because the
// document shown is not the one registered: a supervisor may allow it.
func IsDocumentMismatch(err error) bool {
	m, ok := ErrorMessage(err)
	return ok && m.Key == msgDocumentMismatch
}
