package printing

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"accred/data"
)

// List is a List of Participants to print, as the United Nations publishes
// it in a conference's INF series.
type List struct {
	Event    data.Event
	Symbol   string // the document symbol in the running head; empty for none
	Sections []data.ListSection
	Native   bool // print names in their own script too
}

// The List of Participants on A4, in two columns under a running head.
const (
	listPageW, listPageH = 210.0, 297.0
	listMargin           = 18.0 // left and right
	listGutter           = 8.0
	listColumnW          = (listPageW - 2*listMargin - listGutter) / 2
	listTop              = 24.0 // where the columns start, but for the first page
	listBottom           = listPageH - 20
	listIndent           = 4.0 // a person's lines after the first
	listTitleSize        = 15.0
	listSectionSize      = 11.5
	listGroupSize        = 9.5
	listNameSize         = 9.0
	listDetailSize       = 8.0
	listHeadSize         = 8.0
)

// ParticipantsList writes the List of Participants as a PDF. The same list
// gives the same bytes: the document's date is the event's first day.
func ParticipantsList(out io.Writer, l List) error {
	if err := loadFaces(); err != nil {
		return fmt.Errorf("load fonts: %w", err)
	}
	if len(l.Sections) == 0 {
		return errors.New("nobody to list")
	}
	pdf := newA4("List of participants: "+l.Event.Name, l.Event)

	d := &listDrawer{pdf: pdf, w: newWriter(pdf), list: l}
	d.newPage()
	for _, sec := range l.Sections {
		d.section(sec)
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("list of participants, %s: %w", sec.Title, err)
		}
	}
	return output(pdf, out)
}

// newA4 starts an A4 document titled title, dated the event's first day so
// that the same content gives the same bytes.
func newA4(title string, ev data.Event) *gofpdf.Fpdf {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", Size: gofpdf.SizeType{Wd: listPageW, Ht: listPageH}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(false) // compressStreams does it on every core
	pdf.SetMargins(0, 0, 0)
	pdf.SetCreator("Accred", true)
	pdf.SetTitle(title, true)
	pdf.SetCatalogSort(true)
	day := ev.Starts
	if day.IsZero() {
		day = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(day)
	pdf.SetModificationDate(day)
	return pdf
}

// output writes the finished document to out, its streams compressed.
func output(pdf *gofpdf.Fpdf, out io.Writer) error {
	var doc bytes.Buffer
	if err := pdf.Output(&doc); err != nil {
		return err
	}
	_, err := out.Write(compressStreams(doc.Bytes()))
	return err
}

// listDrawer lays the list out column after column.
type listDrawer struct {
	pdf  *gofpdf.Fpdf
	w    *writer
	list List
	col  int     // 0 or 1
	y    float64 // the top of the next line in the column
	top  float64 // where the columns start on this page
}

// block is lines of text drawn together at one size, indented or not.
type block struct {
	lines  []string
	bold   bool
	size   float64
	indent float64
	grey   bool
	before float64 // space above, in millimetres
}

func (b block) height() float64 { return b.before + linesHeight(len(b.lines), b.size) }

func (d *listDrawer) newPage() {
	d.pdf.AddPage()
	d.col, d.top = 0, listTop
	page := d.pdf.PageNo()
	d.pdf.SetTextColor(0, 0, 0)
	d.w.text(listMargin, 13, d.list.Event.Name, false, listHeadSize)
	if d.list.Symbol != "" {
		d.w.text(listPageW-listMargin-d.w.width(d.list.Symbol, true, listHeadSize), 13, d.list.Symbol, true, listHeadSize)
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(listMargin, 15, listPageW-listMargin, 15)
	d.w.centred(listPageW/2, listPageH-12, strconv.Itoa(page), false, listHeadSize)
	if page == 1 {
		d.w.centred(listPageW/2, 30, "List of participants", true, listTitleSize)
		d.w.centred(listPageW/2, 36, eventDays(d.list.Event), false, listDetailSize+1)
		d.top = 44
	}
	d.y = d.top
}

// room moves to the next column, or page, unless h millimetres fit below.
func (d *listDrawer) room(h float64) {
	if d.y+h <= listBottom || d.y == d.top {
		return
	}
	if d.col == 0 {
		d.col, d.y = 1, d.top
		return
	}
	d.newPage()
}

// draw draws blocks at the column's current place, which must have room.
func (d *listDrawer) draw(blocks ...block) {
	x := listMargin + float64(d.col)*(listColumnW+listGutter)
	for _, b := range blocks {
		if d.y > d.top {
			d.y += b.before
		}
		if b.grey {
			d.pdf.SetTextColor(70, 70, 70)
		}
		for _, l := range b.lines {
			d.y += b.size * ptToMM * lineHeight
			d.w.text(x+b.indent, d.y-b.size*ptToMM*(lineHeight-capHeight), l, b.bold, b.size)
		}
		if b.grey {
			d.pdf.SetTextColor(0, 0, 0)
		}
	}
}

// wrapped makes a block of text broken to the column's width.
func (d *listDrawer) wrapped(text string, bold bool, size, indent float64) block {
	text = strings.Join(strings.Fields(text), " ")
	lines := wrap(text, (listColumnW-indent)*10/size, func(s string) float64 { return d.w.width(s, bold, 10) })
	return block{lines: lines, bold: bold, size: size, indent: indent}
}

// section draws a section's heading and its groups; a heading is never
// left alone at the foot of a column.
func (d *listDrawer) section(sec data.ListSection) {
	heading := d.wrapped(sec.Title, true, listSectionSize, 0)
	heading.before = 6
	for i, g := range sec.Groups {
		name := d.wrapped(g.Name, true, listGroupSize, 0)
		name.before = 3.5
		first := d.person(g.People[0])
		lead := append([]block{name}, first...)
		if i == 0 {
			lead = append([]block{heading}, lead...)
		}
		h := 0.0
		for _, b := range lead {
			h += b.height()
		}
		d.room(h)
		d.draw(lead...)
		for _, p := range g.People[1:] {
			blocks := d.person(p)
			h := 0.0
			for _, b := range blocks {
				h += b.height()
			}
			d.room(h)
			d.draw(blocks...)
		}
	}
}

// person is one entry: the name, then the position and the name in its own
// script, indented.
func (d *listDrawer) person(p data.Participant) []block {
	name := d.wrapped(nameInList(p), false, listNameSize, 0)
	name.before = 1.2
	blocks := []block{name}
	if d.list.Native && p.NativeName != "" && d.w.draws(p.NativeName) {
		blocks = append(blocks, d.wrapped(p.NativeName, false, listNameSize, listIndent))
	}
	if p.Position != "" {
		pos := d.wrapped(p.Position, false, listDetailSize, listIndent)
		pos.grey = true
		blocks = append(blocks, pos)
	}
	return blocks
}

// nameInList is a participant's name as listed: the title, then the names
// in the order of the participant's country, the family name in capitals.
func nameInList(p data.Participant) string { return p.ListName() }
