package printing

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"accred/data"
)

// Handover is the list a focal point signs for the badges they collected for
// their delegation.
type Handover struct {
	Event      data.Event
	Delegation string           // the delegation's or organisation's name
	FocalPoint data.Participant // who collected
	At         string           // when, as the desk shows it, with the time zone
	Station    string           // the desk
	People     []data.Participant
}

// The handover list on A4: a running head, then one row per badge.
const (
	handoverRowH     = 11.0
	handoverNumberW  = 10.0
	handoverBadgeW   = 28.0
	handoverSignW    = 55.0
	handoverNameSize = 10.0
)

// HandoverList writes the list a focal point signs, as a PDF: the focal
// point, the time and the desk in the head, then each badge's holder, badge
// number and a column to sign. The same handover gives the same bytes.
func HandoverList(out io.Writer, h Handover) error {
	if err := loadFaces(); err != nil {
		return fmt.Errorf("load fonts: %w", err)
	}
	if len(h.People) == 0 {
		return errors.New("no badge to list")
	}
	pdf := newA4("Badges handed over: "+h.Delegation, h.Event)
	w := newWriter(pdf)
	nameW := listPageW - 2*listMargin - handoverNumberW - handoverBadgeW - handoverSignW
	var y float64
	newPage := func() {
		pdf.AddPage()
		pdf.SetTextColor(0, 0, 0)
		pdf.SetDrawColor(0, 0, 0)
		pdf.SetLineWidth(0.2)
		w.text(listMargin, 13, h.Event.Name, false, listHeadSize)
		pdf.Line(listMargin, 15, listPageW-listMargin, 15)
		w.centred(listPageW/2, listPageH-12, strconv.Itoa(pdf.PageNo()), false, listHeadSize)
		w.text(listMargin, 26, "Badges handed over: "+h.Delegation, true, listTitleSize)
		w.text(listMargin, 34, "Collected by "+h.FocalPoint.FullName()+" ("+h.FocalPoint.BadgeNumber()+")", false, listGroupSize)
		w.text(listMargin, 40, h.At+" · "+h.Station, false, listGroupSize)
		y = 50
		x := listMargin
		for i, head := range []string{"No.", "Name", "Badge number", "Signature"} {
			w.text(x+1, y, head, true, listDetailSize)
			x += []float64{handoverNumberW, nameW, handoverBadgeW, handoverSignW}[i]
		}
		y += 2
		pdf.Line(listMargin, y, listPageW-listMargin, y)
	}
	newPage()
	for i, p := range h.People {
		if y+handoverRowH > listBottom-25 {
			newPage()
		}
		base := y + handoverRowH/2 + 1.5
		w.text(listMargin+1, base, strconv.Itoa(i+1), false, handoverNameSize)
		w.text(listMargin+handoverNumberW+1, base, fitText(w, nameInList(p), nameW-2, handoverNameSize), false, handoverNameSize)
		w.text(listMargin+handoverNumberW+nameW+1, base, p.BadgeNumber(), false, handoverNameSize)
		y += handoverRowH
		pdf.Line(listMargin, y, listPageW-listMargin, y)
	}
	w.text(listMargin, y+14, "Signature of the focal point:", false, listGroupSize)
	pdf.Line(listMargin+55, y+15, listPageW-listMargin, y+15)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("handover list: %w", err)
	}
	return output(pdf, out)
}

// fitText shortens text with an ellipsis until it fits width at size.
func fitText(w *writer, text string, width, size float64) string {
	r := []rune(text)
	for len(r) > 1 && w.width(text, false, size) > width {
		r = r[:len(r)-1]
		text = string(r) + "…"
	}
	return text
}
