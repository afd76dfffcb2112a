package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"accred/data/search"
)

// Overview is the whole event at a glance, for the head of accreditation:
// read with a few aggregate queries, so that it can be read again every
// few seconds without slowing doors and desks.
type Overview struct {
	At                  time.Time     // when it was read, in the event's time zone
	Funnel              []FunnelCount // per category, in the event's order
	PrintQueue          int           // approved and printable now, not printed
	AwaitingClearance   int           // approved, but for a clearance still pending
	PrintedNotCollected int
	Delegations         []DelegationCount // those that stand out first, then by name
	Now, Next           []SessionNow      // sessions whose door is open; those starting next today
	Arrivals            Arrivals
	Gender              []GenderCount // per category, in the event's order
	HeadsGender         GenderCount   // of heads of delegation
}

// FunnelCount is how far a category's participants have gone: each count
// holds those gone further, and those rejected or withdrawn are in none.
type FunnelCount struct {
	Category                                 Category
	Registered, Approved, Printed, Collected int
}

// DelegationCount is one delegation's state.
type DelegationCount struct {
	Name       string // its English name; the screens put it in their language
	Country    string // its ISO code
	Registered int    // its participants, rejected and withdrawn left out
	Heads      int    // of them, heads of delegation
	HeadsReady int    // heads of delegation approved (or further) and not refused clearance
	Waiting    int    // badges printed and not yet handed over
	Collected  int    // badges handed over
	Underway   bool   // a door of the programme has opened: badges should be in hands
}

// NoHead reports whether no head of the delegation is accredited.
func (d DelegationCount) NoHead() bool { return d.HeadsReady == 0 }

// NoneCollected reports whether nobody of the delegation has their badge.
func (d DelegationCount) NoneCollected() bool { return d.Collected == 0 }

// StandsOut reports whether a coordinator must act on the delegation now:
// no head of delegation is accredited, or, once the doors have opened,
// badges are printed and nobody has come for one. Before the event nobody
// has collected a badge, and that calls for nothing.
func (d DelegationCount) StandsOut() bool {
	return d.NoHead() || (d.Underway && d.Waiting > 0 && d.NoneCollected())
}

// SessionNow is a session's door seen from the overview.
type SessionNow struct {
	Session Session // Present is who is inside
	Refused int     // scans refused
	Last    []ScanLine
}

// ScanLine is one recent scan at a door.
type ScanLine struct {
	At      time.Time // in the event's time zone
	Name    string    // the participant's full name; empty when the code named nobody
	Verdict VerdictKind
	Exit    bool
	Station string
}

// lastScans is how many recent scans SessionNow holds.
const lastScans = 5

// nextSessions is how many sessions starting next the overview holds.
const nextSessions = 3

// ArrivalSlot is the length of the arrivals' time slots.
const ArrivalSlot = 15 * time.Minute

// Arrivals are today's admissions per door in slots of ArrivalSlot, from
// the first slot with an arrival to the last.
type Arrivals struct {
	Doors  []string    // the stations, by name
	Slots  []time.Time // the start of each slot, in the event's time zone
	Counts [][]int     // per door, then per slot
}

// Total is how many arrivals the doors recorded.
func (a Arrivals) Total() int {
	n := 0
	for _, door := range a.Counts {
		for _, c := range door {
			n += c
		}
	}
	return n
}

// GenderCount is a number of participants of each gender: Genders' order,
// then not stated.
type GenderCount struct {
	Name   string // the category's name, or what is counted
	Counts []int
}

// Total is how many participants the count holds.
func (g GenderCount) Total() int {
	n := 0
	for _, c := range g.Counts {
		n += c
	}
	return n
}

// GenderNames names GenderCount's counts, in their order.
func GenderNames() []string { return append(slices.Clone(Genders), GenderNotStated) }

// Overview reads the event at a glance. See Overview for what it holds.
func (s *Store) Overview(ctx context.Context) (Overview, error) {
	loc, err := s.location(ctx)
	if err != nil {
		return Overview{}, err
	}
	o := Overview{At: s.Now().In(loc)}
	if err := s.overviewPeople(ctx, &o); err != nil {
		return Overview{}, err
	}
	if o.AwaitingClearance, err = s.AwaitingClearance(ctx, BadgeFilter{}); err != nil {
		return Overview{}, err
	}
	if err := s.overviewQueue(ctx, &o); err != nil {
		return Overview{}, err
	}
	sessions, err := s.Sessions(ctx)
	if err != nil {
		return Overview{}, err
	}
	underway := slices.ContainsFunc(sessions, func(x Session) bool { return !o.At.Before(x.Opens()) })
	if o.Delegations, err = s.delegationCounts(ctx, underway); err != nil {
		return Overview{}, err
	}
	now, next, today := sessionsAround(sessions, o.At)
	for _, list := range []struct {
		from []Session
		to   *[]SessionNow
	}{{now, &o.Now}, {next, &o.Next}} {
		for _, x := range list.from {
			door, err := s.sessionNow(ctx, x, loc)
			if err != nil {
				return Overview{}, err
			}
			*list.to = append(*list.to, door)
		}
	}
	if o.Arrivals, err = s.arrivals(ctx, today, o.At); err != nil {
		return Overview{}, err
	}
	return o, nil
}

