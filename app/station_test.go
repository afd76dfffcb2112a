package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/demo"
)

// languageChoiceIn is the list of languages under o, failing when there is none.
func languageChoiceIn(t *testing.T, o fyne.CanvasObject) *widget.Select {
	t.Helper()
	choices := languageChoices(o)
	if len(choices) == 0 {
		t.Fatal("no choice of language")
	}
	return choices[0]
}

// languageChoices are the lists of languages under o.
func languageChoices(o fyne.CanvasObject) []*widget.Select {
	var found []*widget.Select
	for _, x := range test.LaidOutObjects(o) {
		if s, ok := x.(*widget.Select); ok && slices.Contains(s.Options, "Tiếng Việt") {
			found = append(found, s)
		}
	}
	return found
}

// TestDemoSignInNamesItsOperators: the demo's sign-in screen names its
// operators, their roles in the station's language, and their PINs; a tap
// fills in the name; another event's does not.
func TestDemoSignInNamesItsOperators(t *testing.T) {
	a := test.NewTempApp(t)
	useLanguage("en")
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := demo.Create(ctx, s, 30); err != nil {
		t.Fatal(err)
	}
	ev, _ := s.Event(ctx)
	u := &ui{app: a, win: test.NewTempWindow(t, nil), store: s, event: ev, dbPath: s.Path()}
	u.win.Resize(fyne.NewSize(1280, 800))
	u.showHome()
	if u.signIn == nil {
		t.Fatal("the demo does not open on the sign-in screen")
	}
	screen := u.win.Content()
	for _, o := range demo.Operators {
		if buttonNaming(screen, o.Name+" ("+rolesText(o.Roles)+"), PIN "+o.PIN) == nil {
			t.Fatalf("the sign-in screen does not name %s and their PIN", o.Name)
		}
	}
	// In French, their roles too.
	t.Cleanup(func() { useLanguage("en") })
	languageChoiceIn(t, screen).SetSelected("Français")
	screen = u.win.Content()
	tapButton(t, screen, "Minh (Accueil), code PIN 222222")
	if u.signIn.name.Text != "Minh" || u.win.Canvas().Focused() != u.signIn.pin {
		t.Fatal("a tap on the demo's operator did not fill in the name")
	}
	test.Type(u.signIn.pin, "222222")
	test.Tap(u.signIn.button)
	if u.operator.Name != "Minh" || u.desk == nil {
		t.Fatalf("the demo's operator could not sign in: %q", u.signInProblem())
	}
	if !strings.Contains(labelTexts(u.win.Content()), "Connecté : Minh (Accueil)") {
		t.Fatalf("the header does not name the role in French: %s", labelTexts(u.win.Content()))
	}
	useLanguage("en")

	other := newTestUI(t)
	other.signOut()
	if strings.Contains(labelTexts(other.win.Content()), "PINs") || buttonNaming(other.win.Content(), "PIN 111111") != nil {
		t.Fatal("another event's sign-in names the demo's operators")
	}
}

// TestLanguageChangesAtSignInAndAtTheDesk: the sign-in screen and a desk
// operator change the language; the screen comes back in it, on the same tab.
func TestLanguageChangesAtSignInAndAtTheDesk(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	addOperator(t, u.store, "Minh", data.RoleDesk)
	u.signOut()
	test.Type(u.signIn.name, "Minh")
	languageChoiceIn(t, u.win.Content()).SetSelected("Français")
	if findButton(u.win.Content(), "Se connecter") == nil || u.signIn.name.Text != "Minh" {
		t.Fatal("the sign-in screen did not change to French, keeping the name typed")
	}
	if u.app.Preferences().String(prefLanguage) != "fr" {
		t.Fatal("the station does not keep the language chosen")
	}
	test.Type(u.signIn.pin, testPIN)
	test.Tap(u.signIn.button)
	if u.tabs.Selected().Text != "Accueil des participants" {
		t.Fatalf("the desk opens on %q", u.tabs.Selected().Text)
	}
	languageChoiceIn(t, u.win.Content()).SetSelected("Tiếng Việt")
	if u.tabs.Selected().Text != "Bàn đăng ký" {
		t.Fatalf("the desk operator's choice shows %q", u.tabs.Selected().Text)
	}

	signInAs(t, u, "Tester", testPIN)
	u.tabs.Select(u.tab(tabProgramme))
	languageChoiceIn(t, u.win.Content()).SetSelected("English")
	if u.tabs.Selected() != u.tab(tabProgramme) || u.tabs.Selected().Text != "Programme" {
		t.Fatalf("changing the language moved to %q", u.tabs.Selected().Text)
	}
}

