package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// openDoor prints the test participants' badges and opens the door of a
// session that is running, returning the badges' codes by participant id.
func openDoor(t *testing.T, u *ui, x data.Session) (*door, map[int64]string) {
	t.Helper()
	u.store.StartClockAt(x.Starts.Add(5 * time.Minute))
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{x}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := u.store.ApproveAll(ctx); err != nil {
		t.Fatal(err)
	}
	codes := map[int64]string{}
	for id := int64(1); id <= 4; id++ {
		codes[id] = printedBadge(t, u, id, 1)
	}
	d := u.door
	d.later = func(time.Duration, func()) {} // no timers outliving the test
	u.tabs.Select(u.tab(tabDoor))
	d.work.wait() // the sessions, read as the tab shows
	d.session.SetSelectedIndex(0)
	d.station.SetText("door-test")
	test.Tap(d.openDoor)
	d.work.wait()
	return d, codes
}

// printedBadge marks a participant's badge of the issue printed and returns its code.
func printedBadge(t *testing.T, u *ui, id int64, issue int) string {
	t.Helper()
	code, err := u.store.BadgeCode(ctx, id, issue)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.store.MarkPrinted(ctx, []data.Printed{{ID: id, Issue: issue}}); err != nil {
		t.Fatal(err)
	}
	return code
}

// scanner types a code and Enter, as a USB scanner does.
func scanner(e *scanEntry, code string) {
	test.Type(e, code)
	press(&e.keyEntry, fyne.KeyReturn)
}

func plenary() data.Session {
	start := time.Date(2025, 10, 25, 14, 0, 0, 0, time.UTC)
	return data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall", Starts: start, Ends: start.Add(3 * time.Hour), Capacity: 3, EarlyMinutes: 30}
}

