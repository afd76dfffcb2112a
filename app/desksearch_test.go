package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"accred/data"
)

// searchFor types query into the desk's emptied search box and returns the
// family names listed.
func searchFor(d *desk, query string) []string {
	d.search.SetText("")
	test.Type(d.search, query)
	var names []string
	for _, p := range d.results {
		names = append(names, p.FamilyName)
	}
	return names
}

func TestDeskFindsADelegationOrOutletByName(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if _, err := u.store.CreateParticipant(ctx, data.ParticipantInput{Category: "observer", GivenName: "Ana", FamilyName: "Ruiz",
		Nationality: "ES", Organization: "United Nations Office on Drugs and Crime", DocumentNumber: "E1"}); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"viet nam":    "Nguyễn Nguyễn",
		"vietnam":     "Nguyễn Nguyễn",
		"ireland":     "O'Sullivan",
		"le monde":    "de la Fontaine-Ébrard",
		"unodc":       "Ruiz",
		"nguyen viet": "Nguyễn Nguyễn",
	}
	for query, want := range cases {
		if got := strings.Join(searchFor(d, query), " "); got != want {
			t.Errorf("%q lists %q, want %q", query, got, want)
		}
	}
	searchFor(d, "viet nam")
	if !strings.Contains(d.count.Text, "2 participants") {
		t.Errorf("the count says %q", d.count.Text)
	}
}

func TestDeskFindsGermanNamesAsPassportsSpellThem(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	for _, in := range []data.ParticipantInput{
		{Category: "delegate", GivenName: "Jürgen", FamilyName: "Müller", Nationality: "DE", Delegation: "DE", DocumentNumber: "D1"},
		{Category: "delegate", GivenName: "Käthe", FamilyName: "Götz", Nationality: "AT", Delegation: "AT", DocumentNumber: "A1"},
		{Category: "delegate", GivenName: "Heinz", FamilyName: "Straße", Nationality: "CH", Delegation: "CH", DocumentNumber: "S1"},
	} {
		if _, err := u.store.CreateParticipant(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	for query, want := range map[string]string{"mueller": "Müller", "MUELLER JUERGEN": "Müller", "muller": "Müller",
		"goetz": "Götz", "kaethe": "Götz", "strasse": "Straße"} {
		if got := strings.Join(searchFor(d, query), " "); got != want {
			t.Errorf("%q lists %q, want %q", query, got, want)
		}
	}
}

func TestDeskOffersCloseMatchesForATypo(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if got := searchFor(d, "osulivan"); len(got) != 0 {
		t.Fatalf("a typo lists %q", got)
	}
	if !strings.Contains(d.count.Text, "Did you mean") {
		t.Fatalf("the count says %q", d.count.Text)
	}
	offer := buttonNaming(d.similar, "Seán O'SULLIVAN")
	if offer == nil || !strings.Contains(labelTexts(d.similar), "000002 · Delegation of Ireland") {
		t.Fatalf("no close match offered: %d offers, %q", len(d.similar.Objects), labelTexts(d.similar))
	}
	test.Tap(offer)
	if d.current == nil || d.current.FamilyName != "O'Sullivan" || d.details.name.Text != "Seán O'SULLIVAN" {
		t.Fatalf("the close match opened %+v", d.current)
	}
	if u.win.Canvas().Focused() != d.search {
		t.Fatal("the search box lost the focus")
	}
	searchFor(d, "zzzzzz")
	if len(d.similar.Objects) != 0 || !strings.Contains(d.count.Text, "Press F3") {
		t.Fatalf("nothing close, yet %d offers and %q", len(d.similar.Objects), d.count.Text)
	}
	searchFor(d, "osul")
	if len(d.similar.Objects) != 0 || len(d.results) != 1 {
		t.Fatal("close matches stay once the search finds someone")
	}
}

func TestDeskListsNamesUNStyleInTheirCountrysOrder(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	searchFor(d, "van an")
	row := d.list.CreateItem()
	d.updateResultRow(0, row)
	if !strings.Contains(labelTexts(row), "H.E. Mr. NGUYỄN Văn An") {
		t.Fatalf("the list shows %q", labelTexts(row))
	}
}

func TestShortened(t *testing.T) {
	for in, want := range map[string]string{"Seán": "Seán", "Nguyễn Văn An": "Nguyễn…", "": ""} {
		if got := shortened(in, 8); got != want {
			t.Errorf("shortened(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDeskSearchesInTheBackgroundAndDropsAnOvertakenAnswer: with the
// searches on goroutines of their own, typing answers at once ("Searching…"),
// the list follows the last search typed, and an answer to an earlier
// search that comes back after it is dropped.
func TestDeskSearchesInTheBackgroundAndDropsAnOvertakenAnswer(t *testing.T) {
	concurrently(t)
	u := newTestUI(t)
	d := u.desk
	d.work.wait()
	if len(d.results) != 4 {
		t.Fatalf("the first search lists %d", len(d.results))
	}
	var held []func()
	d.work.start = func(job func()) { held = append(held, job) }
	test.Type(d.search, "osul")
	if len(held) != 4 || d.count.Text != "Searching…" || len(d.results) != 4 {
		t.Fatalf("while searching: %d searches, the count says %q, %d listed", len(held), d.count.Text, len(d.results))
	}
	for i := len(held) - 1; i >= 0; i-- { // the last search answers first, "o" last
		runElsewhere(held[i])
		if got := strings.Join(familyNames(d.results), " "); got != "O'Sullivan" || d.count.Text != "1 participant found" {
			t.Fatalf("after the answer to search %d: %q listed, the count says %q", i+1, got, d.count.Text)
		}
	}
	d.work.start = nil
	d.search.SetText("")
	test.Type(d.search, "nguyen")
	d.work.wait()
	if got := strings.Join(familyNames(d.results), " "); got != "Nguyễn Nguyễn" {
		t.Fatalf("searching again on goroutines lists %q", got)
	}
}

// runElsewhere runs a job held by a test on a goroutine of its own, then
// what it handed back, and what else came back meanwhile, on the test's.
func runElsewhere(job func()) {
	done := make(chan struct{})
	go func() {
		job()
		close(done)
	}()
	<-done
	for len(outcomes) > 0 {
		(<-outcomes)()
	}
}

// familyNames are the family names of list, in its order.
func familyNames(list []data.Participant) []string {
	var names []string
	for _, p := range list {
		names = append(names, p.FamilyName)
	}
	return names
}
