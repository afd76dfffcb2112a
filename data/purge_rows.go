package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// purged is one participant a purge reaches: what is held about them, and
// what to take out of free text about them.
type purged struct {
	id                                                  int64
	given, family, native, email, document, born, place string
	photo                                               bool
	words                                               scrubber
}

// registeredBefore chooses the participants a purge reaches.
const registeredBefore = `SELECT id FROM participants WHERE created_at < ?`

// personalFields are the fields of an edit in the trail that a purge empties.
var personalFields = []string{FieldGivenName, FieldFamilyName, FieldNativeName, FieldEmail, FieldDocumentNumber, FieldDateOfBirth, FieldPlaceOfBirth}

// purgedValue is what a purge leaves of a personal field's value: a name
// becomes the badge number, anything else nothing.
func purgedValue(field, value string, id int64) string {
	if value != "" && (field == FieldGivenName || field == FieldFamilyName || field == FieldNativeName) {
		return BadgeNumber(id)
	}
	return ""
}

// readPurged reads everyone registered before cutoff, with what is held
// about them.
func readPurged(ctx context.Context, tx *sql.Tx, cutoff string) (map[int64]*purged, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.given_name, p.family_name, p.native_name, p.email, p.document_number,
		p.date_of_birth, p.place_of_birth, EXISTS (SELECT 1 FROM photos WHERE participant_id = p.id)
		FROM participants p WHERE p.created_at < ?`, cutoff)
	if err != nil {
		return nil, fmt.Errorf("read whom to purge: %w", err)
	}
	defer rows.Close()
	people := map[int64]*purged{}
	for rows.Next() {
		p := &purged{}
		if err := rows.Scan(&p.id, &p.given, &p.family, &p.native, &p.email, &p.document, &p.born, &p.place, &p.photo); err != nil {
			return nil, fmt.Errorf("read whom to purge: %w", err)
		}
		badge := BadgeNumber(p.id)
		for _, name := range []string{p.given, p.family, p.native} {
			p.words.add(name, badge)
		}
		for _, v := range []string{p.email, p.document, p.born, p.place} {
			p.words.add(v, "")
		}
		people[p.id] = p
	}
	return people, rows.Err()
}

// collectHistory adds to what is taken out of free text the values the
// people held before, as the trail's edits and the collections recorded them.
func collectHistory(ctx context.Context, tx *sql.Tx, cutoff string, people map[int64]*purged) error {
	rows, err := tx.QueryContext(ctx, `SELECT participant_id, field, old, new FROM audit
		WHERE action = ? AND participant_id IN (`+registeredBefore+`)`, AuditEdit, cutoff)
	if err != nil {
		return fmt.Errorf("read the trail's edits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var field, old, new string
		if err := rows.Scan(&id, &field, &old, &new); err != nil {
			return fmt.Errorf("read the trail's edits: %w", err)
		}
		if p := people[id]; p != nil && slices.Contains(personalFields, field) {
			p.words.add(old, purgedValue(field, old, id))
			p.words.add(new, purgedValue(field, new, id))
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	docs, err := tx.QueryContext(ctx, `SELECT participant_id, document FROM collections WHERE participant_id IN (`+registeredBefore+`)`, cutoff)
	if err != nil {
		return fmt.Errorf("read collections: %w", err)
	}
	defer docs.Close()
	for docs.Next() {
		var id int64
		var document string
		if err := docs.Scan(&id, &document); err != nil {
			return fmt.Errorf("read collections: %w", err)
		}
		people[id].words.add(document, "")
	}
	return docs.Err()
}

// purgeParticipant removes p's personal data from their row and photo.
func (w *writer) purgeParticipant(p *purged, report *PurgeReport) error {
	badge := BadgeNumber(p.id)
	named := p.given != "" || p.native != "" || p.family != badge
	removed := 0
	for _, c := range []struct {
		held  bool
		count *int
	}{{named, &report.Names}, {p.email != "", &report.Emails}, {p.document != "", &report.Documents}, {p.photo, &report.Photos},
		{p.born != "", &report.DatesOfBirth}, {p.place != "", &report.PlacesOfBirth}} {
		if c.held {
			*c.count++
			removed++
		}
	}
	if removed == 0 {
		return nil
	}
	report.People++
	k := keysOf(ParticipantInput{FamilyName: badge})
	_, err := w.tx.ExecContext(w.ctx, `UPDATE participants SET given_name = '', family_name = ?, native_name = '', email = '',
		document_number = '', document_key = ?, name_key = ?, search_words = ?, sort_key = ?, date_of_birth = '', place_of_birth = '',
		updated_at = ?, updated_by = ?, rev = ? WHERE id = ?`,
		badge, "#"+badge, k.name, k.searchWords(p.id), k.sort, w.now, actorFrom(w.ctx).Operator, w.rev, p.id)
	if err != nil {
		return fmt.Errorf("purge participant: %w", err)
	}
	if p.photo {
		if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM photos WHERE participant_id = ?`, p.id); err != nil {
			return fmt.Errorf("purge photo: %w", err)
		}
	}
	return nil
}

