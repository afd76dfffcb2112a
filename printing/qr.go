package printing

import (
	"fmt"
	"math/bits"
	"strconv"
	"sync"

	"github.com/jung-kurt/gofpdf"
	"rsc.io/qr/coding"
)

// QR codes are laid out with rsc.io/qr's coding plans: a plan places a
// version's function patterns and data modules once, for one mask. For each
// code the data and check bits are computed once, laid over the eight masks'
// templates, and the mask with the lowest penalty (ISO/IEC 18004, 7.8.3) is
// kept, as scanners expect. This takes some 60 µs a code, where making the
// code from scratch with a general library takes about a millisecond.

// quietZone is the white margin a scanner needs around a code, in modules.
const quietZone = 4

// maxVersion is the largest version made: its 61 modules fit a row in one
// uint64, which makes choosing the mask cheap. It holds 251 characters.
const maxVersion = 11

// template is one version's layout under each mask, as rows and columns of
// bits (bit x of row y is the module at column x, row y).
type template struct {
	size       int
	rows, cols [8][]uint64 // modules before the data, per mask
	dataBit    []int32     // for each module, the data or check bit it shows, or -1
}

var (
	templatesMu sync.Mutex
	templates   = map[coding.Version]*template{}
)

func templateFor(v coding.Version) (*template, error) {
	templatesMu.Lock()
	defer templatesMu.Unlock()
	if t, ok := templates[v]; ok {
		return t, nil
	}
	t := &template{}
	for m := 0; m < 8; m++ {
		plan, err := coding.NewPlan(v, coding.M, coding.Mask(m))
		if err != nil {
			return nil, err
		}
		n := len(plan.Pixel)
		t.size = n
		t.rows[m], t.cols[m] = make([]uint64, n), make([]uint64, n)
		if m == 0 {
			t.dataBit = make([]int32, n*n)
		}
		for y, row := range plan.Pixel {
			for x, pix := range row {
				if pix&coding.Black != 0 {
					t.rows[m][y] |= 1 << x
					t.cols[m][x] |= 1 << y
				}
				if m == 0 {
					t.dataBit[y*n+x] = -1
					if r := pix.Role(); r == coding.Data || r == coding.Check {
						t.dataBit[y*n+x] = int32(pix.Offset())
					}
				}
			}
		}
	}
	templates[v] = t
	return t, nil
}

// qrMatrix is a code's modules, one uint64 a row.
type qrMatrix struct {
	Size int
	rows []uint64
}

// Black reports whether the module at column x, row y is dark.
func (q *qrMatrix) Black(x, y int) bool { return q.rows[y]>>x&1 != 0 }

// qrCode encodes text at level M, in the smallest version that holds it:
// alphanumeric mode when it can (a badge credential), bytes otherwise.
func qrCode(text string) (*qrMatrix, error) {
	var enc coding.Encoding = coding.Alpha(text)
	if enc.Check() != nil {
		enc = coding.String(text)
	}
	for v := coding.Version(1); v <= maxVersion; v++ {
		if enc.Bits(v) > v.DataBytes(coding.M)*8 {
			continue
		}
		t, err := templateFor(v)
		if err != nil {
			return nil, err
		}
		var b coding.Bits
		enc.Encode(&b, v)
		b.AddCheckBytes(v, coding.M)
		return t.best(b.Bytes()), nil
	}
	return nil, fmt.Errorf("text too long for a badge's QR code (%d characters)", len(text))
}

// best lays the bits over every mask and keeps the one scanners read best.
func (t *template) best(bits []byte) *qrMatrix {
	n := t.size
	dataRows, dataCols := make([]uint64, n), make([]uint64, n)
	for i, o := range t.dataBit {
		if o >= 0 && bits[o/8]&(1<<uint(7-o&7)) != 0 {
			x, y := i%n, i/n
			dataRows[y] |= 1 << x
			dataCols[x] |= 1 << y
		}
	}
	rows, cols := make([]uint64, n), make([]uint64, n)
	bestMask, bestScore := 0, -1
	for m := 0; m < 8; m++ {
		for i := 0; i < n; i++ {
			rows[i] = t.rows[m][i] ^ dataRows[i]
			cols[i] = t.cols[m][i] ^ dataCols[i]
		}
		if score := penalty(rows, cols, n); bestScore < 0 || score < bestScore {
			bestMask, bestScore = m, score
		}
	}
	q := &qrMatrix{Size: n, rows: make([]uint64, n)}
	for i := range q.rows {
		q.rows[i] = t.rows[bestMask][i] ^ dataRows[i]
	}
	return q
}

