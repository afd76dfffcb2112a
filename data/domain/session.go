package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"accred/data/rules"

	"accred/data/msg"
)

// Session kinds.
const (
	KindCeremony  = "ceremony"
	KindPlenary   = "plenary"
	KindSeminar   = "seminar"
	KindSideEvent = "side-event"
	KindMeeting   = "meeting" // a closed meeting
)

// SessionKinds lists the kinds in the order they are offered.
var SessionKinds = []string{KindCeremony, KindPlenary, KindSeminar, KindSideEvent, KindMeeting}

// SessionTimeLayout is how session times are written, in the event's local time.
const SessionTimeLayout = "2006-01-02 15:04"

// Session is one sitting of the programme, behind one door.
type Session struct {
	ID             int64
	Code           string
	Title          string
	Kind           string
	Room           string
	Starts, Ends   time.Time // in the event's time zone
	Capacity       int       // 0 for no limit
	Categories     []string  // the categories let in; none for all
	InvitationOnly bool      // only invited participants enter
	RecordsExits   bool      // the door scans people out as well as in
	EarlyMinutes   int       // the door opens this many minutes before the start
	Present        int       // inside now, or admitted when exits are not recorded
	Zone           int       // the access zone a badge must carry to enter; 0 for none
	Cancelled      bool      // the session will not take place: its doors refuse every entry
}

// Validate reports EINVALID with a FieldError per problem.
func (s Session) Validate(categories []Category) error {
	var v Problems
	if !sessionCode.MatchString(s.Code) {
		v.Add("code", msgSessionCode)
	}
	if strings.TrimSpace(s.Title) == "" {
		v.Add("title", msgSessionTitle)
	}
	v.Text("title", TitleText, s.Title)
	if !slices.Contains(SessionKinds, s.Kind) {
		v.Add("kind", msgSessionKind)
	}
	if strings.TrimSpace(s.Room) == "" {
		v.Add("room", msgSessionRoom)
	}
	v.Text("room", NameText, s.Room)
	switch {
	case s.Starts.IsZero() || s.Ends.IsZero():
		v.Add("starts_at", msgSessionTimes)
	case !s.Ends.After(s.Starts):
		v.Add("ends_at", msgSessionOrder)
	}
	if s.Capacity < 0 {
		v.Add("capacity", msgSessionCapacity)
	}
	if s.Zone < 0 || s.Zone > MaxZone {
		v.Add("zone", MsgZoneCode)
	}
	if s.EarlyMinutes < 0 || s.EarlyMinutes > 240 {
		v.Add("early_minutes", msgSessionEarly)
	}
	for _, c := range s.Categories {
		if !slices.ContainsFunc(categories, func(k Category) bool { return k.Code == c }) {
			v.Add("categories", msgSessionCategories)
			break
		}
	}
	return v.Err(msgSessionIncomplete)
}

// Tidy returns the session with its title and room tidied as their kinds
// of text say.
func (s Session) Tidy() Session {
	s.Title, s.Room = TitleText.Tidy(s.Title), NameText.Tidy(s.Room)
	return s
}

var sessionCode = codeLike(`^[A-Za-z0-9][A-Za-z0-9-]{0,19}$`)

// Admits reports whether participants of a category may enter.
func (s Session) Admits(category string) bool { return s.Rules().Admits(category) }

// Opens is when the door opens: the start, less the early tolerance.
func (s Session) Opens() time.Time {
	return s.Starts.Add(-time.Duration(s.EarlyMinutes) * time.Minute)
}

// Outside reports whether an admission at t could not have happened at the
// door: an entry before it opens or from the end on, an exit before it opens.
func (s Session) Outside(t time.Time, exit bool) bool { return s.Rules().Outside(t, exit) }

// Overlap is two sessions in one room at the same time.
type Overlap struct{ First, Second Session }

