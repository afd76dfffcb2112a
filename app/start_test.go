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
	return u, s
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
	s.working.Wait()
	if u.desk == nil || u.event.Name != demo.EventName {
		t.Fatal("the demo did not open")
	}
	if _, total, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{}); total != demo.DefaultParticipants {
		t.Fatalf("demo has %d participants", total)
	}
}