// penalty scores a masked code by the four rules of the standard: runs of
// one colour, 2 × 2 blocks, finder-like patterns, and the balance of dark
// and light.
func penalty(rows, cols []uint64, n int) int {
	score := 0
	for i := 0; i < n; i++ {
		score += linePenalty(rows[i], n) + linePenalty(cols[i], n)
	}
	inner := uint64(1)<<(n-1) - 1
	dark := 0
	for y := 0; y < n; y++ {
		a := rows[y]
		dark += bits.OnesCount64(a)
		if y+1 < n {
			b := rows[y+1]
			same := a & (a >> 1) & b & (b >> 1)
			same |= ^a & ^(a >> 1) & ^b & ^(b >> 1)
			score += 3 * bits.OnesCount64(same&inner)
		}
	}
	deviation := dark*100/(n*n) - 50
	if deviation < 0 {
		deviation = -deviation
	}
	return score + deviation/5*10
}

// linePenalty scores one row or column of n modules (bit x is module x),
// all with bit operations: 3 for each run of five modules of one colour and
// 1 for each module more, and 40 for each dark-light-dark-dark-dark-light-
// dark pattern with four light modules, or the edge, on one side.
func linePenalty(line uint64, n int) int {
	all := uint64(1)<<n - 1
	light := ^line & all
	score := 0
	for _, c := range [2]uint64{line, light} {
		// Bit x is set where modules x to x+4 all have this colour.
		five := c & (c >> 1) & (c >> 2) & (c >> 3) & (c >> 4) & (uint64(1)<<(n-4) - 1)
		starts := five &^ (five << 1)
		score += bits.OnesCount64(five) + 2*bits.OnesCount64(starts)
	}
	// Outside the code counts as light.
	outside := ^line &^ all
	l := light | outside
	finder := line & (^line >> 1) & (line >> 2) & (line >> 3) & (line >> 4) & (^line >> 5) & (line >> 6) & (uint64(1)<<(n-6) - 1)
	if finder == 0 {
		return score
	}
	before := (l<<1 | 1) & (l<<2 | 3) & (l<<3 | 7) & (l<<4 | 15)
	after := (l >> 7) & (l >> 8) & (l >> 9) & (l >> 10)
	return score + 40*bits.OnesCount64(finder&(before|after))
}

// qrMark is a code's modules as a PDF inline image mask, one bit a module,
// painted in black: some 560 bytes in the page where a path of one rectangle
// per run of dark modules took 5 KB, so that pages need no compression. The
// mask is not interpolated, so each module prints as a sharp square at any
// size. The mark does not depend on where the code is drawn, so it is made
// on another core while pages are drawn.
type qrMark struct {
	size int // modules per side, without the quiet zone
	ops  string
	code *qrMatrix // the modules, for a preview
}

func newQRMark(code *qrMatrix) qrMark {
	const hex = "0123456789ABCDEF"
	rowBytes := (code.Size + 7) / 8
	buf := make([]byte, 0, 96+code.Size*(rowBytes*2+1))
	buf = append(buf, "BI /IM true /W "...)
	buf = strconv.AppendInt(buf, int64(code.Size), 10)
	buf = append(buf, " /H "...)
	buf = strconv.AppendInt(buf, int64(code.Size), 10)
	// A set bit is a dark module; hexadecimal data never holds "EI".
	buf = append(buf, " /BPC 1 /D [1 0] /I false /F /AHx ID\n"...)
	for row := 0; row < code.Size; row++ {
		for i := 0; i < rowBytes; i++ {
			b := bits.Reverse8(uint8(code.rows[row] >> (8 * i))) // the leftmost module first
			buf = append(buf, hex[b>>4], hex[b&15])
		}
		if row == code.Size-1 {
			buf = append(buf, '>')
		}
		buf = append(buf, '\n')
	}
	buf = append(buf, "EI\n"...)
	return qrMark{size: code.Size, ops: string(buf), code: code}
}

// drawQR draws a code at (x, y) with the given side including the quiet
// zone, in millimetres.
func drawQR(c canvas, mark qrMark, x, y, side float64) {
	pdf, ok := c.(*gofpdf.Fpdf)
	if !ok {
		c.(*raster).qr(mark, x, y, side)
		return
	}
	k := pdf.UnitToPointConvert(1)
	_, pageH := pdf.GetPageSize()
	module := side / float64(mark.size+2*quietZone)
	codeSide := module * float64(mark.size) * k
	buf := make([]byte, 0, 96)
	buf = append(buf, "q 0 g "...)
	for _, v := range []float64{codeSide, 0, 0, codeSide, (x + quietZone*module) * k, (pageH - y - side + quietZone*module) * k} {
		buf = strconv.AppendFloat(buf, v, 'f', 3, 64)
		buf = append(buf, ' ')
	}
	buf = append(buf, "cm\n"...)
	pdf.RawWriteStr(string(buf))
	pdf.RawWriteStr(mark.ops)
	pdf.RawWriteStr("Q\n")
}
