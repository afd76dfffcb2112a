package domain

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zones, on machines without them

	"accred/data/msg"
)

// Event is the conference a database belongs to: one event per database.
type Event struct {
	Name      string
	Starts    time.Time // first day, at midnight UTC
	Ends      time.Time // last day, at midnight UTC
	KeyID     string    // names the badge signing key
	PublicKey []byte    // Ed25519 key that checks badges
	Timezone  string    // IANA name of the event's local time, such as Asia/Ho_Chi_Minh
	Languages []string  // the one or two languages of the badges' words, such as en fr; none for the categories' names as given
}

// Location is the event's local time zone (UTC when none is set).
func (e Event) Location() *time.Location {
	if loc, err := time.LoadLocation(e.Timezone); err == nil && e.Timezone != "" {
		return loc
	}
	return time.UTC
}

// DateLayout is how event days are written.
const DateLayout = "2006-01-02"

// Validate reports EINVALID when the event has no name or its days are out of order.
func (e Event) Validate() error {
	var v Problems
	if strings.TrimSpace(e.Name) == "" {
		v.Add("name", MsgEventName)
	}
	v.Text("name", NameText, e.Name)
	if e.Starts.IsZero() || e.Ends.IsZero() {
		v.Add("dates", MsgEventDates)
	} else if e.Ends.Before(e.Starts) {
		v.Add("dates", MsgEventOrder)
	}
	if !KnownZone(e.Timezone) {
		v.Add("timezone", MsgUnknownZone)
	}
	return v.Err(msgEventIncomplete)
}

var (
	msgEventIncomplete = msg.Define("The event is not complete.")
	MsgEventName       = msg.Define("Give the event a name.")
	MsgEventDates      = msg.Define("Give the first and last day as YYYY-MM-DD.")
	MsgEventOrder      = msg.Define("The last day comes before the first day.")
	MsgUnknownZone     = msg.Define("Unknown time zone; use a name such as Asia/Ho_Chi_Minh or Europe/Vienna.")

	msgCategoryIncomplete = msg.Define("The category is not complete.")
	msgCategoryCode       = msg.Define("Use lower-case letters, digits and dashes, 1 to 20 of them.")
	msgCategoryName       = msg.Define("Give the category a name.")
	msgCategoryColour     = msg.Define("Give the colour as #RRGGBB.")
	msgLanguageCode       = msg.Define("Give languages as codes of two or three letters, such as en, fr or vi, each once.")
	msgTwoLanguages       = msg.Define("A badge prints one or two languages.")
)

// KnownZone reports whether name is an IANA time zone, such as
// Asia/Ho_Chi_Minh or UTC.
func KnownZone(name string) bool {
	if name == "" || strings.EqualFold(name, "local") || !NameText.Check(name).IsZero() {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// LocalZone returns the IANA name of this machine's time zone, read from
// $TZ, /etc/timezone or the zone /etc/localtime links to, in that order;
// UTC when none of them names a known zone.
func LocalZone() string {
	names := []string{strings.TrimPrefix(os.Getenv("TZ"), ":")}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		names = append(names, strings.TrimSpace(string(b)))
	}
	if link, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(link, "zoneinfo/"); ok {
			names = append(names, name)
		}
	}
	for _, name := range names {
		if KnownZone(name) {
			return name
		}
	}
	return "UTC"
}

// Holds reports whether a session falls within the event's days, in the
// event's local time.
func (e Event) Holds(s Session) bool {
	first, last := e.Starts.Format(DateLayout), e.Ends.Format(DateLayout)
	return s.Starts.Format(DateLayout) >= first && s.Ends.Add(-time.Minute).Format(DateLayout) <= last
}

// Affiliation rules a category can require of its participants.
const (
	RequiresNothing      = ""
	RequiresDelegation   = AffiliationDelegation
	RequiresOrganization = AffiliationOrganization
	RequiresMedia        = AffiliationMedia
)

// Category is a kind of participant, with the colour of its badge band.
type Category struct {
	Code     string
	Name     string
	Colour   string            // #RRGGBB
	Requires string            // the affiliation kind a participant of this category must have
	Names    map[string]string // its name in other languages, by language code (fr: Délégué)
	NoPhoto  bool              // its badges have no photo frame, and doors ask for none
}

// NameIn is the category's name in the language, or "" when it has none
// there; Name stands for a language it has no name in.
func (c Category) NameIn(language string) string { return c.Names[language] }

// Label is the category's name in the event's badge languages, as the band
// prints it: "Delegate / Délégué". The first language falls back on Name;
// a second one without a name of its own, or with the same name, is left
// out. Without languages it is Name.
func (c Category) Label(languages []string) string {
	var words []string
	for i, l := range languages {
		name := c.NameIn(l)
		if name == "" && i == 0 {
			name = c.Name
		}
		if name != "" && !slices.Contains(words, name) {
			words = append(words, name)
		}
	}
	if len(words) == 0 {
		return c.Name
	}
	return strings.Join(words, " / ")
}

var colourPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// Validate reports EINVALID for an empty code or name or a colour that is not #RRGGBB.
func (c Category) Validate() error {
	var v Problems
	if !codePattern.MatchString(c.Code) {
		v.Add("code", msgCategoryCode)
	}
	if strings.TrimSpace(c.Name) == "" {
		v.Add("name", msgCategoryName)
	}
	if !colourPattern.MatchString(c.Colour) {
		v.Add("colour", msgCategoryColour)
	}
	v.Text("name", NameText, c.Name)
	for l, name := range c.Names {
		if !languagePattern.MatchString(l) {
			v.Add("name."+l, msgLanguageCode)
		}
		v.Text("name."+l, NameText, name)
	}
	return v.Err(msgCategoryIncomplete)
}

var codePattern = codeLike(`^[a-z0-9-]{1,20}$`)

func codeLike(pattern string) *regexp.Regexp { return regexp.MustCompile(pattern) }

// DefaultCategories are the categories a new event starts with.
func DefaultCategories() []Category {
	return []Category{
		{Code: "delegate", Name: "Delegate", Colour: "#1F4E9E", Requires: RequiresDelegation},
		{Code: "observer", Name: "Observer", Colour: "#2E7D32", Requires: RequiresOrganization},
		{Code: "media", Name: "Media", Colour: "#E65100", Requires: RequiresMedia},
		{Code: "un", Name: "United Nations", Colour: "#009EDB"},
		{Code: "organizer", Name: "Organizer", Colour: "#6A1B9A"},
		{Code: "security", Name: "Security", Colour: "#C62828"},
		{Code: "vip", Name: "VIP", Colour: "#B8860B"},
	}
}

// languagePattern is a language's code, such as en, fr or vi.
var languagePattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// ParseLanguages reads the one or two languages of the badges' words,
// given as codes separated by spaces or commas ("en fr"), and the problems
// of field: a code that is not two or three lower-case letters, one given
// twice, or more than two.
func ParseLanguages(field, value string) ([]string, Problems) {
	codes := strings.Fields(strings.ReplaceAll(strings.ToLower(value), ",", " "))
	var v Problems
	for i, c := range codes {
		if !languagePattern.MatchString(c) || slices.Contains(codes[:i], c) {
			v.Add(field, msgLanguageCode)
			break
		}
	}
	if len(codes) > 2 {
		v.Add(field, msgTwoLanguages)
	}
	return codes, v
}
