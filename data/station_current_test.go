package data_test

import (
	"path/filepath"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
	"accred/data/pgtest"
)

// printedEvent makes a demo event of 80 in the database name, prints the
// first n badges, and returns the store, the participants to print, the
// printed badges' codes and the first plenary. The store closes with the
// test.
func printedEvent(t *testing.T, name string, n int) (*data.Store, []data.Participant, []string, data.Session) {
	t.Helper()
	main, err := data.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { main.Close() })
	if err := demo.Create(ctx, main, 80); err != nil {
		t.Fatal(err)
	}
	list, _ := main.BadgesToPrint(ctx, data.BadgeFilter{})
	var codes []string
	for _, p := range list[:n] {
		code, _ := main.BadgeCode(ctx, p.ID, 1)
		codes = append(codes, code)
		main.MarkPrinted(ctx, []data.Printed{{ID: p.ID, Issue: 1}})
	}
	plenary, _ := main.Session(ctx, "PLEN-1")
	return main, list, codes, plenary
}

// TestStationFileKeptCurrentAndMergedOnce: a door's station file kept
// current by the event database knows who was let in online and the
// room's count, so that offline it answers ALREADY IN and counts on; an
// admission made twice for one entry (online and offline, in either
// order) is kept once when the file is merged.
func TestStationFileKeptCurrentAndMergedOnce(t *testing.T) {
	url := pgtest.EventDB(t)
	main, list, codes, plenary := printedEvent(t, url, 4)
	path := filepath.Join(t.TempDir(), "door-1.station")
	if err := main.ExportStation(ctx, path, []int64{plenary.ID}); err != nil {
		t.Fatal(err)
	}
	station, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer station.Close()
	at := func(s *data.Store, minutes int) {
		s.StartClockAt(plenary.Starts.Add(time.Duration(minutes) * time.Minute))
	}
	scan := func(s *data.Store, code, door string) data.Verdict {
		t.Helper()
		v, err := s.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: code, Station: door})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	// Let in online, then the file is kept current.
	at(main, 1)
	scan(main, codes[0], "door-2")
	if err := main.RefreshStation(ctx, station); err != nil {
		t.Fatal(err)
	}
	at(station, 2)
	if v := scan(station, codes[0], "door-1"); v.Kind != data.Already || v.Present != 1 {
		t.Fatalf("offline, someone let in online: %s, %d inside", v.Kind, v.Present)
	}
	if v := scan(station, codes[1], "door-1"); v.Kind != data.Accepted || v.Present != 2 {
		t.Fatalf("offline, someone new: %s, %d inside, want 2", v.Kind, v.Present)
	}

	// Before the file could be kept current again: one person let in online
	// then offline, another offline then online.
	at(main, 3)
	scan(main, codes[2], "door-2")
	at(station, 4)
	if v := scan(station, codes[2], "door-1"); v.Kind != data.Accepted {
		t.Fatalf("offline, someone the file does not know is inside: %s", v.Kind)
	}
	at(main, 5)
	if v := scan(main, codes[1], "door-2"); v.Kind != data.Accepted {
		t.Fatalf("online, someone let in offline: %s", v.Kind)
	}

	station.Close()
	if _, err := main.MergeStation(ctx, path); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, url)
	for i, p := range list[:3] {
		var admissions int
		if err := db.QueryRow(`SELECT COUNT(*) FROM checkins WHERE participant_id = $1 AND verdict = 'accepted'`, p.ID).Scan(&admissions); err != nil {
			t.Fatal(err)
		}
		if admissions != 1 {
			t.Errorf("participant %d (code %d): %d admissions, want 1", p.ID, i, admissions)
		}
	}
	if s, _ := main.Session(ctx, "PLEN-1"); s.Present != 3 {
		t.Fatalf("%d inside after the merge, want 3", s.Present)
	}
}
