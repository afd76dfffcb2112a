package printing

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"

	"github.com/jung-kurt/gofpdf"
	xdraw "golang.org/x/image/draw"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// canvas is what the drawer draws a badge on: a PDF document (gofpdf's),
// or a raster, the image of one page. Both take the same calls, so that
// the preview is the badge as it prints.
type canvas interface {
	AddPage()
	PageNo() int
	SetTextColor(r, g, b int)
	SetDrawColor(r, g, b int)
	SetFillColor(r, g, b int)
	SetLineWidth(width float64)
	Rect(x, y, w, h float64, styleStr string)
	RoundedRect(x, y, w, h, r float64, corners string, stylestr string)
	Line(x1, y1, x2, y2 float64)
	AddUTF8FontFromBytes(familyStr, styleStr string, utf8Bytes []byte)
	SetFont(familyStr, styleStr string, size float64)
	Text(x, y float64, txtStr string)
	RegisterImageOptionsReader(imgName string, options gofpdf.ImageOptions, r io.Reader) *gofpdf.ImageInfoType
	ImageOptions(imageNameStr string, x, y, w, h float64, flow bool, options gofpdf.ImageOptions, link int, linkStr string)
	Error() error
	ClearError()
}

// BadgeImage draws b's badge as it prints, as a PNG image of dpi dots an
// inch: the whole page it is on (on an A4 sheet, the badge is at the top
// left). It needs no other program.
func BadgeImage(sheet Sheet, b Badge, dpi int) ([]byte, error) {
	if err := loadFaces(); err != nil {
		return nil, fmt.Errorf("load fonts: %w", err)
	}
	code, err := qrCode(b.Code)
	if err != nil {
		return nil, fmt.Errorf("QR code of badge %s: %w", b.Participant.BadgeNumber(), err)
	}
	r := newRaster(sheet.Layout, float64(dpi))
	d := newDrawer(r, sheet)
	d.registerLogo()
	d.badge(0, b, newQRMark(code))
	if err := r.Error(); err != nil {
		return nil, fmt.Errorf("badge %s: %w", b.Participant.BadgeNumber(), err)
	}
	var out bytes.Buffer
	if err := png.Encode(&out, r.page); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// raster draws one page as an image. A PDF document that is never written
// keeps the images' sizes, as the PDF's own does.
type raster struct {
	*gofpdf.Fpdf
	page                   *image.RGBA
	scale                  float64 // pixels a millimetre
	dpi                    float64
	textRGB, drawRGB, fill color.RGBA
	lineWidth              float64 // millimetres
	font                   rasterFont
	faces                  map[rasterFont]xfont.Face
	images                 map[string]image.Image
}

// rasterFont is a face of the embedded fonts at a size in points.
type rasterFont struct {
	face int // index in faces
	bold bool
	size float64
}

func newRaster(layout Layout, dpi float64) *raster {
	w, h := pageSize(layout)
	scale := dpi / 25.4
	black := color.RGBA{A: 255}
	return &raster{
		Fpdf:  newDocument(layout),
		page:  image.NewRGBA(image.Rect(0, 0, int(math.Ceil(w*scale)), int(math.Ceil(h*scale)))),
		scale: scale, dpi: dpi,
		textRGB: black, drawRGB: black, fill: black,
		lineWidth: 0.2,
		faces:     map[rasterFont]xfont.Face{},
		images:    map[string]image.Image{},
	}
}

// AddPage starts the page again, white.
func (r *raster) AddPage() {
	r.Fpdf.AddPage()
	xdraw.Draw(r.page, r.page.Bounds(), image.White, image.Point{}, xdraw.Src)
}

func rgb(r, g, b int) color.RGBA { return color.RGBA{uint8(r), uint8(g), uint8(b), 255} }

func (r *raster) SetTextColor(red, g, b int) { r.textRGB = rgb(red, g, b) }
func (r *raster) SetDrawColor(red, g, b int) { r.drawRGB = rgb(red, g, b) }
func (r *raster) SetFillColor(red, g, b int) { r.fill = rgb(red, g, b) }
func (r *raster) SetLineWidth(width float64) { r.lineWidth = width }

// AddUTF8FontFromBytes has nothing to do: the faces are the embedded ones.
func (r *raster) AddUTF8FontFromBytes(string, string, []byte) {}

// SetFont selects one of the embedded faces by the family name the writer
// gave it.
func (r *raster) SetFont(family, style string, size float64) {
	for i, f := range faces {
		if f.family == family {
			r.font = rasterFont{face: i, bold: style == "B", size: size}
			return
		}
	}
}

// Text draws txt with its baseline at y, letter by letter, each moved on by
// the advance the PDF gives it (no kerning, as in the PDF).
func (r *raster) Text(x, y float64, txt string) {
	face := r.face(r.font)
	if face == nil {
		return
	}
	src := image.NewUniform(r.textRGB)
	pen := x
	for _, c := range txt {
		dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(pen * r.scale * 64)), Y: fixed.Int26_6(math.Round(y * r.scale * 64))}
		if dr, mask, mp, _, ok := face.Glyph(dot, c); ok {
			xdraw.DrawMask(r.page, dr, src, image.Point{}, mask, mp, xdraw.Over)
		}
		pen += advance(r.font.face, r.font.bold, c) / 1000 * r.font.size * ptToMM
	}
}

// face is an embedded face at a size, made once a page.
func (r *raster) face(f rasterFont) xfont.Face {
	if face, ok := r.faces[f]; ok {
		return face
	}
	font := faces[f.face].loaded().metrics[0]
	if f.bold {
		font = faces[f.face].loaded().metrics[1]
	}
	face, err := opentype.NewFace(font, &opentype.FaceOptions{Size: f.size, DPI: r.dpi, Hinting: xfont.HintingNone})
	if err != nil {
		return nil
	}
	r.faces[f] = face
	return face
}

