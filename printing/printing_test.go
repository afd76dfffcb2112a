package printing

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// qrImage draws a code's modules as a picture, four pixels a module.
func qrImage(t *testing.T, text string) image.Image {
	t.Helper()
	code, err := qrCode(text)
	if err != nil {
		t.Fatal(err)
	}
	const scale = 4
	side := (code.Size + 2*quietZone) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			mx, my := x/scale-quietZone, y/scale-quietZone
			c := color.Gray{255}
			if mx >= 0 && my >= 0 && mx < code.Size && my < code.Size && code.Black(mx, my) {
				c = color.Gray{0}
			}
			img.SetGray(x, y, c)
		}
	}
	return img
}

func TestQRCodesDecodeBack(t *testing.T) {
	badges := demoBadges(t, 50)
	texts := []string{"HELLO", "lower case and UTF-8: Nguyễn", strings.Repeat("A1", 120)}
	for _, b := range badges {
		texts = append(texts, b.Code)
	}
	reader := gozxingqr.NewQRCodeReader()
	for _, text := range texts {
		bmp, err := gozxing.NewBinaryBitmapFromImage(qrImage(t, text))
		if err != nil {
			t.Fatal(err)
		}
		res, err := reader.Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true})
		if err != nil {
			t.Fatalf("%q does not decode: %v", text, err)
		}
		if res.GetText() != text {
			t.Fatalf("decoded %q, want %q", res.GetText(), text)
		}
	}
}

// hardBadges are names that test the layout: every script, very long names,
// a single name, a head of delegation, a photo.
func hardBadges(t *testing.T) []Badge {
	base := demoBadges(t, 8)
	people := []struct{ title, given, family, native, nat string }{
		{"H.E. Mr.", "Văn An", "Nguyễn", "", "VN"},
		{"Mr.", "Ahmed", "Al-Farsi", "أحمد الفارسي", "OM"},
		{"Ms.", "Haiyan", "Chen", "陈海燕", "CN"},
		{"Dr.", "Min-jun", "Kim", "김민준", "KR"},
		{"Mr.", "Aleksandr", "Kuznetsov", "Александр Кузнецов", "RU"},
		{"Ms.", "Eleni", "Papadopoulou", "Ελένη Παπαδοπούλου", "GR"},
		{"H.E. Ms.", "Maria Fernanda Guadalupe Alejandra", "de la Santísima Trinidad Fernández-Ibáñez y Ordóñez", "", "ES"},
		{"", "", "Sukarnoputri", "", "ID"},
	}
	for i, p := range people {
		b := &base[i]
		b.Participant.Title, b.Participant.GivenName, b.Participant.FamilyName = p.title, p.given, p.family
		b.Participant.NativeName, b.Participant.Nationality = p.native, p.nat
		b.Participant.Position = "Deputy Director-General for International Cooperation and Legal Affairs, Ministry of Public Security"
	}
	base[0].Participant.HeadOfDelegation = true
	base[0].Participant.HasPhoto = true
	return base
}

func testPhoto() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 300, 400))
	for y := 0; y < 400; y++ {
		for x := 0; x < 300; x++ {
			img.Set(x, y, color.RGBA{uint8(80 + x/4), uint8(120 + y/8), 160, 255})
		}
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, nil)
	return buf.Bytes()
}

func TestEveryLayoutPrints(t *testing.T) {
	for _, layout := range Layouts {
		sheet := demoSheet(layout)
		sheet.Photo = func(int64) []byte { return testPhoto() }
		var buf bytes.Buffer
		if err := Badges(&buf, sheet, hardBadges(t)); err != nil {
			t.Fatalf("%s: %v", layout, err)
		}
		pages := bytes.Count(buf.Bytes(), []byte("/Type /Page\n"))
		want := map[Layout]int{A6: 8, ID1: 8, A4: 2}[layout]
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || pages != want {
			t.Fatalf("%s: %d pages, want %d", layout, pages, want)
		}
	}
}

func TestCancelStopsPrinting(t *testing.T) {
	sheet := demoSheet(A6)
	sheet.Progress = func(done, total int) bool { return done < 3 }
	var buf bytes.Buffer
	if err := Badges(&buf, sheet, demoBadges(t, 20)); err != ErrCancelled {
		t.Fatalf("cancel: %v", err)
	}
	if buf.Len() != 0 {
		t.Fatal("a cancelled run wrote a PDF")
	}
}

func TestNoBadgesNoPDF(t *testing.T) {
	if err := Badges(&bytes.Buffer{}, demoSheet(A6), nil); err == nil {
		t.Fatal("an empty run made a PDF")
	}
}

