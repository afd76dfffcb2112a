package app

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"accred/data"
)

// count runs a query on the event's SQLite file and returns the number it
// reads.
func count(t *testing.T, u *ui, query string) (n int) {
	t.Helper()
	db, err := sql.Open("sqlite3", u.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// typeScan types text into a field as a scanner does, a character every
// few milliseconds of the door's clock, then Enter.
func typeScan(d *door, f fyne.Focusable, text string, every time.Duration) {
	at := time.Date(2025, 10, 25, 14, 5, 0, 0, time.UTC)
	d.clock = func() time.Time { return at }
	for _, r := range text {
		at = at.Add(every)
		f.TypedRune(r)
	}
	at = at.Add(every)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// TestDoorTakesAScanTypedIntoAnotherField: a badge scanned while the search
// for a forgotten badge or the PIN dialog has the keyboard reaches the
// door: F2 closes, the PIN dialog gives way and counts no wrong PIN, and
// the field keeps what a person had typed. The same code typed at a
// person's pace is a search.
func TestDoorTakesAScanTypedIntoAnotherField(t *testing.T) {
	u := newTestUI(t)
	addOperator(t, u.store, "Tuan", data.RoleDoor)
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{plenary()}); err != nil {
		t.Fatal(err)
	}
	signInAs(t, u, "Tuan", testPIN)
	d, codes := openDoor(t, u, plenary())

	press(d.scan, fyne.KeyF2)
	test.Type(d.manual.search, "ngu")
	typeScan(d, d.manual.search, codes[1], 5*time.Millisecond)
	if d.manual.open || d.manual.box.Visible() || len(d.history) != 1 || d.history[0].Kind != data.Accepted || d.history[0].Participant.ID != 1 {
		t.Fatalf("a scan into F2's search: search open %v, verdicts %+v", d.manual.open, d.history)
	}
	if d.verdict.Text != "ACCEPTED" || u.win.Canvas().Focused() != d.scan {
		t.Fatalf("after a scan into F2: %q, the scan field has the keyboard %v", d.verdict.Text, u.win.Canvas().Focused() == d.scan)
	}

	// At a person's pace, the same characters are a search.
	press(d.scan, fyne.KeyF2)
	typeScan(d, d.manual.search, codes[2], 150*time.Millisecond)
	if len(d.history) != 1 || !d.manual.open {
		t.Fatalf("typing by hand in F2 was taken for a scan: %d verdicts", len(d.history))
	}
	press(d.manual.search, fyne.KeyEscape)

	// Six scans into the PIN dialog: each reaches the door, none counts as
	// a wrong PIN, so the right PIN still leaves the door.
	for i := 0; i < data.WrongPINs+1; i++ {
		tapButton(t, d.holder, "Leave the door")
		p := u.kiosk.prompt
		if p == nil {
			t.Fatal("no PIN asked to leave the door")
		}
		test.Type(p.pin, "13")
		typeScan(d, p.pin, codes[int64(1+i%2)], 5*time.Millisecond)
		if u.kiosk.prompt != nil || !d.isOpen() || len(d.history) != 2+i {
			t.Fatalf("scan %d into the PIN dialog: prompt open %v, door open %v, %d verdicts", i, u.kiosk.prompt != nil, d.isOpen(), len(d.history))
		}
		if p.pin.Text != "13" {
			t.Fatalf("the PIN typed before the scan became %q", p.pin.Text)
		}
	}
	tapButton(t, d.holder, "Leave the door")
	test.Type(u.kiosk.prompt.pin, testPIN)
	test.Tap(u.kiosk.prompt.ok)
	if d.isOpen() {
		t.Fatalf("after scans into the PIN dialog the right PIN does not leave the door: %q", u.kiosk.prompt.problem.Text)
	}
}

// TestDoorShowsEachScanAsNew: two identical verdicts in a row each show
// their number and time, and light the banner.
func TestDoorShowsEachScanAsNew(t *testing.T) {
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	var stamps []string
	for _, code := range []string{"NOT-A-BADGE", "NOT-A-BADGE", codes[1], codes[1], codes[1]} {
		d.glow.Hide()
		scanner(d.scan, code)
		if !d.glow.Visible() {
			t.Fatalf("the banner did not light up for %s", d.verdict.Text)
		}
		stamps = append(stamps, d.verdict.Text+" "+d.stamp.Text[:len(d.stamp.Text)-2]) // the store's clock runs: seconds vary
	}
	want := "REJECTED Scan 1 · 14:05:|REJECTED Scan 2 · 14:05:|ACCEPTED Scan 3 · 14:05:|ALREADY IN Scan 4 · 14:05:|ALREADY IN Scan 5 · 14:05:"
	if got := strings.Join(stamps, "|"); got != want {
		t.Fatalf("the banners read\n%s\nwant\n%s", got, want)
	}
}

// TestDoorSetUpShowsTheWholeSessionName: a session with a long title is
// written out in full, wrapped, below the list of sessions.
func TestDoorSetUpShowsTheWholeSessionName(t *testing.T) {
	u := newTestUI(t)
	s := plenary()
	s.Title = "Opening and signing ceremony of the United Nations Convention against Cybercrime, followed by the high-level segment"
	s.Room = "National Convention Center, Hall A"
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{s}); err != nil {
		t.Fatal(err)
	}
	u.store.StartClockAt(s.Starts)
	u.tabs.Select(u.tab(tabDoor))
	d := u.door
	d.session.SetSelectedIndex(0)
	want := "PLEN-1 — " + s.Title + "\n" + s.Room + " · 25/10 14:00–17:00"
	if d.chosen.Text != want || d.chosen.Wrapping != fyne.TextWrapWord {
		t.Fatalf("the chosen session reads %q", d.chosen.Text)
	}
	within(t, u, "the chosen session", d.chosen)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.chosen)
	if at.X < 0 || at.X+d.chosen.Size().Width > u.win.Canvas().Size().Width {
		t.Fatalf("the chosen session runs out of the window: at %v, size %v", at, d.chosen.Size())
	}
}

