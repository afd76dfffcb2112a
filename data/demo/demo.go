// Package demo makes the built-in demo event: the opening for signature of
// the United Nations Convention against Cybercrime, Hanoi, 25–26 October
// 2025. Everything it makes is the same every time.
package demo

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"time"

	"accred/data"
	"accred/data/country"
	"accred/data/search"
)

// The demo's event.
const (
	EventName = "Opening for signature of the United Nations Convention against Cybercrime"
	Starts    = "2025-10-25"
	Ends      = "2025-10-26"
)

// The demo's participants by category, for the default size.
var shape = []struct {
	category string
	count    int
}{
	{"delegate", 2500}, {"observer", 200}, {"media", 400}, {"un", 20}, {"organizer", 30}, {"security", 20},
}

// DefaultParticipants is the size of the demo when none is asked for.
var DefaultParticipants = func() int {
	n := 0
	for _, s := range shape {
		n += s.count
	}
	return n
}()

// Create fills an empty database with the demo event, its programme and n
// participants (DefaultParticipants when n is 0). It requires nominations
// and records most delegations' and organisations'. Most participants are
// approved; some wait for approval or for their nomination, and a few were
// rejected.
func Create(ctx context.Context, s *data.Store, n int) error {
	if n <= 0 {
		n = DefaultParticipants
	}
	starts, _ := time.Parse(data.DateLayout, Starts)
	ends, _ := time.Parse(data.DateLayout, Ends)
	ev, err := s.CreateEvent(ctx, data.Event{Name: EventName, Starts: starts, Ends: ends, Timezone: TimeZone}, data.DefaultCategories())
	if err != nil {
		return err
	}
	if err := s.SaveZones(ctx, Zones()); err != nil {
		return fmt.Errorf("save demo zones: %w", err)
	}
	rows := Participants(n)
	grantHeadsZones(rows)
	if _, err := s.ImportParticipants(ctx, rows, false); err != nil {
		return fmt.Errorf("import demo participants: %w", err)
	}
	if err := s.SetSetting(ctx, data.SettingNominationsRequired, "yes"); err != nil {
		return err
	}
	waiting, err := recordNominations(ctx, s, rows)
	if err != nil {
		return err
	}
	var approve, reject []int64
	for id := int64(1); id <= int64(len(rows)); id++ {
		switch {
		case id%173 == 0:
			reject = append(reject, id)
		case id%13 != 0 && !waiting[nominee(rows[id-1].Input)]:
			approve = append(approve, id)
		}
	}
	if err := s.Approve(ctx, approve); err != nil {
		return fmt.Errorf("approve demo participants: %w", err)
	}
	for _, id := range reject {
		if _, err := s.SetStatus(ctx, id, data.StatusRejected, "Incomplete nomination letter"); err != nil {
			return fmt.Errorf("reject demo participant: %w", err)
		}
	}
	if err := clearDemo(ctx, s, rows); err != nil {
		return err
	}
	if err := createProgramme(ctx, s, ev.Location(), len(rows)); err != nil {
		return err
	}
	if err := s.SetDoorZone(ctx, PlenaryDoor, 1); err != nil {
		return fmt.Errorf("save the demo's door rule: %w", err)
	}
	return addOperators(ctx, s)
}

// PlenaryDoor is the demo's door that requires the plenary floor (zone 1)
// of every badge, whatever the session.
const PlenaryDoor = "Plenary hall entrance"

// refusedID is the demo participant the host country's security service
// refused.
const refusedID = 58

// clearDemo requires security clearance and records the host country's
// answer: everyone cleared but one refused and a few, every 97th, pending.
func clearDemo(ctx context.Context, s *data.Store, rows []data.ImportRow) error {
	if err := s.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		return fmt.Errorf("require demo clearance: %w", err)
	}
	var answers []data.ClearanceAnswer
	for i, row := range rows {
		id := i + 1
		result := data.ClearanceCleared
		switch {
		case id%97 == 0:
			continue
		case id == refusedID:
			result = data.ClearanceRefused
		}
		answers = append(answers, data.ClearanceAnswer{Line: row.Line, DocumentNumber: row.Input.DocumentNumber,
			Nationality: row.Input.Nationality, Result: string(result)})
	}
	if _, err := s.ImportClearance(ctx, answers); err != nil {
		return fmt.Errorf("clear demo participants: %w", err)
	}
	return nil
}

