package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func TestStartCreatesTheEventInTheChosenZone(t *testing.T) {
	u, s := startScreen(t)
	test.Type(s.name, "Hanoi Convention")
	test.Type(s.first, "2025-10-25")
	test.Type(s.last, "2025-10-26")
	s.zone.SetText("")
	test.Type(s.zone, "Mars/Olympus")
	test.Tap(s.create)
	if !strings.Contains(s.problem.Text, "Unknown time zone") || u.desk != nil {
		t.Fatalf("an unknown zone was accepted: %q", s.problem.Text)
	}
	s.zone.SetText("")
	test.Type(s.zone, "Asia/Ho_Chi_Minh")
	test.Tap(s.create)
	if u.desk == nil || u.event.Timezone != "Asia/Ho_Chi_Minh" {
		t.Fatalf("event not created in Hanoi's zone: %q %q", u.event.Timezone, s.problem.Text)
	}
	if ev, _ := u.store.Event(ctx); ev.Timezone != "Asia/Ho_Chi_Minh" {
		t.Fatalf("stored zone %q", ev.Timezone)
	}
}

func TestZoneChoicesFollowTheTyping(t *testing.T) {
	for typed, want := range map[string]string{"ho chi": "Asia/Ho_Chi_Minh", "VIENNA": "Europe/Vienna", "utc": "UTC"} {
		if got := zoneChoices(typed); len(got) != 1 || got[0] != want {
			t.Errorf("%q offers %v", typed, got)
		}
	}
	if got := zoneChoices(""); len(got) != maxZoneChoices {
		t.Errorf("nothing typed offers %d zones", len(got))
	}
}

func TestSettingsChangeTheZoneAndTheHeaderShowsLocalTime(t *testing.T) {
	u := newTestUI(t)
	u.store.Now = func() time.Time { return time.Date(2025, 10, 25, 6, 50, 0, 0, time.UTC) }
	u.showHome()
	if u.clock.Text != "Event time 2025-10-25 06:50 (UTC, UTC+00:00)" {
		t.Fatalf("header: %q", u.clock.Text)
	}
	st := u.settings
	st.zone.SetText("")
	test.Type(st.zone, "Mars/Olympus")
	test.Tap(st.setZone)
	if !strings.Contains(st.status.Text, "Unknown time zone") || u.event.Timezone != "UTC" {
		t.Fatalf("an unknown zone was taken: %q", st.status.Text)
	}
	st.zone.SetText("")
	test.Type(st.zone, "Asia/Ho_Chi_Minh")
	test.Tap(st.setZone)
	tapButton(t, u.win.Canvas().Overlays().Top(), "Change the time zone")
	st = u.settings
	if ev, _ := u.store.Event(ctx); ev.Timezone != "Asia/Ho_Chi_Minh" || u.event.Timezone != "Asia/Ho_Chi_Minh" {
		t.Fatalf("zone not changed: %q %q", ev.Timezone, st.status.Text)
	}
	if u.clock.Text != "Event time 2025-10-25 13:50 (Asia/Ho_Chi_Minh, UTC+07:00)" {
		t.Fatalf("header after the change: %q", u.clock.Text)
	}
	for _, c := range []struct {
		typed string
		want  int
	}{{"12", 12}, {"-1", 12}, {"x", 12}, {"9999", 12}, {"0", 0}} {
		st.idle.SetText(c.typed)
		if got := u.idleMinutes(); got != c.want {
			t.Errorf("idle minutes %q: %d, status %q", c.typed, got, st.status.Text)
		}
	}
}

func TestProgrammeImportWarnsOfOverlaps(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	path := filepath.Join(t.TempDir(), "programme.csv")
	os.WriteFile(path, []byte("code,title,kind,room,starts_at,ends_at\n"+
		"PLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 12:00\n"+
		"SIDE-1,Side event,side-event,Hall,2025-10-25 11:30,2025-10-25 12:30\n"+
		"SEM-1,Seminar,seminar,Room A,2025-10-25 11:30,2025-10-25 12:30\n"), 0o600)
	g.importFile(path)
	if len(g.attendance) != 3 || g.problem.Text != "3 sessions imported." ||
		g.warning.Text != "PLEN-1 and SIDE-1 are both in Hall at the same time (25/10 09:00–12:00 and 25/10 11:30–12:30)." {
		t.Fatalf("import: %q warning %q", g.problem.Text, g.warning.Text)
	}
	os.WriteFile(path, []byte("code,title,kind,room,starts_at,ends_at\nLATE-1,Late,seminar,Room A,2025-10-27 09:00,2025-10-27 10:00\n"), 0o600)
	g.importFile(path)
	if !strings.Contains(g.problem.Text, "LATE-1: The session falls outside the event's days") || len(g.attendance) != 3 {
		t.Fatalf("a session outside the event: %q", g.problem.Text)
	}
}