// TestDoorReadsAScanTypedThroughAnotherLayout: a badge scanned at a laptop
// set to French AZERTY, to the Vietnamese keyboard or to German QWERTZ is
// read back and let in; one changed by Telex is not read, nothing is
// recorded, and the door says what to switch off.
func TestDoorReadsAScanTypedThroughAnotherLayout(t *testing.T) {
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	azerty := strings.NewReplacer("A", "Q", "Q", "A", "Z", "W", "W", "Z", "M", "?", "1", "&", "2", "é", "3", `"`, "4", "'", "5", "(", "6", "-", "7", "è")
	vietnamese := strings.NewReplacer("1", "ă", "2", "â", "3", "ê", "4", "ô", "5", "\u0300", "6", "\u0309", "7", "\u0303")
	scanner(d.scan, azerty.Replace(codes[1]))
	scanner(d.scan, vietnamese.Replace(codes[2]))
	if len(d.history) != 2 || d.history[1].Kind != data.Accepted || d.history[0].Kind != data.Accepted || d.history[0].Participant.ID != 2 {
		t.Fatalf("scans through AZERTY and the Vietnamese keyboard: %+v", d.history)
	}
	telex := "ẢC1" + strings.NewReplacer("DD", "Đ", "W", "Ư", "AA", "Â").Replace(codes[3][4:])
	scanner(d.scan, telex)
	if len(d.history) != 2 || d.verdict.Text != "NOT READ" || !strings.Contains(d.reason.Text, "Switch off Vietnamese typing") || d.panel.FillColor != fault {
		t.Fatalf("a scan changed by Telex: %d verdicts, %q %q", len(d.history), d.verdict.Text, d.reason.Text)
	}
	if recorded := count(t, u, `SELECT COUNT(*) FROM checkins`); recorded != 2 {
		t.Fatalf("%d scans recorded, want 2", recorded)
	}
	// (A code holds a Y or a Z but for once in some five hundred keys.)
	scanner(d.scan, strings.NewReplacer("Y", "Z", "Z", "Y").Replace(codes[4]))
	if len(d.history) != 3 || d.history[0].Kind != data.Accepted || d.history[0].Participant.ID != 4 {
		t.Fatalf("a scan through German QWERTZ: %+v", d.history[0])
	}
}

