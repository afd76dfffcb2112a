package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"accred/data/domain"

	"accred/data/document"
	"accred/data/msg"
	"accred/data/photo"
	"accred/data/search"
)

// The portal's methods act for one invitation's focal point: they see and
// change the people of the invitation's delegation, organisation or media
// outlet only, register them as the desk does (the same checks, through
// the same writer), and never approve or print anyone. Each checks first
// that the invitation is still valid, and that registration is still open
// for a change. Someone of another group is answered as nobody at all.

// Nominee is a participant as their focal point sees them at the portal.
type Nominee struct {
	Participant
	Reason string // the desk's reason, when they were rejected
}

// portalScope checks that inv is still valid and returns it as read now,
// with a context whose actor is its focal point.
func (s *Store) portalScope(ctx context.Context, inv PortalInvitation) (PortalInvitation, context.Context, error) {
	fresh, err := s.PortalInvitationByID(ctx, inv.ID)
	if err != nil {
		return PortalInvitation{}, ctx, err
	}
	return fresh, WithActor(ctx, fresh.actor()), nil
}

// portalChange is portalScope for a change: registration must be open too.
func (s *Store) portalChange(ctx context.Context, inv PortalInvitation) (PortalInvitation, context.Context, error) {
	inv, ctx, err := s.portalScope(ctx, inv)
	if err != nil {
		return inv, ctx, err
	}
	open, closes, err := s.RegistrationOpen(ctx)
	if err != nil {
		return inv, ctx, err
	}
	if !open {
		return inv, ctx, NewError(EFORBIDDEN, msgRegistrationClosed, msg.Args{"Closes": closes})
	}
	return inv, ctx, nil
}

// RegistrationOpen reports whether the portal takes changes now, and when
// it closes (YYYY-MM-DD HH:MM in the event's time zone, or "" for never).
func (s *Store) RegistrationOpen(ctx context.Context) (bool, string, error) {
	var closes string
	if err := s.db.QueryRowContext(ctx, `SELECT registration_closes FROM event WHERE id = 1`).Scan(&closes); err != nil {
		return false, "", notFound(err, "read registration_closes", msgNoEvent, nil)
	}
	if closes == "" {
		return true, "", nil
	}
	loc, err := s.location(ctx)
	if err != nil {
		return false, "", err
	}
	at, err := time.ParseInLocation(closesLayout, closes, loc)
	if err != nil {
		return false, closes, nil // a setting that does not read closes the portal
	}
	return s.Now().Before(at), closes, nil
}

// closesLayout is how registration_closes is written.
const closesLayout = "2006-01-02 15:04"

// parseCloses reads a value for registration_closes: empty (never), a
// day (the portal closes at its end) or a day and a time, in the event's
// time zone. It returns the value as kept, and ok false when it reads as
// none of these.
func parseCloses(value string) (string, bool) {
	value = strings.Join(strings.Fields(value), " ")
	if value == "" || value == "none" {
		return "", true
	}
	if d, err := time.Parse(DateLayout, value); err == nil {
		return d.AddDate(0, 0, 1).Format(closesLayout), true
	}
	if t, err := time.Parse(closesLayout, value); err == nil {
		return t.Format(closesLayout), true
	}
	return value, false
}

// PortalCategories returns the event's categories a focal point of inv may
// register people in: those that require its kind of group.
func (s *Store) PortalCategories(ctx context.Context, inv PortalInvitation) ([]Category, error) {
	all, err := s.Categories(ctx)
	if err != nil {
		return nil, err
	}
	var open []Category
	for _, c := range all {
		if c.Requires == inv.Affiliation.Kind {
			open = append(open, c)
		}
	}
	return open, nil
}

