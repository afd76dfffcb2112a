package printing

import (
	"strconv"
	"sync"

	"github.com/jung-kurt/gofpdf"
	"rsc.io/qr"
	"rsc.io/qr/coding"
)

// QR codes are made with rsc.io/qr's coding plans, kept once made: a plan
// lays out a version and level once, and then encodes a badge's text in
// about 17 µs, some sixty times faster than making the code from scratch.
var (
	plansMu sync.Mutex
	plans   = map[coding.Version]*coding.Plan{}
)

// quietZone is the white margin a scanner needs around a code, in modules.
const quietZone = 4

// qrCode encodes text at level M, in the smallest version that holds it.
func qrCode(text string) (*coding.Code, error) {
	enc := coding.Alpha(text)
	for v := coding.Version(1); v <= 40 && enc.Check() == nil; v++ {
		if enc.Bits(v) > v.DataBytes(coding.M)*8 { // fits only a larger version
			continue
		}
		plan, err := planFor(v)
		if err != nil {
			return nil, err
		}
		return plan.Encode(enc)
	}
	c, err := qr.Encode(text, qr.M) // not alphanumeric: byte mode
	if err != nil {
		return nil, err
	}
	return &coding.Code{Bitmap: c.Bitmap, Size: c.Size, Stride: c.Stride}, nil
}

func planFor(v coding.Version) (*coding.Plan, error) {
	plansMu.Lock()
	defer plansMu.Unlock()
	if p, ok := plans[v]; ok {
		return p, nil
	}
	p, err := coding.NewPlan(v, coding.M, 0)
	if err != nil {
		return nil, err
	}
	plans[v] = p
	return p, nil
}

// qrPath is a code's dark modules as PDF path operators, in module units
// with rows going down: one rectangle per run of dark modules in a row.
// It does not depend on where the code is drawn, so it is made on another
// core while pages are drawn.
type qrPath struct {
	size int // modules per side, without the quiet zone
	ops  string
}

func newQRPath(code *coding.Code) qrPath {
	buf := make([]byte, 0, 4096)
	for row := 0; row < code.Size; row++ {
		for col := 0; col < code.Size; {
			if !code.Black(col, row) {
				col++
				continue
			}
			start := col
			for col < code.Size && code.Black(col, row) {
				col++
			}
			buf = strconv.AppendInt(buf, int64(start), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(row), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(col-start), 10)
			buf = append(buf, " 1 re\n"...)
		}
	}
	return qrPath{size: code.Size, ops: string(buf)}
}

// drawQR draws a code at (x, y) with the given side including the quiet
// zone, in millimetres, as one filled vector path: sharp at any print size.
func drawQR(pdf *gofpdf.Fpdf, path qrPath, x, y, side float64) {
	k := pdf.UnitToPointConvert(1)
	_, pageH := pdf.GetPageSize()
	module := side / float64(path.size+2*quietZone) * k
	buf := make([]byte, 0, 96)
	buf = append(buf, "q 0 g "...)
	for _, v := range []float64{module, 0, 0, -module, (x * k) + quietZone*module, (pageH-y)*k - quietZone*module} {
		buf = strconv.AppendFloat(buf, v, 'f', 3, 64)
		buf = append(buf, ' ')
	}
	buf = append(buf, "cm\n"...)
	pdf.RawWriteStr(string(buf))
	pdf.RawWriteStr(path.ops)
	pdf.RawWriteStr("f Q\n")
}
