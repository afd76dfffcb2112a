package app

import (
	"database/sql"
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
	if g.problem.Text != "SEM-9 is saved." || len(g.attendance) != 1 || g.attendance[0].Session.Capacity != 120 {
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
	if g.problem.Text != "1 session imported." || len(g.attendance) != 2 || g.attendance[0].Session.Code != "PLEN-1" {
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
	if _, _, err := u.store.ApproveAll(ctx); err != nil {
		t.Fatal(err)
	}
	for id := int64(1); id <= 4; id++ { // by search, only a badge holder is let in
		printedBadge(t, u, id, 1)
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
	st.tabs.Select(st.tab(tabSettings))
	if len(languageChoices(st.win.Content())) != 1 {
		t.Fatal("the door's laptop does not offer its language once, in the header")
	}
	station.StartClockAt(start.Add(time.Minute))
	d := st.door
	d.later = func(time.Duration, func()) {}
	d.session.SetSelectedIndex(0)
	test.Tap(d.openDoor)
	test.Tap(findButton(d.holder, "Forgotten badge  [F2]"))
	test.Type(d.manual.search, "osullivan")
	press(d.manual.search, fyne.KeyReturn)
	if len(d.history) == 0 {
		t.Fatalf("nobody let in: %q", d.manual.why.Text)
	}
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

// TestProgrammeInvitations: people are invited by typing their name and
// choosing them, and the list shows them by name, never as badge numbers.
func TestProgrammeInvitations(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	x := plenary()
	x.InvitationOnly = true
	s := saveSession(t, u, x)
	g.reload()
	g.list.Select(0)
	test.Type(g.invite, "nguyen")
	var found []string
	for _, o := range test.LaidOutObjects(g.found) {
		if b, ok := o.(*widget.Button); ok {
			found = append(found, b.Text)
		}
	}
	if b := findButton(g.found, "Invite H.E. Mr. NGUYỄN Văn An · Delegation of Viet Nam · 000001"); b == nil {
		t.Fatalf("typing a name finds nobody to invite:\n%s", found)
	} else {
		test.Tap(b)
	}
	test.Type(g.invite, "sullivan")
	tapButton(t, g.found, "Invite Seán O'SULLIVAN · Delegation of Ireland · 000002")
	if got := labelTexts(g.list2); got != "H.E. Mr. NGUYỄN Văn An · Delegation of Viet Nam · 000001\nSeán O'SULLIVAN · Delegation of Ireland · 000002" {
		t.Fatalf("the invited: %q", got)
	}
	test.Tap(g.save)
	if ids, _ := u.store.Invitations(ctx, s.ID); !slices.Equal(ids, []int64{1, 2}) || g.problem.Text != "PLEN-1 is saved." {
		t.Fatalf("invitations %v %q", ids, g.problem.Text)
	}
	// Taken off the list by its button, and saved.
	var off *widget.Button
	for _, o := range test.LaidOutObjects(g.list2) {
		if b, ok := o.(*widget.Button); ok && off == nil {
			off = b
		}
	}
	test.Tap(off)
	test.Tap(g.save)
	if ids, _ := u.store.Invitations(ctx, s.ID); !slices.Equal(ids, []int64{2}) {
		t.Fatalf("after one was taken off: %v", ids)
	}
	g.list.UnselectAll()
	g.edit(data.Session{})
	g.list.Select(0)
	if got := labelTexts(g.list2); got != "Seán O'SULLIVAN · Delegation of Ireland · 000002" || g.title.Text != "Plenary" {
		t.Fatalf("the form shows %q, %q", g.title.Text, got)
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
	if got, _ := u.store.Session(ctx, "PLEN-1"); g.problem.Text != "PLEN-1 is saved." || got.Zone != 1 || got.Title != "Plenary, morning" {
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
	if got, _ := u.store.Session(ctx, "PLEN-1"); g.problem.Text != "PLEN-1 is saved." || got.Zone != 0 {
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
	if _, _, err := u.store.ApproveAll(ctx); err != nil {
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

// programmeOfTwo opens the programme on PLEN-1 and SEM-1, PLEN-1 chosen.
func programmeOfTwo(t *testing.T) (*ui, *programme) {
	t.Helper()
	u := newTestUI(t)
	g := u.programme
	saveSession(t, u, plenary())
	other := plenary()
	other.Code, other.Room = "SEM-1", "Room A"
	saveSession(t, u, other)
	g.reload()
	g.list.Select(0)
	return u, g
}

// TestProgrammeRenamesCancelsAndDeletes: a new code renames the session
// (no second one); a session cancelled stays in the list, marked, and its
// door refuses as cancelled; one with scans cannot be deleted, one
// without can.
func TestProgrammeRenamesCancelsAndDeletes(t *testing.T) {
	u, g := programmeOfTwo(t)
	retype(g.code, "PLEN-1A")
	test.Tap(g.save)
	if len(g.attendance) != 2 || g.attendance[0].Session.Code != "PLEN-1A" || g.problem.Text != "PLEN-1A is saved." {
		t.Fatalf("renamed: %q, %+v", g.problem.Text, g.attendance)
	}

	test.Tap(g.cancel)
	tapButton(t, u.win.Canvas().Overlays().Top(), "Yes")
	row := g.list.CreateItem()
	g.updateRow(0, row)
	if !g.attendance[0].Session.Cancelled || !strings.Contains(labelTexts(row), "PLEN-1A · Plenary (cancelled)") || g.cancel.Text != "Take the cancellation back" {
		t.Fatalf("cancelled: %q, %q", labelTexts(row), g.cancel.Text)
	}
	p, _, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{})
	if _, _, err := u.store.ApproveAll(ctx); err != nil {
		t.Fatal(err)
	}
	printedBadge(t, u, p[0].ID, 1) // a badge holder, whom only the cancellation keeps out
	v, err := u.store.CheckIn(ctx, data.Scan{SessionID: g.current.ID, ParticipantID: p[0].ID, Station: "Door"})
	if err != nil || v.Reason.Code != data.ReasonCancelled {
		t.Fatalf("the cancelled session's door: %+v, %v", v, err)
	}
	test.Tap(g.remove)
	if !strings.Contains(g.problem.Text, "PLEN-1A cannot be deleted: its doors have recorded 1 scan.") || u.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("a scanned session: %q", g.problem.Text)
	}

	g.list.Select(1)
	test.Tap(g.remove)
	tapButton(t, u.win.Canvas().Overlays().Top(), "Yes")
	if len(g.attendance) != 1 || g.problem.Text != "SEM-1 is deleted." {
		t.Fatalf("deleted: %q, %d sessions", g.problem.Text, len(g.attendance))
	}
}

// TestProgrammeAsksBeforeDroppingEdits: another session clicked while the
// form holds changes asks first; kept, the changes stay, dropped, the
// other session shows.
func TestProgrammeAsksBeforeDroppingEdits(t *testing.T) {
	u, g := programmeOfTwo(t)
	retype(g.title, "Plenary, edited")
	g.list.Select(1)
	ask := u.win.Canvas().Overlays().Top()
	if ask == nil || !strings.Contains(labelTexts(ask), "The changes to PLEN-1 are not saved. Drop them?") {
		t.Fatal("the edits were dropped without asking")
	}
	tapButton(t, ask, "Keep editing")
	if g.title.Text != "Plenary, edited" || g.code.Text != "PLEN-1" {
		t.Fatalf("kept: %q %q", g.code.Text, g.title.Text)
	}
	g.list.Select(1)
	tapButton(t, u.win.Canvas().Overlays().Top(), "Drop the changes")
	if g.code.Text != "SEM-1" {
		t.Fatalf("dropped: the form shows %q", g.code.Text)
	}
	g.list.Select(0) // nothing edited: no question
	if u.win.Canvas().Overlays().Top() != nil || g.code.Text != "PLEN-1" {
		t.Fatal("asked though nothing was edited")
	}
}

// TestProgrammeSaveStaysInSightAndOverlapsAreCurrent: with every field
// wrong, Save is still on screen; an overlap warning goes once the room is
// changed and saved.
func TestProgrammeSaveStaysInSightAndOverlapsAreCurrent(t *testing.T) {
	u := newTestUI(t)
	u.tabs.Select(u.tab(tabProgramme))
	g := u.programme
	path := filepath.Join(t.TempDir(), "programme.csv")
	writeFile(t, path, "code,title,kind,room,starts_at,ends_at\n"+
		"PLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 12:00\nSIDE-1,Side event,side-event,Hall,2025-10-25 11:30,2025-10-25 12:30\n")
	g.importFile(path)
	if !strings.Contains(g.warning.Text, "PLEN-1 and SIDE-1 are both in Hall") {
		t.Fatalf("no overlap said: %q", g.warning.Text)
	}
	g.list.Select(1)
	retype(g.room, "Room C")
	test.Tap(g.save)
	if g.warning.Text != "" || g.problem.Text != "SIDE-1 is saved." {
		t.Fatalf("after the move: %q, warning %q", g.problem.Text, g.warning.Text)
	}

	for _, e := range []*widget.Entry{g.starts, g.ends, g.capacity, g.zone, g.early} {
		retype(e, "wrong")
	}
	test.Tap(g.save)
	d := fyne.CurrentApp().Driver()
	d.CanvasForObject(g.save).Content().Refresh()
	bottom := d.AbsolutePositionForObject(g.save).Y + g.save.Size().Height
	if strings.Count(g.problem.Text, "\n") < 4 || bottom > u.win.Canvas().Size().Height || g.save.Size().Height == 0 {
		t.Fatalf("Save ends at %v in a window %v tall, with %q", bottom, u.win.Canvas().Size().Height, g.problem.Text)
	}
}

// TestProgrammeFileNamesEachProblemOnce: a line with a negative capacity
// is said to have a wrong capacity once, with words for its field.
func TestProgrammeFileNamesEachProblemOnce(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	path := filepath.Join(t.TempDir(), "programme.csv")
	writeFile(t, path, "code,title,kind,room,starts_at,ends_at,capacity\nPLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 08:00,-5\n")
	g.importFile(path)
	if strings.Count(g.problem.Text, "Capacity") != 1 || !strings.Contains(g.problem.Text, "Line 2 — Ends: ") || strings.Contains(g.problem.Text, "_") {
		t.Fatalf("the line's problems: %q", g.problem.Text)
	}
}

// TestProgrammeKeepsTheInvitationsWhenTheyCannotBeRead: when the invitation
// list of a session cannot be read, the form says so, and Save refuses
// rather than save the list as empty.
func TestProgrammeKeepsTheInvitationsWhenTheyCannotBeRead(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	x := plenary()
	x.InvitationOnly = true
	s, err := u.store.SaveSession(ctx, x, []int64{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	g.reload()
	db, err := sql.Open("sqlite3", u.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`ALTER TABLE invitations RENAME TO invitations_away`); err != nil {
		t.Fatal(err)
	}
	g.list.Select(0)
	if !strings.Contains(labelTexts(g.list2), "The invitation list cannot be read") || g.problem.Importance != widget.DangerImportance {
		t.Fatalf("a failed read shows %q, says %q", labelTexts(g.list2), g.problem.Text)
	}
	if _, err := db.Exec(`ALTER TABLE invitations_away RENAME TO invitations`); err != nil {
		t.Fatal(err)
	}
	test.Tap(g.save)
	if !strings.HasPrefix(g.problem.Text, "Not saved: the invitation list of PLEN-1 could not be read") {
		t.Fatalf("Save said %q", g.problem.Text)
	}
	if ids, err := u.store.Invitations(ctx, s.ID); err != nil || !slices.Equal(ids, []int64{1, 2}) {
		t.Fatalf("the invitations after Save: %v, %v", ids, err)
	}
	// Chosen again, the list reads, and saves as it is.
	g.list.UnselectAll()
	g.list.Select(0)
	test.Tap(g.save)
	if ids, _ := u.store.Invitations(ctx, s.ID); !slices.Equal(ids, []int64{1, 2}) || g.problem.Text != "PLEN-1 is saved." {
		t.Fatalf("saved again: %v, %q", ids, g.problem.Text)
	}
}

// TestProgrammeListGroupsItsNumbers: a session's line writes its capacity
// as every other count on the screens, with the digits grouped in the
// station's language.
func TestProgrammeListGroupsItsNumbers(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	u := newTestUI(t)
	x := plenary()
	x.Capacity = 2800
	saveSession(t, u, x)
	u.tabs.Select(u.tab(tabProgramme))
	g := u.programme
	g.work.wait()
	for _, c := range []struct{ lang, want string }{{"en", "0 in / 2,800"}, {"fr", "présents : 0 / 2\u00a0800"}} {
		useLanguage(c.lang)
		g.list.Refresh()
		var lines []string
		for _, o := range test.LaidOutObjects(g.list) {
			if l, ok := o.(*widget.Label); ok {
				lines = append(lines, l.Text)
			}
		}
		if !slices.ContainsFunc(lines, func(s string) bool { return strings.Contains(s, c.want) }) {
			t.Errorf("%s: the programme lists %q, want %q", c.lang, lines, c.want)
		}
	}
}
