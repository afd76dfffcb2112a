package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"accred/data/country"
	"accred/data/msg"
	"accred/data/rules"
	"accred/data/search"
)

const participantColumns = `p.id, p.category, p.title, p.given_name, p.family_name, p.native_name, p.nationality,
	p.position, p.head_of_delegation, p.rank, p.gender, p.email, p.document_number, p.status, p.status_at, p.badge_issue,
	p.created_at, p.updated_at, p.updated_by, p.rev, p.date_of_birth, p.place_of_birth, p.consent_on, COALESCE(p.invitation_id, 0),
	CASE WHEN (SELECT clearance_required FROM event WHERE id = 1) THEN p.clearance ELSE '' END, EXISTS (SELECT 1 FROM photos WHERE participant_id = p.id),
	COALESCE(a.id, 0), COALESCE(a.kind, ''), COALESCE(a.name, ''), COALESCE(a.country, ''), COALESCE(a.org_kind, '')`

const participantFrom = ` FROM participants p LEFT JOIN affiliations a ON a.id = p.affiliation_id `

// doorParticipantColumns are participantColumns for a door's login on a
// server, which may not read genders, document numbers, e-mail addresses,
// dates or places of birth, nor when consent was given.
var doorParticipantColumns = strings.NewReplacer("p.gender, p.email, p.document_number", "'', '', ''",
	"p.date_of_birth, p.place_of_birth, p.consent_on", "'', '', ''", "COALESCE(p.invitation_id, 0)", "0").Replace(participantColumns)

// selectParticipants is the start of a query for participants, with the
// columns this store's login may read.
func (s *Store) selectParticipants() string {
	if s.doorOnly {
		return `SELECT ` + doorParticipantColumns + participantFrom
	}
	return `SELECT ` + participantColumns + participantFrom
}

type scanner interface{ Scan(...any) error }

func scanParticipant(row scanner) (Participant, error) {
	var p Participant
	var statusAt, created, updated string
	err := row.Scan(&p.ID, &p.Category, &p.Title, &p.GivenName, &p.FamilyName, &p.NativeName, &p.Nationality,
		&p.Position, &p.HeadOfDelegation, &p.Rank, &p.Gender, &p.Email, &p.DocumentNumber, &p.Status, &statusAt, &p.BadgeIssue,
		&created, &updated, &p.UpdatedBy, &p.Rev, &p.DateOfBirth, &p.PlaceOfBirth, &p.ConsentOn, &p.Invitation, &p.Clearance, &p.HasPhoto,
		&p.Affiliation.ID, &p.Affiliation.Kind, &p.Affiliation.Name, &p.Affiliation.Country, &p.Affiliation.OrgKind)
	p.StatusAt, p.CreatedAt, p.UpdatedAt = parseTime(statusAt), parseTime(created), parseTime(updated)
	return p, err
}

