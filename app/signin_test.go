package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// testPIN is every test operator's PIN.
const testPIN = "135791"

// addOperator adds an operator with one role to the event in s and
// returns them as signed in.
func addOperator(t *testing.T, s *data.Store, name string, role data.Role) data.Operator {
	t.Helper()
	if err := s.AddOperator(ctx, name, data.Roles{role}, testPIN); err != nil {
		t.Fatal(err)
	}
	o, err := s.SignIn(ctx, name, testPIN)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// signInAs signs out, then signs name in on the sign-in screen.
func signInAs(t *testing.T, u *ui, name, pin string) {
	t.Helper()
	if u.signIn == nil {
		u.signOut()
	}
	s := u.signIn
	s.name.SetText("")
	test.Type(s.name, name)
	test.Type(s.pin, pin)
	test.Tap(s.button)
	s.work.wait()
}

// TestSignInChecksThePINInTheBackground: with the check on a goroutine of
// its own, the screen says "Checking…" and greys the button at once, a
// second tap checks nothing more, and the answer then signs in, or says
// why not.
func TestSignInChecksThePINInTheBackground(t *testing.T) {
	concurrently(t)
	u := newTestUI(t)
	u.signOut()
	s := u.signIn
	test.Type(s.name, "Tester")
	test.Type(s.pin, "000000")
	test.Tap(s.button)
	if s.problem.Text != "Checking…" || !s.button.Disabled() || s.pin.Text != "" {
		t.Fatalf("while checking: %q, button greyed %v, PIN box %q", s.problem.Text, s.button.Disabled(), s.pin.Text)
	}
	s.onSignIn() // Enter in the PIN box, as the button is greyed
	if n := s.work.pending.Load(); n != 1 {
		t.Fatalf("a second try while checking started %d checks", n)
	}
	s.work.wait()
	if u.signIn != s || s.button.Disabled() || !strings.Contains(s.problem.Text, "Wrong name or PIN") {
		t.Fatalf("a wrong PIN: %q", s.problem.Text)
	}
	test.Type(s.pin, testPIN)
	press(s.pin, fyne.KeyReturn)
	if s.problem.Text != "Checking…" || u.signIn != s {
		t.Fatalf("Enter in the PIN box: %q", s.problem.Text)
	}
	s.work.wait()
	if u.signIn != nil || u.operator.Name != "Tester" || u.home == nil {
		t.Fatalf("the right PIN did not sign in: %q", s.problem.Text)
	}
}

// tabNames are the names of the tabs the home shows.
func tabNames(u *ui) string {
	var names []string
	for _, s := range u.stations {
		names = append(names, s.name)
	}
	return strings.Join(names, ",")
}

func TestEachRoleSeesItsTabs(t *testing.T) {
	u := newTestUI(t)
	for _, c := range []struct {
		role data.Role
		tabs string
	}{
		{data.RoleDesk, "desk"},
		{data.RolePrinting, "badges"},
		{data.RoleDoor, "door"},
		{data.RoleViewer, "desk,badges,programme,overview"},
		{data.RoleAdmin, "desk,badges,door,programme,overview,import,settings"},
	} {
		name := "Op " + string(c.role)
		addOperator(t, u.store, name, c.role)
		signInAs(t, u, name, testPIN)
		if u.signIn != nil {
			t.Fatalf("%s did not sign in: %q", name, u.signInProblem())
		}
		if got := tabNames(u); got != c.tabs {
			t.Errorf("%s sees %s, want %s", c.role, got, c.tabs)
		}
		if !strings.Contains(labelTexts(u.win.Content()), "Signed in: "+name+" ("+roleText(c.role)+")") {
			t.Errorf("the header does not say %s is signed in", name)
		}
	}
}

func (u *ui) signInProblem() string {
	if u.signIn == nil {
		return ""
	}
	return u.signIn.problem.Text
}

func TestDeskOperatorCannotOpenSettingsOrPrint(t *testing.T) {
	u := newTestUI(t)
	addOperator(t, u.store, "Minh", data.RoleDesk)
	signInAs(t, u, "minh", testPIN)
	if u.tab(tabSettings) != nil || u.tab(tabBadges) != nil || u.tab(tabImport) != nil {
		t.Fatalf("a desk operator sees %s", tabNames(u))
	}
	d := u.desk
	test.Type(d.search, "osul")
	d.list.Select(0)
	if findButton(d.right, "Replace lost badge…") != nil || findButton(d.right, "Approve  [F5]") == nil {
		t.Fatal("a desk operator is offered a reprint")
	}
	if err := u.store.ReprintBadges(u.actor(), []int64{1}, "lost"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("the store let a desk operator reprint: %v", err)
	}
	if err := u.store.SetSetting(u.actor(), data.SettingName, "Renamed"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("the store let a desk operator change a setting: %v", err)
	}
	test.Tap(findButton(d.right, "Approve  [F5]"))
	if p, _ := u.store.Participant(ctx, d.current.ID); p.Status != data.StatusApproved {
		t.Fatalf("the desk operator's approval: %s", p.Status)
	}
}

func TestDoorOperatorCannotLeaveTheDoorWithoutAPIN(t *testing.T) {
	u := newTestUI(t)
	addOperator(t, u.store, "Tuan", data.RoleDoor)
	addOperator(t, u.store, "Minh", data.RoleDesk)
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{plenary()}); err != nil {
		t.Fatal(err)
	}
	signInAs(t, u, "Tuan", testPIN)
	if tabNames(u) != "door" {
		t.Fatalf("a door operator sees %s", tabNames(u))
	}
	openDoor(t, u, plenary())
	if !u.atOpenDoor() {
		t.Fatal("the door is not open")
	}
	test.Tap(u.signOutButton)
	p := u.kiosk.prompt
	if u.signIn != nil || p == nil {
		t.Fatal("the door was left without a PIN")
	}
	p.name.SetText("Minh")
	test.Type(p.pin, testPIN)
	test.Tap(p.ok)
	if u.signIn != nil || !strings.Contains(p.problem.Text, "door or admin") {
		t.Fatalf("a desk operator's PIN let the door be left: %q", p.problem.Text)
	}
	p.name.SetText("Tuan")
	test.Type(p.pin, "000000")
	test.Tap(p.ok)
	if u.signIn != nil || !strings.Contains(p.problem.Text, "Wrong name or PIN") {
		t.Fatalf("a wrong PIN let the door be left: %q", p.problem.Text)
	}
	test.Type(p.pin, testPIN)
	test.Tap(p.ok)
	if u.signIn == nil {
		t.Fatal("the door's PIN did not sign out")
	}

	// An admin at an open door is held there too.
	signInAs(t, u, "Tester", testPIN)
	u.tabs.Select(u.tab(tabDoor))
	test.Tap(u.door.openDoor)
	u.tabs.Select(u.tab(tabDesk))
	if u.tabs.Selected() != u.tab(tabDoor) || u.kiosk.prompt == nil {
		t.Fatal("an admin left the door without a PIN")
	}
	p = u.kiosk.prompt
	test.Type(p.pin, testPIN)
	test.Tap(p.ok)
	if u.tabs.Selected() != u.tab(tabDesk) {
		t.Fatal("the admin's PIN did not open the desk")
	}
}

