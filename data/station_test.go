package data_test

import (
	"path/filepath"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
	"accred/data/pgtest"
)

func TestStationFileRoundTrip(t *testing.T) {
	main, list, codes, plenary := printedEvent(t, pgtest.EventDB(t), 5)
	path := filepath.Join(t.TempDir(), "door-1.station")
	if err := main.ExportStation(ctx, path, []int64{plenary.ID}); err != nil {
		t.Fatal(err)
	}
	if err := main.ExportStation(ctx, path, []int64{plenary.ID}); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("export over an existing file: %v", err)
	}

	station, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if is, _ := station.IsStation(ctx); !is {
		t.Fatal("the station file is not marked as one")
	}
	if _, err := station.BadgeCode(ctx, 1, 1); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("a station signed a badge: %v", err)
	}
	if sessions, _ := station.Sessions(ctx); len(sessions) != 1 || sessions[0].Code != "PLEN-1" {
		t.Fatalf("station sessions %v", sessions)
	}
	p, err := station.Participant(ctx, list[0].ID)
	if err != nil || p.DocumentNumber != "" || p.Email != "" || p.FamilyName == "" {
		t.Fatalf("station roster keeps personal data: %+v %v", p, err)
	}
	if p.FullName() != list[0].FullName() {
		t.Fatalf("the door shows %q for %q: names in another order", p.FullName(), list[0].FullName())
	}
	if found, _, _ := station.FindParticipants(ctx, data.ParticipantFilter{Query: list[1].FamilyName}); len(found) == 0 {
		t.Fatal("the station cannot find a participant by name")
	}
	station.StartClockAt(plenary.Starts.Add(time.Minute))
	for _, c := range append(codes[:3], codes[0]) {
		if _, err := station.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: c, Station: "door-1"}); err != nil {
			t.Fatal(err)
		}
	}
	station.Close()

	// Another door of the main database admits someone meanwhile.
	main.StartClockAt(plenary.Starts.Add(2 * time.Minute))
	main.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: codes[4], Station: "door-2"})
	for round := 0; round < 2; round++ {
		added, err := main.MergeStation(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[int]int{0: 4, 1: 0}[round]; added != want {
			t.Fatalf("merge %d added %d scans, want %d", round, added, want)
		}
		s, _ := main.Session(ctx, "PLEN-1")
		report, _ := main.AttendanceReport(ctx)
		var admitted int
		for _, a := range report {
			if a.Session.ID == s.ID {
				admitted = a.Admitted
			}
		}
		if s.Present != 4 || admitted != 4 {
			t.Fatalf("merge %d: %d present, %d admitted; want 4", round, s.Present, admitted)
		}
	}

	other, _ := data.Open(filepath.Join(t.TempDir(), "other.db"))
	defer other.Close()
	demo.Create(ctx, other, 20)
	if _, err := other.MergeStation(ctx, path); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("merging another event's station: %v", err)
	}
	if _, err := main.MergeStation(ctx, filepath.Join(t.TempDir(), "none")); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("merging a missing file: %v", err)
	}
}