// TestEveryKeyClickAndScrollIsUse: typing in the form, a wheel over it and
// a tap on the desk's buttons keep the station from locking; once it
// locks, what is typed on does not land in the PIN box.
func TestEveryKeyClickAndScrollIsUse(t *testing.T) {
	u := newTestUI(t)
	now := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	u.idle.now = func() time.Time { return now }
	signInAs(t, u, "Tester", testPIN)
	d := u.desk
	press(d.search, fyne.KeyF3)
	given := d.form.entries["given_name"]
	for _, r := range "Pierre" { // a letter every four minutes
		now = now.Add(4 * time.Minute)
		given.TypedRune(r)
		u.lockIfIdle()
	}
	now = now.Add(4 * time.Minute)
	test.Scroll(u.win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(given).AddXY(5, 5), 0, -40)
	u.lockIfIdle()
	now = now.Add(4 * time.Minute)
	test.Tap(buttonNaming(d.right, "Cancel"))
	u.lockIfIdle()
	if u.signIn != nil {
		t.Fatal("the station locked while in use")
	}
	now = now.Add(4 * time.Minute)
	pressAnywhere(u.win, fyne.KeyEscape) // the question before discarding: a key on the window
	u.lockIfIdle()
	if u.signIn != nil {
		t.Fatal("a key on the window is not use")
	}

	now = now.Add(6 * time.Minute)
	u.lockIfIdle()
	if u.signIn == nil {
		t.Fatal("the idle station did not lock")
	}
	test.TypeOnCanvas(u.win.Canvas(), "1234")
	pressAnywhere(u.win, fyne.KeyF5)
	if u.signIn.pin.Text != "" || u.win.Canvas().Focused() == u.signIn.pin {
		t.Fatalf("keys typed on after the lock went into the PIN box: %q", u.signIn.pin.Text)
	}
}

// TestFormScrollsWithTheWheelOverAnEntry: the wheel over a field scrolls
// the form, as over its labels.
func TestFormScrollsWithTheWheelOverAnEntry(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1280, 600))
	press(u.desk.search, fyne.KeyF3)
	f := u.desk.form
	entry := f.entries["family_name"]
	test.Scroll(u.win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(entry).AddXY(10, 10), 0, -60)
	if f.scroll.Offset.Y <= 0 {
		t.Fatal("the wheel over an entry does not scroll the form")
	}
}

// TestPagesScrollWithTheWheelOverAnEntry: the settings' page and the
// programme's form, mostly fields, scroll with the wheel over a field, as
// the desk's form does.
func TestPagesScrollWithTheWheelOverAnEntry(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1280, 500))
	s := openSettings(t, u)
	test.Scroll(u.win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(s.name).AddXY(10, 10), 0, -60)
	if s.scroll.Offset.Y <= 0 {
		t.Error("the wheel over the event's name does not scroll the settings")
	}
	u.tabs.Select(u.tab(tabProgramme))
	g := u.programme
	u.win.Resize(fyne.NewSize(1280, 300))
	var scroll *container.Scroll
	for _, o := range test.LaidOutObjects(u.tab(tabProgramme).Content) {
		if sc, ok := o.(*container.Scroll); ok && slices.Contains(test.LaidOutObjects(sc), fyne.CanvasObject(g.code)) {
			scroll = sc
		}
	}
	if scroll == nil {
		t.Fatal("the programme's form does not scroll")
	}
	test.Scroll(u.win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(g.code).AddXY(10, 10), 0, -60)
	if scroll.Offset.Y <= 0 {
		t.Error("the wheel over a session's code does not scroll the programme's form")
	}
}

// TestTypingInAnyEntryIsUse: typing in an entry of any screen (here the
// Import tab's path) keeps the station awake, however slowly.
func TestTypingInAnyEntryIsUse(t *testing.T) {
	u := newTestUI(t)
	now := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	u.idle.now = func() time.Time { return now }
	u.tabs.Select(u.tab(tabImport))
	var path *widget.Entry
	for _, o := range test.LaidOutObjects(u.tab(tabImport).Content) {
		if e, ok := o.(*widget.Entry); ok && path == nil {
			path = e
		}
	}
	u.win.Canvas().Focus(path)
	for _, r := range "/tmp/roster.csv" { // a letter every two minutes, for half an hour
		now = now.Add(2 * time.Minute)
		path.TypedRune(r)
		now = now.Add(15 * time.Second)
		u.lockIfIdle()
	}
	if u.signIn != nil {
		t.Fatal("the station locked while someone typed")
	}
	now = now.Add(5 * time.Minute)
	u.lockIfIdle()
	if u.signIn == nil {
		t.Fatal("the station did not lock once the typing stopped")
	}
}
