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

// The A6 badge, after the badges of United Nations conferences: the name
// leads, high on the badge, with capitals 8 mm tall and the family name in
// capitals; the affiliation follows with capitals 5 mm tall; the photo
// frame and the QR code (40 mm without its quiet zone) have the same place
// on every badge; the category's colour band is at the foot.
const (
	nameSize, nameMinSize       = 32.0, 12.0 // points: capitals of 8 mm, and the least that reads at arm's length
	affiliationSize             = 20.0       // points: capitals of 5 mm
	capHeight                   = 0.714      // Noto Sans capitals, in ems
	a6Width, a6Height, a6Margin = 105.0, 148.0, 6.0
	nameWidth                   = a6Width - 9 // the name comes closer to the edges
	a6BandTop                   = 126.0
	a6QRTop, a6QRSide           = 78.0, 48.0 // the code with its quiet zone
	photoTop, photoW, photoH    = 80.0, 32.0, 42.0
	zoneSize                    = 30.0 // points: the zones' digits 7.5 mm tall, in the band
)

// portrait draws an A6 badge (105 × 148 mm) with its top left at (x, y);
// on an A4 sheet, its band bleeds past the cut.
func (d *drawer) portrait(b Badge, code qrMark, x, y float64, bleed bleed) {
	p := b.Participant
	const inner = a6Width - 2*a6Margin
	cx := x + a6Width/2

	// Header: logo, event name and days, small, above the name.
	d.logo(x+a6Margin, y+4, 10)
	d.pdf.SetTextColor(30, 30, 30)
	lines, size := d.fit(d.sheet.Event.Name, true, 8, 6, inner-13, linesHeight(2, 8))
	ty := y + 4 + size*ptToMM
	for _, l := range lines {
		d.w.text(x+a6Margin+13, ty, l, true, size)
		ty += size * ptToMM * 1.15
	}
	d.pdf.SetTextColor(90, 90, 90)
	d.w.text(x+a6Margin+13, ty+0.3, eventDays(d.sheet.Event), false, 6.5)

	// Who: title, name, name in own script, affiliation, position.
	if p.Title != "" {
		d.w.centred(cx, y+17, p.Title, false, 8.5)
	}
	d.pdf.SetTextColor(0, 0, 0)
	cy := d.centredBlock(cx, y+19.5, nameOnBadge(p), true, nameSize, nameMinSize, nameWidth, 27)
	if d.w.draws(p.NativeName) {
		cy = d.centredBlock(cx, cy+0.5, p.NativeName, false, 14, 8, inner, 6)
	}
	cy = d.centredBlock(cx, cy+1.5, affiliation(p.Affiliation), true, affiliationSize, 11, inner, 17)
	if p.Position != "" {
		d.pdf.SetTextColor(70, 70, 70)
		d.centredBlock(cx, cy+0.5, p.Position, false, 9, 6.5, inner, 8)
	}

	// The photo frame and the code, in the same place on every badge of
	// the category; without a photo, the code is centred.
	cat := d.category(p.Category)
	if cat.NoPhoto {
		drawQR(d.pdf, code, cx-a6QRSide/2, y+a6QRTop, a6QRSide)
	} else {
		d.photoFrame(p, x+a6Margin+2, y+photoTop, photoW, photoH)
		drawQR(d.pdf, code, x+a6Width-a6QRSide-3, y+a6QRTop, a6QRSide)
	}

	// Category band with the badge number; the head of a delegation is marked in it.
	d.band(x, y+a6BandTop, a6Width, a6Height-a6BandTop, cat)
	if bleed.depth > 0 {
		d.band(x+bleed.from, y+a6Height, bleed.to-bleed.from, bleed.depth, cat)
	}
	if p.HeadOfDelegation {
		d.headMark(cx, y+a6BandTop+6, 8)
	}
	r, g, bl := textOn(cat)
	d.pdf.SetTextColor(r, g, bl)
	// The zones, large at the band's right, read at a checkpoint; the
	// category's name is centred in what is left.
	nameCX, nameWidth := cx, inner-22
	if zones := data.ZoneNumbers(d.sheet.Zones.Of(p)); zones != "" {
		_, zsize := d.fit(zones, true, zoneSize, 14, inner/2, 0)
		zw := d.w.width(zones, true, zsize)
		d.w.text(x+a6Width-a6Margin-zw, y+a6BandTop+16, zones, true, zsize)
		nameWidth = inner - zw - 6
		nameCX = x + a6Margin + nameWidth/2
	}
	label := strings.ToUpper(cat.Label(d.sheet.Event.Languages))
	_, size = d.fit(label, true, 22, 10, nameWidth, 0)
	d.w.centred(nameCX, y+a6BandTop+16, label, true, size)
	d.w.text(x+a6Width-a6Margin-d.w.width(p.BadgeNumber(), false, 8), y+a6Height-3, p.BadgeNumber(), false, 8)
}

