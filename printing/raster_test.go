package printing

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBadgeImageIsThePrintedPage draws the hardest badges in every layout
// both ways, as a PDF page drawn by Poppler and as BadgeImage draws it
// without any other program, and finds the same page: the same size, the
// same ink almost everywhere, and a QR code that reads back.
func TestBadgeImageIsThePrintedPage(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "zbarimg"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal(tool + " is not installed; 'make deps' installs it")
			}
			t.Skip(tool + " is not installed; 'make deps' installs it")
		}
	}
	const dpi = 100
	hard := hardBadges(t)
	for _, layout := range Layouts {
		for _, b := range []Badge{hard[0], hard[2]} { // Vietnamese with a photo; Chinese
			sheet := demoSheet(layout)
			sheet.Photo = func(int64) []byte { return testPhoto() }
			ours, err := BadgeImage(sheet, b, dpi)
			if err != nil {
				t.Fatal(err)
			}
			got := greyOf(decodePNG(t, ours))
			var pdf bytes.Buffer
			if err := Badges(&pdf, sheet, []Badge{b}); err != nil {
				t.Fatal(err)
			}
			want := greyOf(popplerPage(t, pdf.Bytes(), dpi))
			name := string(layout) + " " + b.Participant.FamilyName
			if got.Bounds().Size() != want.Bounds().Size() {
				t.Fatalf("%s: %v, Poppler's %v", name, got.Bounds().Size(), want.Bounds().Size())
			}
			for _, pair := range [][2]*image.Gray{{got, want}, {want, got}} {
				if bad, first := differentPixels(pair[0], pair[1], 0.25); bad > 0.002 {
					t.Errorf("%s: %.2f%% of the page differs from the PDF (first at %v)", name, 100*bad, first)
					saveFailed(t, name, got, want)
				}
			}
			if text := readQR(t, ours); text != b.Code {
				t.Errorf("%s: the QR code reads %q, want %q", name, text, b.Code)
			}
		}
	}
}

func popplerPage(t *testing.T, pdf []byte, dpi int) image.Image {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "page.pdf")
	os.WriteFile(in, pdf, 0o600)
	if out, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	return decodePNG(t, raw)
}

// differentPixels returns the share of pixels of a that no pixel of b
// next to the same place (a pixel's shift either way) comes within limit
// of, in grey from 0 to 1, and where the first one is: antialiasing and a
// code's modules rounded to other pixels stay under it, while a letter, a
// band or a frame missing or out of place does not.
func differentPixels(a, b *image.Gray, limit float64) (float64, image.Point) {
	bounds := a.Bounds()
	bad, first := 0, image.Point{-1, -1}
	lim := int(limit * 255)
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			ga, lo, hi := int(a.GrayAt(x, y).Y), 255, 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if p := image.Pt(x+dx, y+dy); p.In(bounds) {
						g := int(b.GrayAt(p.X, p.Y).Y)
						lo, hi = min(lo, g), max(hi, g)
					}
				}
			}
			if ga < lo-lim || ga > hi+lim {
				bad++
				if first.X < 0 {
					first = image.Pt(x, y)
				}
			}
		}
	}
	return float64(bad) / float64(bounds.Dx()*bounds.Dy()), first
}

func greyOf(img image.Image) *image.Gray {
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
	return g
}

// readQR reads the QR code of a PNG image with zbarimg.
func readQR(t *testing.T, png []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "badge.png")
	os.WriteFile(path, png, 0o600)
	out, err := exec.Command("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", path).Output()
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return strings.TrimSpace(string(out))
}

// saveFailed keeps both pictures of a page that differs, for a person to
// look at, in testdata/failed.
func saveFailed(t *testing.T, name string, got, want *image.Gray) {
	dir := filepath.Join("testdata", "failed")
	os.MkdirAll(dir, 0o700)
	for suffix, img := range map[string]*image.Gray{"go": got, "pdf": want} {
		var out bytes.Buffer
		png.Encode(&out, img)
		os.WriteFile(filepath.Join(dir, name+"."+suffix+".png"), out.Bytes(), 0o600)
	}
	t.Logf("pictures in %s", dir)
}