func TestLongNamesShrinkButNeverOverflow(t *testing.T) {
	pdf := newDocument(A6)
	pdf.AddPage()
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	d := &drawer{pdf: pdf, w: newWriter(pdf)}
	const width, height = a6Width - 2*a6Margin, 27.0
	names := []string{
		"Maria Fernanda Guadalupe Alejandra de la SANTÍSIMA TRINIDAD FERNÁNDEZ-IBÁÑEZ Y ORDÓÑEZ",
		strings.Repeat("Wolfeschlegelsteinhausenbergerdorff", 3),
		strings.Repeat("Ab ", 70),
		"Lê",
	}
	for _, n := range names {
		lines, size := d.fit(n, true, nameSize, nameMinSize, width, height)
		if strings.Join(strings.Fields(strings.Join(lines, " ")), " ") != strings.Join(strings.Fields(n), " ") {
			t.Fatalf("%q was cut: %q", n, lines)
		}
		for _, l := range lines {
			if w := d.w.width(l, true, size); w > width+0.01 {
				t.Fatalf("%q overflows: %.1f mm at %.1f pt", l, w, size)
			}
		}
		if n == "Lê" && size != nameSize {
			t.Fatalf("a short name is not at full size: %.1f", size)
		}
	}
}

// TestNamesLead checks the sizes of the A6 badge: a name of usual length
// has capitals of 8 mm at least, on one or two lines, and the affiliation
// capitals of 5 mm.
func TestNamesLead(t *testing.T) {
	pdf := newDocument(A6)
	pdf.AddPage()
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	d := &drawer{pdf: pdf, w: newWriter(pdf)}
	for _, n := range []string{"Bùi Phương THẢO", "Aleksandr KUZNETSOV", "Eleni PAPADOPOULOU", "NGUYỄN Văn An", "Carlos GARCÍA LÓPEZ"} {
		lines, size := d.fit(n, true, nameSize, nameMinSize, nameWidth, 27)
		if capitals := size * ptToMM * capHeight; capitals < 8 || len(lines) > 2 {
			t.Errorf("%q: capitals of %.1f mm on %d lines", n, capitals, len(lines))
		}
	}
	for _, a := range []string{"Viet Nam", "Russian Federation", "United Nations Office on Drugs and Crime"} {
		_, size := d.fit(a, true, affiliationSize, 11, a6Width-2*a6Margin, 17)
		if capitals := size * ptToMM * capHeight; capitals < 5 {
			t.Errorf("%q: capitals of %.1f mm", a, capitals)
		}
	}
}

// TestVeryLongNameWraps checks that a name of 140 letters keeps the least
// readable size and wraps onto lines instead of shrinking away.
func TestVeryLongNameWraps(t *testing.T) {
	pdf := newDocument(A6)
	pdf.AddPage()
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	d := &drawer{pdf: pdf, w: newWriter(pdf)}
	name := "Maria Fernanda Guadalupe Alejandra Josefina Concepción de la Santísima Trinidad FERNÁNDEZ-IBÁÑEZ DE CASTRO Y ORDÓÑEZ DEL VALLE BARRIENTOSESA"
	if n := len([]rune(name)); n != 140 {
		t.Fatalf("the name has %d letters", n)
	}
	const width = nameWidth
	lines, size := d.fit(name, true, nameSize, nameMinSize, width, 27)
	if size < nameMinSize || len(lines) < 3 {
		t.Fatalf("%.1f pt on %d lines", size, len(lines))
	}
	for _, l := range lines {
		if w := d.w.width(l, true, size); w > width+0.01 {
			t.Fatalf("%q overflows: %.1f mm", l, w)
		}
	}
}

func TestMissingLettersAreFound(t *testing.T) {
	if m := Missing("Nguyễn Văn An 陈海燕 김민준 أحمد Кузнецов Ελένη"); len(m) != 0 {
		t.Fatalf("fonts lack %q", string(m))
	}
	if m := Missing("Somchai ไทย"); string(m) != "ไทย" {
		t.Fatalf("Thai letters should be missing, got %q", string(m))
	}
	if m := Missing("\U0001F600"); len(m) != 1 {
		t.Fatalf("an emoji should be missing, got %q", string(m))
	}
}

func TestParseLayout(t *testing.T) {
	for in, want := range map[string]Layout{"a6": A6, "ID1": ID1, "A4": A4} {
		if got, err := ParseLayout(in); err != nil || got != want {
			t.Errorf("ParseLayout(%q) = %v %v", in, got, err)
		}
	}
	if _, err := ParseLayout("letter"); err == nil {
		t.Error("letter accepted")
	}
}

// linePenaltySlow is the standard's first and third rules, module by module.
func linePenaltySlow(line uint64, n int) int {
	at := func(x int) bool { return x >= 0 && x < n && line>>x&1 != 0 }
	score := 0
	for x := 0; x < n; {
		end := x
		for end < n && at(end) == at(x) {
			end++
		}
		if end-x >= 5 {
			score += 3 + end - x - 5
		}
		x = end
	}
	pattern := []bool{true, false, true, true, true, false, true}
	for x := 0; x+7 <= n; x++ {
		match := true
		for i, want := range pattern {
			match = match && at(x+i) == want
		}
		lightBefore, lightAfter := true, true
		for i := 1; i <= 4; i++ {
			lightBefore = lightBefore && !at(x-i)
			lightAfter = lightAfter && !at(x+6+i)
		}
		if match && (lightBefore || lightAfter) {
			score += 40
		}
	}
	return score
}

