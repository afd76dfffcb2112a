package printing

import (
	"strings"
	"sync"
	"unicode"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"accred/resources"
)

// face is one embedded font family, with the letters it can draw.
type face struct {
	family        string
	regular, bold string // files in resources/fonts; bold may be the regular file
	once          sync.Once
	err           error
	metrics       [2]*sfnt.Font // regular and bold, for widths
	raw           map[string][]byte
}

// loaded reads and parses the face's files the first time a letter needs
// them: most badges need the first face only, and the others hold
// megabytes of Chinese, Japanese and Korean letters.
func (f *face) loaded() *face {
	f.once.Do(func() {
		raw := map[string][]byte{}
		for i, name := range []string{f.regular, f.bold} {
			b, err := resources.Fonts.ReadFile("fonts/" + name)
			if err != nil {
				f.err = err
				return
			}
			if f.metrics[i], err = sfnt.Parse(b); err != nil {
				f.err = err
				return
			}
			raw[name] = b
		}
		f.raw = raw
	})
	return f
}

// faces are tried in order for each letter.
var faces = []*face{
	{family: "sans", regular: "NotoSans-Regular.ttf", bold: "NotoSans-Bold.ttf"},
	{family: "arabic", regular: "NotoSansArabic-Regular.ttf", bold: "NotoSansArabic-Bold.ttf"},
	{family: "hebrew", regular: "NotoSansHebrew-Regular.ttf", bold: "NotoSansHebrew-Bold.ttf"},
	{family: "cjk", regular: "DroidSansFallbackFull.ttf", bold: "DroidSansFallbackFull.ttf"},
	{family: "korean", regular: "NanumGothicBold.ttf", bold: "NanumGothicBold.ttf"},
}

// loadFaces loads the first face, which draws most of what a badge holds,
// and its tables; the others load when a letter needs them.
var loadFaces = sync.OnceValue(func() error {
	if err := faces[0].loaded().err; err != nil {
		return err
	}
	fillLatinTables()
	return nil
})

func lookupAdvance(faceIndex int, bold bool, r rune) float64 {
	font := faces[faceIndex].loaded().metrics[0]
	if bold {
		font = faces[faceIndex].loaded().metrics[1]
	}
	var buf sfnt.Buffer
	g, err := font.GlyphIndex(&buf, r)
	if err != nil {
		return 0
	}
	adv, err := font.GlyphAdvance(&buf, g, fixed.I(1000), xfont.HintingNone)
	if err != nil {
		return 0
	}
	return float64(adv) / 64
}

type advanceKey struct {
	face int
	bold bool
	r    rune
}

var (
	advancesMu sync.RWMutex
	advances   = map[advanceKey]float64{}
)

// advance is how far a letter moves the pen, in thousandths of the size.
func advance(faceIndex int, bold bool, r rune) float64 {
	if faceIndex == 0 && r >= 0 && r < latinEnd {
		if bold {
			return latinAdvance[1][r]
		}
		return latinAdvance[0][r]
	}
	key := advanceKey{faceIndex, bold, r}
	advancesMu.RLock()
	a, ok := advances[key]
	advancesMu.RUnlock()
	if ok {
		return a
	}
	a = lookupAdvance(faceIndex, bold, r)
	advancesMu.Lock()
	advances[key] = a
	advancesMu.Unlock()
	return a
}

var (
	coverageMu sync.RWMutex
	coverage   = map[rune]int{} // rune → index in faces, or -1
)

// Letters below latinEnd (Latin, with the accents of Western and Central
// Europe) are looked up in tables filled when the fonts load: they are most
// of what a badge holds.
const latinEnd = 0x250

var (
	latinFace    [latinEnd]int8
	latinAdvance [2][latinEnd]float64 // regular and bold advances in face 0
)

func fillLatinTables() {
	for r := rune(0); r < latinEnd; r++ {
		latinFace[r] = int8(lookupFace(r))
		latinAdvance[0][r] = lookupAdvance(0, false, r)
		latinAdvance[1][r] = lookupAdvance(0, true, r)
	}
}

