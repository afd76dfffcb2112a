package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// retype clears an entry and types the text into it, as a person does.
func retype(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// saveSession saves x through the store, for a test's setting up.
func saveSession(t *testing.T, u *ui, x data.Session) data.Session {
	t.Helper()
	saved, err := u.store.SaveSession(ctx, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

func TestProgrammeEditsAndImports(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	test.Tap(g.add)
	test.Type(g.code, "SEM-9")
	test.Type(g.title, "Electronic evidence")
	test.Type(g.room, "Room B")
	test.Type(g.starts, "25/10/2025 14:00")
	test.Type(g.ends, "2025-10-25 15:30")
	test.Tap(g.save)
	if !strings.Contains(g.problem.Text, "YYYY-MM-DD HH:MM") || len(g.attendance) != 0 {
		t.Fatalf("a bad start was saved: %q", g.problem.Text)
	}
	retype(g.starts, "2025-10-25 14:00")
	test.Type(g.capacity, "120")
	test.Type(g.categories, "delegate observer")
	test.Tap(g.save)
	if g.problem.Text != "" || len(g.attendance) != 1 || g.attendance[0].Session.Capacity != 120 {
		t.Fatalf("save: %q %+v", g.problem.Text, g.attendance)
	}
	retype(g.categories, "spies")
	test.Tap(g.save)
	if !strings.Contains(g.problem.Text, "category") {
		t.Fatalf("unknown category saved: %q", g.problem.Text)
	}

	path := filepath.Join(t.TempDir(), "programme.csv")
	writeFile(t, path, "code,title,kind,room,starts_at,ends_at\nPLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 12:00\nBAD,,dance,,x,y\n")
	g.importFile(path)
	if !strings.Contains(g.problem.Text, "Line 3") || len(g.attendance) != 1 {
		t.Fatalf("a bad programme file: %q", g.problem.Text)
	}
	writeFile(t, path, "code,title,kind,room,starts_at,ends_at\nPLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 12:00\n")
	g.importFile(path)
	if g.problem.Text != "" || len(g.attendance) != 2 || g.attendance[0].Session.Code != "PLEN-1" {
		t.Fatalf("import: %q %d", g.problem.Text, len(g.attendance))
	}
}

func TestStationFileFromTheProgramme(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	path := filepath.Join(t.TempDir(), "door.station")
	g.editing = ""
	g.onExportStation()
	if !strings.Contains(g.problem.Text, "Choose a session") {
		t.Fatalf("export without a session: %q", g.problem.Text)
	}
	start := plenary().Starts
	s := saveSession(t, u, plenary())
	if _, _, err := u.store.ApproveAll(ctx, "desk"); err != nil {
		t.Fatal(err)
	}
	g.exportStation(s, path)
	if !strings.Contains(g.problem.Text, "Station file written") {
		t.Fatalf("export: %q", g.problem.Text)
	}

	// The door's laptop opens the station file: only the door and its
	// settings are offered, and nothing of the desk is made.
	st := &ui{app: u.app, win: u.win, dbPath: path}
	if !st.load() {
		t.Fatalf("the station file did not open: %s", labelTexts(st.win.Content()))
	}
	station := st.store
	if st.tab(tabDoor) == nil || st.tab(tabSettings) == nil || len(st.tabs.Items) != 2 {
		t.Fatalf("station tabs: %d", len(st.tabs.Items))
	}
	if st.desk != nil || st.badges != nil || st.programme != nil {
		t.Fatal("the station made the registration screens")
	}
	if st.settings.categories != nil || st.settings.restore != nil || st.settings.name != nil {
		t.Fatal("the station's settings offer to change the event or restore a backup")
	}
	station.StartClockAt(start.Add(time.Minute))
	d := st.door
	d.later = func(time.Duration, func()) {}
	d.session.SetSelectedIndex(0)
	test.Tap(d.openDoor)
	test.Tap(findButton(d.holder, "Forgotten badge  [F2]"))
	test.Type(d.manual.search, "osullivan")
	press(d.manual.search, fyne.KeyReturn)
	if d.history[0].Kind != data.Accepted || !strings.Contains(d.details.Text, "Delegate") {
		t.Fatalf("check-in at the station: %+v, details %q", d.history[0], d.details.Text)
	}
	station.Close()

	g.mergeStation(path)
	if !strings.Contains(g.problem.Text, "1 new scan merged") {
		t.Fatalf("merge: %q", g.problem.Text)
	}
	g.mergeStation(path)
	if !strings.Contains(g.problem.Text, "0 new scans merged") {
		t.Fatalf("second merge: %q", g.problem.Text)
	}
}

func TestProgrammeInvitations(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	x := plenary()
	x.InvitationOnly = true
	s := saveSession(t, u, x)
	g.reload()
	g.list.Select(0)
	retype(g.invited, "000001 2\nabc")
	test.Tap(g.save)
	if !strings.Contains(g.problem.Text, "abc") {
		t.Fatalf("a bad badge number: %q", g.problem.Text)
	}
	retype(g.invited, "000001, 2")
	test.Tap(g.save)
	if ids, _ := u.store.Invitations(ctx, s.ID); len(ids) != 2 || g.problem.Text != "" {
		t.Fatalf("invitations %v %q", ids, g.problem.Text)
	}
	// A correction whose list names nobody's badge changes nothing.
	retype(g.title, "Renamed plenary")
	retype(g.invited, "000001 999")
	test.Tap(g.save)
	if !strings.Contains(g.problem.Text, "000999") {
		t.Fatalf("an unknown badge number: %q", g.problem.Text)
	}
	if got, _ := u.store.Session(ctx, "PLEN-1"); got.Title != "Plenary" {
		t.Fatalf("the refused save renamed the session %q", got.Title)
	}
	if ids, _ := u.store.Invitations(ctx, s.ID); !slices.Equal(ids, []int64{1, 2}) {
		t.Fatalf("the refused save changed the list to %v", ids)
	}
	g.list.UnselectAll()
	g.list.Select(0)
	if g.invited.Text != "000001 000002" || g.title.Text != "Plenary" {
		t.Fatalf("the form shows %q, %q", g.title.Text, g.invited.Text)
	}
}

func TestProgrammeKeepsTheSessionsZone(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	if err := u.store.SaveZones(ctx, []data.Zone{{Code: 1, Name: "Plenary floor", Categories: []string{"delegate"}}}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	saveSession(t, u, data.Session{Code: "PLEN-1", Title: "Plenary", Kind: data.KindPlenary, Room: "Hall", Starts: start, Ends: start.Add(time.Hour), Zone: 1})
	g.reload()
	g.list.Select(0)
	if g.zone.Text != "1" {
		t.Fatalf("the form shows the zone %q", g.zone.Text)
	}
	// Saving another change keeps the zone.
	retype(g.title, "Plenary, morning")
	test.Tap(g.save)
	if got, _ := u.store.Session(ctx, "PLEN-1"); g.problem.Text != "" || got.Zone != 1 || got.Title != "Plenary, morning" {
		t.Fatalf("save: %q %+v", g.problem.Text, got)
	}
	for _, bad := range []string{"x", "100", "7"} {
		retype(g.zone, bad)
		test.Tap(g.save)
		if !strings.Contains(g.problem.Text, "zone") {
			t.Errorf("zone %q saved: %q", bad, g.problem.Text)
		}
	}
	retype(g.zone, "")
	test.Tap(g.save)
	if got, _ := u.store.Session(ctx, "PLEN-1"); g.problem.Text != "" || got.Zone != 0 {
		t.Fatalf("clearing the zone: %q %+v", g.problem.Text, got)
	}
}

// TestProgrammeAttendanceMovesWithTheDoors: while the programme is shown, a
// scan at another program's door shows in its attendance without a click.
func TestProgrammeAttendanceMovesWithTheDoors(t *testing.T) {
	u := newTestUI(t)
	var ticks []func()
	g := u.programme
	g.later = func(_ time.Duration, f func()) { ticks = append(ticks, f) }
	tick := func() {
		due := ticks
		ticks = nil
		for _, f := range due {
			f()
			g.work.wait()
		}
	}
	x := plenary()
	u.store.StartClockAt(x.Starts.Add(5 * time.Minute))
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{x}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := u.store.ApproveAll(ctx, "desk"); err != nil {
		t.Fatal(err)
	}
	code := printedBadge(t, u, 1, 1)
	u.tabs.Select(u.tab(tabProgramme))
	if len(g.attendance) != 1 || g.attendance[0].Present != 0 {
		t.Fatalf("attendance before any scan: %+v", g.attendance)
	}
	door, err := data.Open(u.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer door.Close()
	door.Now = u.store.Now
	if v, err := door.CheckIn(ctx, data.Scan{SessionID: g.attendance[0].Session.ID, Code: code, Station: "door-2"}); err != nil || v.Kind != data.Accepted {
		t.Fatalf("%+v %v", v, err)
	}
	tick()
	if g.attendance[0].Present != 1 || g.attendance[0].Admitted != 1 {
		t.Fatalf("the programme did not follow the door: %+v", g.attendance[0])
	}
	u.tabs.Select(u.tab(tabDesk))
	tick()
	if len(ticks) != 0 || g.watching {
		t.Fatal("the programme goes on reading while it is not shown")
	}
}
