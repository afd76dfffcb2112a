package data_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"accred/data"
)

// secondProgram opens the same event again, as another desk or door would.
func secondProgram(t *testing.T, s *data.Store) *data.Store {
	t.Helper()
	other, err := data.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	other.Now = s.Now
	return other
}

// TestTwoDoorsFillTheRoomExactly: two doors of one 10-seat session scan 30
// different badges at once; exactly 10 get in.
func TestTwoDoorsFillTheRoomExactly(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 10, 25, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return start }
	room := newSession(t, s, data.Session{Code: "SIDE-1", Title: "Side event", Kind: data.KindSideEvent, Room: "Room 1",
		Starts: start, Ends: start.Add(time.Hour), Capacity: 10})
	var codes []string
	for i := range 30 {
		p := mustCreate(t, s, delegate("Door", "Person"+strconv.Itoa(i), "FR", "D"+strconv.Itoa(i)))
		if err := s.Approve(ctx, []int64{p.ID}); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, printBadge(t, s, p.ID))
	}
	doors := []*data.Store{s, secondProgram(t, s)}
	var mu sync.Mutex
	accepted, full := 0, 0
	var wg sync.WaitGroup
	for d, door := range doors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := d; i < len(codes); i += len(doors) {
				v, err := door.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: codes[i], Station: "door-" + strconv.Itoa(d)})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				switch v.Kind {
				case data.Accepted:
					accepted++
				case data.Rejected:
					full++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	after, err := s.Session(ctx, "SIDE-1")
	if err != nil {
		t.Fatal(err)
	}
	if accepted != 10 || full != 20 || after.Present != 10 {
		t.Fatalf("%d admitted, %d refused, %d inside; want 10, 20, 10", accepted, full, after.Present)
	}
}

// TestDesksAtOnceNeverShareANumber: two desks register and reprint at the
// same time; badge numbers and badge issues are never given twice.
func TestDesksAtOnceNeverShareANumber(t *testing.T) {
	s := newStore(t)
	desks := []*data.Store{s, secondProgram(t, s)}
	lost := mustCreate(t, s, delegate("Lost", "Often", "FR", "LOST"))
	if err := s.Approve(ctx, []int64{lost.ID}); err != nil {
		t.Fatal(err)
	}
	printBadge(t, s, lost.ID)
	ids := make(chan int64, 100)
	issues := make(chan int, 100)
	var wg sync.WaitGroup
	for d, desk := range desks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				p, err := desk.CreateParticipant(ctx, delegate("Desk", strconv.Itoa(d)+"x"+strconv.Itoa(i), "DE", strconv.Itoa(d)+"-"+strconv.Itoa(i)))
				if err != nil {
					t.Error(err)
					return
				}
				ids <- p.ID
				if i%5 == 0 {
					again, err := desk.Reprint(ctx, lost.ID, "lost again")
					if data.ErrorCode(err) == data.ECONFLICT {
						continue // the other desk's reprint is not printed yet
					}
					if err != nil {
						t.Error(err)
						return
					}
					issues <- again.BadgeIssue
					// Printed at once, so that the next reprint has a badge to replace.
					err = desk.MarkPrinted(ctx, []data.Printed{{ID: lost.ID, Issue: again.BadgeIssue}})
					if err != nil && data.ErrorCode(err) != data.ECONFLICT {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(ids)
	close(issues)
	seen := map[int64]bool{}
	for id := range ids {
		if seen[id] {
			t.Fatalf("badge number %s given twice", data.BadgeNumber(id))
		}
		seen[id] = true
	}
	if len(seen) != 50 {
		t.Fatalf("%d participants registered, want 50", len(seen))
	}
	seenIssue := map[int]bool{}
	for issue := range issues {
		if seenIssue[issue] {
			t.Fatalf("badge issue %d given twice", issue)
		}
		seenIssue[issue] = true
	}
	if len(seenIssue) < 2 {
		t.Fatalf("only %d reprints went through", len(seenIssue))
	}
}
