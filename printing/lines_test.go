package printing

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"accred/data"
)

// drawnLine is a line of text a badge draws: where, and how.
type drawnLine struct {
	x, y  float64
	text  string
	bold  bool
	size  float64
	ink   image.Rectangle // where its ink is, in pixels, once rendered alone
	badge string          // which badge it belongs to, for messages
}

// badgeLines draws one badge and returns the lines of text it drew.
func badgeLines(t *testing.T, sheet Sheet, b Badge) []drawnLine {
	t.Helper()
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	pdf := newDocument(sheet.Layout)
	d := &drawer{pdf: pdf, w: newWriter(pdf), sheet: sheet, categories: map[string]data.Category{}}
	for _, c := range sheet.Categories {
		d.categories[c.Code] = c
	}
	d.registerLogo()
	code, err := qrCode(b.Code)
	if err != nil {
		t.Fatal(err)
	}
	var lines []drawnLine
	d.w.drawn = func(x, y float64, text string, bold bool, size float64) {
		if strings.TrimSpace(text) != "" {
			lines = append(lines, drawnLine{x: x, y: y, text: text, bold: bold, size: size})
		}
	}
	d.badge(0, b, newQRMark(code))
	return lines
}

// inkOf renders each line alone on a page of the layout (pdftoppm), the
// first badge's place only (the top left A6 of an A4 sheet), and notes where
// its ink is.
func inkOf(t *testing.T, layout Layout, lines []drawnLine) {
	t.Helper()
	pdf := newDocument(layout)
	w := newWriter(pdf)
	for _, l := range lines {
		pdf.AddPage()
		w.text(l.x, l.y, l.text, l.bold, l.size)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "lines.pdf")
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command("pdftoppm", "-r", "100", "-x", "0", "-y", "0", "-W", "420", "-H", "590", "-gray", "-png", file, filepath.Join(dir, "line")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, msg)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "line-*.png"))
	slices.Sort(pages)
	if len(pages) != len(lines) {
		t.Fatalf("%d pages rendered for %d lines", len(pages), len(lines))
	}
	for i, page := range pages {
		raw, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		// pdftoppm writes grey, or grey as RGBA: the first byte of a dot is its grey either way.
		var pix []byte
		var stride, step int
		switch img := img.(type) {
		case *image.Gray:
			pix, stride, step = img.Pix, img.Stride, 1
		case *image.RGBA:
			pix, stride, step = img.Pix, img.Stride, 4
		default:
			t.Fatalf("pdftoppm gave %T", img)
		}
		var ink image.Rectangle
		b := img.Bounds()
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				if pix[y*stride+x*step] < 0xc0 {
					ink = ink.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		lines[i].ink = ink
	}
}

// vietnameseCapitals are the demo's Vietnamese family names that hold a
// capital with an accent above or below, as their badges print them.
func vietnameseCapitals(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, p := range demoPeople(2900) {
		if p.Nationality != "VN" {
			continue
		}
		family := strings.ToUpper(p.FamilyName)
		accented := false
		for _, r := range norm.NFC.String(family) {
			accented = accented || (unicode.IsUpper(r) && r > unicode.MaxASCII)
		}
		if accented && !slices.Contains(names, family) {
			names = append(names, family)
		}
	}
	if len(names) < 4 {
		t.Fatalf("the demo has %d Vietnamese family names with accented capitals: %q", len(names), names)
	}
	return names
}

// TestStackedAccentsStayBetweenLines draws badges whose names are made of
// the demo's Vietnamese capitals (NGUYỄN, ĐỖ …), one word to many, so that
// the name takes every size from the largest down to the least and then
// wraps, under a title, above a Vietnamese position and affiliation, on
// every layout; each line is rendered alone, and no line's ink may reach
// into another's.
func TestStackedAccentsStayBetweenLines(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm (poppler-utils) is needed: make deps")
	}
	capitals := vietnameseCapitals(t)
	stacked := strings.Join(capitals, " ")
	for _, must := range []string{"Ễ", "Ỗ"} {
		if !strings.Contains(stacked, must) && !strings.Contains(strings.Join(capitalsExtra, " "), must) {
			t.Fatalf("neither the demo nor the test has %s", must)
		}
	}
	words := append(slices.Clone(capitals), capitalsExtra...)
	base := demoBadges(t, 1)[0]
	sizes := map[Layout]map[float64]bool{}
	mostLines := map[Layout]int{}
	for _, layout := range Layouts {
		sizes[layout] = map[float64]bool{}
		sheet := demoSheet(layout)
		var all []drawnLine
		for _, n := range []int{1, 2, 3, 4, 5, 6, 8, 10, 14} {
			b := base
			p := &b.Participant
			p.Title, p.GivenName, p.FamilyName, p.Nationality = "H.E. Mr.", "", strings.Join(words[:n], " "), "VN"
			p.Position = "Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao ỞỠỢỰỮẶẬỘ"
			p.Affiliation.Name, p.Affiliation.Country = "ẤẶỄỖ Ngoại giao", ""
			p.Affiliation.Kind = data.AffiliationOrganization
			lines := badgeLines(t, sheet, b)
			for i := range lines {
				lines[i].badge = fmt.Sprintf("%s badge of %d words", layout, n)
			}
			if len(lines) == 0 {
				t.Fatal("no lines drawn")
			}
			nameLines := 0
			for _, l := range lines {
				if strings.Contains(p.FamilyName, l.text) {
					sizes[layout][l.size] = true
					nameLines++
				}
			}
			mostLines[layout] = max(mostLines[layout], nameLines)
			all = append(all, lines...)
		}
		inkOf(t, layout, all)
		for i, a := range all {
			for _, b := range all[i+1:] {
				if a.badge == b.badge && a.ink.Overlaps(b.ink) {
					t.Errorf("%s: the ink of %q (%.1f pt, %v) reaches into %q (%.1f pt, %v)", a.badge, a.text, a.size, a.ink, b.text, b.size, b.ink)
				}
			}
		}
		if len(sizes[layout]) < 4 || mostLines[layout] < 2 {
			t.Errorf("%s: the names took only the sizes %v, on %d lines at most", layout, sizes[layout], mostLines[layout])
		}
	}
}

// capitalsExtra are Vietnamese capitals with stacked accents and dots below
// that the demo's names may lack.
var capitalsExtra = []string{"ẤN", "ẶNG", "ỄNH", "ỖNG", "ẦU", "ẪY", "ẬP", "ỆU", "ỘI", "ỜI", "ỠN", "ỢC", "ỰC", "ỮU", "ỪNG"}
