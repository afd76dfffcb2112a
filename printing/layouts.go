package printing

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"accred/data"
	"accred/data/country"
)

const ptToMM = 25.4 / 72

// portrait draws an A6 badge (105 × 148 mm) with its top left at (x, y).
func (d *drawer) portrait(b Badge, code qrMark, x, y float64) {
	const width, margin = 105.0, 6.0
	p := b.Participant
	inner := width - 2*margin

	// Header: logo, event name and days.
	d.pdf.ImageOptions("logo", x+margin, y+5, 14, 14, false, gofpdf.ImageOptions{}, 0, "")
	d.pdf.SetTextColor(30, 30, 30)
	lines, size := d.fit(d.sheet.Event.Name, true, 9, 6.5, inner-17, 3)
	ty := y + 5 + size*ptToMM
	for _, l := range lines {
		d.w.text(x+margin+17, ty, l, true, size)
		ty += size * ptToMM * 1.2
	}
	d.pdf.SetTextColor(90, 90, 90)
	d.w.text(x+margin+17, ty+0.5, eventDays(d.sheet.Event), false, 7)

	// Photo on the left and QR code on the right; the code alone is centred.
	top := y + 23
	const qrSide = 42.0
	if d.photo(p, x+margin, top, 31, 40) {
		drawQR(d.pdf, code, x+width-margin-qrSide+2, top-1, qrSide)
	} else {
		drawQR(d.pdf, code, x+(width-qrSide)/2, top-1, qrSide)
	}

	// Who: title, name, name in own script, affiliation, position.
	cy := top + 48
	cx := x + width/2
	d.pdf.SetTextColor(90, 90, 90)
	if p.Title != "" {
		d.w.centred(cx, cy, p.Title, false, 10)
		cy += 5
	}
	d.pdf.SetTextColor(0, 0, 0)
	cy = d.centredBlock(cx, cy, nameOnBadge(p), true, 24, 12, inner, 2)
	if p.NativeName != "" {
		cy = d.centredBlock(cx, cy+0.5, p.NativeName, false, 14, 8, inner, 1)
	}
	cy = d.centredBlock(cx, cy+2, affiliation(p.Affiliation), true, 11, 7, inner, 2)
	d.pdf.SetTextColor(70, 70, 70)
	if p.Position != "" {
		d.centredBlock(cx, cy+0.5, p.Position, false, 9, 6, inner, 2)
	}

	// Category band with the badge number; the head of a delegation is marked above it.
	cat := d.category(p.Category)
	bandTop := y + 126
	if p.HeadOfDelegation {
		d.headMark(cx, bandTop-3.5, 8)
	}
	d.band(x, bandTop, width, 148-(bandTop-y), cat)
	r, g, bl := textOn(cat.Colour)
	d.pdf.SetTextColor(r, g, bl)
	_, size = d.fit(strings.ToUpper(cat.Name), true, 22, 10, inner-22, 1)
	d.w.centred(cx, bandTop+11, strings.ToUpper(cat.Name), true, size)
	d.w.text(x+width-margin-d.w.width(p.BadgeNumber(), false, 8), y+148-3, p.BadgeNumber(), false, 8)
}

