package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"accred/data"
	"accred/data/demo"
)

func newEmptyUI(t *testing.T) *ui {
	t.Helper()
	a := test.NewTempApp(t)
	useLanguage("en")
	u := &ui{app: a, win: test.NewTempWindow(t, nil), dbPath: filepath.Join(t.TempDir(), "new.db")}
	if err := u.open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.store.Close() })
	u.showHome()
	return u
}

// startScreen shows the start screen of a new database.
func startScreen(t *testing.T) (*ui, *start) {
	t.Helper()
	u := newEmptyUI(t)
	s := newStart(u)
	u.win.SetContent(s.buildUI())
	s.admin.SetText("Lan")
	s.pin.pin.SetText(testPIN)
	s.pin.again.SetText(testPIN)
	return u, s
}

func TestStartAsksForTheFirstAdmin(t *testing.T) {
	u, s := startScreen(t)
	test.Type(s.name, "Regional Cybercrime Forum")
	test.Type(s.first, "2025-10-26")
	test.Type(s.last, "2025-10-27")
	for _, bad := range []struct{ admin, pin, again, says string }{
		{"", testPIN, testPIN, "first admin"},
		{"Lan", testPIN, "135792", "differ"},
		{"Lan", "1357", "1357", "6 to 12 digits"},
		{"Lan", "13579a", "13579a", "6 to 12 digits"},
	} {
		s.admin.SetText(bad.admin)
		s.pin.pin.SetText(bad.pin)
		s.pin.again.SetText(bad.again)
		test.Tap(s.create)
		if !strings.Contains(s.problem.Text, bad.says) || u.event.Name != "" {
			t.Errorf("admin %q PIN %q/%q: %q", bad.admin, bad.pin, bad.again, s.problem.Text)
		}
	}
	s.admin.SetText("Lan")
	s.pin.pin.SetText(testPIN)
	s.pin.again.SetText(testPIN)
	test.Tap(s.create)
	if u.operator.Name != "Lan" || !u.operator.Roles.Has(data.RoleAdmin) || u.tab(tabSettings) == nil {
		t.Fatalf("the first admin is not signed in: %+v %q", u.operator, s.problem.Text)
	}
}

func TestStartCreatesAnEvent(t *testing.T) {
	u, s := startScreen(t)
	test.Type(s.name, "Regional Cybercrime Forum")
	test.Type(s.first, "26/10/2025")
	test.Type(s.last, "2025-10-27")
	test.Tap(s.create)
	if !strings.Contains(s.problem.Text, "YYYY-MM-DD") || u.desk != nil {
		t.Fatalf("bad date accepted: %q", s.problem.Text)
	}
	s.first.SetText("2025-10-28")
	test.Tap(s.create)
	if !strings.Contains(s.problem.Text, "last day comes before") {
		t.Fatalf("days out of order: %q", s.problem.Text)
	}
	s.first.SetText("2025-10-26")
	test.Tap(s.create)
	if u.desk == nil || u.event.Name != "Regional Cybercrime Forum" {
		t.Fatalf("event not created: %q", s.problem.Text)
	}
}

func TestStartOpensTheDemo(t *testing.T) {
	u, s := startScreen(t)
	test.Tap(s.demo)
	s.work.wait()
	if u.signIn == nil || u.event.Name != demo.EventName {
		t.Fatal("the demo does not ask who signs in")
	}
	signInAs(t, u, demo.Operators[0].Name, demo.Operators[0].PIN)
	if u.desk == nil {
		t.Fatal("the demo did not open")
	}
	if _, total, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{}); total != demo.DefaultParticipants {
		t.Fatalf("demo has %d participants", total)
	}
}