// card draws an ID-1 card (85.6 × 54 mm, landscape): the category band on
// top, the name across the card below it, the photo frame on the left and
// the code on the right.
func (d *drawer) card(b Badge, code qrMark) {
	const width, height, margin, qrSide = 85.6, 54.0, 3.0, 32.0
	p := b.Participant
	cat := d.category(p.Category)

	d.band(0, 0, width, 9, cat)
	r, g, bl := textOn(cat)
	d.pdf.SetTextColor(r, g, bl)
	label := strings.ToUpper(cat.Label(d.sheet.Event.Languages))
	if p.HeadOfDelegation {
		label += " · HEAD OF DELEGATION"
	}
	// The zones, as large as the band takes, before the badge number.
	numberX := width - margin - d.w.width(p.BadgeNumber(), false, 7)
	labelWidth := width - 2*margin - 16
	if zones := data.ZoneNumbers(d.sheet.Zones.Of(p)); zones != "" {
		_, zsize := d.fit(zones, true, 18, 9, 30, 0)
		zx := numberX - 2 - d.w.width(zones, true, zsize)
		d.w.text(zx, 7.4, zones, true, zsize)
		labelWidth = zx - 2 - margin
	}
	_, size := d.fit(label, true, 12, 6, labelWidth, 0)
	d.w.text(margin, 6.3, label, true, size)
	d.w.text(numberX, 6, p.BadgeNumber(), false, 7)

	if !cat.NoPhoto {
		d.photoFrame(p, margin, 12, 19, 24)
	}
	const left = margin + 21
	d.pdf.SetTextColor(90, 90, 90)
	nameTop := 11.0
	if p.Title != "" {
		d.w.centred(left+(width-left-margin)/2, 12, p.Title, false, 6.5)
		nameTop = 13.8
	}
	d.pdf.SetTextColor(0, 0, 0)
	const qrTop = height - qrSide - 0.5
	cy := d.centredBlock(left+(width-left-margin)/2, nameTop, nameOnBadge(p), true, 16, 6, width-left-margin, qrTop-nameTop)

	drawQR(d.pdf, code, width-qrSide-0.5, qrTop, qrSide)
	textWidth := width - qrSide - left
	cx := left + textWidth/2
	if d.w.draws(p.NativeName) {
		cy = d.centredBlock(cx, cy, p.NativeName, false, 9, 5, textWidth, 4)
	}
	cy = d.centredBlock(cx, cy+0.5, affiliation(p.Affiliation), true, 9, 5, textWidth, 8)
	if p.Position != "" {
		d.pdf.SetTextColor(70, 70, 70)
		d.centredBlock(cx, cy, p.Position, false, 6.5, 5, textWidth, 6)
	}
	d.logo(margin, height-8, 6)
	d.pdf.SetTextColor(90, 90, 90)
	lines, size := d.fit(d.sheet.Event.Name, false, 5.5, 4, width-qrSide-margin-10, linesHeight(2, 5.5))
	for i, l := range lines {
		d.w.text(margin+7.5, height-5.2+float64(i)*size*ptToMM*1.15, l, false, size)
	}
}

// An A4 sheet holds four A6 badges, butted two by two; each is cut out
// along its edges. The sheet has no room between the badges, so a band
// bleeds where white paper lies beyond its cut: down, 3 mm past its foot
// (into the top margin of the badge below, or off the sheet). The strip
// stops 4 mm short of the sheet's sides, where the crop marks of that cut
// are, outside it.
const (
	sheetTop   = 0.5 // the badges' top edge on the sheet
	bleedDepth = 3.0 // how far a band runs past its cut
	markLength = 3.5
	markRoom   = 4.0 // white kept at the sheet's sides for the marks
)

// bleed is the strip under a badge's band, from and to in millimetres from
// the badge's left edge.
type bleed struct{ depth, from, to float64 }

// sheetPlace is where the i-th badge of an A4 sheet goes, and its bleed.
func sheetPlace(i int) (x, y float64, b bleed) {
	col, row := i%2, i/2%2
	x, y = float64(col)*a6Width, sheetTop+float64(row)*a6Height
	b = bleed{depth: bleedDepth, from: 0, to: a6Width}
	if col == 0 {
		b.from = markRoom
	} else {
		b.to = a6Width - markRoom
	}
	return x, y, b
}

// cropMark is a short line on a cut, outside the bands and their bleed.
type cropMark struct{ x1, y1, x2, y2 float64 }

// cropMarks are the marks of an A4 sheet: the cut between the columns at
// the sheet's top and just below the upper bands' bleed, and the cuts
// across at the sheet's sides.
var cropMarks = func() []cropMark {
	const right = 2 * a6Width
	below := sheetTop + a6Height + bleedDepth + 0.5
	marks := []cropMark{{a6Width, 0, a6Width, markLength}, {a6Width, below, a6Width, below + markLength}}
	for _, y := range []float64{sheetTop, sheetTop + a6Height, sheetTop + 2*a6Height} {
		marks = append(marks, cropMark{0, y, markLength, y}, cropMark{right - markLength, y, right, y})
	}
	return marks
}()

// drawCropMarks draws the marks of an A4 sheet.
func (d *drawer) drawCropMarks() {
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.SetLineWidth(0.2)
	for _, m := range cropMarks {
		d.pdf.Line(m.x1, m.y1, m.x2, m.y2)
	}
}