func TestDoorScansInQuickSuccession(t *testing.T) {
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	if u.win.Canvas().Focused() != d.scan {
		t.Fatal("the scan field does not have the keyboard")
	}
	if _, err := u.store.Reprint(ctx, 4, "lost"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{codes[1], codes[2], codes[1], "NOT-A-BADGE", codes[4], codes[3]} {
		scanner(d.scan, c)
	}
	var got []string
	for i := len(d.history) - 1; i >= 0; i-- {
		got = append(got, string(d.history[i].Kind))
	}
	want := "ACCEPTED ACCEPTED ALREADY REJECTED REJECTED ACCEPTED"
	if strings.Join(got, " ") != want {
		t.Fatalf("verdicts %v, want %s", got, want)
	}
	if d.scan.Text != "" || d.count.Text != "3 / 3" {
		t.Fatalf("after the scans: field %q, count %q", d.scan.Text, d.count.Text)
	}
	if d.verdict.Text != "ACCEPTED" || d.name.Text != d.history[0].Participant.ListName() {
		t.Fatalf("screen shows %q %q", d.verdict.Text, d.name.Text)
	}
	if d.history[1].Reason.Code != data.ReasonSuperseded || !strings.Contains(d.recentText(1), "superseded") {
		t.Fatalf("the lost badge: %q, listed as %q", d.history[1].Reason, d.recentText(1))
	}
	// Left and opened again, the door counts those inside at once.
	tapButton(t, d.holder, "Leave the door")
	test.Tap(d.openDoor)
	if d.count.Text != "3 / 3" {
		t.Fatalf("the door opened again counts %q", d.count.Text)
	}
	// The room is full now: someone inside is not counted twice, and a
	// fourth person, with the new badge, waits outside.
	scanner(d.scan, codes[2])
	if d.history[0].Kind != data.Already {
		t.Fatalf("someone inside is not counted twice: %s", d.history[0].Kind)
	}
	scanner(d.scan, printedBadge(t, u, 4, 2))
	if d.history[0].Kind != data.Rejected || d.history[0].Reason.Code != data.ReasonRoomFull || d.reason.Text != "room full (3 of 3)" || d.count.Text != "3 / 3" {
		t.Fatalf("a fourth person in a room for three: %s %q, count %q", d.history[0].Kind, d.history[0].Reason, d.count.Text)
	}
}

func TestDoorManualCheckIn(t *testing.T) {
	u := newTestUI(t)
	d, _ := openDoor(t, u, plenary())
	d.scan.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	if !d.manual.open || u.win.Canvas().Focused() != d.manual.search {
		t.Fatal("F2 does not open the search for a forgotten badge")
	}
	setPhoto(t, u, 2)
	test.Type(d.manual.search, "osullivan")
	if len(d.history) != 0 || !showsPhoto(d.manual.box) {
		t.Fatalf("before the check-in: %d verdicts, photo shown %v", len(d.history), showsPhoto(d.manual.box))
	}
	press(d.manual.search, fyne.KeyReturn)
	if d.manual.open || d.history[0].Kind != data.Accepted || d.history[0].Participant.FamilyName != "O'Sullivan" {
		t.Fatalf("manual check-in: %+v", d.history)
	}
	if !strings.Contains(d.recentText(0), "ACCEPTED  manual entry · Seán O'SULLIVAN") {
		t.Fatalf("the recent scans do not mark the manual entry: %q", d.recentText(0))
	}
	if u.win.Canvas().Focused() != d.scan {
		t.Fatal("the scan field did not get the keyboard back")
	}
	// Of two found, the arrow keys choose the second.
	d.scan.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	test.Type(d.manual.search, "nguyen")
	press(d.manual.search, fyne.KeyDown)
	second := d.manual.results[1]
	press(d.manual.search, fyne.KeyReturn)
	if d.history[0].Participant.ID != second.ID {
		t.Fatalf("let in %s, want %s", d.history[0].Participant.FullName(), second.FullName())
	}
}

// showsPhoto says whether o lays out a participant's photo.
func showsPhoto(o fyne.CanvasObject) bool {
	for _, x := range test.LaidOutObjects(o) {
		if pic, ok := x.(*canvas.Image); ok && pic.Resource != nil && pic.Resource.Name() == "photo.jpg" {
			return true
		}
	}
	return false
}

func TestDoorTakesTheKeyboardBack(t *testing.T) {
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	var pending []func()
	d.later = func(_ time.Duration, f func()) { pending = append(pending, f) }
	u.win.Canvas().Unfocus() // as after a click elsewhere
	if u.win.Canvas().Focused() == d.scan || len(pending) != 1 {
		t.Fatalf("losing the keyboard scheduled %d refocus", len(pending))
	}
	pending[0]()
	if u.win.Canvas().Focused() != d.scan {
		t.Fatal("the scan field did not take the keyboard back")
	}
	scanner(d.scan, codes[1])
	if d.history[0].Kind != data.Accepted {
		t.Fatalf("scan after refocus: %s", d.history[0].Kind)
	}
	// The verdict gives way to the ready screen, unless a newer one came.
	for _, f := range pending[1:] {
		f()
	}
	if d.verdict.Text != "Scan a badge" {
		t.Fatalf("after the pause the screen shows %q", d.verdict.Text)
	}
}

// TestDoorVerdictsLook snapshots the verdict banner in each of its states.
func TestDoorVerdictsLook(t *testing.T) {
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	stopped := plenary().Starts.Add(5 * time.Minute)
	u.store.Now = func() time.Time { return stopped } // the verdicts' times show
	// The snapshots do not follow the window's layout.
	snapshot := func(name string) {
		d.banner.Resize(fyne.NewSize(1000, 250))
		test.AssertObjectRendersToMarkup(t, name, d.banner)
	}
	snapshot("door_ready.xml")
	for _, step := range []struct{ code, snapshot string }{
		{codes[1], "door_accepted.xml"},
		{codes[1], "door_already.xml"},
		{"NOT-A-BADGE", "door_rejected.xml"},
	} {
		scanner(d.scan, step.code)
		snapshot(step.snapshot)
	}
}

// recentText is what line i of the recent scans shows.
func (d *door) recentText(i int) string {
	l := &widget.Label{}
	d.updateRecent(i, l)
	return l.Text
}

// shows says whether o lays out a visible label that reads text.
func shows(o fyne.CanvasObject, text string) bool {
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok && l.Visible() && l.Text == text {
			return true
		}
	}
	return false
}

// within fails unless o is laid out, with some height, inside the window.
func within(t *testing.T, u *ui, what string, o fyne.CanvasObject) {
	t.Helper()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	window := u.win.Canvas().Size()
	if !o.Visible() || o.Size().Height < 1 || at.Y < 0 || at.Y+o.Size().Height > window.Height {
		t.Fatalf("%s is not in the %v window: at %v, size %v, visible %v", what, window, at, o.Size(), o.Visible())
	}
}