// PortalNominees returns the people of inv's group in the order of
// registration, each with the desk's reason when rejected.
func (s *Store) PortalNominees(ctx context.Context, inv PortalInvitation) ([]Nominee, error) {
	inv, ctx, err := s.portalScope(ctx, inv)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.selectParticipants()+`WHERE p.affiliation_id = ? ORDER BY p.id`, inv.Affiliation.ID)
	if err != nil {
		return nil, fmt.Errorf("read nominees: %w", err)
	}
	people, err := scanParticipants(rows)
	if err != nil {
		return nil, fmt.Errorf("read nominees: %w", err)
	}
	reasons, err := s.db.QueryContext(ctx, `SELECT sc.participant_id, sc.note FROM status_changes sc JOIN participants p ON p.id = sc.participant_id
		WHERE p.affiliation_id = ? AND p.status = ? AND sc.status = ? ORDER BY sc.id`, inv.Affiliation.ID, StatusRejected, StatusRejected)
	if err != nil {
		return nil, fmt.Errorf("read nominees' reasons: %w", err)
	}
	defer reasons.Close()
	byID := map[int64]string{}
	for reasons.Next() {
		var id int64
		var note string
		if err := reasons.Scan(&id, &note); err != nil {
			return nil, err
		}
		byID[id] = note // the latest rejection's
	}
	if err := reasons.Err(); err != nil {
		return nil, err
	}
	list := make([]Nominee, len(people))
	for i, p := range people {
		list[i] = Nominee{Participant: p, Reason: byID[p.ID]}
	}
	return list, nil
}

// PortalNominee returns one person of inv's group, or ENOTFOUND, as for
// someone who does not exist, when they are of another group.
func (s *Store) PortalNominee(ctx context.Context, inv PortalInvitation, id int64) (Participant, error) {
	inv, ctx, err := s.portalScope(ctx, inv)
	if err != nil {
		return Participant{}, err
	}
	return s.ownNominee(ctx, s.db, inv, id)
}

func (s *Store) ownNominee(ctx context.Context, q querier, inv PortalInvitation, id int64) (Participant, error) {
	p, err := s.readParticipant(ctx, q, id)
	if err == nil && p.Affiliation.ID != inv.Affiliation.ID {
		err = errNoParticipant(id)
	}
	return p, err
}

// inGroup returns in made a member of inv's group, its category the
// group's only one when none is given, or the problems with its category
// and group: a line of a file that names another group is refused rather
// than moved.
func (inv PortalInvitation) inGroup(in ParticipantInput, categories []Category) (ParticipantInput, []FieldError) {
	in = in.Normalize()
	var problems []FieldError
	if in.Category == "" && len(categories) == 1 {
		in.Category = categories[0].Code
	}
	if in.Category != "" && !categoryIn(in.Category, categories) {
		problems = append(problems, FieldError{Field: FieldCategory, Reason: msgPortalCategory.Msg()})
	}
	a := inv.Affiliation
	named := map[string]*string{AffiliationDelegation: &in.Delegation, AffiliationOrganization: &in.Organization, AffiliationMedia: &in.MediaOutlet}
	fields := map[string]string{AffiliationDelegation: FieldDelegation, AffiliationOrganization: FieldOrganization, AffiliationMedia: FieldMediaOutlet}
	for kind, value := range named {
		mine := kind == a.Kind
		switch {
		case *value == "":
		case mine && kind == AffiliationDelegation && *value == a.Country:
		case mine && kind != AffiliationDelegation && NameText.Tidy(*value) != "" && sameName(*value, a.Name):
		default:
			problems = append(problems, FieldError{Field: fields[kind], Reason: msgPortalOtherGroup.With(msg.Args{"Name": a.Name})})
		}
		*value = ""
	}
	switch a.Kind {
	case AffiliationDelegation:
		in.Delegation = a.Country
	case AffiliationOrganization:
		in.Organization, in.OrganizationKind = a.Name, a.OrgKind
	case AffiliationMedia:
		in.MediaOutlet = a.Name
	}
	if a.Kind != AffiliationOrganization {
		in.OrganizationKind = ""
	}
	return in, problems
}

// sameName reports whether two names of a group are the same, whatever
// their case and accents.
func sameName(a, b string) bool { return search.Fold(a) == search.Fold(b) }

func categoryIn(code string, list []Category) bool {
	for _, c := range list {
		if c.Code == code {
			return true
		}
	}
	return false
}