// photoFrame draws the participant's photo in the frame, keeping its shape,
// or an empty frame marked "photo" where there is none: the frame is in the
// same place on every badge.
func (d *drawer) photoFrame(p data.Participant, x, y, w, h float64) {
	if d.photo(p, x, y, w, h) {
		return
	}
	d.pdf.SetDrawColor(150, 150, 150)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Rect(x, y, w, h, "D")
	d.pdf.SetTextColor(150, 150, 150)
	d.w.centred(x+w/2, y+h/2+1, "photo", false, min(9, w))
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
	col := c.RGB()
	d.pdf.SetFillColor(int(col.R), int(col.G), int(col.B))
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

// lineHeight is the distance between two baselines, in ems, where the
// letters' accents and descenders leave room for it.
const lineHeight = 1.15

// lineGap is the least white between the ink of one line and the next, in ems.
const lineGap = 0.08

// shape is where the lines of a block sit, in ems of its size: first is the
// first baseline below the block's top, pitch[i] the distance from line
// i-1's baseline to line i's, and after the room the block takes below its
// last baseline: its lowest ink and a little white. Lines stand lineHeight apart, or further where stacked
// accents (Ễ, Ỗ, Ấ) reach up to the line above or a dot below (Ặ, Ộ) and
// descenders reach down to the line below; no line's ink enters another's.
func (d *drawer) shape(lines []string, bold bool) (first float64, pitch []float64, after float64) {
	pitch = make([]float64, len(lines))
	var above reach
	for i, l := range lines {
		r := d.w.reach(l, bold)
		if i == 0 {
			first = max(capHeight, r.up)
		} else {
			pitch[i] = max(lineHeight, above.down+lineGap+r.up)
		}
		above = r
	}
	return first, pitch, above.down + lineGap
}

// blockHeight is the height of a block of lines, in ems of its size.
func (d *drawer) blockHeight(lines []string, bold bool) float64 {
	first, pitch, after := d.shape(lines, bold)
	h := first + after
	for _, p := range pitch {
		h += p
	}
	return h
}

// centredBlock draws text centred on cx below y, as large as fits width and
// height in millimetres (up to maxSize), on as many lines as that takes,
// and returns where the next block starts. Text that would go below
// minSize keeps minSize and wraps onto more lines, past height if it must.
func (d *drawer) centredBlock(cx, y float64, text string, bold bool, maxSize, minSize, width, height float64) float64 {
	lines, size := d.fit(text, bold, maxSize, minSize, width, height)
	if len(lines) > 1 && paragraphLevel(text) == 1 {
		for i := range lines {
			lines[i] = rightToLeftMark + lines[i] // each line keeps the direction of the text
		}
	}
	first, pitch, after := d.shape(lines, bold)
	em := size * ptToMM
	y += first * em
	for i, l := range lines {
		y += pitch[i] * em
		d.w.centred(cx, y, l, bold, size)
	}
	return y + after*em
}

// linesHeight is the height of n lines of text at size, in millimetres.
func linesHeight(n int, size float64) float64 { return float64(n) * size * ptToMM * lineHeight }

// fit finds the largest size, from maxSize down, at which text fits width
// on lines that take at most height millimetres (one line when height is
// 0). Below minSize it wraps onto as many lines as it takes at minSize; a
// word wider than the line shrinks it further rather than be cut or
// overflow.
func (d *drawer) fit(text string, bold bool, maxSize, minSize, width, height float64) ([]string, float64) {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return nil, maxSize
	}
	measure := func(s string) float64 { return d.w.width(s, bold, 10) }
	words := len(strings.Fields(text))
	var best []string
	bestSize := 0.0
	for n := 1; n == 1 || (n <= words && linesHeight(n, minSize) <= height); n++ {
		split := splitLines(text, n, measure)
		widest := 0.0
		for _, l := range split {
			widest = max(widest, measure(l))
		}
		size := min(maxSize, 10*width/widest)
		if height > 0 {
			size = min(size, height/(d.blockHeight(split, bold)*ptToMM))
		}
		if size > bestSize+0.01 {
			best, bestSize = split, size
		}
	}
	if bestSize >= minSize || height == 0 {
		return best, bestSize
	}
	lines := wrap(text, 10*width/minSize, measure)
	widest := 0.0
	for _, l := range lines {
		widest = max(widest, measure(l))
	}
	return lines, min(minSize, 10*width/widest)
}

// wrap breaks text at spaces into lines no wider than width (at size 10),
// except a single word wider than that.
func wrap(text string, width float64, measure func(string) float64) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && measure(line+" "+w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
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
// the order of the participant's country, the family name in capitals as
// on United Nations badges.
func nameOnBadge(p data.Participant) string { return p.BadgeName() }

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

// textOn picks black or white text, whichever reads better on the category's colour.
func textOn(c data.Category) (int, int, int) {
	col := c.RGB()
	if 299*int(col.R)+587*int(col.G)+114*int(col.B) > 150_000 {
		return 0, 0, 0
	}
	return 255, 255, 255
}
