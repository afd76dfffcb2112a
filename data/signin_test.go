package data_test

import (
	"sort"
	"sync"
	"testing"
	"time"

	"accred/data"
)

// TestSignInAnswersAlikeForEveryName: an unknown name, a wrong PIN, a
// disabled operator and an operator made to wait get the same answer in
// the same time; only the right PIN hears of the wait. On a server the
// server's clock and count decide.
func TestSignInAnswersAlikeForEveryName(t *testing.T) {
	s := newStore(t)
	now := time.Now()
	s.Now = func() time.Time { return now } // a file's wait lasts the test (a server keeps its own clock)
	for _, o := range []struct{ name, pin string }{{"Lan", "246810"}, {"Huy", "135791"}, {"Mai", "112233"}} {
		if err := s.AddOperator(ctx, o.name, data.Roles{data.RoleAdmin}, o.pin); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DisableOperator(ctx, "Mai"); err != nil {
		t.Fatal(err)
	}
	for range data.WrongPINs {
		if _, err := s.SignIn(ctx, "Huy", "000000"); data.ErrorCode(err) != data.EINVALID {
			t.Fatal(err)
		}
	}
	if _, err := s.SignIn(ctx, "Huy", "135791"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("the right PIN while waiting: %v", err)
	}
	tries := map[string]struct{ name, pin string }{
		"unknown name": {"Nobody", "135791"}, "wrong PIN": {"Lan", "000000"}, "disabled": {"Mai", "112233"},
		"waiting, wrong PIN": {"Huy", "000000"},
	}
	took := map[string]time.Duration{}
	for range 9 {
		for what, try := range tries {
			started := time.Now()
			_, err := s.SignIn(ctx, try.name, try.pin)
			if d := time.Since(started); took[what] == 0 || d < took[what] {
				took[what] = d // the quickest of the tries: the least disturbed by other work
			}
			if data.ErrorCode(err) != data.EINVALID || err.Error() != "Wrong name or PIN." {
				t.Fatalf("%s: %v", what, err)
			}
		}
		if err := s.SetOperatorPIN(ctx, "Lan", "246810"); err != nil { // the wrong PINs above must not make Lan wait
			t.Fatal(err)
		}
	}
	var times []time.Duration
	for _, d := range took {
		times = append(times, d)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	if fastest, slowest := times[0], times[len(times)-1]; slowest > 5*fastest || fastest < 5*time.Millisecond {
		t.Errorf("the answers take different times, or no time to hash: %v", took)
	}
}

// TestSignInCountsEveryTryOfACrowd: tries at the same moment are counted
// one by one, under the operator's lock: 199 wrong PINs and the right one,
// all at once (49 and one on a server), leave the operator waiting, and
// let in no more than the one right PIN.
func TestSignInCountsEveryTryOfACrowd(t *testing.T) {
	s := newStore(t)
	if err := s.AddOperator(ctx, "Lan", data.Roles{data.RoleAdmin}, "246810"); err != nil {
		t.Fatal(err)
	}
	crowd := 200
	if s.OnServer() {
		crowd = 50
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	answers := map[string]int{}
	start := make(chan struct{})
	for i := range crowd {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pin := "000000"
			if i == crowd/2 {
				pin = "246810"
			}
			<-start
			_, err := s.SignIn(ctx, "Lan", pin)
			mu.Lock()
			answers[data.ErrorCode(err)]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	if answers[data.EINVALID] < crowd-1 || answers[data.EINVALID]+answers[data.EFORBIDDEN]+answers[""] != crowd || answers[""] > 1 {
		t.Errorf("answers: %v", answers)
	}
	if _, err := s.SignIn(ctx, "Lan", "246810"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("after the crowd, the right PIN: %v", err)
	}
}