// RegisterImageOptionsReader reads an image for ImageOptions, and gives its
// size as the PDF does.
func (r *raster) RegisterImageOptionsReader(name string, options gofpdf.ImageOptions, in io.Reader) *gofpdf.ImageInfoType {
	raw, err := io.ReadAll(in)
	if err != nil {
		r.SetError(err)
		return nil
	}
	info := r.Fpdf.RegisterImageOptionsReader(name, options, bytes.NewReader(raw))
	if r.Fpdf.Error() != nil {
		return info
	}
	if img, _, err := image.Decode(bytes.NewReader(raw)); err == nil {
		r.images[name] = img
	}
	return info
}

// ImageOptions draws a registered image in the box.
func (r *raster) ImageOptions(name string, x, y, w, h float64, _ bool, _ gofpdf.ImageOptions, _ int, _ string) {
	img, ok := r.images[name]
	if !ok {
		return
	}
	box := image.Rect(r.px(x), r.px(y), r.px(x+w), r.px(y+h))
	xdraw.CatmullRom.Scale(r.page, box, img, img.Bounds(), xdraw.Over, nil)
}

// px is a length in millimetres as a whole number of pixels.
func (r *raster) px(mm float64) int { return int(math.Round(mm * r.scale)) }

// Rect fills ("F"), outlines ("D") or does both to a rectangle.
func (r *raster) Rect(x, y, w, h float64, style string) {
	r.RoundedRect(x, y, w, h, 0, "", style)
}

// RoundedRect is a rectangle with rounded corners (every corner is: badges
// round all four or none).
func (r *raster) RoundedRect(x, y, w, h, radius float64, _ string, style string) {
	if style == "F" || style == "FD" || style == "DF" {
		r.fillPaths(r.fill, roundedRectPath(x, y, w, h, max(radius, 0), true))
	}
	if style == "D" || style == "FD" || style == "DF" || style == "" {
		half := r.lineWidth / 2
		outer := roundedRectPath(x-half, y-half, w+2*half, h+2*half, radius+half, true)
		if w <= 2*half || h <= 2*half {
			r.fillPaths(r.drawRGB, outer)
			return
		}
		r.fillPaths(r.drawRGB, outer, roundedRectPath(x+half, y+half, w-2*half, h-2*half, max(radius-half, 0), false))
	}
}

// roundedRectPath is the corners of a rectangle, each rounded by radius in
// eight steps, clockwise on the page or the other way round.
func roundedRectPath(x, y, w, h, radius float64, clockwise bool) [][2]float64 {
	radius = min(radius, w/2, h/2)
	centres := [4][3]float64{ // corner centre and the angle its arc starts at
		{x + w - radius, y + radius, -math.Pi / 2},
		{x + w - radius, y + h - radius, 0},
		{x + radius, y + h - radius, math.Pi / 2},
		{x + radius, y + radius, math.Pi},
	}
	var pts [][2]float64
	for _, c := range centres {
		for i := 0; i <= 8; i++ {
			a := c[2] + float64(i)*math.Pi/16
			pts = append(pts, [2]float64{c[0] + radius*math.Cos(a), c[1] + radius*math.Sin(a)})
		}
	}
	if !clockwise {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	return pts
}

// Line draws a line as wide as the line width.
func (r *raster) Line(x1, y1, x2, y2 float64) {
	length := math.Hypot(x2-x1, y2-y1)
	if length == 0 {
		return
	}
	nx, ny := -(y2-y1)/length*r.lineWidth/2, (x2-x1)/length*r.lineWidth/2
	r.fillPaths(r.drawRGB, [][2]float64{{x1 + nx, y1 + ny}, {x2 + nx, y2 + ny}, {x2 - nx, y2 - ny}, {x1 - nx, y1 - ny}})
}

// fillPaths fills the closed paths (points in millimetres) with c, where
// they wind: a path the other way round cuts a hole.
func (r *raster) fillPaths(c color.RGBA, paths ...[][2]float64) {
	box := image.Rectangle{}
	for _, path := range paths {
		for _, p := range path {
			px := image.Pt(int(math.Floor(p[0]*r.scale)), int(math.Floor(p[1]*r.scale)))
			box = box.Union(image.Rectangle{px, px.Add(image.Pt(2, 2))})
		}
	}
	box = box.Intersect(r.page.Bounds())
	if box.Empty() {
		return
	}
	z := vector.NewRasterizer(box.Dx(), box.Dy())
	z.DrawOp = xdraw.Over
	at := func(p [2]float64) (float32, float32) {
		return float32(p[0]*r.scale) - float32(box.Min.X), float32(p[1]*r.scale) - float32(box.Min.Y)
	}
	for _, path := range paths {
		z.MoveTo(at(path[0]))
		for _, p := range path[1:] {
			z.LineTo(at(p))
		}
		z.ClosePath()
	}
	z.Draw(r.page, box, image.NewUniform(c), image.Point{})
}

// qr draws a code's dark modules as squares on whole pixels, so that they
// stay sharp.
func (r *raster) qr(mark qrMark, x, y, side float64) {
	module := side / float64(mark.size+2*quietZone)
	edge := func(origin float64, i int) int { return r.px(origin + float64(quietZone+i)*module) }
	for row := 0; row < mark.size; row++ {
		for col := 0; col < mark.size; col++ {
			if mark.code.Black(col, row) {
				box := image.Rect(edge(x, col), edge(y, row), edge(x, col+1), edge(y, row+1))
				xdraw.Draw(r.page, box, image.Black, image.Point{}, xdraw.Src)
			}
		}
	}
}