// scanParticipants reads every participant rows holds, and closes it.
func scanParticipants(rows *sql.Rows) ([]Participant, error) {
	defer rows.Close()
	var list []Participant
	for rows.Next() {
		p, err := scanParticipant(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}

// Participant returns one participant, or ENOTFOUND.
func (s *Store) Participant(ctx context.Context, id int64) (Participant, error) {
	return s.readParticipant(ctx, s.db, id)
}

// readParticipant reads a participant through q, a database or a transaction.
func (s *Store) readParticipant(ctx context.Context, q querier, id int64) (Participant, error) {
	p, err := scanParticipant(q.QueryRowContext(ctx, s.selectParticipants()+`WHERE p.id = ?`, id))
	if err != nil {
		return Participant{}, notFoundParticipant(err, "read participant", id)
	}
	return p, nil
}

// ParticipantFilter says whom FindParticipants looks for.
type ParticipantFilter struct {
	Query string // any part of any name, a document number or a badge number; empty for everyone
	Limit int    // at most this many, in name order; 0 for 200
}

// FindParticipants returns the participants matching f in family-name order,
// and how many match in all.
func (s *Store) FindParticipants(ctx context.Context, f ParticipantFilter) ([]Participant, int, error) {
	if f.Limit <= 0 {
		f.Limit = 200
	}
	index, err := s.searchIndex(ctx)
	if err != nil {
		return nil, 0, err
	}
	ids, total := index.Find(f.Query, f.Limit)
	list, err := s.participantsByID(ctx, ids)
	return list, total, err
}

// SimilarParticipants returns at most limit participants whose names come
// close to query, closest first, for a search that found nobody: "did you
// mean".
func (s *Store) SimilarParticipants(ctx context.Context, query string, limit int) ([]Participant, error) {
	index, err := s.searchIndex(ctx)
	if err != nil {
		return nil, err
	}
	return s.participantsByID(ctx, index.Similar(query, limit))
}

// participantsByID reads participants in the order of ids, a few hundred
// at a time (SQLite limits the variables of one statement).
func (s *Store) participantsByID(ctx context.Context, ids []int64) ([]Participant, error) {
	const batch = 500
	byID := make(map[int64]Participant, len(ids))
	for start := 0; start < len(ids); start += batch {
		part := ids[start:min(start+batch, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, s.selectParticipants()+
			`WHERE p.id IN (?`+strings.Repeat(",?", len(part)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read participants: %w", err)
		}
		for rows.Next() {
			p, err := scanParticipant(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan participant: %w", err)
			}
			byID[p.ID] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	list := make([]Participant, 0, len(ids))
	for _, id := range ids {
		if p, ok := byID[id]; ok {
			list = append(list, p)
		}
	}
	return list, nil
}

// CreateParticipant registers a participant. It returns EINVALID with a
// FieldError per problem, and ECONFLICT when someone of the same
// nationality already holds the document number.
func (s *Store) CreateParticipant(ctx context.Context, in ParticipantInput) (Participant, error) {
	if err := allow(ctx, RoleDesk); err != nil {
		return Participant{}, err
	}
	var id int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		in = in.Normalize()
		if err := w.validate(in); err != nil {
			return err
		}
		k := keysOf(in)
		if err := w.checkDocumentFree(in, k, 0); err != nil {
			return err
		}
		if id, err = w.insert(in, k); err != nil {
			return err
		}
		return w.done()
	})
	if err != nil {
		return Participant{}, err
	}
	return s.Participant(ctx, id)
}

// UpdateParticipant corrects a participant's details. It returns ENOTFOUND,
// EINVALID or ECONFLICT as CreateParticipant does, and ECONFLICT that
// IsIdentityChange recognises for a change of who someone approved,
// cleared or printed is: the desk asks, then calls ChangeIdentity.
func (s *Store) UpdateParticipant(ctx context.Context, id int64, in ParticipantInput) (Participant, error) {
	return s.updateParticipant(ctx, id, in, false)
}

// ChangeIdentity saves, as UpdateParticipant does, a change of who someone
// is that the operator confirmed: someone approved, cleared or printed goes
// back to registered, their clearance to pending, and their printed badge
// stops working at the door.
func (s *Store) ChangeIdentity(ctx context.Context, id int64, in ParticipantInput) (Participant, error) {
	return s.updateParticipant(ctx, id, in, true)
}

func (s *Store) updateParticipant(ctx context.Context, id int64, in ParticipantInput, confirmed bool) (Participant, error) {
	if err := allow(ctx, RoleDesk); err != nil {
		return Participant{}, err
	}
	loc, err := s.location(ctx)
	if err != nil {
		return Participant{}, err
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		current, err := s.participantTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := unchangedSince(current, in.Version, loc); err != nil {
			return err
		}
		in = in.Normalize()
		if err := w.validate(in); err != nil {
			return err
		}
		k := keysOf(in)
		if err := w.checkDocumentFree(in, k, id); err != nil {
			return err
		}
		void, err := reidentify(current, in, confirmed, 0)
		if err != nil {
			return err
		}
		if void {
			if err := s.voidIdentity(ctx, tx, w.now, current, identityNote("")); err != nil {
				return err
			}
		}
		before := current.Input().Normalize()
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

// unchangedSince returns ECONFLICT, naming who changed p and when, when p
// changed since the desk read it at version; version 0 checks nothing.
func unchangedSince(p Participant, version int64, loc *time.Location) error {
	if version == 0 || p.Rev == version {
		return nil
	}
	var by any = p.UpdatedBy
	if p.UpdatedBy == "" {
		by = msgAnotherStation.Msg()
	}
	return NewError(ECONFLICT, msgChangedMeanwhile, msg.Args{"Number": p.BadgeNumber(), "Time": p.UpdatedAt.In(loc).Format("15:04"), "By": by})
}

// Duplicates returns the participants other than exceptID who look like the
// same person as in: the same document number, or the same name, with the
// same nationality.
func (s *Store) Duplicates(ctx context.Context, in ParticipantInput, exceptID int64) ([]Participant, error) {
	in = in.Normalize()
	ids, err := queryIDs(ctx, s.db, `SELECT id FROM participants
		WHERE nationality = ? AND (document_key = ? OR name_key = ?) AND id <> ? ORDER BY id LIMIT 20`,
		in.Nationality, keysOf(in).document, keysOf(in).name, exceptID)
	if err != nil {
		return nil, fmt.Errorf("find duplicates: %w", err)
	}
	return s.participantsByID(ctx, ids)
}

// SetStatus moves a participant to status, recording who did it and why.
// It returns ENOTFOUND, or EINVALID when the move is not allowed (a rejected
// participant cannot be approved without being registered again, nor anyone
// whose delegation's nomination the event requires and does not have).
func (s *Store) SetStatus(ctx context.Context, id int64, status Status, note string) (Participant, error) {
	if err := allow(ctx, RoleDesk); err != nil {
		return Participant{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		var current Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM participants WHERE id = ?`, id).Scan(&current); err != nil {
			return notFoundParticipant(err, "read status", id)
		}
		if !current.CanBecome(status) {
			return NewError(EINVALID, msgStatusMove, msg.Args{"Current": current.Message(), "Status": status.Message()})
		}
		if status == StatusApproved && current == StatusRegistered {
			if _, err := approval(ctx, tx, id); err != nil {
				return err
			}
		}
		return s.recordStatus(ctx, tx, now, id, status, note)
	})
	if err != nil {
		return Participant{}, err
	}
	return s.Participant(ctx, id)
}

// SetStatuses moves, in one transaction, each of the participants ids who
// still has the status from to the status to, noting why, and returns how
// many moved: those changed meanwhile are left as they are. A desk undoes a
// whole delegation's approval with it.
func (s *Store) SetStatuses(ctx context.Context, ids []int64, from, to Status, note string) (int, error) {
	if err := allow(ctx, RoleDesk); err != nil {
		return 0, err
	}
	if !from.CanBecome(to) {
		return 0, NewError(EINVALID, msgStatusMove, msg.Args{"Current": from.Message(), "Status": to.Message()})
	}
	moved := 0
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		for _, id := range ids {
			var current Status
			if err := tx.QueryRowContext(ctx, `SELECT status FROM participants WHERE id = ?`, id).Scan(&current); err != nil {
				return notFoundParticipant(err, "read status", id)
			}
			if current != from {
				continue
			}
			if to == StatusApproved && from == StatusRegistered {
				if _, err := approval(ctx, tx, id); err != nil {
					return err
				}
			}
			if err := s.recordStatus(ctx, tx, now, id, to, note); err != nil {
				return err
			}
			moved++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return moved, nil
}

// ApproveAll approves every registered participant who may be approved and
// returns how many, and how many wait for their delegation's or
// organisation's nomination.
func (s *Store) ApproveAll(ctx context.Context) (approved, waiting int, err error) {
	if err = allow(ctx, RoleDesk); err != nil {
		return
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		rows, err := tx.QueryContext(ctx, `SELECT p.id, `+approvalColumns+` FROM participants p WHERE p.status = ? ORDER BY p.id`, StatusRegistered)
		if err != nil {
			return fmt.Errorf("find the registered: %w", err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			var p rules.Person
			var n rules.Nomination
			if err := rows.Scan(&id, &p.Status, &p.Clearance, &p.Category, &p.Issue, &n.Awaited); err != nil {
				rows.Close()
				return fmt.Errorf("read the registered: %w", err)
			}
			switch verdict, why := rules.Approve(p, n); {
			case verdict == rules.Accepted:
				ids = append(ids, id)
			case why.Code == rules.AwaitingNomination:
				waiting++
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read the registered: %w", err)
		}
		for _, id := range ids {
			if err := s.recordStatus(ctx, tx, now, id, StatusApproved, ""); err != nil {
				return err
			}
		}
		approved = len(ids)
		return nil
	})
	return approved, waiting, err
}

// Approve approves the participants with the given ids, all or none. It
// returns ENOTFOUND or EINVALID naming the first that cannot be approved
// (for one, because their delegation's nomination is not recorded yet).
func (s *Store) Approve(ctx context.Context, ids []int64) error {
	if err := allow(ctx, RoleDesk); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		for _, id := range ids {
			verdict, err := approval(ctx, tx, id)
			if err != nil {
				return err
			}
			if verdict == rules.Already {
				continue
			}
			if err := s.recordStatus(ctx, tx, now, id, StatusApproved, ""); err != nil {
				return err
			}
		}
		return nil
	})
}

// StatusChange is one recorded change of a participant's status.
type StatusChange struct {
	Status   Status
	At       time.Time
	Operator string
	Note     string
}

// StatusHistory returns a participant's registration and changes of status, oldest first.
func (s *Store) StatusHistory(ctx context.Context, id int64) ([]StatusChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT 0, 0, 'registered', created_at, created_by, '' FROM participants WHERE id = ?
		UNION ALL SELECT 1, id, status, at, operator, note FROM status_changes WHERE participant_id = ? ORDER BY 1, 2`, id, id)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	var list []StatusChange
	for rows.Next() {
		var c StatusChange
		var at string
		var registration, order int64
		if err := rows.Scan(&registration, &order, &c.Status, &at, &c.Operator, &c.Note); err != nil {
			return nil, err
		}
		c.At = parseTime(at)
		list = append(list, c)
	}
	return list, rows.Err()
}

// recordStatus moves a participant to status within tx, in the status
// history and the audit trail.
func (s *Store) recordStatus(ctx context.Context, tx *sql.Tx, now string, id int64, status Status, note string) error {
	operator := actorFrom(ctx).Operator
	var current Status
	if err := tx.QueryRowContext(ctx, `SELECT status FROM participants WHERE id = ?`, id).Scan(&current); err != nil {
		return notFoundParticipant(err, "read status", id)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE participants SET status = ?, status_at = ?, updated_at = ?, updated_by = ?,
		rev = (SELECT MAX(rev) + 1 FROM participants) WHERE id = ?`, status, now, now, operator, id); err != nil {
		return fmt.Errorf("update status: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO status_changes (participant_id, status, at, operator, note) VALUES (?, ?, ?, ?, ?)`,
		id, status, now, operator, note); err != nil {
		return fmt.Errorf("record status: %w", err)
	}
	return s.audit(ctx, tx, AuditEntry{ParticipantID: id, Action: AuditStatus, Field: note, Old: string(current), New: string(status)})
}

// querier is a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queryIDs runs a query whose one column is an id.
func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query ids: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Count is a number of participants under a name.
type Count struct {
	Name  string
	Count int
}

// Stats returns how many participants there are per category (in the
// event's order) and per status (in Statuses order), zeros included.
func (s *Store) Stats(ctx context.Context) (byCategory, byStatus []Count, err error) {
	byCategory, err = s.counts(ctx, `SELECT c.code, COUNT(p.id) FROM categories c
		LEFT JOIN participants p ON p.category = c.code GROUP BY c.code ORDER BY c.position`)
	if err != nil {
		return nil, nil, err
	}
	found, err := s.counts(ctx, `SELECT status, COUNT(*) FROM participants GROUP BY status`)
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, len(Statuses))
	for i, st := range Statuses {
		names[i] = string(st)
	}
	return byCategory, tally(names, found, nil), nil
}

func (s *Store) counts(ctx context.Context, query string) ([]Count, error) {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("count: %w", err)
	}
	defer rows.Close()
	var list []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Name, &c.Count); err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// Affiliations returns the affiliations of a kind, by name.
func (s *Store) Affiliations(ctx context.Context, kind string) ([]Affiliation, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, name, country, org_kind FROM affiliations WHERE kind = ? ORDER BY folded`, kind)
	if err != nil {
		return nil, fmt.Errorf("read affiliations: %w", err)
	}
	defer rows.Close()
	var list []Affiliation
	for rows.Next() {
		var a Affiliation
		if err := rows.Scan(&a.ID, &a.Kind, &a.Name, &a.Country, &a.OrgKind); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// searchIndex returns the in-memory search index, first bringing in what
// this or another program changed since it was last read.
func (s *Store) searchIndex(ctx context.Context) (*search.Index, error) {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	var rev int64
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(rev), 0) FROM participants`).Scan(&rev); err != nil {
		return nil, fmt.Errorf("read revision: %w", err)
	}
	if s.index != nil && rev == s.indexRev {
		return s.index, nil
	}
	var changed int
	if s.index != nil {
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM participants WHERE rev > ?`, s.indexRev).Scan(&changed); err != nil {
			return nil, fmt.Errorf("count changes: %w", err)
		}
	}
	rebuild := s.index == nil || changed > 1000
	since := s.indexRev
	if rebuild {
		since = -1
	}
	entries, err := s.searchEntries(ctx, since)
	if err != nil {
		return nil, err
	}
	if rebuild {
		s.index, s.indexGroups = search.NewIndex(entries), 0
	} else {
		for _, e := range entries {
			s.index.Put(e)
		}
	}
	if err := s.indexAffiliations(ctx); err != nil {
		return nil, err
	}
	s.indexRev = rev
	return s.index, nil
}

// indexAffiliations names in the search index the affiliations added since
// it last read them (an affiliation's name never changes), so that their
// members are found by it.
func (s *Store) indexAffiliations(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, name, country FROM affiliations WHERE id > ? ORDER BY id`, s.indexGroups)
	if err != nil {
		return fmt.Errorf("read affiliations: %w", err)
	}
	defer rows.Close()
	named := map[int64][]string{}
	for rows.Next() {
		var a Affiliation
		if err := rows.Scan(&a.ID, &a.Kind, &a.Name, &a.Country); err != nil {
			return err
		}
		named[a.ID] = a.SearchWords()
		s.indexGroups = a.ID
	}
	if err := rows.Err(); err != nil {
		return err
	}
	s.index.PutGroups(named)
	return nil
}

// searchEntries reads the search words of the participants changed since
// rev. A door's login on a server may not read them (they hold document
// numbers), so it makes them from the names, as a station file's roster has.
func (s *Store) searchEntries(ctx context.Context, rev int64) ([]search.Entry, error) {
	query := `SELECT id, sort_key, search_words, '', '', '', COALESCE(affiliation_id, 0) FROM participants WHERE rev > ?`
	if s.doorOnly {
		query = `SELECT id, sort_key, '', given_name, family_name, native_name, COALESCE(affiliation_id, 0) FROM participants WHERE rev > ?`
	}
	rows, err := s.db.QueryContext(ctx, query, rev)
	if err != nil {
		return nil, fmt.Errorf("read search words: %w", err)
	}
	defer rows.Close()
	var entries []search.Entry
	for rows.Next() {
		var e search.Entry
		var words, given, family, native string
		if err := rows.Scan(&e.ID, &e.SortKey, &words, &given, &family, &native, &e.Group); err != nil {
			return nil, err
		}
		if s.doorOnly {
			words = rosterWords(e.ID, given, family, native)
		}
		e.Words = strings.Fields(words)
		entries = append(entries, e)
	}
	return entries, rows.Err()
}

// rosterWords are the search words of a door's roster: the names and the
// badge number, nothing else.
func rosterWords(id int64, given, family, native string) string {
	return strings.Join(search.Words(given, family, native), " ") + " " + BadgeNumber(id) + " " + strconv.FormatInt(id, 10)
}

// LoadSearch reads every participant into the search index now rather than
// at the first search.
func (s *Store) LoadSearch(ctx context.Context) error {
	_, err := s.searchIndex(ctx)
	return err
}

// countryNamed is the country of code, to name in a message in its
// language, or code itself when it names no country.
func countryNamed(code string) any {
	if c, ok := country.Lookup(code); ok {
		return c
	}
	return code
}

var (
	msgChangedMeanwhile = msg.Define("Badge {{.Number}} was changed at {{.Time}} by {{.By}} while you were editing it; reload it to see the change, then correct it again.")
	msgAnotherStation   = msg.Define("another station")
	msgStatusMove       = msg.Define("A participant who is {{.Current}} cannot become {{.Status}}.")
	msgNotApprovable    = msg.Define("Badge {{.Number}} cannot be approved: the participant is {{.Status}}.")
)
