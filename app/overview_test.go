package app

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/demo"
	"accred/data/search"
	"accred/printing"
)

// demoAt1350 opens the app on a demo of 300 participants at 13:50 on its
// first day, 40 of them let into the afternoon's plenary at two doors and
// a badge collected, with the overview's refreshes held: it returns them.
func demoAt1350(t *testing.T) (u *ui, refreshes *[]func()) {
	t.Helper()
	a := test.NewTempApp(t)
	useLanguage("en")
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := demo.Create(ctx, s, 300); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(demo.TimeZone)
	now := time.Date(2025, 10, 25, 13, 50, 0, 0, loc)
	approved, err := s.BadgesToPrint(ctx, data.BadgeFilter{Category: "delegate"}) // let into the plenary
	if err != nil || len(approved) < 41 {
		t.Fatalf("%d approved, %v", len(approved), err)
	}
	var printed []data.Printed // a door lets in only someone whose badge was printed
	for _, p := range approved[:41] {
		printed = append(printed, data.Printed{ID: p.ID, Issue: 1})
	}
	if err := s.MarkPrinted(ctx, printed); err != nil {
		t.Fatal(err)
	}
	for i, p := range approved[:40] {
		at := now.Add(time.Duration(i-40) * 30 * time.Second)
		s.Now = func() time.Time { return at }
		checkIn(t, s, "PLEN-1", p.ID, []string{"Door North", "Door South"}[i%2])
	}
	s.Now = func() time.Time { return now }
	ev, _ := s.Event(ctx)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	u = &ui{app: a, win: w, store: s, event: ev, dbPath: s.Path()}
	if u.operator, err = s.SignIn(ctx, demo.Operators[0].Name, demo.Operators[0].PIN); err != nil {
		t.Fatal(err)
	}
	u.showHome()
	u.programme.later = func(time.Duration, func()) {}
	u.desk.later = func(time.Duration, func()) {}
	refreshes = &[]func(){}
	u.overview.later = func(_ time.Duration, f func()) { *refreshes = append(*refreshes, f) }
	return u, refreshes
}

