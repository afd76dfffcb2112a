package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/rules"
)

// scanEntry is the door's input: a USB scanner types a code and Enter into
// it. It takes the keyboard back whenever it loses it, so no scan is lost.
type scanEntry struct {
	keyEntry
	door *door
}

func newScanEntry(d *door) *scanEntry {
	e := &scanEntry{door: d}
	e.keys, e.shortcuts = map[fyne.KeyName]func(){fyne.KeyF2: d.manual.show, fyne.KeyF9: d.onFallback}, map[fyne.KeyName]func(){}
	e.PlaceHolder = lang.L("The scanner types here")
	e.OnSubmitted = func(code string) {
		e.SetText("")
		if code != "" {
			d.onScan(code)
		}
	}
	e.ExtendBaseWidget(e)
	return e
}

// doorField is a field shown over an open door (the search for a forgotten
// badge, the PIN to leave): a scan typed into it, known by its shape (the
// credential's prefix, typed fast, ending in Enter), goes to the door
// instead, and the field is left as it was before the scan.
type doorField struct {
	keyEntry
	door *door
}

func newDoorField(d *door, placeholder string, password bool) *doorField {
	f := &doorField{door: d}
	f.keys, f.shortcuts = map[fyne.KeyName]func(){}, map[fyne.KeyName]func(){}
	f.PlaceHolder, f.Password = placeholder, password
	f.ExtendBaseWidget(f)
	return f
}

// TypedRune types r, and lets the door hear it.
func (f *doorField) TypedRune(r rune) {
	f.door.heard(r)
	f.keyEntry.TypedRune(r)
}

// TypedKey hands a scan ended by Enter to the door; any other key is the
// field's.
func (f *doorField) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		if typed, scan := f.door.burst.Enter(f.door.clock()); scan {
			f.SetText(strings.TrimSuffix(f.Text, typed))
			f.door.scannedElsewhere(typed)
			return
		}
	}
	f.keyEntry.TypedKey(ev)
}

// heard records a character typed into one of the door's fields, to tell a
// scan from a person's typing.
func (d *door) heard(r rune) { d.burst.Typed(r, d.clock()) }

// scannedElsewhere checks a scan typed into another field than the scan
// field: the search for a forgotten badge closes, a PIN dialog gives way,
// and the scan field takes the keyboard back.
func (d *door) scannedElsewhere(typed string) {
	if d.manual.open {
		d.manual.open = false
		d.searching(false)
	}
	if p := d.u.kiosk.prompt; p != nil {
		p.dialog.Hide()
		d.u.kiosk.prompt = nil
	}
	d.onScan(typed)
	d.focus()
}

// FocusLost takes the keyboard back a moment later, unless someone is
// searching for a forgotten badge.
func (e *scanEntry) FocusLost() {
	e.keyEntry.FocusLost()
	e.door.later(150*time.Millisecond, e.door.focus)
}

// manualCheckIn finds a participant who forgot their badge and checks them
// in by hand; the scan records it as manual. The person chosen shows with
// their photo before they are let in.
type manualCheckIn struct {
	d       *door
	open    bool
	box     *fyne.Container
	search  *doorField
	list    *widget.List
	photo   photoSlot // the chosen person's photo, for a face check
	results []data.Participant
	chosen  int
	asked   int            // counts searches, so that only the last one's results show
	letIn   *widget.Button // greyed for someone the rulebook would not let in by search
	why     *widget.Label  // why the person chosen cannot be let in, or why the search failed
}

// held asks the rulebook whether someone found by search, without their
// badge, holds one that lets them in; if not, it says why ("no badge
// issued: send to the desk").
func held(p data.Participant) (bool, string) {
	verdict, why := rules.Held(p.Person())
	return verdict == rules.Accepted, say(why.Message())
}

// foundRowLook is how F2's list draws a person found: greyed when the
// rulebook would not let them in, unless the row is highlighted, where grey
// on the highlight is hard to read: there the text takes the ordinary
// colour, in italics, and still ends with why they cannot be let in.
func foundRowLook(admissible, highlighted bool) (widget.Importance, fyne.TextStyle) {
	switch {
	case admissible:
		return widget.MediumImportance, fyne.TextStyle{}
	case highlighted:
		return widget.MediumImportance, fyne.TextStyle{Italic: true}
	}
	return widget.LowImportance, fyne.TextStyle{Italic: true}
}

