package data

import (
	"context"
	"database/sql"
	"fmt"

	"accred/data/msg"
	"accred/data/photo"
)

// SetPhoto checks a JPEG or PNG picture, scales it and keeps it as the
// participant's photo. It returns EINVALID for a picture that is not
// usable and ENOTFOUND for an unknown participant.
func (s *Store) SetPhoto(ctx context.Context, id int64, raw []byte) error {
	if err := allow(ctx, RoleDesk); err != nil {
		return err
	}
	jpeg, err := photo.Prepare(raw)
	if err != nil {
		return &Error{Code: EINVALID, Message: msgPhotoNotSaved.Msg(), Fields: []FieldError{{Field: FieldPhoto, Reason: photo.Reason(err)}}}
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.participantTx(ctx, tx, id); err != nil {
			return err
		}
		entry, err := s.putPhoto(ctx, tx, s.now(), id, jpeg)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, entry)
	})
}

// Photo changes as the audit trail names them (in Field).
const (
	photoAdded    = "added"
	photoReplaced = "replaced"
	photoRemoved  = "removed"
)

// putPhoto keeps jpeg as participant id's photo within tx, and returns the
// audit trail's line for it for the caller to record.
func (s *Store) putPhoto(ctx context.Context, tx *sql.Tx, now string, id int64, jpeg []byte) (AuditEntry, error) {
	operator := actorFrom(ctx).Operator
	entry := AuditEntry{ParticipantID: id, Action: AuditPhoto, Field: photoAdded}
	var had bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM photos WHERE participant_id = ?)`, id).Scan(&had); err != nil {
		return entry, fmt.Errorf("read photo: %w", err)
	}
	if had {
		entry.Field = photoReplaced
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO photos (participant_id, jpeg) VALUES (?, ?)
		ON CONFLICT (participant_id) DO UPDATE SET jpeg = excluded.jpeg`, id, jpeg); err != nil {
		return entry, fmt.Errorf("save photo: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE participants SET updated_at = ?, updated_by = ?, rev = (SELECT MAX(rev) + 1 FROM participants) WHERE id = ?`,
		now, operator, id); err != nil {
		return entry, fmt.Errorf("touch participant: %w", err)
	}
	return entry, nil
}

// RemovePhoto removes a participant's photo. It returns ENOTFOUND for an
// unknown participant or one without a photo, and EFORBIDDEN for a
// signed-in operator without the desk's role.
func (s *Store) RemovePhoto(ctx context.Context, id int64) error {
	if err := allow(ctx, RoleDesk); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM photos WHERE participant_id = ?`, id)
		if err != nil {
			return fmt.Errorf("remove photo: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return NewError(ENOTFOUND, msgNoPhoto, badgeArgs(id))
		}
		operator := actorFrom(ctx).Operator
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET updated_at = ?, updated_by = ?, rev = (SELECT MAX(rev) + 1 FROM participants) WHERE id = ?`,
			s.now(), operator, id); err != nil {
			return fmt.Errorf("touch participant: %w", err)
		}
		return s.audit(ctx, tx, AuditEntry{ParticipantID: id, Action: AuditPhoto, Field: photoRemoved})
	})
}

// Photo returns a participant's photo as a JPEG, or ENOTFOUND.
func (s *Store) Photo(ctx context.Context, id int64) ([]byte, error) {
	var jpeg []byte
	err := s.db.QueryRowContext(ctx, `SELECT jpeg FROM photos WHERE participant_id = ?`, id).Scan(&jpeg)
	if err != nil {
		return nil, notFound(err, "read photo", msgNoPhoto, badgeArgs(id))
	}
	return jpeg, nil
}

var (
	msgPhotoNotSaved = msg.Define("The photo was not saved.")
	msgNoPhoto       = msg.Define("Badge {{.Number}} has no photo.")
)
