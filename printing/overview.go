package printing

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/jung-kurt/gofpdf"

	"accred/data"
)

// OverviewWords are the English words the overview's charts and PDF hand
// to their Translate, for translators to cover.
var OverviewWords = append(append(append([]string{"Overview", "Print queue", "Awaiting clearance", "Printed, not collected",
	"Category", "Sessions now", "Next sessions", "None", "Inside", "Refused scans", "unknown badge", "Accepted", "Already in",
	"Refused", "Exit", "Delegations", "Need attention", "Delegation", "Head of delegation", "accredited", "not accredited",
	"none", "Heads of delegation"}, funnelSteps...), genderWords...), FunnelChart.Title(), ArrivalsChart.Title(), GenderChart.Title())

// OverviewPage is the overview printed for the morning briefing.
type OverviewPage struct {
	Event    data.Event
	Overview data.Overview
	Tr       Translate // the document's words; English when nil
	Num      Numbers   // the document's numbers; digits alone when nil
}

// The overview on A4: a running head, figures, the charts at the width
// of the text, then the sessions and the delegations in tables.
const (
	overviewTextW  = listPageW - 2*listMargin
	overviewRowH   = 5.5
	overviewSize   = 9.0
	overviewGaugeW = 40.0
)

// OverviewPDF writes the overview as a PDF: queue figures and the funnel,
// the charts, the sessions now and next with their gauges and last scans,
// and the delegations, those that stand out first and in red.
func OverviewPDF(out io.Writer, page OverviewPage) error {
	if err := loadFaces(); err != nil {
		return fmt.Errorf("load fonts: %w", err)
	}
	if page.Tr == nil {
		page.Tr = English
	}
	if page.Num == nil {
		page.Num = PlainNumbers
	}
	tr, num, o := page.Tr, page.Num, page.Overview
	d := &overviewDrawer{pdf: newA4(tr("Overview")+": "+page.Event.Name, page.Event), page: page}
	d.w = newWriter(d.pdf)
	d.newPage()
	d.w.text(listMargin, d.y+4, tr("Overview"), true, listTitleSize)
	d.w.text(listMargin, d.y+10, o.At.Format("2006-01-02 15:04")+" ("+o.At.Location().String()+")", false, overviewSize)
	d.y += 17
	d.line(fmt.Sprintf("%s: %s    %s: %s    %s: %s", tr("Print queue"), num(o.PrintQueue), tr("Awaiting clearance"), num(o.AwaitingClearance),
		tr("Printed, not collected"), num(o.PrintedNotCollected)), true)
	d.y += 2
	d.table([]string{tr("Category"), tr("Registered"), tr("Approved"), tr("Printed"), tr("Collected")}, []float64{58, 29, 29, 29, 29}, func(row func(cells ...string)) {
		for _, f := range o.Funnel {
			if f.Registered > 0 {
				row(f.Category.Name, num(f.Registered), num(f.Approved), num(f.Printed), num(f.Collected))
			}
		}
	})
	for _, c := range Charts {
		if err := d.chart(c); err != nil {
			return err
		}
	}
	d.sessions(tr("Sessions now"), o.Now, true)
	d.sessions(tr("Next sessions"), o.Next, false)
	d.delegations()
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("overview: %w", err)
	}
	return output(d.pdf, out)
}

// overviewDrawer lays the overview out down the page.
type overviewDrawer struct {
	pdf  *gofpdf.Fpdf
	w    *writer
	page OverviewPage
	y    float64 // the top of what comes next
}

func (d *overviewDrawer) newPage() {
	d.pdf.AddPage()
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.2)
	d.w.text(listMargin, 13, d.page.Event.Name, false, listHeadSize)
	d.pdf.Line(listMargin, 15, listPageW-listMargin, 15)
	d.w.centred(listPageW/2, listPageH-12, strconv.Itoa(d.pdf.PageNo()), false, listHeadSize)
	d.y = 20
}

// room starts a new page unless h millimetres fit below.
func (d *overviewDrawer) room(h float64) {
	if d.y+h > listBottom {
		d.newPage()
	}
}

// line draws one line of text and moves below it.
func (d *overviewDrawer) line(text string, bold bool) {
	d.room(overviewRowH)
	d.y += overviewRowH
	d.w.text(listMargin, d.y-1.5, fitText(d.w, text, overviewTextW, overviewSize), bold, overviewSize)
}

// heading draws a section's heading, never alone at the foot of a page.
func (d *overviewDrawer) heading(text string) {
	d.room(overviewRowH*4 + 6)
	d.y += 6
	d.w.text(listMargin, d.y, text, true, listSectionSize)
	d.y += 1
}

// table draws a header row then the rows fill gives, cells in columns of
// the given widths, figures right-aligned; a new page repeats the header.
func (d *overviewDrawer) table(header []string, widths []float64, fill func(row func(cells ...string))) {
	d.tableWith(header, widths, func(row func(red bool, cells ...string)) {
		fill(func(cells ...string) { row(false, cells...) })
	})
}