// purgeCollections empties the documents recorded when the people's badges
// were handed over, or when they collected others'.
func purgeCollections(ctx context.Context, tx *sql.Tx, cutoff string, report *PurgeReport) error {
	res, err := tx.ExecContext(ctx, `UPDATE collections SET document = '' WHERE document <> ''
		AND (participant_id IN (`+registeredBefore+`) OR collected_by IN (`+registeredBefore+`))`, cutoff, cutoff)
	if err != nil {
		return fmt.Errorf("purge collections: %w", err)
	}
	n, _ := res.RowsAffected()
	report.Collections += int(n)
	return nil
}

// purgeNominations empties the focal points, e-mail addresses and files of
// the nominations recorded before cutoff, keeping their reference and date,
// and the portal's invitations' e-mail addresses and letters of assignment.
func purgeNominations(ctx context.Context, tx *sql.Tx, cutoff string, report *PurgeReport) error {
	res, err := tx.ExecContext(ctx, `UPDATE nominations SET focal_point = '', email = '', file = NULL
		WHERE recorded_at < ? AND (focal_point <> '' OR email <> '' OR file IS NOT NULL)`, cutoff)
	if err != nil {
		return fmt.Errorf("purge nominations: %w", err)
	}
	n, _ := res.RowsAffected()
	report.Nominations += int(n)
	// The portal's: its focal points' e-mail addresses, and the media's
	// letters of assignment, which name their journalists.
	for _, statement := range []string{`UPDATE portal_invitations SET email = '' WHERE created_at < ? AND email <> ''`,
		`DELETE FROM assignment_letters WHERE uploaded_at < ?`} {
		res, err := tx.ExecContext(ctx, statement, cutoff)
		if err != nil {
			return fmt.Errorf("purge the portal's nominations: %w", err)
		}
		n, _ := res.RowsAffected()
		report.Nominations += int(n)
	}
	return nil
}

// purgeNotes takes the people's values out of their status notes and
// reprint reasons.
func purgeNotes(ctx context.Context, tx *sql.Tx, cutoff string, people map[int64]*purged, report *PurgeReport) error {
	for _, table := range []struct{ name, column string }{{"status_changes", "note"}, {"badge_reprints", "reason"}} {
		changed, err := scrubRows(ctx, tx, `SELECT id, participant_id, `+table.column+` FROM `+table.name+`
			WHERE `+table.column+` <> '' AND participant_id IN (`+registeredBefore+`)`, cutoff, people)
		if err != nil {
			return err
		}
		for id, text := range changed {
			if _, err := tx.ExecContext(ctx, `UPDATE `+table.name+` SET `+table.column+` = ? WHERE id = ?`, text, id); err != nil {
				return fmt.Errorf("purge %s: %w", table.name, err)
			}
			report.Notes++
		}
	}
	return nil
}

// purgeAudit empties the personal fields' old and new values in the
// people's edits, and takes their values out of every entry about them.
func purgeAudit(ctx context.Context, tx *sql.Tx, cutoff string, people map[int64]*purged, report *PurgeReport) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, participant_id, action, field, old, new FROM audit
		WHERE participant_id IN (`+registeredBefore+`)`, cutoff)
	if err != nil {
		return fmt.Errorf("read the trail: %w", err)
	}
	type entry struct {
		id              int64
		field, old, new string
	}
	var changed []entry
	for rows.Next() {
		var e entry
		var participant int64
		var action string
		if err := rows.Scan(&e.id, &participant, &action, &e.field, &e.old, &e.new); err != nil {
			rows.Close()
			return fmt.Errorf("read the trail: %w", err)
		}
		was := e
		if action == AuditEdit && slices.Contains(personalFields, e.field) {
			e.old, e.new = purgedValue(e.field, e.old, participant), purgedValue(e.field, e.new, participant)
		}
		words := &people[participant].words
		e.field, e.old, e.new = words.scrub(e.field), words.scrub(e.old), words.scrub(e.new)
		if e != was {
			changed = append(changed, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range changed {
		if _, err := tx.ExecContext(ctx, `UPDATE audit SET field = ?, old = ?, new = ? WHERE id = ?`, e.field, e.old, e.new, e.id); err != nil {
			return fmt.Errorf("purge the trail: %w", err)
		}
		report.AuditEntries++
	}
	return nil
}

// scrubRows reads rows of (id, participant, text) with query and returns
// the texts that lose their participant's values, by row id.
func scrubRows(ctx context.Context, tx *sql.Tx, query, cutoff string, people map[int64]*purged) (map[int64]string, error) {
	rows, err := tx.QueryContext(ctx, query, cutoff)
	if err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	defer rows.Close()
	changed := map[int64]string{}
	for rows.Next() {
		var id, participant int64
		var text string
		if err := rows.Scan(&id, &participant, &text); err != nil {
			return nil, fmt.Errorf("read notes: %w", err)
		}
		if clean := people[participant].words.scrub(text); clean != text {
			changed[id] = clean
		}
	}
	return changed, rows.Err()
}