func TestStationLocksWhenIdle(t *testing.T) {
	u := newTestUI(t)
	now := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	u.idle.now = func() time.Time { return now }
	signInAs(t, u, "Tester", testPIN)
	home, desk := u.win.Content(), u.desk
	test.Type(desk.search, "osul")
	now = now.Add(4 * time.Minute)
	u.lockIfIdle()
	if u.signIn != nil {
		t.Fatal("locked before its five minutes")
	}
	now = now.Add(5 * time.Minute)
	desk.list.Select(0)
	test.Tap(findButton(desk.right, "Reject…  [F8]"))
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog asks for the reason")
	}
	u.lockIfIdle() // the clock's look every 15 seconds: the dialog's entry took the focus
	now = now.Add(5 * time.Minute)
	u.lockIfIdle()
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog stays open over the locked station")
	}
	if u.signIn == nil || u.signIn.name.Text != "Tester" || !strings.Contains(u.signIn.problem.Text, "for 5 min") {
		t.Fatal("the idle station did not lock")
	}
	test.Type(u.signIn.pin, testPIN)
	test.Tap(u.signIn.button)
	if u.win.Content() != home || u.desk != desk || desk.search.Text != "osul" {
		t.Fatal("the same operator did not find their screen as they left it")
	}
	u.lockIfIdle() // the clock's look: the search took the focus back
	now = now.Add(10 * time.Minute)
	u.lockIfIdle()
	addOperator(t, u.store, "Minh", data.RoleDesk)
	u.signIn.name.SetText("Minh")
	test.Type(u.signIn.pin, testPIN)
	test.Tap(u.signIn.button)
	if u.desk == desk || u.desk.search.Text != "" || u.operator.Name != "Minh" {
		t.Fatal("another operator found the screen of the one before")
	}
	u.app.Preferences().SetInt(prefIdleMinutes, 0)
	now = now.Add(time.Hour)
	u.lockIfIdle()
	if u.signIn != nil {
		t.Fatal("a station set never to lock locked")
	}
}

