package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob"
	"accred/data"
	"accred/data/country"
	"accred/printing"
)

// overview shows the head of accreditation the whole event at a glance:
// the registration funnel, the print queue, the delegations, the sessions
// now and next, today's arrivals per door and the gender balance. It is
// read again every two seconds while its tab is chosen, in the background.
type overview struct {
	u *ui

	at, figures, saved, women *widget.Label
	charts                    map[printing.Chart]*canvas.Image
	save                      map[printing.Chart]*widget.Button
	now, next, funnel         *fyne.Container
	attention                 *widget.Label
	delegations               *widget.List
	folder                    *widget.Entry
	print                     *widget.Button

	tr      printing.Translate        // the charts' and PDF's words in the language in use
	current data.Overview             // as last read
	drawn   map[printing.Chart][]byte // the charts as shown
	showing int                       // counts showings of the tab; the refresh of an earlier one stops
	failed  bool                      // the last reading failed, and saved says why
	work    worker                    // reads and draws in the background
	// later runs f on the interface's goroutine after a while.
	later func(wait time.Duration, f func())
}

func newOverview(u *ui) *overview {
	return &overview{u: u, later: later, drawn: map[printing.Chart][]byte{},
		charts: map[printing.Chart]*canvas.Image{}, save: map[printing.Chart]*widget.Button{}}
}

// The charts' size on screen, in pixels; saved and printed, they are drawn
// at printing.ChartWidth by printing.ChartHeight.
const shownChartW, shownChartH = 660, 280

func (v *overview) buildUI() fyne.CanvasObject {
	v.tr = overviewWords()
	v.at = &widget.Label{}
	v.figures = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	v.saved = &widget.Label{Wrapping: fyne.TextWrapWord}
	v.women = &widget.Label{Wrapping: fyne.TextWrapWord}
	v.folder = &widget.Entry{Text: v.u.fileFolder()}
	v.print = &widget.Button{Text: lang.L("Print overview (PDF)"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance, OnTapped: v.onPrint}
	var cards []fyne.CanvasObject
	for _, c := range printing.Charts {
		img := &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleFastest}
		img.SetMinSize(fyne.NewSize(shownChartW, shownChartH))
		v.charts[c] = img
		v.save[c] = &widget.Button{Text: lang.L("Save PNG"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { v.onSaveChart(c) }}
		card := []fyne.CanvasObject{container.NewHBox(layout.NewSpacer(), v.save[c]), img}
		if c == printing.FunnelChart {
			v.funnel = container.NewGridWithColumns(5)
			card = append([]fyne.CanvasObject{v.funnel}, card...)
		}
		if c == printing.GenderChart {
			card = append(card, v.women)
		}
		cards = append(cards, container.NewVBox(card...), widget.NewSeparator())
	}
	v.now, v.next = container.NewVBox(), container.NewVBox()
	v.attention = &widget.Label{Wrapping: fyne.TextWrapWord}
	v.delegations = widget.NewList(func() int { return len(v.current.Delegations) }, newDelegationRow, v.updateDelegationRow)
	heading := func(text string) *widget.Label {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	}
	header := newDelegationRow().(*fyne.Container)
	for i, text := range []string{lang.L("Delegation"), lang.L("Registered"), lang.L("Head of delegation"), lang.L("Collected")} {
		header.Objects[i].(*widget.Label).Text = text
		header.Objects[i].(*widget.Label).TextStyle = fyne.TextStyle{Bold: true}
	}
	sessions := container.NewVScroll(container.NewVBox(heading(lang.L("Sessions now")), v.now, heading(lang.L("Next sessions")), v.next))
	right := container.NewVSplit(sessions, container.NewBorder(container.NewVBox(heading(lang.L("Delegations")), v.attention, header), nil, nil, nil, v.delegations))
	right.Offset = 0.5
	split := container.NewHSplit(container.NewVScroll(container.NewVBox(cards...)), right)
	split.Offset = 0.55
	top := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(lang.L("Save in")), container.NewGridWrap(fyne.NewSize(260, v.folder.MinSize().Height), v.folder), v.print),
		container.NewVBox(v.at, v.figures))
	return container.NewBorder(container.NewVBox(top, v.saved), nil, nil, nil, split)
}

// onShown runs when the overview's tab is chosen: it is read at once, then
// every two seconds while the tab stays chosen.
func (v *overview) onShown() {
	v.showing++
	v.refresh(v.showing)
}

// shown reports whether the showing is still on screen: the tab chosen,
// not left since, and the home not built again.
func (v *overview) shown(showing int) bool {
	return showing == v.showing && v.u.overview == v && v.u.tabs != nil && v.u.tabs.Selected() == v.u.tab(tabOverview)
}