// Participants returns n demo participants as import rows, shaped like the
// Hanoi event at any size.
func Participants(n int) []data.ImportRow {
	g := &generator{rng: rand.New(rand.NewSource(20251025)), docs: map[string]int{}, names: map[string]bool{}}
	counts := scaledCounts(n)
	g.delegates(counts["delegate"])
	g.observers(counts["observer"])
	g.journalists(counts["media"])
	g.staff("un", counts["un"], "United Nations Office on Drugs and Crime", "international", "")
	g.staff("organizer", counts["organizer"], "Ministry of Foreign Affairs of Viet Nam", "", "VN")
	g.staff("security", counts["security"], "Ministry of Public Security of Viet Nam", "", "VN")
	return g.rows
}

func scaledCounts(n int) map[string]int {
	counts := map[string]int{}
	used := 0
	for _, s := range shape[1:] {
		counts[s.category] = s.count * n / DefaultParticipants
		used += counts[s.category]
	}
	counts["delegate"] = n - used
	return counts
}

type generator struct {
	rng   *rand.Rand
	rows  []data.ImportRow
	docs  map[string]int  // documents issued per country
	names map[string]bool // names given per country, so that few people share one
}

var headPositions = []string{"Minister of Justice", "Minister of Public Security", "Deputy Minister of Foreign Affairs",
	"Ambassador Extraordinary and Plenipotentiary", "Attorney General", "Minister of Information and Communications"}

var delegatePositions = []string{"Ambassador", "Deputy Permanent Representative", "Director-General", "Legal Adviser",
	"Counsellor", "First Secretary", "Second Secretary", "Senior Prosecutor", "Police Colonel", "Cybersecurity Expert",
	"Deputy Director", "Attaché"}

var observerPositions = []string{"Director", "Senior Policy Adviser", "Head of Delegation", "Programme Officer",
	"Researcher", "Legal Counsel", "Vice-President, Public Policy", "Senior Fellow"}

var mediaPositions = []string{"Correspondent", "Photographer", "Camera Operator", "Reporter", "Editor", "Producer"}

func (g *generator) delegates(count int) {
	if count <= 0 {
		return
	}
	sizes := make([]int, len(delegations))
	total := 0
	for _, d := range delegations {
		total += d.weight
	}
	assigned := 0
	for i, d := range delegations {
		sizes[i] = count * d.weight / total
		assigned += sizes[i]
	}
	for i := 0; assigned < count; i = (i + 1) % len(sizes) {
		sizes[i]++
		assigned++
	}
	for i, d := range delegations {
		for j := 0; j < sizes[i]; j++ {
			in := g.person(d.code, d.culture)
			in.Category, in.Delegation = "delegate", d.code
			if j == 0 {
				in.HeadOfDelegation = true
				in.Title = "H.E. " + in.Title
				in.Position = headPositions[g.rng.Intn(len(headPositions))]
			} else {
				in.Position = delegatePositions[g.rng.Intn(len(delegatePositions))]
			}
			if g.rng.Intn(3) == 0 {
				in.Email = email(in, "delegation-"+strings.ToLower(d.code)+".example")
			}
			g.add(in)
		}
	}
}

func (g *generator) observers(count int) {
	orgs := append(generatedOrganisations("organisation", 150, namedOrganisations), generatedOrganisations("research", 50, namedInstitutes)...)
	for i := 0; i < count; i++ {
		o := orgs[i%len(orgs)]
		code := o.country
		if code == "" {
			code = delegations[g.rng.Intn(len(delegations))].code
		}
		in := g.person(code, cultureOf(code))
		in.Category, in.Organization, in.OrganizationKind = "observer", o.name, o.kind
		in.Position = observerPositions[g.rng.Intn(len(observerPositions))]
		g.add(in)
	}
}