func TestFiveWrongPINsWait(t *testing.T) {
	u := newTestUI(t)
	u.signOut()
	for i := 0; i < data.WrongPINs; i++ {
		signInAs(t, u, "Tester", "000000")
		if !strings.Contains(u.signInProblem(), "Wrong name or PIN") {
			t.Fatalf("wrong PIN %d: %q", i+1, u.signInProblem())
		}
	}
	signInAs(t, u, "Tester", testPIN)
	if u.signIn == nil || !strings.Contains(u.signInProblem(), "wait 30 seconds") {
		t.Fatalf("the right PIN after five wrong ones: %q", u.signInProblem())
	}
	signInAs(t, u, "", testPIN)
	if !strings.Contains(u.signInProblem(), "Give your name") {
		t.Fatalf("no name: %q", u.signInProblem())
	}
}

func TestAnEventWithoutOperatorsAsksForTheFirstAdmin(t *testing.T) {
	a := test.NewTempApp(t)
	useLanguage("en")
	s, ev := newEventDB(t, t.TempDir()+"/old.db")
	u := &ui{app: a, win: test.NewTempWindow(t, nil), store: s, event: ev, dbPath: s.Path()}
	u.showHome()
	f := u.first
	if f == nil || !strings.Contains(labelTexts(u.win.Content()), "no operators yet") {
		t.Fatal("no first admin asked for")
	}
	test.Type(f.name, "Lan")
	test.Type(f.pin.pin, "246810")
	test.Type(f.pin.again, "246811")
	test.Tap(f.create)
	if !strings.Contains(f.problem.Text, "differ") {
		t.Fatalf("PINs that differ: %q", f.problem.Text)
	}
	f.pin.again.SetText("246810")
	test.Tap(f.create)
	if u.operator.Name != "Lan" || u.tab(tabSettings) == nil {
		t.Fatalf("the first admin: %+v %q", u.operator, f.problem.Text)
	}
}

func TestViewerLooksOnly(t *testing.T) {
	u := newTestUI(t)
	addOperator(t, u.store, "Mai", data.RoleViewer)
	signInAs(t, u, "Mai", testPIN)
	d := u.desk
	d.list.Select(0)
	for _, text := range []string{"New participant  [F3]", "Approve  [F5]", "Attach photo…", "Replace lost badge…"} {
		if b := findButton(u.win.Content(), text); b != nil && b.Visible() {
			t.Errorf("a viewer is offered %q", text)
		}
	}
	if u.badges.printButton.Visible() {
		t.Error("a viewer is offered printing")
	}
	if err := u.store.SetPhoto(u.actor(), d.current.ID, nil); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("the store let a viewer change a photo: %v", err)
	}
}

func TestAdminManagesOperatorsInSettings(t *testing.T) {
	u := newTestUI(t)
	v := u.settings.operators
	test.Type(v.name, "Minh")
	v.roles.SetSelected([]string{"Desk", "Printing"})
	test.Type(v.pin.pin, "246810")
	test.Type(v.pin.again, "246801")
	test.Tap(v.add)
	if !strings.Contains(v.status.Text, "differ") {
		t.Fatalf("PINs that differ: %q", v.status.Text)
	}
	v.pin.again.SetText("246810")
	test.Tap(v.add)
	if !strings.Contains(labelTexts(v.list), "Minh\nDesk, Printing\nactive") {
		t.Fatalf("the operator was not added: %q %q", v.status.Text, labelTexts(v.list))
	}
	v.chosen.SetSelected("Minh")
	test.Type(v.newPIN.pin, "112233")
	test.Type(v.newPIN.again, "112233")
	test.Tap(v.setPIN)
	if _, err := u.store.SignIn(ctx, "Minh", "112233"); err != nil {
		t.Fatalf("the new PIN: %v (%q)", err, v.status.Text)
	}
	test.Type(v.badge, "not a number")
	test.Tap(v.link)
	if !strings.Contains(v.status.Text, "one badge number") {
		t.Fatalf("a bad badge number: %q", v.status.Text)
	}
	v.badge.SetText("000001")
	test.Tap(v.link)
	if !strings.Contains(labelTexts(v.list), "Minh\nDesk, Printing\nactive\n000001") {
		t.Fatalf("the badge was not linked: %q %q", v.status.Text, labelTexts(v.list))
	}
	test.Tap(v.disable)
	if !strings.Contains(labelTexts(v.list), "Minh\nDesk, Printing\ndisabled") {
		t.Fatalf("not disabled: %q", labelTexts(v.list))
	}
}

