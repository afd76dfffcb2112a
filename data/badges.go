package data

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"accred/data/credential"
	"accred/data/msg"
	"accred/data/rules"
)

// Why a genuine-looking badge is refused, in the words of its reason at the
// door; credential's errors say why a code is not genuine at all.
var (
	ErrUnknownBadge  = errors.New(Reason{Code: ReasonUnknownBadge}.String())
	ErrSuperseded    = errors.New(Reason{Code: ReasonSuperseded}.String())
	ErrNotIssued     = errors.New(Reason{Code: ReasonNotIssued}.String())
	ErrNotAccredited = errors.New(Reason{Code: ReasonNotAccredited}.String())
	ErrNotApproved   = errors.New(Reason{Code: ReasonNotApproved}.String())
	// ErrClearancePending is a badge of someone whose clearance the event
	// requires and has not received.
	ErrClearancePending = errors.New(Reason{Code: ReasonClearancePending}.String())
)

// keys is the event's key pair. It never changes once made, so the store
// keeps the first one it reads; a failed read is not kept.
type keys struct {
	id   string
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func (s *Store) eventKeys(ctx context.Context) (*keys, error) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.keys != nil {
		return s.keys, nil
	}
	var k keys
	// A desk's or a door's login on a server may not read the private key:
	// it verifies only.
	private := `private_key`
	if s.keyless {
		private = `public_key`
	}
	err := s.db.QueryRowContext(ctx, `SELECT key_id, public_key, `+private+` FROM event WHERE id = 1`).Scan(&k.id, &k.pub, &k.priv)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoEvent()
	}
	if err != nil {
		return nil, fmt.Errorf("read event keys: %w", err)
	}
	s.keys = &k
	return s.keys, nil
}

// BadgeFilter says whose badges to print.
type BadgeFilter struct {
	IDs         []int64 // these participants, whatever else is set
	Category    string  // only this category
	Affiliation int64   // only this delegation, organisation or outlet
	Printed     bool    // also those already printed (they need a reprint)
}

// BadgesToPrint returns the approved participants the filter names, in
// delegation and name order. Without IDs it leaves out those already
// printed unless Printed is set, and, where the event requires clearance,
// those not cleared. Named participants are returned whatever they are:
// their Status and Cleared say whether each may be printed.
func (s *Store) BadgesToPrint(ctx context.Context, f BadgeFilter) ([]Participant, error) {
	where, args := f.where()
	if len(f.IDs) == 0 {
		where = append(where, `(p.clearance = 'cleared' OR NOT `+clearanceRequired+`)`)
	}
	rows, err := s.db.QueryContext(ctx, s.selectParticipants()+`WHERE `+strings.Join(where, " AND ")+badgeOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("find badges to print: %w", err)
	}
	return scanParticipants(rows)
}

// badgeOrder is the order badges print in: by delegation, its head first,
// then by name.
const badgeOrder = ` ORDER BY COALESCE(a.folded, ''), p.head_of_delegation DESC, p.sort_key, p.id`

