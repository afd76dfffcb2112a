package data_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"accred/data"
	"accred/data/demo"
	"accred/data/pgtest"
)

// snapshot is what an event looks like from the outside: enough to tell
// two copies apart.
type snapshot struct {
	Event            data.Event
	ByCat, ByStatus  []data.Count
	Found            int
	First, Last      data.Participant
	Sessions         int
	Photo            int
	Verified, Issued int64
	Nominations      []data.Nomination
	NominationFile   string
	Categories       []data.Category
	Logo             string
}

func takeSnapshot(t *testing.T, s *data.Store, code string) snapshot {
	t.Helper()
	var snap snapshot
	var err error
	if snap.Event, err = s.Event(ctx); err != nil {
		t.Fatal(err)
	}
	if snap.ByCat, snap.ByStatus, err = s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	list, total, err := s.FindParticipants(ctx, data.ParticipantFilter{Query: "nguyen"})
	if err != nil {
		t.Fatal(err)
	}
	snap.Found = total
	if snap.First, err = s.Participant(ctx, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if snap.Last, err = s.Participant(ctx, list[len(list)-1].ID); err != nil {
		t.Fatal(err)
	}
	sessions, err := s.Sessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap.Sessions = len(sessions)
	if snap.Nominations, err = s.Nominations(ctx); err != nil {
		t.Fatal(err)
	}
	file, err := s.NominationFile(ctx, snap.First.Affiliation.ID)
	if err != nil {
		t.Fatal(err)
	}
	snap.NominationFile = string(file)
	if snap.Categories, err = s.Categories(ctx); err != nil {
		t.Fatal(err)
	}
	logo, err := s.Logo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap.Logo = string(logo)
	p, _, err := s.VerifyBadge(ctx, code)
	if err != nil {
		t.Fatalf("verify after copying: %v", err)
	}
	snap.Verified = p.ID
	return snap
}

// TestCopyBetweenEngines copies a whole event from a SQLite file to a
// PostgreSQL database and back, and finds the same event at each step;
// a destination that holds an event is refused.
func TestCopyBetweenEngines(t *testing.T) {
	file, err := data.Open(filepath.Join(t.TempDir(), "event.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if err := demo.Create(ctx, file, 300); err != nil {
		t.Fatal(err)
	}
	if err := file.Approve(ctx, []int64{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	code := printBadge(t, file, 2)
	// The badges' look: logo, languages, a category's names and photo frame.
	cats, _ := file.Categories(ctx)
	cats[0].Names, cats[0].NoPhoto = map[string]string{"fr": "Délégué"}, true
	if err := file.SaveCategory(ctx, cats[0]); err != nil {
		t.Fatal(err)
	}
	if err := file.SetLogo(ctx, logoImage(t, "png", 40, 20)); err != nil {
		t.Fatal(err)
	}
	if err := file.SetLanguages(ctx, "en fr"); err != nil {
		t.Fatal(err)
	}
	want := takeSnapshot(t, file, code)
	if want.Logo == "" || len(want.Event.Languages) != 2 || !want.Categories[0].NoPhoto {
		t.Fatalf("the look before copying: %+v", want.Event)
	}
	if _, err := file.RecordNomination(ctx, data.NominationInput{Name: want.First.Affiliation.Name, Reference: "NV 1", Date: "2025-09-01",
		File: []byte("%PDF-1.7\x00\xff binary")}); err != nil {
		t.Fatal(err)
	}
	if want = takeSnapshot(t, file, code); len(want.Nominations) < 100 || want.NominationFile == "" {
		t.Fatalf("the demo's nominations: %d, file %q", len(want.Nominations), want.NominationFile)
	}

	server, err := data.Open(pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	if _, err := file.CopyTo(ctx, server); err != nil {
		t.Fatal(err)
	}
	if got := takeSnapshot(t, server, code); !reflect.DeepEqual(got, want) {
		t.Fatalf("on the server:\n%+v\nwant\n%+v", got, want)
	}
	// The server goes on giving new badge numbers after the copied ones.
	p := mustCreate(t, server, delegate("Minh", "Tran", "VN", "NEW1"))
	if p.ID != 301 {
		t.Fatalf("new participant on the server has id %d, want 301", p.ID)
	}
	if _, err := file.CopyTo(ctx, server); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("copy into a database holding an event: %v", err)
	}

	back, err := data.Open(filepath.Join(t.TempDir(), "back.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := server.CopyTo(ctx, back); err != nil {
		t.Fatal(err)
	}
	want.ByCat[0].Count++ // the delegate added on the server
	want.ByStatus[0].Count++
	if got := takeSnapshot(t, back, code); !reflect.DeepEqual(got, want) {
		t.Fatalf("back in a file:\n%+v\nwant\n%+v", got, want)
	}
}