// TestLeavingTheDoorsSetUpAsksNoPIN: with no door open, the Door tab's
// set-up screen is left, and signed out of, like any other tab.
func TestLeavingTheDoorsSetUpAsksNoPIN(t *testing.T) {
	u := newTestUI(t)
	addOperator(t, u.store, "Tuan", data.RoleDoor)
	u.tabs.Select(u.tab(tabDoor))
	u.tabs.Select(u.tab(tabDesk))
	if u.tabs.Selected() != u.tab(tabDesk) || u.kiosk.prompt != nil {
		t.Fatal("leaving the door's set-up screen asked for a PIN")
	}
	signInAs(t, u, "Tuan", testPIN)
	test.Tap(u.signOutButton)
	if u.signIn == nil || u.kiosk.prompt != nil {
		t.Fatal("signing out at the door's set-up screen asked for a PIN")
	}
}

// TestLeavingAnOpenDoorNeedsAPIN: the scan view's own Leave button asks for
// a door or admin operator's PIN too, and stays open without one.
func TestLeavingAnOpenDoorNeedsAPIN(t *testing.T) {
	u := newTestUI(t)
	addOperator(t, u.store, "Tuan", data.RoleDoor)
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{plenary()}); err != nil {
		t.Fatal(err)
	}
	signInAs(t, u, "Tuan", testPIN) // the door, shown, reads the programme
	d, _ := openDoor(t, u, plenary())
	tapButton(t, d.holder, "Leave the door")
	p := u.kiosk.prompt
	if p == nil || d.holder.Objects[0] == d.setupView {
		t.Fatal("the door was left without a PIN")
	}
	test.Type(p.pin, "000000")
	test.Tap(p.ok)
	if d.holder.Objects[0] == d.setupView {
		t.Fatal("a wrong PIN left the door")
	}
	test.Type(p.pin, testPIN)
	test.Tap(p.ok)
	if d.holder.Objects[0] != d.setupView {
		t.Fatal("the door's PIN did not leave the scan view")
	}
}

// TestHeaderLeavesTheTabsInSight: at 1280 × 800, the header's language,
// who is signed in (their role in the language) and Sign out stand clear of
// an admin's last tab in each language: whole for a short name, cut short
// (…) for a long one rather than drawn over the tabs.
func TestHeaderLeavesTheTabsInSight(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	for _, c := range []struct {
		name  string
		whole bool // in every language
	}{{"Lan", true}, {"Nguyễn Thị Thanh Hương Lan-Anh", false}} {
		addOperator(t, u.store, c.name, data.RoleAdmin)
		signInAs(t, u, c.name, testPIN)
		for _, code := range []string{"English", "Français", "Tiếng Việt"} {
			languageChoiceIn(t, u.win.Content()).SetSelected(code)
			screen := u.win.Content()
			at := positions(screen)
			last := u.tabs.Items[len(u.tabs.Items)-1].Text
			var tab *canvas.Text
			var who *widget.Label
			for o := range at {
				if x, ok := o.(*canvas.Text); ok && x.Text == last {
					tab = x
				}
				if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, c.name) {
					who = l
				}
			}
			if tab == nil || who == nil {
				t.Fatalf("%s: no tab %q or nobody signed in", code, last)
			}
			if end, start := at[tab].X+tab.MinSize().Width, at[languageChoiceIn(t, screen)].X; end >= start {
				t.Errorf("%s, %s: the tab %q ends at %v, over the language at %v", c.name, code, last, end, start)
			}
			whole := fyne.MeasureText(who.Text, theme.TextSize(), who.TextStyle).Width + 2*theme.InnerPadding()
			if shown := who.Size().Width; c.whole && shown < whole || shown < who.MinSize().Width {
				t.Errorf("%s, %s: %q shown %v wide of %v", c.name, code, who.Text, shown, whole)
			}
			if at[who].X+who.Size().Width > at[u.signOutButton].X {
				t.Errorf("%s, %s: who is signed in runs into Sign out", c.name, code)
			}
		}
	}
}

// positions are where o and every object drawn under it stand, from o's
// top left corner.
func positions(o fyne.CanvasObject) map[fyne.CanvasObject]fyne.Position {
	at := map[fyne.CanvasObject]fyne.Position{}
	var walk func(o fyne.CanvasObject, origin fyne.Position)
	walk = func(o fyne.CanvasObject, origin fyne.Position) {
		here := origin.Add(o.Position())
		at[o] = here
		var children []fyne.CanvasObject
		switch x := o.(type) {
		case fyne.Widget:
			children = test.WidgetRenderer(x).Objects()
		case *fyne.Container:
			children = x.Objects
		}
		for _, c := range children {
			walk(c, here)
		}
	}
	walk(o, fyne.Position{})
	return at
}