// AwaitingClearance counts the participants the filter would print but for
// their clearance, still pending; 0 where the event does not require it.
func (s *Store) AwaitingClearance(ctx context.Context, f BadgeFilter) (int, error) {
	where, args := f.where()
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM participants p WHERE `+strings.Join(where, " AND ")+
		` AND p.clearance = 'pending' AND `+clearanceRequired, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count awaiting clearance: %w", err)
	}
	return n, nil
}

// clearanceRequired is true in SQL where the event requires clearance.
const clearanceRequired = `COALESCE((SELECT clearance_required FROM event WHERE id = 1), FALSE)`

// where is the filter's condition on participants p, but for clearance.
func (f BadgeFilter) where() (where []string, args []any) {
	if len(f.IDs) > 0 {
		where = append(where, `p.id IN (?`+strings.Repeat(",?", len(f.IDs)-1)+`)`)
		for _, id := range f.IDs {
			args = append(args, id)
		}
	} else if f.Printed {
		where = append(where, `p.status IN ('approved', 'printed', 'collected')`)
	} else {
		where = append(where, `p.status = 'approved'`)
	}
	if f.Category != "" {
		where = append(where, `p.category = ?`)
		args = append(args, f.Category)
	}
	if f.Affiliation != 0 {
		where = append(where, `p.affiliation_id = ?`)
		args = append(args, f.Affiliation)
	}
	return where, args
}

// PrintableIssue is the issue a participant's next printed badge carries:
// the first, or the one a reprint made.
func PrintableIssue(p Participant) int { return max(p.BadgeIssue, 1) }

// BadgeCode signs the credential of a participant's badge of the given issue.
func (s *Store) BadgeCode(ctx context.Context, participantID int64, issue int) (string, error) {
	if err := allow(ctx, RolePrinting); err != nil {
		return "", err // a signed code is a badge: only printing makes one
	}
	k, err := s.eventKeys(ctx)
	if err != nil {
		return "", err
	}
	if s.doorOnly {
		return "", NewError(ECONFLICT, msgPrintAtDoor, nil)
	}
	if s.keyless {
		return "", NewError(ECONFLICT, msgPrintLogin, msg.Args{"Login": PrintRole})
	}
	if len(k.priv) != ed25519.PrivateKeySize {
		return "", NewError(ECONFLICT, msgPrintAtStation, nil)
	}
	return credential.Sign(credential.Credential{KeyID: k.id, ParticipantID: participantID, Issue: issue}, k.priv)
}

// Printed is a badge whose page was written.
type Printed struct {
	ID    int64
	Issue int
	File  string // the name of the file the page is in, for the audit trail
}

// MarkPrinted records that the badges' pages were written: each participant
// becomes "badge printed", all or none. It returns ECONFLICT when one of
// them changed meanwhile (approval withdrawn, or a reprint made).
func (s *Store) MarkPrinted(ctx context.Context, printed []Printed) error {
	if err := allow(ctx, RolePrinting); err != nil {
		return err
	}
	operator := actorFrom(ctx).Operator
	return s.withTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		ids := make([]int64, len(printed))
		for i, b := range printed {
			ids[i] = b.ID
		}
		current, err := s.participantsTx(ctx, tx, ids)
		if err != nil {
			return err
		}
		update, err := tx.PrepareContext(ctx, `UPDATE participants SET status = 'printed', status_at = ?, updated_at = ?, updated_by = ?, badge_issue = ?,
			rev = (SELECT MAX(rev) + 1 FROM participants)
			WHERE id = ? AND status = 'approved' AND (badge_issue = ? OR (badge_issue = 0 AND ? = 1))`)
		if err != nil {
			return fmt.Errorf("mark printed: %w", err)
		}
		defer update.Close()
		prints := make([][]any, len(printed))
		changes := make([][]any, len(printed))
		entries := make([]AuditEntry, len(printed))
		for i, b := range printed {
			p, ok := current[b.ID]
			if !ok {
				return notFoundParticipant(sql.ErrNoRows, "read participant", b.ID)
			}
			if verdict, why := rules.Print(p.Person()); verdict != rules.Accepted {
				return NewError(ECONFLICT, msgNotPrintable, msg.Args{"Number": BadgeNumber(b.ID), "Reason": why.Message()})
			}
			res, err := update.ExecContext(ctx, now, now, operator, b.Issue, b.ID, b.Issue, b.Issue)
			if err != nil {
				return fmt.Errorf("mark printed: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return NewError(ECONFLICT, msgChangedWhilePrinting, badgeArgs(b.ID))
			}
			prints[i] = []any{b.ID, b.Issue, now, operator}
			changes[i] = []any{b.ID, "printed", now, operator, fmt.Sprintf("issue %d", b.Issue)}
			entries[i] = AuditEntry{ParticipantID: b.ID, Action: AuditPrint, Field: fmt.Sprintf("issue %d", b.Issue), New: b.File}
		}
		if err := insertRows(ctx, tx, "badge_prints (participant_id, issue, at, operator)", prints); err != nil {
			return fmt.Errorf("record print: %w", err)
		}
		if err := insertRows(ctx, tx, "status_changes (participant_id, status, at, operator, note)", changes); err != nil {
			return fmt.Errorf("record status: %w", err)
		}
		return s.audit(ctx, tx, entries...)
	})
}

// RecordPrintJob records in the trail that the badges were sent to a
// printer as one job, not yet printed: the trail names the printer and the
// job's number for each badge.
func (s *Store) RecordPrintJob(ctx context.Context, printed []Printed, printer string, job int) error {
	if err := allow(ctx, RolePrinting); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		entries := make([]AuditEntry, len(printed))
		for i, b := range printed {
			entries[i] = AuditEntry{ParticipantID: b.ID, Action: AuditPrintJob, Field: printer, Old: b.File, New: fmt.Sprintf("job %d", job)}
		}
		return s.audit(ctx, tx, entries...)
	})
}

// Reprint replaces a lost or damaged badge: the participant's issue number
// goes up, so the old badge is refused from then on, and they wait for the
// new one to be printed. It returns EINVALID without a reason, ENOTFOUND for
// an unknown participant, and ECONFLICT when no badge was printed yet.
func (s *Store) Reprint(ctx context.Context, id int64, reason string) (Participant, error) {
	if err := s.ReprintBadges(ctx, []int64{id}, reason); err != nil {
		return Participant{}, err
	}
	return s.Participant(ctx, id)
}

// ReprintBadges replaces the badges of several participants at once, all or
// none: each issue number goes up, so every old badge is refused from then
// on. It returns the errors of Reprint, naming the first badge that cannot
// be replaced; then no badge was changed.
func (s *Store) ReprintBadges(ctx context.Context, ids []int64, reason string) error {
	if err := allow(ctx, RolePrinting); err != nil {
		return err
	}
	reason = FreeText.Tidy(reason)
	if reason == "" {
		return NewError(EINVALID, msgReprintReason, nil)
	}
	if why := FreeText.Check(reason); !why.IsZero() {
		return &Error{Code: EINVALID, Message: msgNotReprinted.Msg(), Fields: []FieldError{{Field: "reason", Reason: why.Msg()}}}
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		for _, id := range ids {
			if err := s.reprintTx(ctx, tx, now, id, reason); err != nil {
				return err
			}
		}
		return nil
	})
}

// reprintTx raises one participant's badge issue within tx.
func (s *Store) reprintTx(ctx context.Context, tx *sql.Tx, now string, id int64, reason string) error {
	operator := actorFrom(ctx).Operator
	p, err := s.participantTx(ctx, tx, id)
	if err != nil {
		return err
	}
	if verdict, why := rules.Reprint(p.Person()); verdict != rules.Accepted {
		return NewError(ECONFLICT, msgNotReplaceable, msg.Args{"Number": BadgeNumber(id), "Reason": why.Message()})
	}
	if _, err := tx.ExecContext(ctx, `UPDATE participants SET badge_issue = badge_issue + 1, status = 'approved', status_at = ?, updated_at = ?,
		updated_by = ?, rev = (SELECT MAX(rev) + 1 FROM participants) WHERE id = ?`, now, now, operator, id); err != nil {
		return fmt.Errorf("raise issue: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO badge_reprints (participant_id, old_issue, new_issue, reason, at, operator) VALUES (?, ?, ?, ?, ?, ?)`,
		id, p.BadgeIssue, p.BadgeIssue+1, reason, now, operator); err != nil {
		return fmt.Errorf("record reprint: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO status_changes (participant_id, status, at, operator, note) VALUES (?, 'approved', ?, ?, ?)`,
		id, now, operator, fmt.Sprintf("reprint as issue %d: %s", p.BadgeIssue+1, reason)); err != nil {
		return fmt.Errorf("record status: %w", err)
	}
	return s.audit(ctx, tx, AuditEntry{ParticipantID: id, Action: AuditReprint, Field: reason,
		Old: fmt.Sprintf("issue %d", p.BadgeIssue), New: fmt.Sprintf("issue %d", p.BadgeIssue+1)})
}