// overviewPeople fills the funnel and the gender balance from one count of
// participants by category, status, gender and headship.
func (s *Store) overviewPeople(ctx context.Context, o *Overview) error {
	cats, err := s.Categories(ctx)
	if err != nil {
		return err
	}
	byCode := map[string]int{}
	for i, c := range cats {
		byCode[c.Code] = i
		o.Funnel = append(o.Funnel, FunnelCount{Category: c})
		o.Gender = append(o.Gender, GenderCount{Name: c.Name, Counts: make([]int, len(Genders)+1)})
	}
	o.HeadsGender = GenderCount{Name: "heads of delegation", Counts: make([]int, len(Genders)+1)}
	rows, err := s.db.QueryContext(ctx, `SELECT category, status, gender, CASE WHEN head_of_delegation THEN 1 ELSE 0 END, COUNT(*)
		FROM participants WHERE status NOT IN ('rejected', 'withdrawn') GROUP BY 1, 2, 3, 4`)
	if err != nil {
		return fmt.Errorf("count participants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cat, status, gender string
		var head, n int
		if err := rows.Scan(&cat, &status, &gender, &head, &n); err != nil {
			return fmt.Errorf("count participants: %w", err)
		}
		i, ok := byCode[cat]
		if !ok {
			continue
		}
		f := &o.Funnel[i]
		f.Registered += n
		switch Status(status) {
		case StatusCollected:
			f.Collected += n
			fallthrough
		case StatusPrinted:
			f.Printed += n
			fallthrough
		case StatusApproved:
			f.Approved += n
		}
		g := genderIndex(gender)
		o.Gender[i].Counts[g] += n
		if head == 1 {
			o.HeadsGender.Counts[g] += n
		}
	}
	return rows.Err()
}

// genderIndex is where a stored gender counts in GenderCount.
func genderIndex(g string) int {
	if i := slices.Index(Genders, g); i >= 0 {
		return i
	}
	return len(Genders)
}

// overviewQueue counts the badges to print and those printed, not collected.
func (s *Store) overviewQueue(ctx context.Context, o *Overview) error {
	err := s.db.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN status = 'approved' AND (clearance = 'cleared' OR NOT `+clearanceRequired+`) THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status = 'printed' THEN 1 ELSE 0 END), 0)
		FROM participants WHERE status IN ('approved', 'printed')`).Scan(&o.PrintQueue, &o.PrintedNotCollected)
	if err != nil {
		return fmt.Errorf("count badges to print: %w", err)
	}
	return nil
}

// delegationCounts counts each delegation's participants, heads and
// badges waiting and collected: those that stand out first, then by name.
// Underway says whether a door of the programme has opened.
func (s *Store) delegationCounts(ctx context.Context, underway bool) ([]DelegationCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.name, a.country,
		COALESCE(SUM(CASE WHEN p.status NOT IN ('rejected', 'withdrawn') THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.head_of_delegation AND p.status NOT IN ('rejected', 'withdrawn') THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.head_of_delegation AND p.status IN ('approved', 'printed', 'collected') AND p.clearance <> 'refused' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.status = 'printed' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.status = 'collected' THEN 1 ELSE 0 END), 0)
		FROM affiliations a LEFT JOIN participants p ON p.affiliation_id = a.id
		WHERE a.kind = 'delegation' GROUP BY a.id, a.name, a.country`)
	if err != nil {
		return nil, fmt.Errorf("count delegations: %w", err)
	}
	defer rows.Close()
	var list []DelegationCount
	for rows.Next() {
		d := DelegationCount{Underway: underway}
		if err := rows.Scan(&d.Name, &d.Country, &d.Registered, &d.Heads, &d.HeadsReady, &d.Waiting, &d.Collected); err != nil {
			return nil, fmt.Errorf("count delegations: %w", err)
		}
		if d.Registered > 0 {
			list = append(list, d)
		}
	}
	SortDelegations(list)
	return list, rows.Err()
}

// SortDelegations puts those that stand out first, then the others, each
// in order of name, whatever its accents and case: the overview's order,
// whatever the language of the names.
func SortDelegations(list []DelegationCount) {
	slices.SortFunc(list, func(a, b DelegationCount) int {
		if a.StandsOut() != b.StandsOut() {
			if a.StandsOut() {
				return -1
			}
			return 1
		}
		return strings.Compare(search.Fold(a.Name), search.Fold(b.Name))
	})
}

