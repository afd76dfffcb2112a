package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/jpeg"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"accred/data"
)

// breakTable renames a table behind the store's back, as a damaged or
// foreign database would look, so that reads fail for a reason other than
// "no such row".
func breakTable(t *testing.T, s *data.Store, table string) {
	t.Helper()
	db := rawDB(t, s.Path())
	if _, err := db.Exec(`ALTER TABLE ` + table + ` RENAME TO broken_` + table); err != nil {
		t.Fatal(err)
	}
}

func TestDatabaseFailuresAreNotCalledNotFound(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("Lan", "Nguyen", "VN", "B1"))
	breakTable(t, s, "participants")
	checks := map[string]error{}
	_, checks["update"] = s.UpdateParticipant(ctx, p.ID, delegate("Lan", "Nguyen", "VN", "B2"))
	checks["photo"] = s.SetPhoto(ctx, p.ID, testJPEG(t))
	_, checks["status"] = s.SetStatus(ctx, p.ID, data.StatusApproved, "")
	checks["approve"] = s.Approve(ctx, []int64{p.ID})
	_, checks["read"] = s.Participant(ctx, p.ID)
	for name, err := range checks {
		if code := data.ErrorCode(err); code != data.EINTERNAL {
			t.Errorf("%s on a broken table: code %q (%v), want %q", name, code, err, data.EINTERNAL)
		}
	}
}

func TestMissingRowsAreNotFound(t *testing.T) {
	s := newStore(t)
	if _, err := s.Participant(ctx, 424242); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("unknown participant: %v", err)
	}
	if _, err := s.UpdateParticipant(ctx, 424242, delegate("A", "B", "VN", "C")); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("update of an unknown participant: %v", err)
	}
	if _, err := s.Photo(ctx, 424242); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("photo of an unknown participant: %v", err)
	}
}

func TestFailedReadsAreNotRemembered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "event.db")
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	if _, err := s.CreateEvent(ctx, data.Event{Name: "Hanoi", Starts: day, Ends: day.AddDate(0, 0, 1), Timezone: "Asia/Ho_Chi_Minh"}, nil); err != nil {
		t.Fatal(err)
	}
	p := mustCreate(t, s, delegate("Lan", "Nguyen", "VN", "B1"))
	if err := s.Approve(ctx, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	code := printBadge(t, s, p.ID)
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	starts := time.Date(2025, 10, 25, 14, 0, 0, 0, loc)
	if _, _, err := s.SaveSessions(ctx, []data.Session{{Code: "PLEN-1", Title: "Plenary", Kind: "plenary", Room: "Hall", Starts: starts, Ends: starts.Add(2 * time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// A second program starts while the database cannot answer (here: a
	// cancelled request); once it can, it must read the keys and the time
	// zone afresh rather than keep the failure.
	again, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := again.VerifyBadge(cancelled, code); err == nil {
		t.Fatal("a cancelled verification succeeded")
	}
	if _, err := again.Sessions(cancelled); err == nil {
		t.Fatal("a cancelled read of the programme succeeded")
	}
	if _, _, err := again.VerifyBadge(ctx, code); err != nil {
		t.Fatalf("verification after a failed one: %v", err)
	}
	sessions, err := again.Sessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := sessions[0].Starts; got.Location().String() != "Asia/Ho_Chi_Minh" || got.Hour() != 14 {
		t.Fatalf("session starts %v, want 14:00 in Asia/Ho_Chi_Minh", got)
	}
}

func TestProgramsUpgradingAtOnceApplyEachMigrationOnce(t *testing.T) {
	for round := range 10 {
		// An empty database already in WAL mode: what an older Accred left.
		path := filepath.Join(t.TempDir(), fmt.Sprintf("old-%d.db", round))
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`PRAGMA journal_mode = WAL`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := data.Open(path)
				if err == nil {
					s.Close()
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, program %d: %v", round, i, err)
			}
		}
	}
}

// testJPEG is a plain photo large enough to be accepted.
func testJPEG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 120, 160)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