// TestDoorShowsCheckingThenTheRecordedVerdict: a scan shows "checking…" and
// its deadline until the verdict is recorded; a fault is amber, CHECK
// FAILED or NOT RECORDED, never a refusal, and records nothing; two NOT
// RECORDED in a row say for whom and when.
func TestDoorShowsCheckingThenTheRecordedVerdict(t *testing.T) {
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	var held []func()
	d.work.start = func(job func()) { held = append(held, job) }
	scanner(d.scan, codes[1])
	if d.verdict.Text != "checking…" || d.reason.Text != "5 s at most" || len(d.history) != 0 {
		t.Fatalf("while checking: %q %q, %d verdicts", d.verdict.Text, d.reason.Text, len(d.history))
	}
	held[0]()
	if d.verdict.Text != "ACCEPTED" || len(d.history) != 1 {
		t.Fatalf("once recorded: %q", d.verdict.Text)
	}
	d.work.start = nil

	// The session is gone: the check fails, and is no refusal.
	count(t, u, `UPDATE sessions SET id = 99 WHERE id = 1 RETURNING 0`)
	scanner(d.scan, codes[2])
	if d.verdict.Text != "CHECK FAILED" || d.panel.FillColor != fault || len(d.history) != 1 || !strings.Contains(d.stamp.Text, "Scan 2") {
		t.Fatalf("a failed check: %q %q %q, %d verdicts", d.verdict.Text, d.reason.Text, d.stamp.Text, len(d.history))
	}

	// The database is out of reach: NOT RECORDED, for whom and when.
	u.store.Close()
	scanner(d.scan, codes[3])
	first := d.verdict.Text + " " + d.name.Text + " " + d.stamp.Text[:len(d.stamp.Text)-2]
	scanner(d.scan, codes[4])
	second := d.verdict.Text + " " + d.name.Text + " " + d.stamp.Text[:len(d.stamp.Text)-2]
	if first != "NOT RECORDED 000003 Scan 3 · 14:05:" || second != "NOT RECORDED 000004 Scan 4 · 14:05:" || d.panel.FillColor != fault {
		t.Fatalf("two scans not recorded read %q and %q", first, second)
	}
	if len(d.history) != 1 {
		t.Fatalf("faults listed as verdicts: %+v", d.history)
	}
}

// TestDoorLongWordsFitTheScreen: in French a fault's word and reason are
// long; the banner makes them smaller rather than widen the door past a
// 1280×800 screen.
func TestDoorLongWordsFitTheScreen(t *testing.T) {
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	useLanguage("fr")
	defer useLanguage("en")
	scanner(d.scan, "ẢC1"+strings.NewReplacer("DD", "Đ", "W", "Ư").Replace(codes[1][4:]))
	if d.verdict.Text != "NON LU" {
		t.Fatalf("a scan changed by Telex, in French: %q", d.verdict.Text)
	}
	count(t, u, `UPDATE sessions SET id = 99 WHERE id = 1 RETURNING 0`) // the session is gone
	scanner(d.scan, codes[2])
	if d.verdict.Text != "VÉRIFICATION IMPOSSIBLE" {
		t.Fatalf("a fault, in French: %q", d.verdict.Text)
	}
	if w := u.win.Canvas().Content().MinSize().Width; w > 1280 {
		t.Fatalf("the door needs %v pixels of width, more than a 1280×800 screen has", w)
	}
	fits(t, u, "a long reason")
	if d.verdict.TextSize >= 96 || d.verdict.TextSize < 48 {
		t.Fatalf("the long word is drawn at %v", d.verdict.TextSize)
	}
}

