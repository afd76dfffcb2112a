package app

import (
	"context"
	"strings"
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
	work     worker // makes the event, or the demo, in the background
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
	pin, problem := s.pin.value()
	if problem != "" {
		s.problem.SetText(problem)
		return
	}
	type made struct {
		event    data.Event
		admin    data.Operator
		adminErr error
	}
	store, name := s.u.store, s.admin.Text
	s.create.Disable()
	s.demo.Disable()
	storeJob(&s.work, context.Background(), signInTimeout, func(ctx context.Context) (made, error) {
		ev, err := store.CreateEvent(ctx, event, nil)
		if err != nil {
			return made{}, err
		}
		o, adminErr := addFirstAdmin(ctx, store, name, pin)
		return made{ev, o, adminErr}, nil
	}, func(m made, err error) {
		if err != nil {
			s.problem.SetText(problemText(err))
			s.create.Enable()
			s.demo.Enable()
			return
		}
		s.u.event = m.event
		if m.adminErr != nil {
			s.u.showHome() // the event is made: its first admin is asked for again
			return
		}
		s.pin.clear()
		s.u.signedIn(m.admin)
	})
}

func (s *start) onDemo() {
	s.create.Disable()
	s.demo.Disable()
	s.progress.Show()
	s.progress.Start()
	store := s.u.store
	s.work.run(func() func() { // no deadline: making the demo takes as long as it takes
		// Whoever makes a new event's demo holds its database: every right.
		ctx := data.WithActor(context.Background(), data.System(osUser(), stationName()))
		err := demo.Create(ctx, store, 0)
		var ev data.Event
		if err == nil {
			ev, err = store.Event(ctx)
		}
		return func() {
			s.progress.Stop()
			if err != nil {
				s.problem.SetText(problemText(err))
				s.create.Enable()
				s.demo.Enable()
				return
			}
			s.u.event = ev
			s.u.showHome()
		}
	})
}