// TestDoorLayoutHoldsWithTheSearch opens the search for a forgotten badge
// and closes it: the header, the count and the buttons stay in the window,
// the search is laid out at once, and the view fits a 1280×800 screen.
func TestDoorLayoutHoldsWithTheSearch(t *testing.T) {
	u := newTestUI(t)
	d, _ := openDoor(t, u, plenary())
	fits(t, u, "open")
	d.scan.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF2})
	fits(t, u, "F2")
	within(t, u, "F2: the search", d.manual.search)
	within(t, u, "F2: the people found", d.manual.list)
	press(d.manual.search, fyne.KeyEscape)
	fits(t, u, "Esc")
	within(t, u, "Esc: the recent scans", d.recent)
}

// fits fails unless the door's count, its Leave button and its scan field
// are in the window, and the door fits a 1280×800 screen.
func fits(t *testing.T, u *ui, step string) {
	t.Helper()
	within(t, u, step+": the count", u.door.count)
	leave := findButton(u.win.Canvas().Content(), lang.L("Leave the door"))
	if leave == nil { // the door was opened before the station's language changed
		leave = findButton(u.win.Canvas().Content(), "Leave the door")
	}
	if leave == nil {
		t.Fatalf("%s: the door shows no Leave button", step)
	}
	within(t, u, step+": the Leave button", leave)
	within(t, u, step+": the scan field", u.door.scan)
	if h := u.win.Canvas().Content().MinSize().Height; h > 800 {
		t.Fatalf("%s: the door needs %v pixels of height, more than a 1280×800 screen has", step, h)
	}
}

// TestDoorChoosesTheSessionOpenNowInItsRoom lists the sessions open now
// first, then by start, and chooses the one open now in the room of the
// last session the station opened, or any room's the first time; a session
// whose door opens long after now is opened with a warning.
func TestDoorChoosesTheSessionOpenNowInItsRoom(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2025, 10, 25, h, m, 0, 0, time.UTC) }
	session := func(code, room string, starts time.Time) data.Session {
		return data.Session{Code: code, Title: code, Kind: data.KindSeminar, Room: room, Starts: starts, Ends: starts.Add(2 * time.Hour), EarlyMinutes: 30}
	}
	for _, c := range []struct{ room, want string }{{"", "SIDE-1"}, {"Hall", "HALL-2"}, {"Attic", "SIDE-1"}} {
		u := newTestUI(t)
		u.store.StartClockAt(at(13, 50))
		if _, _, err := u.store.SaveSessions(ctx, []data.Session{
			session("HALL-1", "Hall", at(8, 0)), session("HALL-2", "Hall", at(14, 0)),
			session("HALL-3", "Hall", at(18, 0)), session("SIDE-1", "Side", at(13, 0)),
		}); err != nil {
			t.Fatal(err)
		}
		u.app.Preferences().SetString(prefRoom, c.room)
		d := u.door
		d.later = func(time.Duration, func()) {}
		u.tabs.Select(u.tab(tabDoor))
		var order []string
		for _, o := range d.session.Options {
			order = append(order, strings.Split(o, " ")[0])
		}
		if got := strings.Join(order, " "); got != "SIDE-1 HALL-2 HALL-1 HALL-3" {
			t.Fatalf("sessions listed %s", got)
		}
		var open []string
		for _, o := range d.session.Options {
			if strings.Contains(o, " · door open now · ") {
				open = append(open, strings.Split(o, " ")[0])
			}
		}
		if got := strings.Join(open, " "); got != "SIDE-1 HALL-2" {
			t.Fatalf("sessions marked open now: %s", got)
		}
		if got := strings.Split(d.session.Selected, " ")[0]; got != c.want {
			t.Fatalf("room %q: the door chose %q, want %s", c.room, d.session.Selected, c.want)
		}
		if d.early.Text != "" {
			t.Fatalf("a session open now warns: %q", d.early.Text)
		}
	}
	// The evening session, chosen by mistake in the afternoon.
	u := newTestUI(t)
	u.store.StartClockAt(at(13, 50))
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{session("HALL-2", "Hall", at(14, 0)), session("HALL-3", "Hall", at(18, 0))}); err != nil {
		t.Fatal(err)
	}
	d := u.door
	d.later = func(time.Duration, func()) {}
	u.tabs.Select(u.tab(tabDoor))
	d.session.SetSelectedIndex(1)
	warning := "This session's door opens at 17:30 25/10, more than an hour from now: check that it is the right session."
	if !shows(u.win.Canvas().Content(), warning) {
		t.Fatalf("no warning for a door opened four hours early: %q", d.early.Text)
	}
	test.Tap(d.openDoor)
	if !shows(u.win.Canvas().Content(), warning) {
		t.Fatal("the open door does not warn that its session is hours away")
	}
	fits(t, u, "warning")
	if got := u.app.Preferences().String(prefRoom); got != "Hall" {
		t.Fatalf("the door's room is %q", got)
	}
}