// card draws an ID-1 card (85.6 × 54 mm, landscape).
func (d *drawer) card(b Badge, code qrMark) {
	const width, height, margin = 85.6, 54.0, 3.0
	p := b.Participant
	cat := d.category(p.Category)

	d.band(0, 0, width, 9, cat)
	r, g, bl := textOn(cat.Colour)
	d.pdf.SetTextColor(r, g, bl)
	label := strings.ToUpper(cat.Name)
	if p.HeadOfDelegation {
		label += " · HEAD OF DELEGATION"
	}
	_, size := d.fit(label, true, 12, 6, width-2*margin-16, 1)
	d.w.text(margin, 6.3, label, true, size)
	d.w.text(width-margin-d.w.width(p.BadgeNumber(), false, 7), 6, p.BadgeNumber(), false, 7)

	const qrSide = 29.0
	drawQR(d.pdf, code, width-qrSide-1, height-qrSide-1, qrSide)
	left := margin
	if d.photo(p, margin, 12, 19, 24) {
		left = margin + 22
	}
	textWidth := width - qrSide - 1 - left - 1
	cx := left + textWidth/2
	d.pdf.SetTextColor(0, 0, 0)
	cy := 15.5
	if p.Title != "" {
		d.pdf.SetTextColor(90, 90, 90)
		d.w.centred(cx, cy, p.Title, false, 7)
		cy += 3.5
		d.pdf.SetTextColor(0, 0, 0)
	}
	cy = d.centredBlock(cx, cy, nameOnBadge(p), true, 13, 6.5, textWidth, 2)
	if p.NativeName != "" {
		cy = d.centredBlock(cx, cy, p.NativeName, false, 9, 5, textWidth, 1)
	}
	cy = d.centredBlock(cx, cy+1, affiliation(p.Affiliation), true, 8, 5, textWidth, 2)
	if p.Position != "" {
		d.pdf.SetTextColor(70, 70, 70)
		d.centredBlock(cx, cy, p.Position, false, 6.5, 5, textWidth, 2)
	}
	d.pdf.ImageOptions("logo", margin, height-8, 6, 6, false, gofpdf.ImageOptions{}, 0, "")
	d.pdf.SetTextColor(90, 90, 90)
	lines, size := d.fit(d.sheet.Event.Name, false, 5.5, 4, width-qrSide-margin-10, 2)
	for i, l := range lines {
		d.w.text(margin+7.5, height-5.2+float64(i)*size*ptToMM*1.15, l, false, size)
	}
}

// cropMarks marks where an A4 sheet of four A6 badges is cut.
func (d *drawer) cropMarks() {
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.SetLineWidth(0.2)
	for _, y := range []float64{0.5, 148.5, 296.5} {
		d.pdf.Line(0, y, 4, y)
		d.pdf.Line(206, y, 210, y)
		d.pdf.Line(101, y, 109, y)
	}
	for _, x := range []float64{105} {
		d.pdf.Line(x, 0, x, 4)
		d.pdf.Line(x, 293, x, 297)
		d.pdf.Line(x, 144.5, x, 152.5)
	}
}

// photo draws the participant's photo in the box, keeping its shape, and
// reports whether there was one.
func (d *drawer) photo(p data.Participant, x, y, w, h float64) bool {
	if !p.HasPhoto || d.sheet.Photo == nil {
		return false
	}
	jpeg := d.sheet.Photo(p.ID)
	if len(jpeg) == 0 {
		return false
	}
	name := "photo-" + strconv.FormatInt(p.ID, 10)
	info := d.pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(jpeg))
	if info == nil || d.pdf.Error() != nil {
		d.pdf.ClearError()
		return false
	}
	iw, ih := info.Width(), info.Height()
	sw, sh := w, w*ih/iw
	if sh > h {
		sw, sh = h*iw/ih, h
	}
	d.pdf.ImageOptions(name, x+(w-sw)/2, y+(h-sh)/2, sw, sh, false, gofpdf.ImageOptions{}, 0, "")
	return true
}

// band fills a rectangle with the category's colour.
func (d *drawer) band(x, y, w, h float64, c data.Category) {
	r, g, b := rgb(c.Colour)
	d.pdf.SetFillColor(r, g, b)
	d.pdf.Rect(x, y, w, h, "F")
}

// headMark is the head-of-delegation mark, centred on cx.
func (d *drawer) headMark(cx, baseline, size float64) {
	const label = "HEAD OF DELEGATION"
	w := d.w.width(label, true, size) + 6
	d.pdf.SetFillColor(255, 255, 255)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetLineWidth(0.4)
	d.pdf.RoundedRect(cx-w/2, baseline-size*ptToMM-1.2, w, size*ptToMM+2.4, 1.2, "1234", "D")
	d.pdf.SetTextColor(0, 0, 0)
	d.w.centred(cx, baseline, label, true, size)
}

