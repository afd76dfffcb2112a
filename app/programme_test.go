package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/data"
)

func TestProgrammeEditsAndImports(t *testing.T) {
	u := newTestUI(t)
	g := u.programme
	g.edit(data.Session{Kind: data.KindSeminar, EarlyMinutes: 30})
	g.code.SetText("SEM-9")
	g.title.SetText("Electronic evidence")
	g.room.SetText("Room B")
	g.starts.SetText("25/10/2025 14:00")
	g.ends.SetText("2025-10-25 15:30")
	g.onSave()
	if !strings.Contains(g.problem.Text, "YYYY-MM-DD HH:MM") || len(g.attendance) != 0 {
		t.Fatalf("a bad start was saved: %q", g.problem.Text)
	}
	g.starts.SetText("2025-10-25 14:00")
	g.capacity.SetText("120")
	g.categories.SetText("delegate observer")
	g.onSave()
	if g.problem.Text != "" || len(g.attendance) != 1 || g.attendance[0].Session.Capacity != 120 {
		t.Fatalf("save: %q %+v", g.problem.Text, g.attendance)
	}
	g.categories.SetText("spies")
	g.onSave()
	if !strings.Contains(g.problem.Text, "category") {
		t.Fatalf("unknown category saved: %q", g.problem.Text)
	}

	path := filepath.Join(t.TempDir(), "programme.csv")
	os.WriteFile(path, []byte("code,title,kind,room,starts_at,ends_at\nPLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 12:00\nBAD,,dance,,x,y\n"), 0o600)
	g.importFile(path)
	if !strings.Contains(g.problem.Text, "Line 3") || len(g.attendance) != 1 {
		t.Fatalf("a bad programme file: %q", g.problem.Text)
	}
	os.WriteFile(path, []byte("code,title,kind,room,starts_at,ends_at\nPLEN-1,Plenary,plenary,Hall,2025-10-25 09:00,2025-10-25 12:00\n"), 0o600)
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
	u.store.SaveSessions(ctx, []data.Session{plenary()})
	s, _ := u.store.Session(ctx, "PLEN-1")
	u.store.ApproveAll(ctx, "desk")
	g.exportStation(s, path)
	if !strings.Contains(g.problem.Text, "Station file written") {
		t.Fatalf("export: %q", g.problem.Text)
	}

	// The door's laptop opens the station file: only the door is offered.
	station, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st := &ui{app: u.app, win: u.win, store: station, dbPath: path}
	st.event, _ = station.Event(ctx)
	st.showHome()
	if len(st.tabs.Items) != 2 || st.tabs.Items[0].Text != "Door" {
		t.Fatalf("station tabs: %d", len(st.tabs.Items))
	}
	station.StartClockAt(start.Add(time.Minute))
	if v, err := station.CheckIn(ctx, data.Scan{SessionID: s.ID, ParticipantID: 2, Station: "door"}); err != nil || v.Kind != data.Accepted {
		t.Fatalf("check-in at the station: %v %v", v.Kind, err)
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
	u.store.SaveSessions(ctx, []data.Session{x})
	s, _ := u.store.Session(ctx, "PLEN-1")
	g.edit(s)
	g.invited.SetText("000001 2\nabc")
	g.onSave()
	if !strings.Contains(g.problem.Text, "abc") {
		t.Fatalf("a bad badge number: %q", g.problem.Text)
	}
	g.invited.SetText("000001 999")
	g.onSave()
	if !strings.Contains(g.problem.Text, "000999") {
		t.Fatalf("an unknown badge number: %q", g.problem.Text)
	}
	g.invited.SetText("000001, 2")
	g.onSave()
	if ids, _ := u.store.Invitations(ctx, s.ID); len(ids) != 2 || g.problem.Text != "" {
		t.Fatalf("invitations %v %q", ids, g.problem.Text)
	}
	g.edit(s)
	if g.invited.Text != "000001 000002" {
		t.Fatalf("the form shows %q", g.invited.Text)
	}
}
