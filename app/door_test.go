package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
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
	if _, _, err := u.store.ApproveAll(ctx, "desk"); err != nil {
		t.Fatal(err)
	}
	codes := map[int64]string{}
	for id := int64(1); id <= 4; id++ {
		codes[id] = printedBadge(t, u, id, 1)
	}
	d := u.door
	d.later = func(time.Duration, func()) {} // no timers outliving the test
	u.tabs.Select(u.tab(tabDoor))
	d.session.SetSelectedIndex(0)
	d.station.SetText("door-test")
	test.Tap(d.openDoor)
	return d, codes
}

// printedBadge marks a participant's badge of the issue printed and returns its code.
func printedBadge(t *testing.T, u *ui, id int64, issue int) string {
	t.Helper()
	code, err := u.store.BadgeCode(ctx, id, issue)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.store.MarkPrinted(ctx, []data.Printed{{ID: id, Issue: issue}}, "printer"); err != nil {
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
	if _, err := u.store.Reprint(ctx, 4, "lost", "desk"); err != nil {
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
	if d.verdict.Text != "ACCEPTED" || d.name.Text != d.history[0].Participant.FullName() {
		t.Fatalf("screen shows %q %q", d.verdict.Text, d.name.Text)
	}
	if d.history[1].Reason.Code != data.ReasonSuperseded || !strings.Contains(d.recentText(1), "superseded") {
		t.Fatalf("the lost badge: %q, listed as %q", d.history[1].Reason, d.recentText(1))
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
	test.Type(d.manual.search, "osullivan")
	press(d.manual.search, fyne.KeyReturn)
	if d.manual.open || d.history[0].Kind != data.Accepted || d.history[0].Participant.FamilyName != "O'Sullivan" {
		t.Fatalf("manual check-in: %+v", d.history)
	}
	if u.win.Canvas().Focused() != d.scan {
		t.Fatal("the scan field did not get the keyboard back")
	}
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