func (d *overviewDrawer) tableWith(header []string, widths []float64, fill func(row func(red bool, cells ...string))) {
	draw := func(cells []string, bold bool) {
		d.y += overviewRowH
		x := listMargin
		for i, c := range cells {
			c = fitText(d.w, c, widths[i]-2, overviewSize)
			if i == 0 {
				d.w.text(x+1, d.y-1.5, c, bold, overviewSize)
			} else {
				d.w.text(x+widths[i]-1-d.w.width(c, bold, overviewSize), d.y-1.5, c, bold, overviewSize)
			}
			x += widths[i]
		}
	}
	head := func() {
		draw(header, true)
		d.pdf.Line(listMargin, d.y, listMargin+sum(widths), d.y)
	}
	d.room(overviewRowH * 3)
	head()
	fill(func(red bool, cells ...string) {
		if d.y+overviewRowH > listBottom {
			d.newPage()
			head()
		}
		if red {
			d.pdf.SetFillColor(253, 226, 226)
			d.pdf.Rect(listMargin, d.y, sum(widths), overviewRowH, "F")
			d.pdf.SetTextColor(183, 28, 28)
		}
		draw(cells, false)
		d.pdf.SetTextColor(0, 0, 0)
	})
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// chart draws one of the charts at the width of the text.
func (d *overviewDrawer) chart(c Chart) error {
	// gofpdf writes images in the order of their widths, and those of one
	// width in any order: each chart is a pixel wider than the one before,
	// so that the same overview gives the same bytes.
	png, err := DrawChart(c, d.page.Overview, d.page.Tr, d.page.Num, ChartWidth+int(c), ChartHeight)
	if err != nil {
		return err
	}
	h := overviewTextW * ChartHeight / ChartWidth
	d.room(h + 4)
	d.y += 4
	d.pdf.RegisterImageOptionsReader(c.Name(), gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	d.pdf.ImageOptions(c.Name(), listMargin, d.y, overviewTextW, h, false, gofpdf.ImageOptions{}, 0, "")
	d.y += h
	return nil
}

// sessions lists sessions with a gauge of who is inside, refused scans
// and, for those open now, their last scans.
func (d *overviewDrawer) sessions(title string, list []data.SessionNow, withScans bool) {
	tr, num := d.page.Tr, d.page.Num
	d.heading(title)
	if len(list) == 0 {
		d.line(tr("None"), false)
		return
	}
	for _, n := range list {
		x := n.Session
		d.room(overviewRowH * 2)
		d.line(fmt.Sprintf("%s–%s  %s · %s · %s", x.Starts.Format("15:04"), x.Ends.Format("15:04"), x.Code, x.Title, x.Room), true)
		d.y += overviewRowH
		inside := tr("Inside") + " " + num(x.Present)
		if x.Capacity > 0 {
			inside += " / " + num(x.Capacity)
			d.gauge(listMargin+1, d.y-4, float64(x.Present)/float64(x.Capacity))
		}
		d.w.text(listMargin+overviewGaugeW+4, d.y-1.5, fmt.Sprintf("%s    %s: %s", inside, tr("Refused scans"), num(n.Refused)), false, overviewSize)
		if withScans {
			for _, l := range n.Last {
				d.line("      "+scanText(l, tr), false)
			}
		}
	}
}

// gauge draws a bar filled to share (0 to 1), red from 90 %.
func (d *overviewDrawer) gauge(x, y, share float64) {
	share = min(max(share, 0), 1)
	d.pdf.SetFillColor(230, 230, 230)
	d.pdf.Rect(x, y, overviewGaugeW, 3, "F")
	if share >= 0.9 {
		d.pdf.SetFillColor(198, 40, 40)
	} else {
		d.pdf.SetFillColor(46, 125, 50)
	}
	d.pdf.Rect(x, y, overviewGaugeW*share, 3, "F")
}

// scanText is one recent scan in a line.
func scanText(l data.ScanLine, tr Translate) string {
	name := l.Name
	if name == "" {
		name = tr("unknown badge")
	}
	verdict := map[data.VerdictKind]string{data.Accepted: "Accepted", data.Already: "Already in", data.Rejected: "Refused"}[l.Verdict]
	if l.Exit {
		verdict = "Exit"
	}
	return fmt.Sprintf("%s  %s  %s  (%s)", l.At.Format("15:04:05"), tr(verdict), name, l.Station)
}

// delegations lists every delegation, those with no head accredited or
// nobody collected first and in red.
func (d *overviewDrawer) delegations() {
	tr, num := d.page.Tr, d.page.Num
	d.heading(tr("Delegations"))
	var out int
	for _, x := range d.page.Overview.Delegations {
		if x.StandsOut() {
			out++
		}
	}
	d.line(fmt.Sprintf("%s: %s    %s: %s", tr("Delegations"), num(len(d.page.Overview.Delegations)), tr("Need attention"), num(out)), false)
	d.tableWith([]string{tr("Delegation"), tr("Registered"), tr("Head of delegation"), tr("Collected")}, []float64{74, 30, 40, 30},
		func(row func(red bool, cells ...string)) {
			for _, x := range d.page.Overview.Delegations {
				row(x.StandsOut(), x.Name, num(x.Registered), HeadText(x, tr), num(x.Collected))
			}
		})
}

// HeadText says whether a delegation's head is accredited, registered only,
// or missing.
func HeadText(x data.DelegationCount, tr Translate) string {
	switch {
	case x.HeadsReady > 0:
		return tr("accredited")
	case x.Heads > 0:
		return tr("not accredited")
	}
	return tr("none")
}