// VerifyBadge tells whose badge a scanned code is, or why it is refused:
// credential.ErrMalformed, ErrOtherKey or ErrForged for a code that is not
// this event's, ErrUnknownBadge, ErrSuperseded, ErrNotIssued,
// ErrNotAccredited, ErrNotApproved or ErrClearancePending for a genuine one
// that is not valid.
// The participant is returned whenever the code names one.
func (s *Store) VerifyBadge(ctx context.Context, code string) (Participant, credential.Credential, error) {
	return s.verifyBadge(ctx, s.db, code)
}

// verifyBadge is VerifyBadge reading through q: a door's transaction reads
// the badge's holder in the same transaction that admits them.
func (s *Store) verifyBadge(ctx context.Context, q querier, code string) (Participant, credential.Credential, error) {
	k, err := s.eventKeys(ctx)
	if err != nil {
		return Participant{}, credential.Credential{}, err
	}
	c, err := credential.Verify(code, k.id, k.pub)
	if err != nil {
		return Participant{}, c, err
	}
	p, err := s.readParticipant(ctx, q, c.ParticipantID)
	if ErrorCode(err) == ENOTFOUND {
		return Participant{}, c, ErrUnknownBadge
	}
	if err != nil {
		return Participant{}, c, err
	}
	return p, c, badgeValidity(p, c.Issue)
}

// badgeValidity asks the rulebook whether a genuine badge of the given
// issue lets its holder in, and returns its refusal as VerifyBadge's error.
func badgeValidity(p Participant, issue int) error {
	if verdict, why := rules.Badge(p.Person(), issue); verdict != rules.Accepted {
		return reasonErrors[why.Code]
	}
	return nil
}

var (
	msgPrintLogin           = msg.Define("This login may not sign badges: print at a printing station, which signs in to the server as {{.Login}}.")
	msgPrintAtDoor          = msg.Define("This is a door's login: badges are printed at a desk or printing station.")
	msgPrintAtStation       = msg.Define("This is a door station's file: badges are printed from the registration database.")
	msgChangedWhilePrinting = msg.Define("Badge {{.Number}} changed while it was printing (no longer approved, or reprinted). Nothing was marked printed; print again.")
	msgReprintReason        = msg.Define("Give the reason for the reprint (lost, damaged, name corrected …).")
	msgNotReprinted         = msg.Define("The badge was not reprinted.")
	msgNotReplaceable       = msg.Define("Badge {{.Number}} cannot be replaced: {{.Reason}}.")
	msgNotPrintable         = msg.Define("Badge {{.Number}} cannot be marked printed: {{.Reason}}. Nothing was marked printed.")
)
