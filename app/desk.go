package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// desk is the registration desk: find a person as you type, check them,
// register or correct them, approve them and hand over their badge, all
// from the keyboard.
type desk struct {
	u          *ui
	categories []data.Category

	search  *keyEntry
	count   *widget.Label
	similar *fyne.Container // "did you mean": those close to a search that found nobody
	list    *widget.List
	results []data.Participant
	total   int
	right   *fyne.Container

	// close are the participants "did you mean" offers, and lit the one
	// Enter opens (-1 for none), chosen with Up and Down.
	close        []data.Participant
	closeButtons []*widget.Button
	lit          int
	listed       string // the search the list shows

	current *data.Participant // the participant shown on the right, if any
	details *details
	form    *participantForm

	work     worker // searches and changes in the background
	searches int    // searches asked for; an answer to an earlier one is dropped
	changing bool   // a change runs in the background: the actions wait for it
	// clearance says the event requires security clearance (the form asks
	// for the date and place of birth): yes until the settings are read.
	clearance bool

	keys map[fyne.KeyName]func() // the desk's keys, wherever the focus is
	// later runs f on the interface's goroutine after a while.
	later func(wait time.Duration, f func())
	// undos counts the Undo buttons offered; a timer hides only the latest.
	undos int
}

// undoFor is how long Undo is offered after a status change.
const undoFor = 10 * time.Second

// resultLimit is how many matches the list shows; typing more narrows it.
const resultLimit = 100

func newDesk(u *ui) *desk {
	return &desk{u: u, later: later, clearance: true}
}

func (d *desk) buildUI() fyne.CanvasObject {
	d.search = newKeyEntry(lang.L("Type any part of a name, a passport or a badge number"))
	d.search.OnChanged = func(string) {
		d.u.touch()
		d.refresh()
	}
	d.search.OnSubmitted = func(string) { d.onOpen() }
	d.keys = map[fyne.KeyName]func(){
		fyne.KeyDown:   func() { d.move(1) },
		fyne.KeyUp:     func() { d.move(-1) },
		fyne.KeyEscape: d.onClear,
		fyne.KeyF2:     d.onEdit,
		fyne.KeyF3:     d.onNew,
		fyne.KeyF5: func() {
			if d.current != nil && !d.details.refuses(data.ActionApprove) {
				d.onStatus(data.StatusApproved, "")
			}
		},
		fyne.KeyF6: d.askCollect,
		fyne.KeyF8: func() { d.askStatus(data.StatusRejected) },
	}
	bindKeys(d.keys, d.search)

	d.count = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.similar = container.NewVBox()
	d.list = widget.NewList(func() int { return len(d.results) }, newResultRow, d.updateResultRow)
	d.list.OnSelected = d.onSelect
	newButton := &widget.Button{Text: lang.L("New participant") + "  [F3]", Icon: theme.ContentAddIcon(), OnTapped: d.onNew}
	d.u.onlyFor(data.RoleDesk, newButton) // a viewer looks only
	keysHelp := &widget.Label{Text: lang.L("Up/Down choose · Enter open · F2 edit · F5 approve · F6 badge handed over · F8 reject · Esc clear"),
		Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}

	left := container.NewBorder(container.NewVBox(d.search, container.NewBorder(nil, nil, nil, newButton, d.count), d.similar), keysHelp, nil, nil, d.list)
	d.details = newDetails(d)
	d.right = container.NewStack(d.details.empty())
	split := container.NewHSplit(left, container.NewPadded(d.right))
	split.Offset = 0.42
	d.refresh()
	return split
}

// refresh runs the search again, keeping the person shown if still listed.
// The search runs in the background, the count saying "Searching…"
// meanwhile; an answer overtaken by more typing is dropped. The first
// search also reads the categories the list is coloured with.
func (d *desk) refresh() {
	d.searches++
	asked, query, readCategories := d.searches, d.search.Text, d.categories == nil
	d.count.SetText(lang.L("Searching…"))
	store := d.u.store
	d.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
		defer cancel()
		var cats []data.Category
		var catsErr error
		if readCategories {
			cats, catsErr = store.Categories(ctx)
		}
		found, err := findAtDesk(ctx, store, query)
		return func() {
			if catsErr != nil {
				fyne.LogError("read categories", catsErr)
			} else if readCategories {
				d.categories = cats
			}
			if asked != d.searches {
				return // overtaken by more typing
			}
			if err != nil {
				d.count.SetText("")
				d.u.showError(err)
				return
			}
			d.showFound(query, found)
		}
	})
}

// found is what a search at the desk found: the first matches and how
// many there are, or, when nobody, those whose names come close.
type found struct {
	list       []data.Participant
	total      int
	similar    []data.Participant
	similarErr error // why those close could not be looked for, if they could not
}