func newManualCheckIn(d *door) *manualCheckIn {
	m := &manualCheckIn{d: d}
	m.search = newDoorField(d, lang.L("Name, passport or badge number"), false)
	m.search.OnChanged = func(string) { m.find() }
	m.search.OnSubmitted = func(string) { m.onLetIn() }
	bindKeys(map[fyne.KeyName]func(){fyne.KeyEscape: m.hide, fyne.KeyUp: func() { m.choose(m.chosen - 1) }, fyne.KeyDown: func() { m.choose(m.chosen + 1) }}, &m.search.keyEntry)
	m.list = widget.NewList(func() int { return len(m.results) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(m.results) {
				p, l := m.results[i], o.(*widget.Label)
				text := fmt.Sprintf("%s · %s · %s · %s", p.BadgeNumber(), p.ListName(), affiliationText(p.Affiliation), statusLabel(p.Status))
				ok, why := held(p)
				if !ok {
					text += " — " + why
				}
				l.Importance, l.TextStyle = foundRowLook(ok, i == m.chosen)
				l.SetText(text)
			}
		})
	m.list.OnSelected = func(i widget.ListItemID) { m.choose(i) }
	m.photo.frame = container.NewGridWrap(fyne.NewSize(150, 200))
	close := &widget.Button{Text: lang.L("Cancel") + "  [Esc]", OnTapped: m.hide}
	m.letIn = &widget.Button{Text: lang.L("Let in") + "  [Enter]", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: m.onLetIn}
	m.why = &widget.Label{Importance: widget.DangerImportance, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	m.why.Hide()
	m.box = container.NewBorder(container.NewVBox(&widget.Label{Text: lang.L("Forgotten badge: find the person, check their face, press Enter to let them in."), TextStyle: fyne.TextStyle{Bold: true}},
		container.NewBorder(nil, nil, nil, container.NewHBox(m.letIn, close), m.search), m.why), nil, m.photo.frame, nil, m.list)
	m.box.Hide()
	return m
}

func (m *manualCheckIn) show() {
	m.open = true
	m.search.SetText("")
	m.find()
	m.d.searching(true)
	m.d.u.win.Canvas().Focus(m.search)
}

func (m *manualCheckIn) hide() {
	m.open = false
	m.d.searching(false)
	m.d.focus()
}

// find lists the people matching the search, the first one chosen. The
// search runs in the background, for scanTimeout at most; only the last
// one's results are shown.
func (m *manualCheckIn) find() {
	m.asked++
	asked, query, store := m.asked, m.search.Text, m.d.store()
	m.d.work.run(func() func() {
		var results []data.Participant
		var err error
		if query != "" {
			ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
			defer cancel()
			results, _, err = store.FindParticipants(ctx, data.ParticipantFilter{Query: query, Limit: 8})
		}
		return func() {
			if asked == m.asked && m.open {
				m.showResults(results)
				if err != nil {
					m.say(problemText(err))
				}
			}
		}
	})
}

// showResults lists the people found, the first one chosen.
func (m *manualCheckIn) showResults(results []data.Participant) {
	m.results = results
	m.list.UnselectAll()
	m.list.Refresh()
	m.chosen = -1
	m.photo.clear()
	m.say("")
	m.letIn.Disable() // until someone is chosen
	m.choose(0)
}

// choose shows the person at i with their photo, to be let in.
func (m *manualCheckIn) choose(i int) {
	if i < 0 || i >= len(m.results) || i == m.chosen {
		return
	}
	m.chosen = i
	m.list.Select(i)
	m.list.Refresh() // the row chosen by a tap is drawn as chosen too
	m.photo.load(&m.d.work, m.d.store(), m.results[i].ID)
	ok, why := held(m.results[i])
	if ok {
		why = ""
		m.letIn.Enable()
	} else {
		m.letIn.Disable()
	}
	m.say(why)
}

// say shows why the person chosen cannot be let in, or hides it, and lays
// the search out again, so that the people found move below it rather
// than under it.
func (m *manualCheckIn) say(why string) {
	showText(m.why, why)
	m.box.Refresh()
}

// onLetIn checks in the person chosen, if the rulebook lets them in by
// search; otherwise the reason stays on screen.
func (m *manualCheckIn) onLetIn() {
	if m.chosen < 0 || m.chosen >= len(m.results) || m.letIn.Disabled() {
		return
	}
	p := m.results[m.chosen]
	m.open = false
	m.d.searching(false)
	m.d.onManual(p)
}