// SaveNominee registers a new person in inv's group (id 0) or corrects one
// of its people still registered, with the checks and messages of the
// desk's form. It returns EINVALID with a FieldError per problem, ECONFLICT
// for a document number already registered or someone already approved,
// ENOTFOUND for someone not of the group, and EFORBIDDEN once registration
// has closed.
func (s *Store) SaveNominee(ctx context.Context, inv PortalInvitation, id int64, in ParticipantInput) (Participant, error) {
	inv, ctx, err := s.portalChange(ctx, inv)
	if err != nil {
		return Participant{}, err
	}
	categories, err := s.PortalCategories(ctx, inv)
	if err != nil {
		return Participant{}, err
	}
	in, problems := inv.inGroup(in, categories)
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var current Participant
		if id != 0 {
			var err error
			if current, err = s.ownNominee(ctx, tx, inv, id); err != nil {
				return err
			}
			if current.Status != StatusRegistered {
				return NewError(ECONFLICT, msgPortalNotRegistered, msg.Args{"Status": current.Status.Message()})
			}
		}
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		verr := w.validate(in)
		problems = append(problems, ErrorFields(verr)...)
		if len(problems) > 0 {
			domain.SortFieldErrors(problems)
			return &Error{Code: EINVALID, Message: domain.MsgParticipantInvalid.Msg(), Fields: problems}
		}
		if verr != nil {
			return verr
		}
		k := keysOf(in)
		if err := w.checkNomineeDocument(inv, in, k, id); err != nil {
			return err
		}
		if id == 0 {
			if id, err = w.insert(in, k); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE participants SET invitation_id = ? WHERE id = ?`, inv.ID, id); err != nil {
				return fmt.Errorf("mark participant from the portal: %w", err)
			}
			return w.done()
		}
		if _, err := reidentify(current, in, false, 0); err != nil {
			return portalIdentity(err)
		}
		before := current.Input().Normalize()
		before.Version = 0
		if err := w.update(id, before, in, k); err != nil {
			return err
		}
		return w.done()
	})
	if err != nil {
		return Participant{}, err
	}
	return s.Participant(ctx, id)
}

// checkNomineeDocument returns ECONFLICT when someone other than selfID
// holds in's document for the same nationality. Only a holder of inv's own
// group is named: a focal point learns nothing of other groups' people.
func (w *writer) checkNomineeDocument(inv PortalInvitation, in ParticipantInput, k storedKeys, selfID int64) error {
	holder, err := w.holderOf(in.Nationality, k.document)
	if err != nil || holder == 0 || holder == selfID {
		return err
	}
	p, err := w.s.participantTx(w.ctx, w.tx, holder)
	if err != nil {
		return err
	}
	if p.Affiliation.ID == inv.Affiliation.ID {
		return w.checkDocumentFree(in, k, selfID)
	}
	return &Error{Code: ECONFLICT, Message: msgDocumentRegistered.Msg(),
		Fields: []FieldError{{Field: FieldDocumentNumber, Reason: msgPortalDocumentElsewhere.Msg()}}}
}

// WithdrawNominee withdraws one of inv's group's people, noting that the
// focal point did. It returns ENOTFOUND for someone not of the group,
// EINVALID for someone withdrawn or rejected already, and EFORBIDDEN once
// registration has closed.
func (s *Store) WithdrawNominee(ctx context.Context, inv PortalInvitation, id int64) error {
	inv, ctx, err := s.portalChange(ctx, inv)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		p, err := s.ownNominee(ctx, tx, inv, id)
		if err != nil {
			return err
		}
		if !p.Status.CanBecome(StatusWithdrawn) {
			return NewError(EINVALID, msgStatusMove, msg.Args{"Current": p.Status.Message(), "Status": StatusWithdrawn.Message()})
		}
		return s.recordStatus(ctx, tx, s.now(), id, StatusWithdrawn, msgPortalWithdrawn.String())
	})
}

// SetNomineePhoto checks, scales and keeps a photo of one of inv's group's
// people still registered, as the desk's SetPhoto does.
func (s *Store) SetNomineePhoto(ctx context.Context, inv PortalInvitation, id int64, raw []byte) error {
	inv, ctx, err := s.portalChange(ctx, inv)
	if err != nil {
		return err
	}
	jpeg, err := photo.Prepare(raw)
	if err != nil {
		return &Error{Code: EINVALID, Message: msgPhotoNotSaved.Msg(), Fields: []FieldError{{Field: FieldPhoto, Reason: photo.Reason(err)}}}
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		p, err := s.ownNominee(ctx, tx, inv, id)
		if err != nil {
			return err
		}
		if p.Status != StatusRegistered {
			return NewError(ECONFLICT, msgPortalNotRegistered, msg.Args{"Status": p.Status.Message()})
		}
		entry, err := s.putPhoto(ctx, tx, s.now(), id, jpeg)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, entry)
	})
}

// NomineePhoto returns the photo of one of inv's group's people, or nil.
func (s *Store) NomineePhoto(ctx context.Context, inv PortalInvitation, id int64) ([]byte, error) {
	if _, err := s.PortalNominee(ctx, inv, id); err != nil {
		return nil, err
	}
	return s.Photo(ctx, id)
}

// ImportNominees registers or corrects, all or nothing, the people of a
// filled template for inv's group, as an import does: a line naming
// another group, a photo file or zones, a document held outside the group,
// or someone of the group no longer registered refuses the whole file with
// every line named.
func (s *Store) ImportNominees(ctx context.Context, inv PortalInvitation, source ImportSource, rows []ImportRow) (ImportReport, error) {
	inv, ctx, err := s.portalChange(ctx, inv)
	if err != nil {
		return ImportReport{}, err
	}
	report := ImportReport{Rows: len(rows)}
	if len(rows) == 0 {
		return report, NewError(EINVALID, msgImportEmpty, nil)
	}
	categories, err := s.PortalCategories(ctx, inv)
	if err != nil {
		return report, err
	}
	var problems []FieldError
	for i := range rows {
		row := &rows[i]
		var found []FieldError
		row.Input, found = inv.inGroup(row.Input, categories)
		if row.Photo != nil {
			found = append(found, FieldError{Field: FieldPhoto, Reason: msgPortalNoPhotoFile.Msg()})
		}
		if row.Zones != nil && len(*row.Zones) > 0 {
			found = append(found, FieldError{Field: FieldZones, Reason: msgPortalNoZones.Msg()})
		}
		row.Photo, row.Zones = nil, nil
		for _, f := range found {
			f.Line = row.Line
			problems = append(problems, f)
		}
	}
	all, err := s.Categories(ctx)
	if err != nil {
		return report, err
	}
	today, err := s.today(ctx)
	if err != nil {
		return report, err
	}
	keys, err := s.checkRows(ctx, rows, all, nil, today)
	if err != nil && ErrorCode(err) != EINVALID {
		return report, err
	}
	problems = append(problems, ErrorFields(err)...)
	if len(problems) > 0 {
		return report, notImported(msgNotImported, problems)
	}
	if file := source.Name; file != "" {
		ctx = WithActor(ctx, actorFrom(ctx).importing(file)) // each change names the file in the trail
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		if err := w.loadHolders(); err != nil {
			return err
		}
		var problems []FieldError
		for i, row := range rows {
			holder := w.holders[[2]string{row.Input.Nationality, keys[i].document}]
			if holder == 0 {
				continue
			}
			p, err := s.participantTx(ctx, tx, holder)
			if err != nil {
				return err
			}
			switch {
			case p.Affiliation.ID != inv.Affiliation.ID:
				problems = append(problems, FieldError{Line: row.Line, Field: FieldDocumentNumber, Reason: msgPortalDocumentElsewhere.Msg()})
			case p.Status != StatusRegistered:
				problems = append(problems, FieldError{Line: row.Line, Field: FieldDocumentNumber,
					Reason: msgPortalNotRegistered.With(msg.Args{"Status": p.Status.Message()})})
			}
		}
		if len(problems) > 0 {
			return notImported(msgNotImported, problems)
		}
		first := w.nextID
		w.trail = append(w.trail, AuditEntry{Action: AuditImport, Field: source.Name, New: source.SHA256})
		for i := range rows {
			rows[i].ConfirmIdentity = false // the desk confirms such a change, not the portal
			if err := w.importRow(&rows[i], keys[i], &report); err != nil {
				return err
			}
		}
		if err := w.refusal(); err != nil {
			return portalIdentity(err)
		}
		if err := w.done(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET invitation_id = ? WHERE id >= ? AND id < ?`, inv.ID, first, w.nextID); err != nil {
			return fmt.Errorf("mark participants from the portal: %w", err)
		}
		return nil
	})
	if err != nil {
		return ImportReport{Rows: len(rows)}, err
	}
	return report, nil
}

