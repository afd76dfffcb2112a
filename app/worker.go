package app

import (
	"context"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// worker runs a screen's slow work off the interface's goroutine and hands
// its outcome back to the interface with fyne.Do, so the window never
// freezes.
type worker struct {
	// pending counts what was started and not yet handed back: jobs and
	// what they show while they run.
	pending atomic.Int64
	// start starts a job: on a goroutine of its own, unless a test holds it.
	start func(job func())
	// back hands a function to the interface's goroutine: fyne.Do, taken
	// when the worker's first job starts, before any job may call it.
	back func(func())
}

// run calls work in the background, then the function it returns on the
// interface's goroutine. It is called on the interface's goroutine.
func (w *worker) run(work func() (then func())) {
	if w.back == nil {
		w.back = handBack
	}
	w.pending.Add(1)
	job := func() {
		then := work()
		w.back(func() {
			defer w.pending.Add(-1)
			then()
		})
	}
	if w.start != nil {
		w.start(job)
		return
	}
	inBackground(job)
}

// show hands f to the interface's goroutine from a running job, for what
// the job does meanwhile (its progress) to be seen.
func (w *worker) show(f func()) {
	w.pending.Add(1)
	w.back(func() {
		defer w.pending.Add(-1)
		f()
	})
}

// storeJob asks the store in w's background, with a context from parent
// that ends after wait, then shows the answer on the interface's goroutine.
func storeJob[T any](w *worker, parent context.Context, wait time.Duration, ask func(context.Context) (T, error), show func(T, error)) {
	w.run(func() func() {
		ctx, cancel := context.WithTimeout(parent, wait)
		defer cancel()
		answer, err := ask(ctx)
		return func() { show(answer, err) }
	})
}

// readInto is a part of a screen that says "Reading…" until read answers
// in w's background, then shows what build makes of the answer, or why it
// could not be read.
func readInto[T any](w *worker, read func(context.Context) (T, error), build func(T) fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewStack(&widget.Label{Text: lang.L("Reading…")})
	storeJob(w, context.Background(), readTimeout, read, func(answer T, err error) {
		if err != nil {
			box.Objects = []fyne.CanvasObject{&widget.Label{Text: problemText(err), Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
		} else {
			box.Objects = []fyne.CanvasObject{build(answer)}
		}
		box.Refresh()
	})
	return box
}

// changeTimeout bounds how long a change made at a screen waits for the
// store (reads wait readTimeout).
const changeTimeout = 10 * time.Second

// inBackground starts a job on a goroutine of its own. The screens' tests,
// whose fyne.Do runs at once on the calling goroutine, run jobs where they
// are started instead, unless a test asks for goroutines (see
// concurrently in the tests), so that widgets are only ever touched by one
// goroutine.
var inBackground = func(job func()) { go job() }

// handBack hands a job's outcome to the interface's goroutine.
var handBack = fyne.Do

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

// later runs f on the interface's goroutine after wait. The screens'
// tests hold it (their fyne.Do would run f on the timer's goroutine), each
// test that needs time to pass running the timers itself.
var later = func(wait time.Duration, f func()) {
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