// TestDoorVerdictsSayMore: ALREADY IN says when and where; too early is
// amber with the opening time; the frame takes the category's colour; a
// person without a photo is flagged for a look at their document.
func TestDoorVerdictsSayMore(t *testing.T) {
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	setPhoto(t, u, 2)
	noPhoto := "No photo: check the document"
	delegate := categoryNamed(d.categories, "delegate").RGB()
	framed := func(c color.Color) bool {
		for _, o := range test.LaidOutObjects(d.banner) {
			if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth > 0 && r.StrokeColor == c {
				return true
			}
		}
		return false
	}

	scanner(d.scan, codes[1])
	if !shows(u.win.Canvas().Content(), noPhoto) || !framed(delegate) {
		t.Fatalf("no photo flagged %v, framed in the delegates' colour %v", shows(u.win.Canvas().Content(), noPhoto), framed(delegate))
	}
	scanner(d.scan, codes[2])
	if shows(u.win.Canvas().Content(), noPhoto) {
		t.Fatal("someone with a photo is flagged as without one")
	}
	scanner(d.scan, codes[1])
	if d.verdict.Text != "ALREADY IN" || d.reason.Text != "already inside since 14:05 on 25 Oct, let in at door-test" {
		t.Fatalf("already in: %q %q", d.verdict.Text, d.reason.Text)
	}

	u.store.StartClockAt(plenary().Starts.Add(-time.Hour))
	scanner(d.scan, codes[3])
	if d.panel.FillColor != already || d.verdict.Text != "TOO EARLY" || d.reason.Text != "too early: the door opens at 13:30 on 25 Oct" {
		t.Fatalf("too early: %v %q %q", d.panel.FillColor, d.verdict.Text, d.reason.Text)
	}
	scanner(d.scan, "NOT-A-BADGE")
	if d.panel.FillColor != rejected || framed(delegate) || d.details.Text != "" {
		t.Fatalf("a code of nobody: %v, framed %v, %q", d.panel.FillColor, framed(delegate), d.details.Text)
	}
	// A badge number typed by hand points to the forgotten-badge search.
	scanner(d.scan, "000003")
	if d.verdict.Text != "REJECTED" || !strings.Contains(d.details.Text, "press F2") {
		t.Fatalf("a badge number typed: %q %q", d.verdict.Text, d.details.Text)
	}
}

// setPhoto gives a participant a photo.
func setPhoto(t *testing.T, u *ui, id int64) {
	t.Helper()
	var picture bytes.Buffer
	if err := png.Encode(&picture, image.NewRGBA(image.Rect(0, 0, 300, 400))); err != nil {
		t.Fatal(err)
	}
	if err := u.store.SetPhoto(ctx, id, picture.Bytes()); err != nil {
		t.Fatal(err)
	}
}

// TestDoorAsksNoPhotoOfACategoryWithoutPhotos scans a delegate without a
// photo once delegates' badges have none: the door asks for no look at a
// document.
func TestDoorAsksNoPhotoOfACategoryWithoutPhotos(t *testing.T) {
	u := newTestUI(t)
	cats, err := u.store.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cats[0].NoPhoto = true
	if err := u.store.SaveCategory(ctx, cats[0]); err != nil {
		t.Fatal(err)
	}
	d, codes := openDoor(t, u, plenary())
	scanner(d.scan, codes[1])
	if d.verdict.Text == "" || shows(u.win.Canvas().Content(), "No photo: check the document") {
		t.Fatalf("verdict %q; a delegate without a photo is flagged though delegates have none", d.verdict.Text)
	}
}