// faceFor returns the index of the first face that draws r, or -1.
func faceFor(r rune) int {
	if r >= 0 && r < latinEnd {
		return int(latinFace[r])
	}
	coverageMu.RLock()
	i, ok := coverage[r]
	coverageMu.RUnlock()
	if ok {
		return i
	}
	i = lookupFace(r)
	coverageMu.Lock()
	coverage[r] = i
	coverageMu.Unlock()
	return i
}

// draws reports whether the face has a glyph for r.
func (f *face) draws(r rune) bool {
	if f.loaded().err != nil {
		return false
	}
	var buf sfnt.Buffer
	g, err := f.metrics[0].GlyphIndex(&buf, r)
	return err == nil && g != 0
}

func lookupFace(r rune) int {
	if unicode.In(r, unshaped...) {
		return -1
	}
	for j, f := range faces {
		if f.draws(r) {
			return j
		}
	}
	return -1
}

// unshaped are the scripts whose letters change shape and place with their
// neighbours in ways only a shaping engine lays out (Arabic is shaped in
// arabic.go): drawn letter by letter they would be wrong, so their letters
// count as missing, are left out and are warned about, whatever the fonts.
var unshaped = []*unicode.RangeTable{
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
	unicode.Thai, unicode.Lao, unicode.Tibetan, unicode.Myanmar, unicode.Khmer,
	unicode.Javanese, unicode.Balinese, unicode.Syriac, unicode.Thaana, unicode.Nko,
	unicode.Mongolian, unicode.Tai_Tham, unicode.Tai_Viet,
}

// Missing returns the letters of text that no embedded font can draw, so
// that a badge is never printed with empty boxes.
func Missing(text string) []rune {
	if err := loadFaces(); err != nil {
		return []rune(text)
	}
	var missing []rune
	for _, r := range visualOrder(text) {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && faceFor(r) < 0 {
			missing = append(missing, r)
		}
	}
	return missing
}

// segment is a piece of a line drawn with one face.
type segment struct {
	face int
	text string
}

// segments splits a line, in visual order, into runs of one face each;
// spaces, and marks the run's face draws, stay with the run they are in.
// Letters no face draws are left out, and so are their marks; invisible
// format characters are too.
func segments(line string) []segment {
	var out []segment
	var cur []rune
	curFace := -1
	dropped := false // the last letter was left out
	for _, r := range line {
		f := curFace
		mark := unicode.Is(unicode.Mn, r)
		switch {
		case unicode.Is(unicode.Cf, r):
			continue // direction marks and joiners have done their work
		case unicode.IsSpace(r):
		case mark && dropped:
			continue
		case mark && faceFor(r) >= 0 && curFace >= 0 && faces[curFace].draws(r):
			// a mark stays in the run of its letter
		default:
			if f = faceFor(r); f < 0 {
				dropped = true
				continue // never drawn as an empty box; Missing warned beforehand
			}
		}
		if !mark {
			dropped = false
		}
		if f < 0 {
			f = 0
		}
		if f != curFace && len(cur) > 0 {
			out = append(out, segment{curFace, string(cur)})
			cur = cur[:0]
		}
		curFace = f
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		out = append(out, segment{curFace, string(cur)})
	}
	return out
}

// writer draws text on a PDF in any of the embedded faces, registering each
// face with the document the first time it is needed.
type writer struct {
	pdf        canvas
	registered map[string]bool // family and style
	lines      map[string][]segment
	current    advanceKey // the font selected, with its size in r
	page       int
	drawn      func(x, y float64, text string, bold bool, size float64) // hears each line drawn, for tests
}

func newWriter(pdf canvas) *writer {
	return &writer{pdf: pdf, registered: map[string]bool{}, lines: map[string][]segment{}}
}