// findAtDesk finds the participants that query names and, when nobody, those
// whose names come close.
func findAtDesk(ctx context.Context, store *data.Store, query string) (found, error) {
	list, total, err := store.FindParticipants(ctx, data.ParticipantFilter{Query: query, Limit: resultLimit})
	if err != nil || total > 0 {
		return found{list: list, total: total}, err
	}
	similar, err := store.SimilarParticipants(ctx, query, similarLimit)
	return found{list: list, similar: similar, similarErr: err}, nil // the search itself is answered
}

// showFound lists what the search for query found.
func (d *desk) showFound(query string, f found) {
	d.results, d.total = f.list, f.total
	if query != d.listed {
		d.listed = query
		d.followList()
	}
	d.similar.RemoveAll()
	d.close, d.closeButtons, d.lit = nil, nil, -1
	switch total, list := f.total, f.list; {
	case total > len(list):
		d.count.SetText(lang.L("{{.Total}} found — showing the first {{.Shown}}; type more to narrow", map[string]any{"Total": number(total), "Shown": len(list)}))
	case total == 0 && f.similarErr != nil: // said, lest someone registered be registered again
		d.count.SetText(lang.L("Nobody found, but those whose names come close could not be looked for: {{.Problem}}",
			map[string]any{"Problem": problemText(f.similarErr)}))
	case total == 0 && d.showSimilar(f.similar):
		d.count.SetText(lang.L("Nobody found. Did you mean one of these? If not, press F3 to register a new participant."))
	case total == 0:
		d.count.SetText(lang.L("Nobody found. Press F3 to register a new participant."))
	default:
		d.count.SetText(lang.N("{{.Count}} participant found", total, map[string]any{"Count": number(total)}))
	}
	d.list.UnselectAll()
	d.list.Refresh()
	if d.current != nil {
		for i, p := range d.results {
			if p.ID == d.current.ID {
				d.list.Select(i)
				break
			}
		}
	}
	d.list.ScrollToTop()
}

// followList puts away the person shown when a new search no longer lists
// them, so that the details, and what Enter and the keys act on, follow
// the list.
func (d *desk) followList() {
	if d.current == nil || d.form != nil {
		return
	}
	for _, p := range d.results {
		if p.ID == d.current.ID {
			return
		}
	}
	d.current = nil
	d.right.Objects = []fyne.CanvasObject{d.details.empty()}
	d.right.Refresh()
}

// similarLimit is how many close matches "did you mean" offers.
const similarLimit = 5

// showSimilar offers those whose names come close to the search, which
// found nobody, each opening the record when tapped; it reports whether
// there are any.
func (d *desk) showSimilar(similar []data.Participant) bool {
	d.close = similar
	for i, p := range similar {
		open := &widget.Button{Text: shortened(p.ListName(), 40), Icon: theme.SearchIcon(), Importance: widget.LowImportance,
			OnTapped: func() { d.lightClose(i); d.openClose() }}
		d.closeButtons = append(d.closeButtons, open)
		info := &widget.Label{Text: p.BadgeNumber() + " · " + affiliationText(p.Affiliation), Truncation: fyne.TextTruncateEllipsis,
			SizeName: theme.SizeNameCaptionText}
		d.similar.Add(container.NewBorder(nil, nil, open, nil, container.NewVBox(layout.NewSpacer(), info, layout.NewSpacer())))
	}
	return len(similar) > 0
}

// lightClose highlights the i-th close match offered, the one Enter opens.
func (d *desk) lightClose(i int) {
	d.lit = max(0, min(len(d.close)-1, i))
	for j, b := range d.closeButtons {
		b.Importance = widget.LowImportance
		if j == d.lit {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}

// openClose shows the close match highlighted, keeping the search.
func (d *desk) openClose() {
	if d.lit >= 0 && d.lit < len(d.close) {
		d.show(d.close[d.lit])
	}
	d.u.win.Canvas().Focus(d.search)
}

// shortened is text cut to at most n letters, with an ellipsis when cut.
func shortened(text string, n int) string {
	if r := []rune(text); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return text
}

func newResultRow() fyne.CanvasObject {
	band := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	band.SetMinSize(fyne.NewSize(6, 10))
	name := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	info := &widget.Label{Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}
	return container.NewBorder(nil, nil, band, nil, container.NewVBox(name, info))
}

func (d *desk) updateResultRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(d.results) {
		return
	}
	p := d.results[i]
	row := o.(*fyne.Container)
	band := row.Objects[1].(*canvas.Rectangle)
	lines := row.Objects[0].(*fyne.Container).Objects
	band.FillColor = d.category(p.Category).RGB()
	band.Refresh()
	name := p.ListName()
	if p.NativeName != "" {
		name += "  ·  " + p.NativeName
	}
	lines[0].(*widget.Label).SetText(name)
	lines[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s · %s", p.BadgeNumber(), categoryText(d.category(p.Category)),
		affiliationText(p.Affiliation), statusLabel(p.Status)))
}