// checkIn lets a participant into a session by hand at a door.
func checkIn(t *testing.T, s *data.Store, session string, id int64, door string) data.Verdict {
	t.Helper()
	x, err := s.Session(ctx, session)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.CheckIn(data.WithActor(ctx, data.System("door", "")), data.Scan{SessionID: x.ID, ParticipantID: id, Station: door})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// next runs the refresh the overview asked for, and returns how many it
// asked for meanwhile.
func next(refreshes *[]func()) int {
	waiting := *refreshes
	*refreshes = nil
	for _, f := range waiting {
		f()
	}
	return len(*refreshes)
}

func TestOverviewShowsTheStoreAndKeepsUp(t *testing.T) {
	u, refreshes := demoAt1350(t)
	v := u.overview
	u.tabs.Select(u.tab(tabOverview))
	v.work.wait()

	queue, _ := u.store.BadgesToPrint(ctx, data.BadgeFilter{})
	delegates, _ := u.store.BadgesToPrint(ctx, data.BadgeFilter{Category: "delegate", Printed: true})
	waiting, _ := u.store.AwaitingClearance(ctx, data.BadgeFilter{})
	byStatus, _ := u.store.StatsBy(ctx, data.ByStatus)
	want := "Print queue: " + number(len(queue)) + " · Awaiting clearance: " + number(waiting) + " · Printed, not collected: " + number(byStatus[2].Count)
	if v.figures.Text != want || !strings.Contains(v.at.Text, "13:50") {
		t.Fatalf("figures %q at %q, want %q", v.figures.Text, v.at.Text, want)
	}
	plenary, _ := u.store.Session(ctx, "PLEN-1")
	if plenary.Present != 40 || !strings.Contains(labelTexts(v.now), " · PLEN-1 · ") || !strings.HasPrefix(labelTexts(v.next), "16:00–17:30 · SEM-3 · ") {
		t.Fatalf("sessions now %d inside:\n%s\nnext:\n%s", plenary.Present, labelTexts(v.now), labelTexts(v.next))
	}
	if gauge := progressIn(v.now); gauge == nil || gauge.Value != 40 || gauge.Max != 2200 || gauge.TextFormatter() != "40 inside / 2,200" {
		t.Fatalf("gauge %+v", gauge)
	}
	delegations, _ := u.store.StatsBy(ctx, data.ByDelegation)
	if v.delegations.Length() != len(delegations) || !strings.HasPrefix(v.attention.Text, number(len(delegations))+" delegations; ") {
		t.Fatalf("%d delegations listed, %d in the store: %q", v.delegations.Length(), len(delegations), v.attention.Text)
	}
	// Nobody has collected a badge yet: every delegation stands out, in red.
	row := newDelegationRow()
	v.updateDelegationRow(0, row)
	if name := row.(*fyne.Container).Objects[0].(*widget.Label); name.Importance != widget.DangerImportance || name.Text != v.current.Delegations[0].Name {
		t.Fatalf("first delegation %q, importance %v", name.Text, name.Importance)
	}
	for _, c := range printing.Charts {
		if img := v.charts[c]; img.Resource == nil || pngSize(t, img.Resource.Content()) != "660x280" {
			t.Fatalf("%s chart not shown", c.Name())
		}
	}
	if a := v.current.Arrivals; strings.Join(a.Doors, ",") != "Door North,Door South" || a.Total() != 40 {
		t.Fatalf("arrivals %+v", a)
	}

	// Two seconds later, a scan at another door shows; unchanged charts are not drawn again.
	funnel := v.drawn[printing.FunnelChart]
	checkIn(t, u.store, "PLEN-1", delegates[40].ID, "Door West")
	if next(refreshes) != 1 || progressIn(v.now).TextFormatter() != "41 inside / 2,200" || !strings.Contains(labelTexts(v.now), "(Door West)") {
		t.Fatalf("after a scan:\n%s", labelTexts(v.now))
	}
	if !bytes.Equal(funnel, v.drawn[printing.FunnelChart]) || !strings.Contains(strings.Join(v.current.Arrivals.Doors, ","), "Door West") {
		t.Fatal("the funnel was drawn again, or the arrivals were not")
	}

	// Another tab chosen: the refreshes stop.
	u.tabs.Select(u.tab(tabProgramme))
	if next(refreshes) != 0 {
		t.Fatal("the overview was read again behind another tab")
	}
	u.tabs.Select(u.tab(tabOverview))
	if len(*refreshes) != 1 {
		t.Fatal("the overview chosen again does not refresh")
	}
	// The home built again (a language chosen): the old overview stops.
	old := v
	u.showHome()
	if next(refreshes) != 0 || u.overview == old {
		t.Fatal("the overview of a home built again kept reading")
	}
}

// TestOverviewSavesChartsAndPrintsThePDF: charts saved as PNG files, never
// overwritten, and the PDF, its numbers grouped as the language does.
func TestOverviewSavesChartsAndPrintsThePDF(t *testing.T) {
	u, _ := demoAt1350(t)
	v := u.overview
	u.tabs.Select(u.tab(tabOverview))
	v.work.wait()
	dir := t.TempDir()
	test.Type(v.folder, "")
	v.folder.SetText(dir)

	test.Tap(v.save[printing.ArrivalsChart])
	v.work.wait()
	first := filepath.Join(dir, "overview-arrivals-20251025-1350.png")
	raw, err := os.ReadFile(first)
	if err != nil || pngSize(t, raw) != "900x380" || v.saved.Text != "Saved: "+first {
		t.Fatalf("chart saved: %q, %v", v.saved.Text, err)
	}
	info, _ := os.Stat(first)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the chart is readable by others: %v", info.Mode())
	}
	test.Tap(v.save[printing.ArrivalsChart]) // the first is never overwritten
	v.work.wait()
	if _, err := os.Stat(filepath.Join(dir, "overview-arrivals-20251025-1350 (2).png")); err != nil {
		t.Fatalf("saved again: %q", v.saved.Text)
	}

	test.Tap(v.print)
	v.work.wait()
	pdf := filepath.Join(dir, "overview-20251025-1350.pdf")
	if v.saved.Text != "Saved: "+pdf {
		t.Fatalf("PDF: %q", v.saved.Text)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils, make deps) is not installed")
		}
		t.Skip("pdftotext (poppler-utils, make deps) is not installed")
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	queue, _ := u.store.BadgesToPrint(ctx, data.BadgeFilter{})
	for _, want := range []string{demo.EventName, "2025-10-25 13:50 (Asia/Ho_Chi_Minh)", "Print queue: " + strconv.Itoa(len(queue)),
		"PLEN-1", "Inside 40 / 2,200", "(Door South)", "Need attention"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}

	// A folder that is not there: said, and nothing written.
	v.folder.SetText(filepath.Join(dir, "missing"))
	test.Tap(v.print)
	v.work.wait()
	if !strings.HasPrefix(v.saved.Text, "Not saved: ") || !strings.Contains(v.saved.Text, filepath.Join(dir, "missing")) {
		t.Fatalf("into a missing folder: %q", v.saved.Text)
	}
}