// use selects a face, unless it is already selected on this page: every
// selection costs bytes in the page.
func (w *writer) use(faceIndex int, bold bool, size float64) {
	key := advanceKey{faceIndex, bold, rune(size * 100)}
	if key == w.current && w.page == w.pdf.PageNo() {
		return
	}
	w.current, w.page = key, w.pdf.PageNo()
	f := faces[faceIndex]
	style, file := "", f.regular
	if bold && f.bold != f.regular {
		style, file = "B", f.bold
	}
	if !w.registered[f.family+style] {
		w.pdf.AddUTF8FontFromBytes(f.family, style, f.loaded().raw[file])
		w.registered[f.family+style] = true
	}
	w.pdf.SetFont(f.family, style, size)
}

// line returns text shaped, in visual order and split by face, remembering
// recent lines: a badge measures a line before it draws it, and event
// names, categories and affiliations come back on every page.
func (w *writer) line(text string) []segment {
	if segs, ok := w.lines[text]; ok {
		return segs
	}
	if len(w.lines) >= 4096 {
		clear(w.lines)
	}
	segs := segments(visualOrder(text))
	w.lines[text] = segs
	return segs
}

// draws reports whether any letter of text can be drawn: a name wholly
// in a script no font draws leaves no empty line.
func (w *writer) draws(text string) bool {
	for _, s := range w.line(text) {
		if strings.TrimSpace(s.text) != "" {
			return true
		}
	}
	return false
}

// width is the width of text at size, in millimetres.
func (w *writer) width(text string, bold bool, size float64) float64 {
	total := 0.0
	for _, s := range w.line(text) {
		total += segmentWidth(s, bold, size)
	}
	return total
}

func segmentWidth(s segment, bold bool, size float64) float64 {
	units := 0.0
	for _, r := range s.text {
		units += advance(s.face, bold, r)
	}
	return units / 1000 * size * ptToMM
}

// text draws text with its baseline at y, starting at x.
func (w *writer) text(x, y float64, text string, bold bool, size float64) {
	if w.drawn != nil {
		w.drawn(x, y, text, bold, size)
	}
	for _, s := range w.line(text) {
		w.use(s.face, bold, size)
		w.pdf.Text(x, y, s.text)
		x += segmentWidth(s, bold, size)
	}
}

// centred draws text centred on cx.
func (w *writer) centred(cx, y float64, text string, bold bool, size float64) {
	w.text(cx-w.width(text, bold, size)/2, y, text, bold, size)
}

// reach is how far a letter's ink goes above and below the baseline, in ems.
type reach struct{ up, down float64 }

var (
	reachesMu sync.RWMutex
	reaches   = map[advanceKey]reach{}
)

// letterReach is how far r's ink goes above and below the baseline in a
// face, in ems: a capital with stacked accents (Ễ, Ỗ) goes well above the
// capitals, one with a dot below (Ặ, Ộ) below the baseline.
func letterReach(faceIndex int, bold bool, r rune) reach {
	key := advanceKey{faceIndex, bold, r}
	reachesMu.RLock()
	got, ok := reaches[key]
	reachesMu.RUnlock()
	if ok {
		return got
	}
	font := faces[faceIndex].loaded().metrics[0]
	if bold {
		font = faces[faceIndex].loaded().metrics[1]
	}
	var buf sfnt.Buffer
	if g, err := font.GlyphIndex(&buf, r); err == nil && g != 0 {
		if b, _, err := font.GlyphBounds(&buf, g, fixed.I(1000), xfont.HintingNone); err == nil {
			// Bounds run down the page: Min.Y above the baseline is negative.
			got = reach{up: max(0, -float64(b.Min.Y)/64/1000), down: max(0, float64(b.Max.Y)/64/1000)}
		}
	}
	reachesMu.Lock()
	reaches[key] = got
	reachesMu.Unlock()
	return got
}

// reach is how far the ink of text goes above and below its baseline, in
// ems of its size.
func (w *writer) reach(text string, bold bool) reach {
	var most reach
	for _, s := range w.line(text) {
		for _, r := range s.text {
			l := letterReach(s.face, bold, r)
			most.up, most.down = max(most.up, l.up), max(most.down, l.down)
		}
	}
	return most
}
