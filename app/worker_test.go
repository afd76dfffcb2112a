package app

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// runHere runs a job where it is started: the screens' tests' usual way,
// as their fyne.Do runs at once on the calling goroutine.
func runHere(job func()) { job() }

// outcomes holds, in the order they come, what jobs running on goroutines
// of their own hand back, for the test's goroutine to run.
var outcomes = make(chan func(), 4096)

// concurrently makes the workers that start their first job from now on
// run their jobs as the app does, each on a goroutine of its own, while
// what the jobs hand back comes to the test's goroutine, in order, which
// runs it in wait. Widgets are so touched by the test's goroutine only,
// while the jobs' timing is the app's. At the end of the test every job
// still running is waited for and its outcome run.
func concurrently(t *testing.T) {
	t.Helper()
	var running atomic.Int64
	inBackground = func(job func()) {
		running.Add(1)
		go func() {
			defer running.Add(-1)
			job()
		}()
	}
	handBack = func(f func()) { outcomes <- f }
	t.Cleanup(func() {
		for deadline := time.Now().Add(30 * time.Second); running.Load() > 0 || len(outcomes) > 0; {
			select {
			case f := <-outcomes:
				f()
			case <-time.After(10 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Errorf("%d jobs still running at the end of the test", running.Load())
				break
			}
		}
		inBackground, handBack = runHere, fyne.Do
	})
}

// wait returns once every job the worker started has handed back its
// outcome, running meanwhile, on the test's goroutine and in the order
// they come, the outcomes of jobs running on goroutines of their own.
func (w *worker) wait() {
	for w.pending.Load() > 0 {
		select {
		case f := <-outcomes:
			f()
		case <-time.After(time.Millisecond): // a job a test holds, run elsewhere
		}
	}
}

// TestWorkerRunsJobsTogetherAndHandsBackInOrder: in the tests' concurrent
// mode two jobs run at once (the first waits for the second), and what
// they hand back, progress then outcome, runs on the test's goroutine in
// the order it came; wait waits for all of it.
func TestWorkerRunsJobsTogetherAndHandsBackInOrder(t *testing.T) {
	concurrently(t)
	var w worker
	var seen []string // touched by the test's goroutine only: the race detector would say otherwise
	secondDone := make(chan struct{})
	w.run(func() func() {
		<-secondDone
		return func() { seen = append(seen, "first") }
	})
	w.run(func() func() {
		w.show(func() { seen = append(seen, "second's progress") })
		close(secondDone)
		return func() { seen = append(seen, "second") }
	})
	if len(seen) != 0 {
		t.Fatalf("outcomes ran before wait: %q", seen)
	}
	w.wait()
	if got := fmt.Sprint(seen); got != "[second's progress second first]" {
		t.Fatalf("handed back %s", got)
	}
}