func (o Overlap) String() string {
	return fmt.Sprintf("%s and %s overlap in %s (%s–%s and %s–%s)", o.First.Code, o.Second.Code, o.First.Room,
		o.First.Starts.Format(SessionTimeLayout), o.First.Ends.Format("15:04"),
		o.Second.Starts.Format(SessionTimeLayout), o.Second.Ends.Format("15:04"))
}

// Overlaps returns the pairs of sessions of a programme that are in one room
// (whatever the case of its name) at the same time, in order of room and
// start. When changed is given, only the pairs with one of its sessions
// (by code) are returned. An overlap is a warning: a room may be shared on
// purpose.
func Overlaps(programme, changed []Session) []Overlap {
	room := func(s Session) string { return strings.ToLower(NameText.Tidy(s.Room)) }
	sorted := slices.Clone(programme)
	slices.SortStableFunc(sorted, func(a, b Session) int {
		if c := strings.Compare(room(a), room(b)); c != 0 {
			return c
		}
		return a.Starts.Compare(b.Starts)
	})
	named := func(s Session) bool {
		return changed == nil || slices.ContainsFunc(changed, func(c Session) bool { return strings.EqualFold(c.Code, s.Code) })
	}
	var out []Overlap
	for i, a := range sorted {
		for _, b := range sorted[i+1:] {
			if room(b) != room(a) || !b.Starts.Before(a.Ends) {
				break
			}
			if named(a) || named(b) {
				out = append(out, Overlap{First: a, Second: b})
			}
		}
	}
	return out
}

var (
	msgSessionIncomplete = msg.Define("The session is not complete.")
	msgSessionCode       = msg.Define("Give a short code of letters, digits and dashes, such as PLEN-1.")
	msgSessionTitle      = msg.Define("Give the session a title.")
	msgSessionKind       = msg.Define("Use ceremony, plenary, seminar, side-event or meeting.")
	msgSessionRoom       = msg.Define("Give the room.")
	msgSessionTimes      = msg.Define("Give the start and end as YYYY-MM-DD HH:MM.")
	msgSessionOrder      = msg.Define("The session ends before it starts.")
	msgSessionCapacity   = msg.Define("The capacity is a number of seats, or empty for no limit.")
	msgSessionEarly      = msg.Define("The door opens 0 to 240 minutes before the start.")
	msgSessionCategories = msg.Define("Unknown category; use the event's categories, separated by spaces.")
)

// Summary is every detail the programme gives of the session, in one line,
// as the audit trail writes it.
func (s Session) Summary() string {
	parts := []string{s.Title, s.Kind, s.Room, s.Starts.Format(SessionTimeLayout) + " – " + s.Ends.Format(SessionTimeLayout)}
	if s.Capacity > 0 {
		parts = append(parts, fmt.Sprintf("capacity %d", s.Capacity))
	}
	if len(s.Categories) > 0 {
		parts = append(parts, "categories "+strings.Join(s.Categories, " "))
	}
	if s.InvitationOnly {
		parts = append(parts, "invitation only")
	}
	if s.RecordsExits {
		parts = append(parts, "records exits")
	}
	if s.EarlyMinutes > 0 {
		parts = append(parts, fmt.Sprintf("opens %d min early", s.EarlyMinutes))
	}
	if s.Zone > 0 {
		parts = append(parts, fmt.Sprintf("zone %d", s.Zone))
	}
	return strings.Join(parts, "; ")
}

// Person is what the rulebook knows of p: a screen or the command line asks
// the rulebook about p with it.
func (p Participant) Person() rules.Person {
	return rules.Person{Status: rules.Status(p.Status), Clearance: rules.Clearance(p.Clearance), Category: p.Category, Issue: p.BadgeIssue}
}

// Rules is what the rulebook knows of the session: its door opens early by
// its tolerance.
func (s Session) Rules() rules.Session {
	return rules.Session{Categories: s.Categories, Zone: s.Zone, InvitationOnly: s.InvitationOnly, RecordsExits: s.RecordsExits,
		Opens: s.Opens(), Ends: s.Ends, Capacity: s.Capacity, Present: s.Present, Cancelled: s.Cancelled}
}