// refresh reads the overview and draws the charts that changed in the
// background, shows them, and comes back in two seconds while shown.
func (v *overview) refresh(showing int) {
	tr, before, drawn := v.tr, v.current, maps.Clone(v.drawn)
	v.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
		defer cancel()
		o, err := v.u.store.Overview(ctx)
		o = inLanguage(o)
		var changed map[printing.Chart][]byte
		if err == nil {
			changed, err = drawChanged(o, before, drawn, tr)
		}
		return func() {
			if showing != v.showing {
				return
			}
			switch {
			case err != nil:
				v.failed = true
				v.saved.SetText(problemText(err))
			default:
				if v.failed { // the database answers again
					v.failed = false
					v.saved.SetText("")
				}
				v.show(o, changed)
			}
			v.later(watchEvery, func() {
				if v.shown(showing) {
					v.refresh(showing)
				}
			})
		}
	})
}

// drawChanged draws, at their size on screen, the charts whose figures
// differ from before's, or that were never drawn.
func drawChanged(o, before data.Overview, drawn map[printing.Chart][]byte, tr printing.Translate) (map[printing.Chart][]byte, error) {
	figures := func(x data.Overview, c printing.Chart) any {
		return [...]any{[2]any{x.Funnel, nil}, [2]any{x.Arrivals, nil}, [2]any{x.Gender, x.HeadsGender}}[c]
	}
	changed := map[printing.Chart][]byte{}
	for _, c := range printing.Charts {
		if drawn[c] != nil && reflect.DeepEqual(figures(o, c), figures(before, c)) {
			continue
		}
		png, err := printing.DrawChart(c, o, tr, number, shownChartW, shownChartH)
		if err != nil {
			return nil, err
		}
		changed[c] = png
	}
	return changed, nil
}

// show puts a reading on screen.
func (v *overview) show(o data.Overview, changed map[printing.Chart][]byte) {
	v.current = o
	for c, png := range changed {
		v.drawn[c] = png
		v.charts[c].Resource = fyne.NewStaticResource(c.Name()+".png", png)
		v.charts[c].Refresh()
	}
	v.at.SetText(lang.L("Read at {{.Time}}, again every 2 seconds", map[string]any{"Time": o.At.Format("15:04:05")}))
	v.figures.SetText(lang.L("Print queue: {{.Queue}} · Awaiting clearance: {{.Clearance}} · Printed, not collected: {{.Printed}}",
		map[string]any{"Queue": number(o.PrintQueue), "Clearance": number(o.AwaitingClearance), "Printed": number(o.PrintedNotCollected)}))
	v.women.SetText(womenText(o))
	showFunnel(v.funnel, o.Funnel)
	showSessions(v.now, o.Now, true)
	showSessions(v.next, o.Next, false)
	out := 0
	for _, d := range o.Delegations {
		if d.StandsOut() {
			out++
		}
	}
	v.attention.SetText(lang.L("{{.Count}} delegations; {{.Attention}} need someone to act now (no head of delegation accredited, or, once the doors are open, printed badges nobody came for), listed first in red.",
		map[string]any{"Count": number(len(o.Delegations)), "Attention": number(out)}))
	v.delegations.Refresh()
}

// inLanguage gives the overview's categories and delegations their names
// in the station's language, the delegations in the order of those names.
func inLanguage(o data.Overview) data.Overview {
	names := map[string]string{} // by English name
	o.Funnel = slices.Clone(o.Funnel)
	for i, f := range o.Funnel {
		names[f.Category.Name] = categoryText(f.Category)
		o.Funnel[i].Category.Name = names[f.Category.Name]
	}
	o.Gender = slices.Clone(o.Gender)
	for i, g := range o.Gender {
		if name, ok := names[g.Name]; ok {
			o.Gender[i].Name = name
		}
	}
	o.Delegations = slices.Clone(o.Delegations)
	for i, d := range o.Delegations {
		if c, ok := country.Lookup(d.Country); ok {
			o.Delegations[i].Name = c.Name(currentLanguage())
		}
	}
	data.SortDelegations(o.Delegations)
	return o
}

