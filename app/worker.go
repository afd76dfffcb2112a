package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// worker runs a screen's slow work off the interface's goroutine and hands
// its outcome back to the interface with fyne.Do, so the window never
// freezes.
type worker struct {
	running sync.WaitGroup
	// start starts a job: on a goroutine of its own, unless a test holds it.
	start func(job func())
}

// run calls work in the background, then the function it returns on the
// interface's goroutine.
func (w *worker) run(work func() (then func())) {
	w.running.Add(1)
	job := func() {
		defer w.running.Done()
		then := work()
		fyne.Do(then)
	}
	if w.start != nil {
		w.start(job)
		return
	}
	inBackground(job)
}

// inBackground starts a job on a goroutine of its own. The screens' tests,
// whose fyne.Do runs at once on the calling goroutine, run jobs where they
// are started instead, so that widgets are only ever touched by one goroutine.
var inBackground = func(job func()) { go job() }

// wait returns once every job started so far has handed back its outcome.
func (w *worker) wait() { w.running.Wait() }

// debouncer runs only the last of a quick series of calls, once the typing
// has paused.
type debouncer struct {
	calls int
	// later runs f on the interface's goroutine after a while.
	later func(wait time.Duration, f func())
}

// pause is how long typing stops before the work starts.
const pause = 300 * time.Millisecond

func newDebouncer() *debouncer { return &debouncer{later: later} }

// later runs f on the interface's goroutine after wait.
func later(wait time.Duration, f func()) {
	time.AfterFunc(wait, func() { fyne.Do(f) })
}

// call runs f after the pause, unless call is called again meanwhile. It is
// called on the interface's goroutine.
func (d *debouncer) call(f func()) {
	d.calls++
	n := d.calls
	d.later(pause, func() {
		if d.calls == n {
			f()
		}
	})
}