func (d *drawer) category(code string) data.Category {
	if c, ok := d.categories[code]; ok {
		return c
	}
	return data.Category{Code: code, Name: code, Colour: "#555555"}
}

// centredBlock draws text centred on cx below y, fitted to width in at most
// maxLines lines, and returns where the next block starts.
func (d *drawer) centredBlock(cx, y float64, text string, bold bool, maxSize, minSize, width float64, maxLines int) float64 {
	lines, size := d.fit(text, bold, maxSize, minSize, width, maxLines)
	for _, l := range lines {
		y += size * ptToMM * 1.05
		d.w.centred(cx, y, l, bold, size)
		y += size * ptToMM * 0.2
	}
	return y
}

// fit finds the largest size, from maxSize down, at which text fits width
// in at most maxLines lines. Below minSize it keeps shrinking rather than
// cut a name or let it overflow.
func (d *drawer) fit(text string, bold bool, maxSize, minSize, width float64, maxLines int) ([]string, float64) {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return nil, maxSize
	}
	measure := func(s string) float64 { return d.w.width(s, bold, 10) }
	if size := min(maxSize, 10*width/measure(text)); size >= minSize || maxLines == 1 {
		return []string{text}, size
	}
	for lines := 2; ; lines++ {
		split := splitLines(text, lines, measure)
		widest := 0.0
		for _, l := range split {
			widest = max(widest, measure(l))
		}
		if size := min(maxSize, 10*width/widest); size >= minSize || lines >= maxLines {
			return split, size
		}
	}
}

// splitLines breaks text at spaces into n lines of about equal width.
func splitLines(text string, n int, width func(string) float64) []string {
	words := strings.Fields(text)
	if n <= 1 || len(words) < 2 {
		return []string{text}
	}
	if n > len(words) {
		n = len(words)
	}
	target := width(text) / float64(n)
	var lines []string
	var cur []string
	for i, w := range words {
		cur = append(cur, w)
		remainingWords := len(words) - i - 1
		remainingLines := n - len(lines) - 1
		if remainingLines > 0 && (width(strings.Join(cur, " ")) >= target || remainingWords == remainingLines) {
			lines = append(lines, strings.Join(cur, " "))
			cur = nil
		}
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

// nameOnBadge is the name in large type: the names without the title, in
// the order of the participant's country.
func nameOnBadge(p data.Participant) string {
	p.Title = ""
	return p.FullName()
}

// affiliation is whom a participant comes with, as printed.
func affiliation(a data.Affiliation) string {
	if a.Kind == data.AffiliationDelegation {
		if c, ok := country.Lookup(a.Country); ok {
			return c.Name("en")
		}
	}
	return a.Name
}

func eventDays(e data.Event) string {
	if e.Starts.Equal(e.Ends) {
		return e.Starts.Format("2 January 2006")
	}
	if e.Starts.Month() == e.Ends.Month() && e.Starts.Year() == e.Ends.Year() {
		return e.Starts.Format("2") + "–" + e.Ends.Format("2 January 2006")
	}
	return e.Starts.Format("2 January") + " – " + e.Ends.Format("2 January 2006")
}

// rgb reads #RRGGBB; grey when it cannot.
func rgb(hex string) (int, int, int) {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		return 85, 85, 85
	}
	return int(v >> 16 & 0xFF), int(v >> 8 & 0xFF), int(v & 0xFF)
}

// textOn picks black or white text, whichever reads better on the colour.
func textOn(hex string) (int, int, int) {
	r, g, b := rgb(hex)
	if 299*r+587*g+114*b > 150_000 {
		return 0, 0, 0
	}
	return 255, 255, 255
}