func TestLinePenaltyMatchesTheStandard(t *testing.T) {
	lines := []uint64{0, 1<<41 - 1, 0b1011101, 0b1011101 << 10, 0b10111010000, 0x5555555555, 0x1F0F, 0b11111000001111100000}
	for seed := uint64(1); len(lines) < 2000; seed = seed*6364136223846793005 + 1442695040888963407 {
		lines = append(lines, seed>>20&(1<<41-1))
	}
	for _, line := range lines {
		if got, want := linePenalty(line, 41), linePenaltySlow(line, 41); got != want {
			t.Fatalf("line %041b: %d, want %d", line, got, want)
		}
	}
}

func TestQRMarkHoldsTheModules(t *testing.T) {
	for _, b := range demoBadges(t, 20) {
		code, err := qrCode(b.Code)
		if err != nil {
			t.Fatal(err)
		}
		mark := newQRMark(code)
		hexData := mark.ops[strings.Index(mark.ops, " ID\n")+4 : strings.Index(mark.ops, ">")]
		rows := strings.Fields(hexData)
		if len(rows) != code.Size {
			t.Fatalf("%d rows, want %d", len(rows), code.Size)
		}
		for y, row := range rows {
			for x := 0; x < code.Size; x++ {
				nibble, _ := strconv.ParseUint(row[x/4:x/4+1], 16, 8)
				if dark := nibble&(8>>(x%4)) != 0; dark != code.Black(x, y) {
					t.Fatalf("module %d,%d: dark %v in the mark", x, y, dark)
				}
			}
		}
	}
}

// TestBadgeSizeBudget holds a run of badges without photos under 2.5 KB a
// badge, fonts and all: the size of a run is the same on every machine.
func TestBadgeSizeBudget(t *testing.T) {
	var buf bytes.Buffer
	if err := Badges(&buf, demoSheet(A6), demoBadges(t, 100)); err != nil {
		t.Fatal(err)
	}
	perBadge := buf.Len() / 100
	if perBadge >= 2500 {
		t.Fatalf("%d bytes a badge, over the 2,500 of the budget", perBadge)
	}
	t.Logf("%d bytes a badge", perBadge)
}

func TestHebrewPrints(t *testing.T) {
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	if m := Missing("דוד כהן"); len(m) != 0 {
		t.Fatalf("the fonts lack %q", string(m))
	}
	segs := segments(visualOrder("דוד כהן"))
	if len(segs) != 1 || faces[segs[0].face].family != "hebrew" || segs[0].text != "ןהכ דוד" {
		t.Fatalf("segments %v", segs)
	}
}

// TestUnshapedScriptsAreLeftOut checks that letters of scripts that need a
// shaping engine are reported missing and never reach the page, marks
// included, so that no empty box is drawn.
func TestUnshapedScriptsAreLeftOut(t *testing.T) {
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"नमस्ते", "สมชาย ใจดี", "বাংলা", "தமிழ்", "မြန်မာ", "ខ្មែរ"} {
		if m := Missing("Somchai " + name); string(m) != strings.ReplaceAll(name, " ", "") {
			t.Errorf("%s: missing %q", name, string(m))
		}
		for _, s := range segments(visualOrder("Somchai " + name)) {
			if strings.TrimSpace(s.text) != "Somchai" && strings.TrimSpace(s.text) != "" {
				t.Errorf("%s: %q would be drawn", name, s.text)
			}
		}
	}
}

// TestSheetBleedAndCropMarks checks the geometry of an A4 sheet: each band
// bleeds 3 mm past its foot; every crop mark lies on a cut, on the sheet,
// and outside every band and bleed.
func TestSheetBleedAndCropMarks(t *testing.T) {
	type rect struct{ x1, y1, x2, y2 float64 }
	var coloured []rect
	for i := range 4 {
		x, y, b := sheetPlace(i)
		if b.depth != 3 || b.to-b.from < a6Width-markRoom {
			t.Fatalf("badge %d: bleed %+v", i, b)
		}
		coloured = append(coloured, rect{x, y + a6BandTop, x + a6Width, y + a6Height},
			rect{x + b.from, y + a6Height, x + b.to, y + a6Height + b.depth})
	}
	onCut := func(v float64, cuts ...float64) bool { return slices.Contains(cuts, v) }
	for _, m := range cropMarks {
		vertical, horizontal := m.x1 == m.x2, m.y1 == m.y2
		if !(vertical && onCut(m.x1, 0, a6Width, 2*a6Width)) && !(horizontal && onCut(m.y1, sheetTop, sheetTop+a6Height, sheetTop+2*a6Height)) {
			t.Errorf("mark %+v is not on a cut", m)
		}
		if min(m.x1, m.y1) < 0 || max(m.x1, m.x2) > 210 || max(m.y1, m.y2) > 297 {
			t.Errorf("mark %+v is off the sheet", m)
		}
		for _, c := range coloured {
			// A mark may touch a band's edge, never cross into it.
			if min(m.x1, m.x2) < c.x2 && max(m.x1, m.x2) > c.x1 && min(m.y1, m.y2) < c.y2 && max(m.y1, m.y2) > c.y1 {
				t.Errorf("mark %+v crosses colour %+v", m, c)
			}
		}
	}
}