// TestLeavingTheDoorChecksThePINInTheBackground: the PIN to leave an open
// door is checked off the window's goroutine, its button greyed meanwhile.
func TestLeavingTheDoorChecksThePINInTheBackground(t *testing.T) {
	u := newTestUI(t)
	addOperator(t, u.store, "Tuan", data.RoleDoor)
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{plenary()}); err != nil {
		t.Fatal(err)
	}
	signInAs(t, u, "Tuan", testPIN)
	d, _ := openDoor(t, u, plenary())
	tapButton(t, d.holder, "Leave the door")
	p := u.kiosk.prompt
	var held []func()
	d.work.start = func(job func()) { held = append(held, job) }
	test.Type(p.pin, testPIN)
	test.Tap(p.ok)
	if len(held) != 1 || !p.ok.Disabled() || !d.isOpen() {
		t.Fatalf("checking the PIN: %d jobs held, button greyed %v, door open %v", len(held), p.ok.Disabled(), d.isOpen())
	}
	held[0]()
	if d.isOpen() || u.kiosk.prompt != nil {
		t.Fatal("the right PIN, once checked, did not leave the door")
	}
}

// TestForgottenBadgeSaysWhenTheSearchFails: a search for a forgotten badge
// that cannot be read says so, rather than list nobody.
func TestForgottenBadgeSaysWhenTheSearchFails(t *testing.T) {
	u := newTestUI(t)
	d, _ := openDoor(t, u, plenary())
	press(d.scan, fyne.KeyF2)
	test.Type(d.manual.search, "ngu")
	if len(d.manual.results) != 2 || d.manual.why.Visible() {
		t.Fatalf("a search that works: %d found, problem shown %v", len(d.manual.results), d.manual.why.Visible())
	}
	u.store.Close()
	test.Type(d.manual.search, "y")
	if !d.manual.why.Visible() || d.manual.why.Text == "" {
		t.Fatal("a search that failed says nothing")
	}
}

// TestDoorChecksScansOnGoroutinesOfTheirOwn: with the checks on goroutines
// of their own, the scan box takes the next badge while one is checked,
// both verdicts are recorded and listed, and a verdict that comes back
// after a later scan's stays off the banner, which shows the person in
// front of the door.
func TestDoorChecksScansOnGoroutinesOfTheirOwn(t *testing.T) {
	concurrently(t)
	u := newTestUI(t)
	d, codes := openDoor(t, u, plenary())
	scanner(d.scan, codes[1])
	scanner(d.scan, codes[2])
	if d.verdict.Text != "checking…" || d.scan.Text != "" || len(d.history) != 0 {
		t.Fatalf("two scans in a row: %q, scan box %q, %d verdicts", d.verdict.Text, d.scan.Text, len(d.history))
	}
	d.work.wait()
	if len(d.history) != 2 || d.history[0].Kind != data.Accepted || d.history[1].Kind != data.Accepted ||
		d.verdict.Text != "ACCEPTED" || !strings.HasPrefix(d.stamp.Text, "Scan 2") || d.name.Text != "Seán O'SULLIVAN" {
		t.Fatalf("after both: %q %q %q, %+v", d.verdict.Text, d.stamp.Text, d.name.Text, d.history)
	}

	var held []func()
	d.work.start = func(job func()) { held = append(held, job) }
	scanner(d.scan, codes[3])
	scanner(d.scan, codes[4])
	d.work.start = nil
	if len(held) != 2 {
		t.Fatalf("%d checks started for two scans", len(held))
	}
	runElsewhere(held[1]) // the later scan answers first
	runElsewhere(held[0])
	d.work.wait()
	if len(d.history) != 4 || !strings.HasPrefix(d.stamp.Text, "Scan 4") || d.history[0].Participant.ID != 3 || d.history[1].Participant.ID != 4 {
		t.Fatalf("an earlier scan answering last: banner %q %q, recent %+v", d.stamp.Text, d.name.Text, d.history)
	}
	if d.name.Text != "Thị Hồng NGUYỄN" && d.name.Text != "NGUYỄN Thị Hồng" {
		t.Fatalf("the banner shows %q, not the last scanned", d.name.Text)
	}
	if recorded := count(t, u, `SELECT COUNT(*) FROM checkins`); recorded != 4 {
		t.Fatalf("%d scans recorded, want 4", recorded)
	}
}