// pngSize is a PNG image's size, as 900x380.
func pngSize(t *testing.T, raw []byte) string {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	return strings.Join([]string{itoa(b.Dx()), itoa(b.Dy())}, "x")
}

func itoa(n int) string { return strings.TrimSpace(strings.ReplaceAll(number(n), ",", "")) }

// progressIn is the first progress bar among o and what it holds.
func progressIn(o fyne.CanvasObject) *widget.ProgressBar {
	for _, x := range test.LaidOutObjects(o) {
		if p, ok := x.(*widget.ProgressBar); ok {
			return p
		}
	}
	return nil
}

// TestOverviewWordsAreTranslated checks that every word the overview's
// charts and PDF use is translated.
func TestOverviewWordsAreTranslated(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	useLanguage("fr")
	tr := overviewWords()
	for _, w := range printing.OverviewWords {
		if tr(w) == w {
			t.Errorf("%q is not translated for the overview", w)
		}
	}
}

// delegationRows is each delegation's row as the overview shows it: name
// and whether it is in red.
func delegationRows(v *overview) (names []string, red []bool) {
	for i := range v.current.Delegations {
		row := newDelegationRow()
		v.updateDelegationRow(i, row)
		name := row.(*fyne.Container).Objects[0].(*widget.Label)
		names, red = append(names, name.Text), append(red, name.Importance == widget.DangerImportance)
	}
	return names, red
}

// TestOverviewRedOnlyWhereACoordinatorMustAct: the day before the event,
// nobody has collected a badge and that is no reason for red; only a
// delegation with no head of delegation accredited is.
func TestOverviewRedOnlyWhereACoordinatorMustAct(t *testing.T) {
	u, _ := demoAt1350(t)
	loc, _ := time.LoadLocation(demo.TimeZone)
	u.store.Now = func() time.Time { return time.Date(2025, 10, 24, 10, 0, 0, 0, loc) }
	v := u.overview
	u.tabs.Select(u.tab(tabOverview))
	v.work.wait()
	_, red := delegationRows(v)
	reds := 0
	for i, d := range v.current.Delegations {
		if red[i] != d.NoHead() {
			t.Errorf("%s: red %v, no head accredited %v", d.Name, red[i], d.NoHead())
		}
		if red[i] {
			reds++
		}
	}
	if reds == len(red) || !strings.Contains(v.attention.Text, " "+number(reds)+" need someone to act now") {
		t.Fatalf("%d of %d delegations in red: %q", reds, len(red), v.attention.Text)
	}
}