// LetterInput is a letter uploaded at the portal: a delegation's or an
// organisation's nomination (a note verbale or a letter, with its
// reference and date) or a media outlet's letter of assignment (a PDF only).
type LetterInput struct {
	Reference string
	Date      string
	File      []byte
}

// SaveLetter keeps the letter of inv's group: for a delegation or an
// organisation it is recorded as its nomination, as the desk records one
// (the desk then approves its people as for any nomination); for a media
// outlet, as its letter of assignment. It returns EINVALID naming each
// wrong field, and EFORBIDDEN once registration has closed.
func (s *Store) SaveLetter(ctx context.Context, inv PortalInvitation, in LetterInput) error {
	inv, ctx, err := s.portalChange(ctx, inv)
	if err != nil {
		return err
	}
	if inv.Affiliation.Kind == AffiliationMedia {
		var v domain.Problems
		switch {
		case len(in.File) > document.MaxBytes:
			v.Add(FieldFile, msgNominationFileSize)
		case !document.IsPDF(in.File):
			v.Add(FieldFile, msgLetterPDF)
		}
		if err := v.Err(msgLetterNotSaved); err != nil {
			return err
		}
		return s.withTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO assignment_letters (affiliation_id, file, uploaded_at, invitation_id) VALUES (?, ?, ?, ?)
				ON CONFLICT (affiliation_id) DO UPDATE SET file = excluded.file, uploaded_at = excluded.uploaded_at, invitation_id = excluded.invitation_id`,
				inv.Affiliation.ID, in.File, s.now(), inv.ID); err != nil {
				return fmt.Errorf("keep letter of assignment: %w", err)
			}
			return s.audit(ctx, tx, AuditEntry{Action: AuditNomination, Field: inv.Affiliation.Name, New: "letter of assignment kept"})
		})
	}
	n := NominationInput{Name: inv.Affiliation.Name, Reference: NameText.Tidy(in.Reference), Date: strings.TrimSpace(in.Date), File: in.File}
	if n.File == nil {
		n.File = []byte{}
	}
	if err := n.Validate(); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO nominations (affiliation_id, reference, dated, focal_point, email, file, recorded_at, recorded_by)
			VALUES (?, ?, ?, '', ?, ?, ?, ?) ON CONFLICT (affiliation_id) DO UPDATE SET reference = excluded.reference, dated = excluded.dated,
			email = excluded.email, file = excluded.file, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
			inv.Affiliation.ID, n.Reference, n.Date, inv.Email, n.File, s.now(), inv.Operator())
		if err != nil {
			return fmt.Errorf("record nomination: %w", err)
		}
		return s.audit(ctx, tx, AuditEntry{Action: AuditNomination, Field: inv.Affiliation.Name, New: n.Summary()})
	})
}

// PortalLetter says whether inv's group has its letter kept: the
// nomination of a delegation or an organisation (its reference and date),
// or a media outlet's letter of assignment.
func (s *Store) PortalLetter(ctx context.Context, inv PortalInvitation) (kept bool, reference, date string, err error) {
	if inv.Affiliation.Kind == AffiliationMedia {
		err = s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assignment_letters WHERE affiliation_id = ?)`, inv.Affiliation.ID).Scan(&kept)
		return kept, "", "", err
	}
	n, ok, err := s.Nomination(ctx, inv.Affiliation.ID)
	if err != nil || !ok {
		return false, "", "", err
	}
	return n.FileSize > 0, n.Reference, n.Date, nil
}