func (g *generator) journalists(count int) {
	type agency struct{ name, country string }
	var agencies []agency
	named := map[string]bool{}
	for _, a := range namedAgencies {
		agencies = append(agencies, agency(a))
		named[a.name] = true
	}
	outlets := []string{"News Agency", "Broadcasting Corporation", "Daily", "Tribune", "Radio"}
	for i := 0; len(agencies) < 189; i++ {
		d := delegations[i%len(delegations)]
		c, _ := country.Lookup(d.code)
		if name := c.CommonName() + " " + outlets[(i/len(delegations))%len(outlets)]; !named[name] {
			agencies = append(agencies, agency{name, d.code})
		}
	}
	for i := 0; i < count; i++ {
		a := agencies[i%len(agencies)]
		in := g.person(a.country, cultureOf(a.country))
		in.Category, in.MediaOutlet = "media", a.name
		in.Position = mediaPositions[g.rng.Intn(len(mediaPositions))]
		g.add(in)
	}
}

func (g *generator) staff(category string, count int, organization, kind, nationality string) {
	for i := 0; i < count; i++ {
		code := nationality
		if code == "" {
			code = delegations[g.rng.Intn(len(delegations))].code
		}
		in := g.person(code, cultureOf(code))
		in.Category, in.Organization, in.OrganizationKind = category, organization, kind
		g.add(in)
	}
}

// person makes a plausible person of a country, named as its people are.
func (g *generator) person(code, cultureName string) data.ParticipantInput {
	var in data.ParticipantInput
	for try := 0; try < 20; try++ {
		in = g.someone(code, cultures[cultureName], cultureName)
		if key := code + "|" + in.GivenName + "|" + in.FamilyName; !g.names[key] {
			g.names[key] = true
			break
		}
	}
	g.docs[code]++
	in.DocumentNumber = fmt.Sprintf("%s%07d", code, 1000000+g.docs[code]*7919%9000000)
	n := g.docs[code] * 7919
	in.DateOfBirth = fmt.Sprintf("%04d-%02d-%02d", 1950+n%50, 1+n%12, 1+n%28)
	if n%10 != 0 { // a few never sent their consent back
		in.ConsentOn = fmt.Sprintf("2025-09-%02d", 1+n%30)
	}
	if c, ok := country.Lookup(code); ok {
		in.PlaceOfBirth = c.Name("en")
	}
	return in
}

// someone draws a name, title and native-script name from a culture.
func (g *generator) someone(code string, c culture, cultureName string) data.ParticipantInput {
	female := g.rng.Intn(2) == 0
	given := c.male[g.rng.Intn(len(c.male))]
	title := "Mr."
	if female {
		given = c.female[g.rng.Intn(len(c.female))]
		title = "Ms."
	}
	fam := c.families[g.rng.Intn(len(c.families))]
	famName := fam.name
	if female && fam.fem.latin != "" {
		famName = fam.fem
	}
	if g.rng.Intn(8) == 0 {
		title = "Dr."
	}
	in := data.ParticipantInput{Title: title, GivenName: given.latin, FamilyName: famName.latin, Nationality: code, Gender: data.GenderMale}
	if female {
		in.Gender = data.GenderFemale
	}
	switch {
	case c.singleName && g.rng.Intn(10) == 0:
		in.GivenName, in.FamilyName = "", given.latin
	case famName.native != "" && c.familyFirst:
		sep := ""
		if cultureName == "ja" {
			sep = " "
		}
		in.NativeName = famName.native + sep + given.native
	case famName.native != "":
		in.NativeName = given.native + " " + famName.native
	}
	return in
}

func (g *generator) add(in data.ParticipantInput) {
	g.rows = append(g.rows, data.ImportRow{Line: len(g.rows) + 2, Input: in})
}

func cultureOf(code string) string {
	for _, d := range delegations {
		if d.code == code {
			return d.culture
		}
	}
	return "en"
}

func email(in data.ParticipantInput, domain string) string {
	local := strings.Join(search.Terms(in.GivenName+" "+in.FamilyName), ".")
	var b strings.Builder
	for _, r := range local {
		if r < 128 {
			b.WriteRune(r)
		}
	}
	return b.String() + "@" + domain
}