// TestOverviewSpeaksTheStationsLanguage: in Vietnamese, the delegations
// are named as the desk names them, in the order of those names, and the
// categories are in Vietnamese too.
func TestOverviewSpeaksTheStationsLanguage(t *testing.T) {
	u, _ := demoAt1350(t)
	t.Cleanup(func() { useLanguage("en") })
	useLanguage("vi")
	u.showHome()
	u.overview.later = func(time.Duration, func()) {}
	v := u.overview
	u.tabs.Select(u.tab(tabOverview))
	v.work.wait()
	names, red := delegationRows(v)
	if !slices.Contains(names, "Việt Nam") || slices.Contains(names, "Viet Nam") {
		t.Fatalf("delegations: %v", names)
	}
	for i := 1; i < len(names); i++ {
		if red[i] == red[i-1] && search.Fold(names[i]) < search.Fold(names[i-1]) {
			t.Fatalf("%q listed after %q", names[i], names[i-1])
		}
	}
	if funnel := labelTexts(v.funnel); !strings.Contains(funnel, "Đại biểu") || strings.Contains(funnel, "Delegate") {
		t.Fatalf("funnel: %s", funnel)
	}
}

// TestWomenShareAgreesWithTheChart: the text writes the women's share as
// the chart's segment does.
func TestWomenShareAgreesWithTheChart(t *testing.T) {
	o := data.Overview{Gender: []data.GenderCount{{Name: "Delegate", Counts: []int{5549, 4451, 0, 0}}},
		HeadsGender: data.GenderCount{Counts: []int{1, 1, 0, 0}}}
	if got := womenText(o); got != "Women: 55% of participants, 50% of heads of delegation." {
		t.Fatalf("%q", got)
	}
}

// TestCategoryNamesFollowTheLanguage: a category's name on screen is the
// event's name for it in the station's language, else the built-in
// name's translation, else its name as given.
func TestCategoryNamesFollowTheLanguage(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	cats := data.DefaultCategories()
	named := cats[0]
	named.Names = map[string]string{"fr": "Délégation officielle"}
	own := data.Category{Code: "press", Name: "Press corps"}
	for _, c := range []struct {
		language string
		category data.Category
		want     string
	}{
		{"fr", cats[0], "Délégué"}, {"vi", cats[0], "Đại biểu"}, {"vi", cats[2], "Báo chí"}, {"en", cats[0], "Delegate"},
		{"fr", named, "Délégation officielle"}, {"fr", own, "Press corps"},
	} {
		useLanguage(c.language)
		if got := categoryText(c.category); got != c.want {
			t.Errorf("%s in %s: %q, want %q", c.category.Code, c.language, got, c.want)
		}
	}
}

// TestOverviewCountsOnePersonInsideInFrench: a session with one person
// inside reads "Présents : 1 / 150" in French, never "1 présents".
func TestOverviewCountsOnePersonInsideInFrench(t *testing.T) {
	u, _ := demoAt1350(t)
	t.Cleanup(func() { useLanguage("en") })
	waiting, err := u.store.BadgesToPrint(ctx, data.BadgeFilter{Category: "delegate"})
	if err != nil || len(waiting) == 0 {
		t.Fatalf("%d approved, %v", len(waiting), err)
	}
	if err := u.store.MarkPrinted(ctx, []data.Printed{{ID: waiting[0].ID, Issue: 1}}); err != nil {
		t.Fatal(err)
	}
	if v := checkIn(t, u.store, "SEM-1", waiting[0].ID, "Door SEM"); v.Kind != data.Accepted {
		t.Fatalf("the scan at SEM-1: %+v", v)
	}
	useLanguage("fr")
	u.showHome()
	u.overview.later = func(time.Duration, func()) {}
	u.tabs.Select(u.tab(tabOverview))
	u.overview.work.wait()
	var gauges []string
	for _, o := range test.LaidOutObjects(u.win.Content()) {
		if g, ok := o.(*widget.ProgressBar); ok && g.TextFormatter != nil {
			gauges = append(gauges, g.TextFormatter())
		}
	}
	if !slices.Contains(gauges, "Présents : 1 / 150") || slices.ContainsFunc(gauges, func(s string) bool { return strings.Contains(s, "1 présents") }) {
		t.Fatalf("the sessions' gauges read %q", gauges)
	}
}