// showFunnel fills grid with the funnel's figures: a row per category
// with anyone registered, under a row of the steps.
func showFunnel(grid *fyne.Container, funnel []data.FunnelCount) {
	grid.Objects = nil
	cell := func(text string, bold bool, align fyne.TextAlign) {
		grid.Add(&widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: bold}, Alignment: align, Truncation: fyne.TextTruncateEllipsis})
	}
	for i, head := range []string{lang.L("Category"), lang.L("Registered"), lang.L("Approved"), lang.L("Printed"), lang.L("Collected")} {
		cell(head, true, map[bool]fyne.TextAlign{true: fyne.TextAlignLeading, false: fyne.TextAlignTrailing}[i == 0])
	}
	for _, f := range funnel {
		if f.Registered == 0 {
			continue
		}
		cell(f.Category.Name, false, fyne.TextAlignLeading)
		for _, n := range []int{f.Registered, f.Approved, f.Printed, f.Collected} {
			cell(number(n), false, fyne.TextAlignTrailing)
		}
	}
	grid.Refresh()
}

// womenText gives the share of women among participants and among heads
// of delegation, the balance the United Nations reports on.
func womenText(o data.Overview) string {
	all := data.GenderCount{Counts: make([]int, len(data.GenderNames()))}
	for _, g := range o.Gender {
		for i, n := range g.Counts {
			all.Counts[i] += n
		}
	}
	share := func(g data.GenderCount) string {
		if g.Total() == 0 {
			return "–"
		}
		return printing.PercentText(printing.Share(g.Counts[0], g.Total()))
	}
	return lang.L("Women: {{.All}} of participants, {{.Heads}} of heads of delegation.", map[string]any{"All": share(all), "Heads": share(o.HeadsGender)})
}

// showSessions fills box with a card per session: who is inside against
// the capacity as a gauge, refused scans, and the last scans when open.
func showSessions(box *fyne.Container, list []data.SessionNow, withScans bool) {
	box.Objects = nil
	if len(list) == 0 {
		box.Add(&widget.Label{Text: lang.L("None"), Importance: widget.LowImportance})
	}
	for _, n := range list {
		x := n.Session
		box.Add(&widget.Label{Text: fmt.Sprintf("%s–%s · %s · %s · %s", x.Starts.Format("15:04"), x.Ends.Format("15:04"), x.Code, x.Title, x.Room),
			TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis})
		refused := &widget.Label{Text: lang.L("Refused scans: {{.Count}}", map[string]any{"Count": number(n.Refused)})}
		if n.Refused > 0 {
			refused.Importance = widget.WarningImportance
		}
		if x.Capacity > 0 {
			gauge := &widget.ProgressBar{Max: float64(x.Capacity), Value: float64(min(x.Present, x.Capacity))}
			inside := lang.L("{{.Present}} inside / {{.Capacity}}", map[string]any{"Present": number(x.Present), "Capacity": number(x.Capacity)})
			gauge.TextFormatter = func() string { return inside }
			box.Add(container.NewBorder(nil, nil, nil, refused, gauge))
		} else {
			box.Add(container.NewHBox(widget.NewLabel(lang.L("{{.Present}} inside (no limit)", map[string]any{"Present": number(x.Present)})), refused))
		}
		if withScans {
			for _, l := range n.Last {
				box.Add(&widget.Label{Text: scanLineText(l), SizeName: theme.SizeNameCaptionText, Importance: verdictImportance(l.Verdict), Truncation: fyne.TextTruncateEllipsis})
			}
		}
	}
	box.Refresh()
}

// scanLineText is a recent scan in a line: when, what, who, where.
func scanLineText(l data.ScanLine) string {
	name := l.Name
	if name == "" {
		name = lang.L("unknown badge")
	}
	verdict := map[data.VerdictKind]string{data.Accepted: lang.L("Accepted"), data.Already: lang.L("Already in"), data.Rejected: lang.L("Refused")}[l.Verdict]
	if l.Exit {
		verdict = lang.L("Exit")
	}
	return fmt.Sprintf("%s  %s  %s  (%s)", l.At.Format("15:04:05"), verdict, name, l.Station)
}

func verdictImportance(k data.VerdictKind) widget.Importance {
	switch k {
	case data.Rejected:
		return widget.DangerImportance
	case data.Already:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// newDelegationRow is a row of the delegations' table: name, registered,
// head of delegation, collected.
func newDelegationRow() fyne.CanvasObject {
	figure := func() *widget.Label {
		return &widget.Label{Alignment: fyne.TextAlignTrailing, Truncation: fyne.TextTruncateEllipsis}
	}
	return container.New(&delegationColumns{}, &widget.Label{Truncation: fyne.TextTruncateEllipsis}, figure(), figure(), figure())
}

func (v *overview) updateDelegationRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.current.Delegations) {
		return
	}
	d := v.current.Delegations[i]
	importance := widget.MediumImportance
	if d.StandsOut() {
		importance = widget.DangerImportance
	}
	for j, text := range []string{d.Name, number(d.Registered), printing.HeadText(d, v.tr), number(d.Collected)} {
		l := o.(*fyne.Container).Objects[j].(*widget.Label)
		l.Text, l.Importance = text, importance
		l.Refresh()
	}
}