// sessionsAround picks, from the programme less its cancelled sessions,
// the sessions whose door is open at now, the next ones to start later
// that day, and every session of that day.
func sessionsAround(programme []Session, now time.Time) (open, next, today []Session) {
	for _, x := range programme {
		if x.Cancelled { // its doors admit nobody
			continue
		}
		if sameDay(x.Starts, now) || sameDay(x.Ends, now) {
			today = append(today, x)
		}
		switch {
		case !now.Before(x.Opens()) && now.Before(x.Ends):
			open = append(open, x)
		case x.Opens().After(now) && sameDay(x.Starts, now) && len(next) < nextSessions:
			next = append(next, x)
		}
	}
	return open, next, today
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.In(a.Location()).Date()
	return ay == by && am == bm && ad == bd
}

// sessionNow counts a session's refused scans and reads its last scans.
func (s *Store) sessionNow(ctx context.Context, x Session, loc *time.Location) (SessionNow, error) {
	n := SessionNow{Session: x}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM checkins WHERE session_id = ? AND verdict = 'rejected'`, x.ID).
		Scan(&n.Refused); err != nil {
		return n, fmt.Errorf("count refused scans: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.at, c.verdict, c.direction, c.station,
		COALESCE(p.title, ''), COALESCE(p.given_name, ''), COALESCE(p.family_name, ''), COALESCE(p.nationality, '')
		FROM checkins c LEFT JOIN participants p ON p.id = c.participant_id
		WHERE c.session_id = ? ORDER BY c.at DESC LIMIT ?`, x.ID, lastScans)
	if err != nil {
		return n, fmt.Errorf("read last scans: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var at, verdict, direction string
		var p Participant
		var line ScanLine
		if err := rows.Scan(&at, &verdict, &direction, &line.Station, &p.Title, &p.GivenName, &p.FamilyName, &p.Nationality); err != nil {
			return n, fmt.Errorf("read last scans: %w", err)
		}
		line.At = parseTime(at).In(loc)
		line.Verdict = map[string]VerdictKind{"accepted": Accepted, "already": Already, "rejected": Rejected}[verdict]
		line.Exit = direction == "out"
		if p.FamilyName != "" {
			line.Name = p.ListName()
		}
		n.Last = append(n.Last, line)
	}
	return n, rows.Err()
}

// arrivals counts the admissions at the doors of today's sessions, per
// station and minute, then adds them up in slots.
func (s *Store) arrivals(ctx context.Context, today []Session, now time.Time) (Arrivals, error) {
	var a Arrivals
	if len(today) == 0 {
		return a, nil
	}
	y, m, d := now.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	args := []any{timeText(midnight), timeText(midnight.AddDate(0, 0, 1))}
	for _, x := range today {
		args = append(args, x.ID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT station, substr(at, 1, 16), COUNT(*) FROM checkins
		WHERE verdict = 'accepted' AND direction = 'in' AND at >= ? AND at < ?
		AND session_id IN (?`+strings.Repeat(", ?", len(today)-1)+`) GROUP BY 1, 2`, args...)
	if err != nil {
		return a, fmt.Errorf("count arrivals: %w", err)
	}
	defer rows.Close()
	type minute struct {
		door string
		slot time.Time
		n    int
	}
	var found []minute
	for rows.Next() {
		var door, at string
		var n int
		if err := rows.Scan(&door, &at, &n); err != nil {
			return a, fmt.Errorf("count arrivals: %w", err)
		}
		t, err := time.Parse("2006-01-02T15:04", at)
		if err != nil {
			continue
		}
		slot := t.In(now.Location()).Sub(midnight).Truncate(ArrivalSlot)
		found = append(found, minute{door, midnight.Add(slot), n})
	}
	if err := rows.Err(); err != nil {
		return a, err
	}
	if len(found) == 0 {
		return a, nil
	}
	first, last := found[0].slot, found[0].slot
	for _, f := range found {
		if !slices.Contains(a.Doors, f.door) {
			a.Doors = append(a.Doors, f.door)
		}
		if f.slot.Before(first) {
			first = f.slot
		}
		if f.slot.After(last) {
			last = f.slot
		}
	}
	slices.SortFunc(a.Doors, func(x, y string) int { return strings.Compare(search.Fold(x), search.Fold(y)) })
	for t := first; !t.After(last); t = t.Add(ArrivalSlot) {
		a.Slots = append(a.Slots, t)
	}
	a.Counts = make([][]int, len(a.Doors))
	for i := range a.Counts {
		a.Counts[i] = make([]int, len(a.Slots))
	}
	for _, f := range found {
		a.Counts[slices.Index(a.Doors, f.door)][int(f.slot.Sub(first)/ArrivalSlot)] += f.n
	}
	return a, nil
}
