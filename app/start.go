package app

import (
	"context"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/demo"
)

// start is the first screen of a database that holds no event: create a new
// event, or open the Hanoi demo.
type start struct {
	u        *ui
	name     *widget.Entry
	first    *widget.Entry
	last     *widget.Entry
	zone     *widget.SelectEntry
	admin    *widget.Entry
	pin      pinTwice
	problem  *widget.Label
	create   *widget.Button
	demo     *widget.Button
	progress *widget.ProgressBarInfinite
	working  sync.WaitGroup // the demo being made in the background
}

func newStart(u *ui) *start { return &start{u: u} }

func (s *start) buildUI() fyne.CanvasObject {
	s.name = &widget.Entry{PlaceHolder: lang.L("Conference name")}
	s.first = &widget.Entry{PlaceHolder: "2025-10-25"}
	s.last = &widget.Entry{PlaceHolder: "2025-10-26"}
	s.zone = newZoneEntry(data.LocalZone())
	s.admin = &widget.Entry{PlaceHolder: lang.L("Your name")}
	s.pin = newPINTwice()
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.create = &widget.Button{Text: lang.L("Create the event"), Importance: widget.HighImportance, OnTapped: s.onCreate}
	s.demo = &widget.Button{Text: lang.L("Open the Hanoi demo"), OnTapped: s.onDemo}
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.progress.Stop()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Event"), s.name),
		widget.NewFormItem(lang.L("First day"), s.first),
		widget.NewFormItem(lang.L("Last day"), s.last),
		widget.NewFormItem(lang.L("Time zone"), s.zone),
		widget.NewFormItem(lang.L("Admin"), s.admin),
	)
	for _, item := range s.pin.items() {
		form.AppendItem(item)
	}
	title := &widget.Label{Text: lang.L("Welcome to Accred"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: "headingText"}
	intro := &widget.Label{Text: lang.L("This database holds no event yet. Create your event, or explore the built-in demo of the Hanoi Convention signing ceremony."), Wrapping: fyne.TextWrapWord}
	box := container.NewVBox(title, intro, widget.NewSeparator(), form, s.problem, s.create,
		widget.NewSeparator(), s.demo, s.progress)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 620), box))
}

func (s *start) onCreate() {
	first, err1 := time.Parse(data.DateLayout, s.first.Text)
	last, err2 := time.Parse(data.DateLayout, s.last.Text)
	if err1 != nil || err2 != nil {
		s.problem.SetText(lang.L("Give the first and last day as YYYY-MM-DD."))
		return
	}
	event := data.Event{Name: s.name.Text, Starts: first, Ends: last, Timezone: strings.TrimSpace(s.zone.Text)}
	if err := event.Validate(); err != nil {
		s.problem.SetText(problemText(err))
		return
	}
	if strings.TrimSpace(s.admin.Text) == "" {
		s.problem.SetText(lang.L("Give the name of the event's first admin: you."))
		return
	}
	if _, problem := s.pin.value(); problem != "" {
		s.problem.SetText(problem)
		return
	}
	ev, err := s.u.store.CreateEvent(context.Background(), event, nil)
	if err != nil {
		s.problem.SetText(problemText(err))
		return
	}
	s.u.event = ev
	o, problem := addFirstAdmin(s.u.store, s.admin.Text, s.pin)
	if problem != "" {
		s.u.showHome() // the event is made: its first admin is asked for again
		return
	}
	s.u.signedIn(o)
}

func (s *start) onDemo() {
	s.create.Disable()
	s.demo.Disable()
	s.progress.Show()
	s.progress.Start()
	s.working.Add(1)
	go func() {
		defer s.working.Done()
		// Whoever makes a new event's demo holds its database: every right.
		ctx := data.WithActor(context.Background(), data.System(osUser(), stationName()))
		err := demo.Create(ctx, s.u.store, 0)
		var ev data.Event
		if err == nil {
			ev, err = s.u.store.Event(ctx)
		}
		fyne.DoAndWait(func() {
			s.progress.Stop()
			if err != nil {
				s.problem.SetText(problemText(err))
				s.create.Enable()
				s.demo.Enable()
				return
			}
			s.u.event = ev
			s.u.showHome()
		})
	}()
}