// delegationColumns lays a delegation's row out: the name takes what the
// three figures leave.
type delegationColumns struct{}

// delegationFigures are the widths of the figures' columns.
var delegationFigures = [3]float32{100, 170, 100}

func (delegationColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x := max(0, size.Width-delegationFigures[0]-delegationFigures[1]-delegationFigures[2])
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(x, size.Height))
	for i, o := range objects[1:] {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(delegationFigures[i], size.Height))
		x += delegationFigures[i]
	}
}

func (delegationColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(delegationFigures[0]+delegationFigures[1]+delegationFigures[2]+100, h)
}

// onSaveChart saves a chart, drawn at full size, as a PNG file in the
// folder chosen, under a new name.
func (v *overview) onSaveChart(c printing.Chart) {
	o, tr := v.current, v.tr
	v.write("overview-"+c.Name(), ".png", func(w io.Writer) error {
		png, err := printing.DrawChart(c, o, tr, number, printing.ChartWidth, printing.ChartHeight)
		if err == nil {
			_, err = w.Write(png)
		}
		return err
	})
}

// onPrint writes the whole overview as a PDF in the folder chosen, under a
// new name.
func (v *overview) onPrint() {
	page := printing.OverviewPage{Event: v.u.event, Overview: v.current, Tr: v.tr, Num: number}
	v.write("overview", ".pdf", func(w io.Writer) error { return printing.OverviewPDF(w, page) })
}

// write writes a new file named after what and the time of the reading,
// in the background, and says where it went or why it did not.
func (v *overview) write(what, ext string, fill func(io.Writer) error) {
	if v.current.At.IsZero() {
		return // nothing read yet
	}
	dir := v.folder.Text
	path := printjob.FreeName(filepath.Join(dir, what+"-"+v.current.At.Format("20060102-1504")+ext), 1)
	v.saved.SetText(lang.L("Writing {{.File}}…", map[string]any{"File": path}))
	v.work.run(func() func() {
		var buf bytes.Buffer
		err := fill(&buf)
		if err == nil {
			err = data.CreateFile(path, func(f *os.File) error { _, err := f.Write(buf.Bytes()); return err })
		}
		return func() {
			if err != nil {
				v.saved.SetText(lang.L("Not saved: {{.Reason}}", map[string]any{"Reason": problemText(err)}))
				return
			}
			v.saved.SetText(lang.L("Saved: {{.File}}", map[string]any{"File": path}))
		}
	})
}

// overviewWords translates the words of the overview's charts and PDF
// (printing.OverviewWords) into the language in use.
func overviewWords() printing.Translate {
	words := map[string]string{
		"Overview": lang.L("Overview"), "Print queue": lang.L("Print queue"), "Awaiting clearance": lang.L("Awaiting clearance"),
		"Printed, not collected": lang.L("Printed, not collected"), "Category": lang.L("Category"), "Sessions now": lang.L("Sessions now"),
		"Next sessions": lang.L("Next sessions"), "None": lang.L("None"), "Inside": lang.L("Inside"), "Refused scans": lang.L("Refused scans"),
		"unknown badge": lang.L("unknown badge"), "Accepted": lang.L("Accepted"), "Already in": lang.L("Already in"), "Refused": lang.L("Refused"),
		"Exit": lang.L("Exit"), "Delegations": lang.L("Delegations"), "Need attention": lang.L("Need attention"), "Delegation": lang.L("Delegation"),
		"Head of delegation": lang.L("Head of delegation"), "accredited": lang.L("accredited"), "not accredited": lang.L("not accredited"),
		"none": lang.L("none"), "Heads of delegation": lang.L("Heads of delegation"), "Registered": lang.L("Registered"),
		"Approved": lang.L("Approved"), "Printed": lang.L("Printed"), "Collected": lang.L("Collected"), "Female": lang.L("Female"),
		"Male": lang.L("Male"), "Other gender": lang.L("Other gender"), "Not stated": lang.L("Not stated"), "Registration funnel": lang.L("Registration funnel"),
		"Arrivals per 15 minutes, per door, today": lang.L("Arrivals per 15 minutes, per door, today"), "Gender balance": lang.L("Gender balance"),
	}
	return func(english string) string {
		if w, ok := words[english]; ok {
			return w
		}
		return english
	}
}
