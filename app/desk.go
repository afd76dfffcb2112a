package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
	list    *widget.List
	results []data.Participant
	total   int
	right   *fyne.Container

	current *data.Participant // the participant shown on the right, if any
	details *details
	form    *participantForm
}

// resultLimit is how many matches the list shows; typing more narrows it.
const resultLimit = 100

func newDesk(u *ui) *desk {
	cats, err := u.store.Categories(context.Background())
	if err != nil {
		fyne.LogError("read categories", err)
	}
	return &desk{u: u, categories: cats}
}

func (d *desk) buildUI() fyne.CanvasObject {
	d.search = newKeyEntry(lang.L("Type any part of a name, a passport or a badge number"))
	d.search.OnChanged = func(string) { d.refresh() }
	d.search.OnSubmitted = func(string) { d.onOpen() }
	bindKeys(map[fyne.KeyName]func(){
		fyne.KeyDown:   func() { d.move(1) },
		fyne.KeyUp:     func() { d.move(-1) },
		fyne.KeyEscape: d.onClear,
		fyne.KeyF2:     d.onEdit,
		fyne.KeyF3:     d.onNew,
		fyne.KeyF5:     func() { d.onStatus(data.StatusApproved) },
		fyne.KeyF6:     func() { d.onStatus(data.StatusCollected) },
		fyne.KeyF8:     func() { d.onStatus(data.StatusRejected) },
	}, d.search)

	d.count = &widget.Label{}
	d.list = widget.NewList(func() int { return len(d.results) }, newResultRow, d.updateResultRow)
	d.list.OnSelected = d.onSelect
	newButton := &widget.Button{Text: lang.L("New participant") + "  [F3]", Icon: theme.ContentAddIcon(), OnTapped: d.onNew}
	keysHelp := &widget.Label{Text: lang.L("Up/Down choose · Enter open · F2 edit · F5 approve · F6 badge handed over · F8 reject · Esc clear"),
		Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}

	left := container.NewBorder(container.NewVBox(d.search, container.NewBorder(nil, nil, nil, newButton, d.count)), keysHelp, nil, nil, d.list)
	d.details = newDetails(d)
	d.right = container.NewStack(d.details.empty())
	split := container.NewHSplit(left, container.NewPadded(d.right))
	split.Offset = 0.42
	d.refresh()
	return split
}

// refresh runs the search again, keeping the person shown if still listed.
func (d *desk) refresh() {
	list, total, err := d.u.store.FindParticipants(context.Background(), data.ParticipantFilter{Query: d.search.Text, Limit: resultLimit})
	if err != nil {
		d.u.showError(err)
		return
	}
	d.results, d.total = list, total
	switch {
	case total > len(list):
		d.count.SetText(lang.L("{{.Total}} found — showing the first {{.Shown}}; type more to narrow", map[string]any{"Total": number(total), "Shown": len(list)}))
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
	name := p.FullName()
	if p.NativeName != "" {
		name += "  ·  " + p.NativeName
	}
	lines[0].(*widget.Label).SetText(name)
	lines[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s · %s", p.BadgeNumber(), d.category(p.Category).Name,
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

// move moves the highlight in the list by delta, from the search box.
func (d *desk) move(delta int) {
	if len(d.results) == 0 {
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
	if i < 0 || i >= len(d.results) {
		return
	}
	d.show(d.results[i])
	d.u.win.Canvas().Focus(d.search)
}

// onOpen shows the highlighted match, or the first one.
func (d *desk) onOpen() {
	if d.current == nil && len(d.results) > 0 {
		d.list.Select(0)
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

func (d *desk) onNew() {
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

// onSaved shows the saved participant and brings the search back.
func (d *desk) onSaved(p data.Participant) {
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

// onStatus moves the shown participant to status, saying why not if it cannot.
func (d *desk) onStatus(status data.Status) {
	if d.current == nil {
		return
	}
	p, err := d.u.store.SetStatus(context.Background(), d.current.ID, status, d.u.operator(), "")
	switch {
	case err != nil && d.current.Status.CanBecome(status):
		d.details.say(problemText(err), true) // refused for another reason, such as a missing nomination
		return
	case err != nil:
		d.details.say(lang.L("Not possible: {{.Name}} is {{.Status}}.", map[string]any{"Name": d.current.FullName(), "Status": statusLabel(d.current.Status)}), true)
		return
	}
	d.current = &p
	d.refresh()
	d.show(p)
	d.details.say(lang.L("{{.Name}} is now {{.Status}}.", map[string]any{"Name": p.FullName(), "Status": statusLabel(p.Status)}), false)
}