// AssignmentLetter returns the letter of assignment a media outlet's
// focal point uploaded at the portal, or nil.
func (s *Store) AssignmentLetter(ctx context.Context, affiliationID int64) ([]byte, error) {
	var file []byte
	err := s.db.QueryRowContext(ctx, `SELECT file FROM assignment_letters WHERE affiliation_id = ?`, affiliationID).Scan(&file)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read letter of assignment: %w", err)
	}
	return file, nil
}

var (
	msgRegistrationClosed      = msg.Define("Registration closed at {{.Closes}}: changes are made at the accreditation desk now.")
	msgPortalCategory          = msg.Define("This category is not open to your group; choose one of the categories offered.")
	msgPortalOtherGroup        = msg.Define("You register people of {{.Name}} only; leave this empty or name {{.Name}}.")
	msgPortalIdentity          = msg.Define("Nothing was saved: this changes who someone is whom the host country has answered for already, which only the accreditation desk can do. Ask the desk, or take such lines out of the file.")
	msgPortalNotRegistered     = msg.Define("This person is {{.Status}} already: ask the accreditation desk to change them.")
	msgPortalDocumentElsewhere = msg.Define("This passport or ID number is registered already; if it is right, ask the accreditation desk.")
	msgPortalWithdrawn         = msg.Define("withdrawn by the focal point at the portal")
	msgPortalNoPhotoFile       = msg.Define("Photos are uploaded one person at a time at the portal: leave photo_file empty.")
	msgPortalNoZones           = msg.Define("Access zones are given by the accreditation team: leave zones empty.")
	msgLetterNotSaved          = msg.Define("The letter was not kept.")
	msgLetterPDF               = msg.Define("The letter must be a PDF file.")
)
