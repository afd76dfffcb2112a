// Package printing turns accreditation data into PDFs: badges and lists.
// Its functions take data and return bytes; it never imports Fyne.
package printing

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // the event's logo
	"image/png"
	"io"
	"runtime"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"accred/data"
	"accred/resources"
)

// Layout is a badge format.
type Layout string

// The badge formats.
const (
	A6  Layout = "a6"  // A6 portrait, for lanyards
	ID1 Layout = "id1" // ID-1 card, 85.6 × 54 mm, for card printers
	A4  Layout = "a4"  // four A6 badges on an A4 sheet, with crop marks
)

// Layouts lists the formats in the order they are offered.
var Layouts = []Layout{A6, ID1, A4}

// ParseLayout reads a layout name.
func ParseLayout(s string) (Layout, error) {
	for _, l := range Layouts {
		if string(l) == strings.ToLower(s) {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown layout %q: use a6, id1 or a4", s)
}

// Badge is one participant's badge.
type Badge struct {
	Participant data.Participant
	Code        string // the signed credential the QR code carries
}

// Sheet is what every badge of a print run shares.
type Sheet struct {
	Event      data.Event
	Categories []data.Category
	Layout     Layout
	Zones      data.ZoneRules             // whose badge shows which zones
	Logo       []byte                     // the event's PNG or JPEG logo; nil for Accred's
	Photo      func(id int64) []byte      // a participant's JPEG photo, or nil
	Progress   func(done, total int) bool // after each badge; false cancels
}

// ErrCancelled is returned when Progress asked to stop.
var ErrCancelled = errors.New("printing cancelled")

// Badges writes the badges as one PDF, one per page (four per sheet on A4).
func Badges(out io.Writer, sheet Sheet, badges []Badge) error {
	if err := loadFaces(); err != nil {
		return fmt.Errorf("load fonts: %w", err)
	}
	pdf := newDocument(sheet.Layout)
	d := newDrawer(pdf, sheet)
	d.registerLogo()
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("event logo: %w", err)
	}
	stop := make(chan struct{})
	defer close(stop)
	codes := makeQRCodes(badges, stop)
	for i, b := range badges {
		qr := <-codes
		if qr.err != nil {
			return fmt.Errorf("QR code of badge %s: %w", b.Participant.BadgeNumber(), qr.err)
		}
		d.badge(i, b, qr.mark)
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("badge %s: %w", b.Participant.BadgeNumber(), err)
		}
		if sheet.Progress != nil && !sheet.Progress(i+1, len(badges)) {
			return ErrCancelled
		}
	}
	if len(badges) == 0 {
		return errors.New("no badges to print")
	}
	return output(pdf, out)
}

// pageSize is the width and height of a layout's page, in millimetres.
func pageSize(layout Layout) (w, h float64) {
	switch layout {
	case ID1:
		return 85.6, 54
	case A4:
		return 210, 297
	}
	return 105, 148
}

func newDocument(layout Layout) *gofpdf.Fpdf {
	w, h := pageSize(layout)
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", Size: gofpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetAutoPageBreak(false, 0)
	// The library would compress the pages one by one; compressStreams
	// does it on every core once the document is written.
	pdf.SetCompression(false)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCreator("Accred", true)
	return pdf
}

// drawer draws the badges of one document, or the preview of one.
type drawer struct {
	pdf        canvas
	w          *writer
	sheet      Sheet
	categories map[string]data.Category
	logoRatio  float64 // the logo's width over its height
}

func newDrawer(c canvas, sheet Sheet) *drawer {
	d := &drawer{pdf: c, w: newWriter(c), sheet: sheet, categories: map[string]data.Category{}}
	for _, cat := range sheet.Categories {
		d.categories[cat.Code] = cat
	}
	return d
}

// registerLogo makes the event's logo, or Accred's, the document's "logo",
// and notes its shape.
func (d *drawer) registerLogo() {
	logo, kind := resources.Icon, "PNG"
	if len(d.sheet.Logo) > 0 {
		logo = d.sheet.Logo
		if _, format, err := image.DecodeConfig(bytes.NewReader(logo)); err == nil && format == "jpeg" {
			kind = "JPG"
		}
	}
	info := d.pdf.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(logo))
	if d.pdf.Error() != nil {
		// A PNG the library does not read (16 bits a channel, interlaced)
		// is drawn again in 8 bits.
		d.pdf.ClearError()
		info = d.pdf.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(plainPNG(logo)))
	}
	if info != nil && info.Height() > 0 {
		d.logoRatio = info.Width() / info.Height()
	}
}

// plainPNG is the image as an 8-bit PNG, or Accred's logo when it cannot
// be read.
func plainPNG(img []byte) []byte {
	src, _, err := image.Decode(bytes.NewReader(img))
	if err != nil {
		return resources.Icon
	}
	dst := image.NewNRGBA(src.Bounds())
	draw.Draw(dst, dst.Bounds(), src, src.Bounds().Min, draw.Src)
	var out bytes.Buffer
	if png.Encode(&out, dst) != nil {
		return resources.Icon
	}
	return out.Bytes()
}

// logo draws the logo in a box of side size at (x, y), keeping its shape.
func (d *drawer) logo(x, y, size float64) {
	w, h := size, size
	if d.logoRatio > 1 {
		h = size / d.logoRatio
	} else if d.logoRatio > 0 {
		w = size * d.logoRatio
	}
	d.pdf.ImageOptions("logo", x+(size-w)/2, y+(size-h)/2, w, h, false, gofpdf.ImageOptions{}, 0, "")
}

func (d *drawer) badge(i int, b Badge, code qrMark) {
	switch d.sheet.Layout {
	case ID1:
		d.pdf.AddPage()
		d.card(b, code)
	case A4:
		if i%4 == 0 {
			d.pdf.AddPage()
			d.drawCropMarks()
		}
		x, y, bleed := sheetPlace(i)
		d.portrait(b, code, x, y, bleed)
	default:
		d.pdf.AddPage()
		d.portrait(b, code, 0, 0, bleed{})
	}
}

type qrResult struct {
	mark qrMark
	err  error
}

// makeQRCodes encodes the badges' codes on every core while the pages are
// drawn, and hands them over in order; it works a few chunks ahead at most.
func makeQRCodes(badges []Badge, stop <-chan struct{}) <-chan qrResult {
	const chunk = 64
	out := make(chan qrResult, chunk)
	queue := make(chan chan []qrResult, runtime.GOMAXPROCS(0)+1) // chunks in order, each filled when done
	go func() {
		defer close(queue)
		for start := 0; start < len(badges); start += chunk {
			done := make(chan []qrResult, 1)
			select {
			case queue <- done:
			case <-stop:
				return
			}
			go func(part []Badge) {
				results := make([]qrResult, len(part))
				for i, b := range part {
					code, err := qrCode(b.Code)
					if err == nil {
						results[i].mark = newQRMark(code)
					}
					results[i].err = err
				}
				done <- results
			}(badges[start:min(start+chunk, len(badges))])
		}
	}()
	go func() {
		defer close(out)
		for done := range queue {
			for _, r := range <-done {
				select {
				case out <- r:
				case <-stop:
					return
				}
			}
		}
	}()
	return out
}
