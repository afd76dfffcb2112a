package data

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"accred/data/domain"

	"accred/data/country"
	"accred/data/msg"
)

// PortalInvitation is a focal point's access to the nominations portal for one
// delegation, organisation or media outlet: its people only.
type PortalInvitation struct {
	ID          int64
	Affiliation Affiliation
	Email       string
	ExpiresAt   time.Time
	RevokedAt   time.Time // zero while not revoked
	CreatedAt   time.Time
	CreatedBy   string
}

// Operator is the name the audit trail records for what the invitation's
// focal point changes: "portal invitation 7".
func (i PortalInvitation) Operator() string {
	return "portal invitation " + strconv.FormatInt(i.ID, 10)
}

// PortalStation is the station the audit trail records for the portal.
const PortalStation = "portal"

// actor is who acts for the invitation: its focal point, at the portal,
// with no operator's role (the portal's own methods say what it may do).
func (i PortalInvitation) actor() Actor {
	return Actor{Operator: i.Operator(), Station: PortalStation, Roles: Roles{}}
}

// Valid reports whether the invitation lets its focal point in at now:
// neither revoked nor expired.
func (i PortalInvitation) Valid(now time.Time) bool {
	return i.RevokedAt.IsZero() && now.Before(i.ExpiresAt)
}

// PortalInvitationInput says whom an invitation is for: Kind is one of the
// affiliation kinds and Name a country's code or name for a delegation, or
// the organisation's or outlet's name. Expires is YYYY-MM-DD, the last day
// the code works (in the event's time zone); empty for the event's last day.
type PortalInvitationInput struct {
	Kind    string
	Name    string
	Email   string
	Expires string
}

// Fields of an invitation, as named in its errors.
const (
	FieldInvitationName = "name"
	FieldExpires        = "expires"
)

// codeBytes is the randomness of an invitation's code: 160 bits.
const codeBytes = 20

// newInvitationCode returns a new random code, written in lower-case base
// 32 without padding (32 characters).
func newInvitationCode() (string, error) {
	raw := make([]byte, codeBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("make invitation code: %w", err)
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(raw)), nil
}

// InvitationLink is the link a focal point opens: base (the portal's
// address as they reach it) followed by /i/CODE.
func InvitationLink(base, code string) string {
	if base = strings.TrimSpace(base); base == "" {
		base = "https://PORTAL"
	}
	return strings.TrimRight(base, "/") + "/i/" + code
}

// codeHash is what the database keeps of a code: its SHA-256, in hex.
func codeHash(code string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(code))))
	return hex.EncodeToString(sum[:])
}

// InviteToPortal makes an invitation to the portal for the delegation,
// organisation or media outlet in names (made if nobody of it is registered
// yet), and returns it with its code, which is shown this once: only its
// hash is kept. It needs the admin role, and returns EINVALID naming a
// wrong field.
func (s *Store) InviteToPortal(ctx context.Context, in PortalInvitationInput) (PortalInvitation, string, error) {
	if err := allow(ctx, RoleAdmin); err != nil {
		return PortalInvitation{}, "", err
	}
	in.Name, in.Email, in.Expires = NameText.Tidy(in.Name), NameText.Tidy(in.Email), strings.TrimSpace(in.Expires)
	ev, err := s.Event(ctx)
	if err != nil {
		return PortalInvitation{}, "", err
	}
	loc := ev.Location()
	var v domain.Problems
	var member ParticipantInput
	switch in.Kind {
	case AffiliationDelegation:
		if c, ok := country.Lookup(in.Name); ok {
			member.Delegation = c.Code
		} else {
			v.Add(FieldInvitationName, domain.MsgUnknownDelegation)
		}
	case AffiliationOrganization:
		member.Organization = in.Name
	case AffiliationMedia:
		member.MediaOutlet = in.Name
	default:
		return PortalInvitation{}, "", NewError(EINVALID, msgInvitationKind, nil)
	}
	if in.Name == "" {
		v.Add(FieldInvitationName, msgInvitationName)
	}
	v.Text(FieldInvitationName, NameText, in.Name)
	v.Email(FieldEmail, in.Email)
	expires := ev.Ends
	if in.Expires != "" {
		if expires, err = time.ParseInLocation(DateLayout, in.Expires, loc); err != nil {
			v.Add(FieldExpires, msgInvitationExpires)
		}
	}
	last := time.Date(expires.Year(), expires.Month(), expires.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	if err == nil && !last.After(s.Now()) {
		v.Add(FieldExpires, msgInvitationPast)
	}
	if err := v.Err(msgInvitationInvalid); err != nil {
		return PortalInvitation{}, "", err
	}
	code, err := newInvitationCode()
	if err != nil {
		return PortalInvitation{}, "", err
	}
	var id int64
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		aff, err := w.affiliationID(member.Normalize())
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO portal_invitations (code_hash, affiliation_id, email, expires_at, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, codeHash(code), aff.Int64, in.Email, timeText(last), s.now(), actorFrom(ctx).Operator).Scan(&id); err != nil {
			return fmt.Errorf("record invitation: %w", err)
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditPortal, Field: "invited " + strconv.FormatInt(id, 10), New: in.Kind + " " + in.Name})
	})
	if err != nil {
		return PortalInvitation{}, "", err
	}
	inv, err := s.invitation(ctx, `i.id = ?`, id)
	return inv, code, err
}

