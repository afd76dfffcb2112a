package domain

import (
	"slices"
	"strconv"
	"strings"

	"accred/data/msg"
)

// FieldZones is the import template's column of a participant's zone
// changes.
const FieldZones = "zones"

// MaxZone is the highest zone number: a zone's number prints on badges,
// large, with its neighbours.
const MaxZone = 99

// Zone is an access zone of the event, such as 1 Plenary floor: where a
// badge lets its holder go.
type Zone struct {
	Code       int
	Name       string
	Categories []string // the categories that have the zone unless a participant's changes say otherwise
}

// Validate reports EINVALID with a FieldError per problem.
func (z Zone) Validate(categories []Category) error {
	var v Problems
	if z.Code < 1 || z.Code > MaxZone {
		v.Add("code", MsgZoneCode)
	}
	if strings.TrimSpace(z.Name) == "" {
		v.Add("name", msgZoneName)
	}
	v.Text("name", NameText, z.Name)
	for _, c := range z.Categories {
		if !slices.ContainsFunc(categories, func(k Category) bool { return k.Code == c }) {
			v.Add("categories", msgSessionCategories)
			break
		}
	}
	return v.Err(msgZoneIncomplete)
}

// ZoneChange adds a zone to those of a participant's category, or takes
// one away.
type ZoneChange struct {
	Zone    int
	Granted bool // added; otherwise taken away
}

// ParseZoneChanges reads a participant's zone changes as the import template
// writes them, "+4 -3": zone 4 added, zone 3 taken away. It says why, when
// the text is not written so.
func ParseZoneChanges(s string) ([]ZoneChange, msg.Message) {
	var out []ZoneChange
	for _, word := range strings.Fields(s) {
		if len(word) < 2 {
			return nil, msgZoneChanges.With(msg.Args{"Word": strconv.Quote(word)})
		}
		sign, number := word[0], word[1:]
		code, err := strconv.Atoi(number)
		if (sign != '+' && sign != '-') || err != nil || number[0] < '0' || number[0] > '9' || code < 1 || code > MaxZone {
			return nil, msgZoneChanges.With(msg.Args{"Word": strconv.Quote(word)})
		}
		if slices.ContainsFunc(out, func(c ZoneChange) bool { return c.Zone == code }) {
			return nil, MsgZoneChangedTwice.With(msg.Args{"Zone": code})
		}
		out = append(out, ZoneChange{Zone: code, Granted: sign == '+'})
	}
	return out, msg.Message{}
}

// FormatZoneChanges writes zone changes as ParseZoneChanges reads them.
func FormatZoneChanges(changes []ZoneChange) string {
	words := make([]string, len(changes))
	for i, c := range changes {
		words[i] = map[bool]string{true: "+", false: "-"}[c.Granted] + strconv.Itoa(c.Zone)
	}
	return strings.Join(words, " ")
}

// HasZone reports whether a participant of a category, with their own
// changes, has the zone.
func HasZone(z Zone, category string, changes []ZoneChange) bool {
	if i := slices.IndexFunc(changes, func(c ZoneChange) bool { return c.Zone == z.Code }); i >= 0 {
		return changes[i].Granted
	}
	return slices.Contains(z.Categories, category)
}

// ZoneChangesFor returns the changes that give a participant of a category
// exactly the zones has says, relative to the category's: "+4 -3".
func ZoneChangesFor(zones []Zone, category string, has func(Zone) bool) []ZoneChange {
	var out []ZoneChange
	for _, z := range zones {
		if want := has(z); want != slices.Contains(z.Categories, category) {
			out = append(out, ZoneChange{Zone: z.Code, Granted: want})
		}
	}
	return out
}

// ZoneNumbers returns the numbers of zones as a badge prints them: "1 2 4".
func ZoneNumbers(zones []Zone) string {
	words := make([]string, len(zones))
	for i, z := range zones {
		words[i] = strconv.Itoa(z.Code)
	}
	return strings.Join(words, " ")
}

var (
	msgZoneIncomplete   = msg.Define("The zone is not complete.")
	MsgZoneCode         = msg.Define("A zone is a number from 1 to 99.")
	msgZoneName         = msg.Define("Give the zone a name.")
	msgZoneChanges      = msg.Define("Write the zones added and taken away as +4 -3; {{.Word}} is neither.")
	MsgZoneChangedTwice = msg.Define("Zone {{.Zone}} is named twice.")
)

// Summary is the zone's name, then the categories that have it, as the
// audit trail writes it.
func (z Zone) Summary() string {
	return strings.TrimSuffix(z.Name+"; "+strings.Join(z.Categories, " "), "; ")
}