func (d *desk) category(code string) data.Category { return categoryNamed(d.categories, code) }

// categoryNamed is the category with the code among cats, or a grey one
// named by its code when there is none.
func categoryNamed(cats []data.Category, code string) data.Category {
	for _, c := range cats {
		if c.Code == code {
			return c
		}
	}
	return data.Category{Code: code, Name: code, Colour: "#777777"}
}

// move moves the highlight in the list by delta, from the search box, or
// among the close matches offered when the list is empty.
func (d *desk) move(delta int) {
	if len(d.results) == 0 {
		if len(d.close) > 0 {
			d.lightClose(d.lit + delta)
		}
		return
	}
	i := -1
	if d.current != nil {
		for j, p := range d.results {
			if p.ID == d.current.ID {
				i = j
			}
		}
	}
	i = max(0, min(len(d.results)-1, i+delta))
	d.list.Select(i)
	d.list.ScrollTo(i)
}

func (d *desk) onSelect(i widget.ListItemID) {
	d.u.touch()
	if i < 0 || i >= len(d.results) {
		return
	}
	d.show(d.results[i])
	d.u.win.Canvas().Focus(d.search)
}

// onOpen shows the highlighted match, or the first one; where nobody was
// found, the close match highlighted, or the first one.
func (d *desk) onOpen() {
	switch {
	case d.current == nil && len(d.results) > 0:
		d.list.Select(0)
	case len(d.results) == 0 && len(d.close) > 0:
		d.lightClose(d.lit)
		d.openClose()
	}
}

func (d *desk) onClear() {
	d.current = nil
	d.search.SetText("")
	d.right.Objects = []fyne.CanvasObject{d.details.empty()}
	d.right.Refresh()
	d.u.win.Canvas().Focus(d.search)
}

// show puts a participant's details on the right.
func (d *desk) show(p data.Participant) {
	d.current = &p
	d.right.Objects = []fyne.CanvasObject{d.details.build(p)}
	d.right.Refresh()
}

// clearanceRequired reports whether settings say the event requires
// security clearance, which asks for the date and place of birth; yes
// when they cannot tell, so that nothing is lost.
func clearanceRequired(settings []data.Setting, err error) bool {
	if err != nil {
		fyne.LogError("read settings", err)
		return true
	}
	for _, s := range settings {
		if s.Key == data.SettingClearanceRequired {
			return s.Value == "yes"
		}
	}
	return true
}

// change makes a change at the store in the background, as the operator
// signed in, the details' actions greyed meanwhile, then shows its
// outcome; an action asked for while one runs does nothing.
func change[T any](d *desk, ask func(context.Context) (T, error), show func(T, error)) {
	if d.changing {
		return
	}
	d.changing = true
	enable := d.details.busy()
	storeJob(&d.work, d.u.actor(), changeTimeout, ask, func(answer T, err error) {
		d.changing = false
		enable()
		show(answer, err)
	})
}

func (d *desk) onNew() {
	if !d.u.can(data.RoleDesk) {
		return
	}
	d.current = nil
	d.list.UnselectAll()
	d.openForm(nil)
}

func (d *desk) onEdit() {
	if d.current != nil {
		d.openForm(d.current)
	}
}

func (d *desk) openForm(p *data.Participant) {
	d.form = newParticipantForm(d, p)
	d.right.Objects = []fyne.CanvasObject{d.form.buildUI()}
	d.right.Refresh()
	d.form.focusFirst()
}

// openRecord shows p, leaving the form, and brings the search back.
func (d *desk) openRecord(p data.Participant) {
	d.form = nil
	d.current = &p
	d.refresh()
	d.show(p)
	d.u.win.Canvas().Focus(d.search)
}

// onCancelForm leaves the form without saving.
func (d *desk) onCancelForm() {
	d.form = nil
	if d.current != nil {
		d.show(*d.current)
	} else {
		d.right.Objects = []fyne.CanvasObject{d.details.empty()}
		d.right.Refresh()
	}
	d.u.win.Canvas().Focus(d.search)
}

// typedKey answers the desk's keys typed outside the search box, after a
// click on a button or on an empty part of the window. An open dialog
// keeps its keys; an open form knows only Esc.
func (d *desk) typedKey(ev *fyne.KeyEvent) {
	if d.u.win.Canvas().Overlays().Top() != nil {
		return
	}
	if d.form != nil {
		if ev.Name == fyne.KeyEscape {
			d.form.onEscape()
		}
		return
	}
	if fn, ok := d.keys[ev.Name]; ok {
		fn()
	}
}