const invitationColumns = `i.id, i.email, i.expires_at, i.revoked_at, i.created_at, i.created_by,
	a.id, a.kind, a.name, a.country, a.org_kind FROM portal_invitations i JOIN affiliations a ON a.id = i.affiliation_id `

func scanInvitation(row scanner) (PortalInvitation, error) {
	var i PortalInvitation
	var expires, revoked, created string
	a := &i.Affiliation
	err := row.Scan(&i.ID, &i.Email, &expires, &revoked, &created, &i.CreatedBy, &a.ID, &a.Kind, &a.Name, &a.Country, &a.OrgKind)
	i.ExpiresAt, i.CreatedAt = parseTime(expires), parseTime(created)
	if revoked != "" {
		i.RevokedAt = parseTime(revoked)
	}
	return i, err
}

// invitation reads the one invitation where chooses, or ENOTFOUND.
func (s *Store) invitation(ctx context.Context, where string, arg any) (PortalInvitation, error) {
	i, err := scanInvitation(s.db.QueryRowContext(ctx, `SELECT `+invitationColumns+`WHERE `+where, arg))
	if err != nil {
		return PortalInvitation{}, notFound(err, "read invitation", msgNoInvitation, nil)
	}
	return i, nil
}

// PortalInvitations returns every invitation to the portal, newest first. It
// needs the admin role.
func (s *Store) PortalInvitations(ctx context.Context) ([]PortalInvitation, error) {
	if err := allow(ctx, RoleAdmin); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+invitationColumns+`ORDER BY i.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("read invitations: %w", err)
	}
	defer rows.Close()
	var list []PortalInvitation
	for rows.Next() {
		i, err := scanInvitation(rows)
		if err != nil {
			return nil, fmt.Errorf("scan invitation: %w", err)
		}
		list = append(list, i)
	}
	return list, rows.Err()
}

// RevokePortalInvitation stops an invitation's code from working, at once. It
// needs the admin role, and returns ENOTFOUND for an unknown invitation.
func (s *Store) RevokePortalInvitation(ctx context.Context, id int64) error {
	if err := allow(ctx, RoleAdmin); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE portal_invitations SET revoked_at = ? WHERE id = ? AND revoked_at = ''`, s.now(), id)
		if err != nil {
			return fmt.Errorf("revoke invitation: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var exists bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM portal_invitations WHERE id = ?)`, id).Scan(&exists); err != nil {
				return fmt.Errorf("read invitation: %w", err)
			}
			if !exists {
				return NewError(ENOTFOUND, msgNoInvitation, nil)
			}
			return nil
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditPortal, Field: "revoked " + strconv.FormatInt(id, 10)})
	})
}

// PortalInvitationByCode returns the invitation whose code is code, while it is
// valid. A wrong, expired or revoked code gets the same ENOTFOUND, so that
// nobody learns which codes were ever given.
func (s *Store) PortalInvitationByCode(ctx context.Context, code string) (PortalInvitation, error) {
	return s.validInvitation(ctx, `i.code_hash = ?`, codeHash(code))
}

// PortalInvitationByID returns invitation id while it is valid, or the same
// ENOTFOUND as PortalInvitationByCode: the portal checks its sessions with it.
func (s *Store) PortalInvitationByID(ctx context.Context, id int64) (PortalInvitation, error) {
	return s.validInvitation(ctx, `i.id = ?`, id)
}

func (s *Store) validInvitation(ctx context.Context, where string, arg any) (PortalInvitation, error) {
	i, err := scanInvitation(s.db.QueryRowContext(ctx, `SELECT `+invitationColumns+`WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !i.Valid(s.Now())) {
		return PortalInvitation{}, NewError(ENOTFOUND, msgInvitationNotValid, nil)
	}
	if err != nil {
		return PortalInvitation{}, fmt.Errorf("read invitation: %w", err)
	}
	return i, nil
}

// AuditPortal records an invitation made or revoked; the portal's changes
// to people are recorded as the desk's are, with the invitation as their
// operator.
const AuditPortal = "portal"

// InvitationKinds maps the words the command line and Settings use for an
// invitation's group to the affiliation kinds.
var InvitationKinds = map[string]string{"delegation": AffiliationDelegation, "organisation": AffiliationOrganization,
	"organization": AffiliationOrganization, "media": AffiliationMedia}

var (
	msgInvitationInvalid  = msg.Define("The invitation was not made.")
	msgInvitationKind     = msg.Define("Invite a delegation, an organisation or a media outlet.")
	msgInvitationName     = msg.Define("Name the delegation, organisation or media outlet.")
	msgInvitationExpires  = msg.Define("Write the last day of the invitation as YYYY-MM-DD.")
	msgInvitationPast     = msg.Define("The invitation would have expired already.")
	msgNoInvitation       = msg.Define("There is no such invitation.")
	msgInvitationNotValid = msg.Define("This invitation is not valid: it may have expired or been revoked. Ask the accreditation team for a new one.")
)