// TestForgottenBadgeLetsInOnlyABadgeHolder: F2 lists someone approved whose
// badge was never printed in italics with the rulebook's reason (greyed
// unless highlighted, where grey would not read), and neither
// Let in nor Enter lets them in; someone whose badge was printed is.
func TestForgottenBadgeLetsInOnlyABadgeHolder(t *testing.T) {
	u := newTestUI(t)
	d, _ := openDoor(t, u, plenary())
	if _, err := u.store.CreateParticipant(ctx, data.ParticipantInput{Category: "delegate", GivenName: "Pierre", FamilyName: "Dupont",
		Nationality: "FR", Delegation: "FR", DocumentNumber: "F9"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := u.store.ApproveAll(ctx); err != nil {
		t.Fatal(err)
	}
	press(d.scan, fyne.KeyF2)
	test.Type(d.manual.search, "dupont")
	if len(d.manual.results) != 1 || !d.manual.letIn.Disabled() || !strings.Contains(d.manual.why.Text, "no badge issued: send to the desk") {
		t.Fatalf("someone without a printed badge: let in greyed %v, %q", d.manual.letIn.Disabled(), d.manual.why.Text)
	}
	row := &widget.Label{}
	d.manual.list.UpdateItem(0, row) // highlighted, as the one chosen: readable on the highlight, in italics
	if row.Importance != widget.MediumImportance || !row.TextStyle.Italic || !strings.Contains(row.Text, "send to the desk") {
		t.Fatalf("listed as %q (importance %v, style %+v)", row.Text, row.Importance, row.TextStyle)
	}
	press(d.manual.search, fyne.KeyReturn)
	if len(d.history) != 0 || !d.manual.open {
		t.Fatalf("Enter let someone without a badge in: %+v", d.history)
	}
	d.manual.search.SetText("osullivan")
	press(d.manual.search, fyne.KeyReturn)
	if len(d.history) != 1 || d.history[0].Kind != data.Accepted {
		t.Fatalf("someone with a printed badge: %+v", d.history)
	}
}

// TestDoorSearchFitsWithItsReason: in French, the search for a forgotten
// badge showing why the person found cannot be let in still fits a
// 1280×800 screen, the event's header with it: the banner, which says only
// "scan a badge" meanwhile, gives up the room it needs.
func TestDoorSearchFitsWithItsReason(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	useLanguage("fr")
	u := newTestUI(t)
	d, _ := openDoor(t, u, plenary())
	if _, err := u.store.CreateParticipant(ctx, data.ParticipantInput{Category: "delegate", GivenName: "Pierre", FamilyName: "Dupont",
		Nationality: "FR", Delegation: "FR", DocumentNumber: "F9"}); err != nil {
		t.Fatal(err)
	}
	press(d.scan, fyne.KeyF2)
	test.Type(d.manual.search, "dupont")
	if !d.manual.why.Visible() || d.manual.why.Text == "" {
		t.Fatal("the search says nothing of why Pierre Dupont cannot be let in")
	}
	fits(t, u, "F2 with a reason")
	within(t, u, "F2: why not", d.manual.why)
	driver := fyne.CurrentApp().Driver()
	if why, list := driver.AbsolutePositionForObject(d.manual.why), driver.AbsolutePositionForObject(d.manual.list); list.Y < why.Y+d.manual.why.Size().Height {
		t.Fatalf("the reason (at %v, %v tall) is drawn over the people found (at %v)", why, d.manual.why.Size().Height, list)
	}
	press(d.manual.search, fyne.KeyEscape)
	fits(t, u, "Esc")
	if h := d.banner.MinSize().Height; h < 250 {
		t.Fatalf("the banner stays %v tall once the search is closed", h)
	}
}

// TestFoundRowLook: in F2's list, only someone the rulebook would not let
// in is greyed, and never on the highlight, where grey would not read.
func TestFoundRowLook(t *testing.T) {
	for _, c := range []struct {
		admissible, highlighted bool
		importance              widget.Importance
		italic                  bool
	}{
		{true, false, widget.MediumImportance, false},
		{true, true, widget.MediumImportance, false},
		{false, false, widget.LowImportance, true},
		{false, true, widget.MediumImportance, true},
	} {
		importance, style := foundRowLook(c.admissible, c.highlighted)
		if importance != c.importance || style.Italic != c.italic {
			t.Errorf("admissible %v, highlighted %v: importance %v, italic %v", c.admissible, c.highlighted, importance, style.Italic)
		}
	}
}