// onTypedKey gives the keys typed with nothing focused to the station shown.
func (u *ui) onTypedKey(ev *fyne.KeyEvent) {
	u.touch()
	if u.doorOnScreen() {
		u.door.typedAnywhere(func() { u.door.scan.TypedKey(ev) })
		return
	}
	if u.answerDialog(ev) || u.signIn != nil { // a locked station's screens hear nothing
		return
	}
	if u.desk != nil && u.tabs.Selected() == u.tab(tabDesk) {
		u.desk.typedKey(ev)
	}
}

// onDropped takes a file dropped on the window: at the desk, a photo for
// the participant being registered or corrected, else for the one shown.
func (u *ui) onDropped(_ fyne.Position, files []fyne.URI) {
	u.touch()
	if len(files) == 0 || u.signIn != nil || u.desk == nil || u.tabs.Selected() != u.tab(tabDesk) || !u.can(data.RoleDesk) {
		return
	}
	d := u.desk
	switch path := files[0].Path(); {
	case d.form != nil:
		d.form.takePhoto(path)
	case d.current != nil:
		d.details.attachPhoto(*d.current, path)
	}
}

// onStatus moves the shown participant to status, noting why, and offers
// to undo it; it says why not if it cannot.
func (d *desk) onStatus(status data.Status, note string) {
	if d.current == nil {
		return
	}
	shown := *d.current
	store := d.u.store
	change(d, func(ctx context.Context) (data.Participant, error) {
		return store.SetStatus(ctx, shown.ID, status, note)
	}, func(p data.Participant, err error) {
		switch {
		case err != nil && shown.Status.CanBecome(status):
			d.details.say(problemText(err), widget.DangerImportance, nil) // refused for another reason, such as a missing nomination
		case err != nil:
			d.sayNotPossible()
		default:
			d.showStatus(p, func() { d.undoStatus(p, shown.Status) })
		}
	})
}

func (d *desk) sayNotPossible() {
	d.details.say(lang.L("Not possible: {{.Name}} is {{.Status}}.", map[string]any{"Name": d.current.ListName(), "Status": statusLabel(d.current.Status)}),
		widget.DangerImportance, nil)
}

// showStatus shows p after a status change, in the colour of the new
// status, with Undo for a short while when undo is not nil.
func (d *desk) showStatus(p data.Participant, undo func()) {
	d.current = &p
	d.refresh()
	d.show(p)
	text := lang.L("{{.Name}} is now {{.Status}}.", map[string]any{"Name": p.ListName(), "Status": statusLabel(p.Status)})
	if waitsForClearance(p) {
		text += " " + lang.L("The badge waits for security clearance.")
	}
	d.offerUndo(text, statusImportance(p.Status), undo)
}

// offerUndo says what was done, with Undo beside it for a short while when
// undo is not nil.
func (d *desk) offerUndo(text string, importance widget.Importance, undo func()) {
	d.details.say(text, importance, undo)
	d.undos++
	offered := d.undos
	d.later(undoFor, func() {
		if d.undos == offered {
			d.details.undo.Hide()
		}
	})
}

// undoStatus takes p back to the status it had, through the moves allowed.
func (d *desk) undoStatus(p data.Participant, back data.Status) {
	store := d.u.store
	change(d, func(ctx context.Context) (data.Participant, error) {
		for _, s := range p.Status.PathTo(back) {
			var err error
			if p, err = store.SetStatus(ctx, p.ID, s, lang.L("Undo")); err != nil {
				return p, err
			}
		}
		return p, nil
	}, func(p data.Participant, err error) {
		if err != nil {
			d.details.say(problemText(err), widget.DangerImportance, nil)
			return
		}
		d.showStatus(p, nil)
	})
}

// askStatus asks why the shown participant is rejected or withdrawn, and
// makes the change only once a reason is given and confirmed.
func (d *desk) askStatus(status data.Status) {
	if d.current == nil {
		return
	}
	if !d.current.Status.CanBecome(status) {
		d.sayNotPossible()
		return
	}
	args := map[string]any{"Name": d.current.ListName()}
	title, confirm := lang.L("Reject {{.Name}}?", args), lang.L("Reject")
	if status == data.StatusWithdrawn {
		title, confirm = lang.L("Withdraw {{.Name}}?", args), lang.L("Withdraw")
	}
	reason := newKeyEntry(lang.L("Why? It is kept in the history."))
	reason.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Give a reason."))
		}
		return nil
	}
	ask := dialog.NewForm(title, confirm, lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(lang.L("Reason"), reason)}, func(ok bool) {
		if ok {
			d.onStatus(status, strings.TrimSpace(reason.Text))
		}
	}, d.u.win)
	ask.Resize(fyne.NewSize(520, ask.MinSize().Height))
	d.u.showForm(ask, reason) // Enter confirms, once a reason is given
}
