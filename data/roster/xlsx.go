package roster

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"accred/data"
	"accred/data/msg"
)

// Limits on what an import file holds, whatever its size on disk: a small
// file must not fill the memory, nor take minutes to be refused.
const (
	MaxColumns   = 100       // columns of a sheet or a CSV line
	MaxCellBytes = 128 << 10 // bytes of one cell (a shared string too)
	MaxRowBytes  = 1 << 20   // bytes of one CSV record
	MaxCells     = 5_000_000 // cells of a file, empty ones in a row included; shared strings too
)

// readXLSX reads the first sheet of the XLSX file held in raw, streaming its
// parts (never unpacked to disk) within the limits above: the shared
// strings, then the sheet's rows, with the row number each comes from.
// Empty rows are left out; a date cell is read as YYYY-MM-DD.
func readXLSX(path string, raw []byte) ([][]string, []int, error) {
	file := filepath.Base(path)
	if err := checkZip(path, raw); err != nil {
		return nil, nil, err
	}
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, nil, data.NewError(data.EINVALID, msgNotExcel, msg.Args{"File": file, "Err": err})
	}
	parts := map[string]*zip.File{}
	for _, f := range z.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	x := xlsxReader{file: file, parts: parts}
	sheet, err := x.firstSheet()
	if err != nil {
		return nil, nil, err
	}
	if err := x.readStrings(); err != nil {
		return nil, nil, err
	}
	if err := x.readStyles(); err != nil {
		return nil, nil, err
	}
	return x.readSheet(sheet)
}

// xlsxReader reads one XLSX file's parts.
type xlsxReader struct {
	file    string
	parts   map[string]*zip.File
	strings []string
	dates   []bool // by style index: the style shows a date
	cells   int    // read so far, against MaxCells
}

// refuse is the error for a file that cannot be read as a spreadsheet.
func (x *xlsxReader) refuse(err error) error {
	var e *data.Error
	if errors.As(err, &e) {
		return err
	}
	return data.NewError(data.EINVALID, msgNotExcel, msg.Args{"File": x.file, "Err": err})
}

// open returns a decoder of the part called name, whose text runs are
// limited to a cell's size; nil when the file has no such part.
func (x *xlsxReader) open(name string) (*xml.Decoder, io.Closer, error) {
	f, ok := x.parts[name]
	if !ok {
		return nil, nil, nil
	}
	r, err := f.Open()
	if err != nil {
		return nil, nil, x.refuse(err)
	}
	return xml.NewDecoder(&runLimit{r: r, file: x.file}), r, nil
}

// firstSheet finds the part of the workbook's first sheet.
func (x *xlsxReader) firstSheet() (string, error) {
	d, c, err := x.open("xl/workbook.xml")
	if err != nil {
		return "", err
	}
	if d == nil {
		return "", x.refuse(errors.New("it has no workbook"))
	}
	defer c.Close()
	var id string
	for id == "" {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return "", data.NewError(data.EINVALID, msgNoSheet, msg.Args{"File": x.file})
		}
		if err != nil {
			return "", x.refuse(err)
		}
		if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "sheet" {
			id = attr(s, "id")
		}
	}
	d, c, err = x.open("xl/_rels/workbook.xml.rels")
	if err != nil || d == nil {
		return "xl/worksheets/sheet1.xml", err
	}
	defer c.Close()
	for {
		tok, err := d.Token()
		if err != nil {
			return "xl/worksheets/sheet1.xml", nil
		}
		if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "Relationship" && attr(s, "Id") == id {
			target := attr(s, "Target")
			if strings.HasPrefix(target, "/") {
				return strings.TrimPrefix(target, "/"), nil
			}
			return path.Join("xl", target), nil
		}
	}
}

// each calls fn with each token of d, to its end.
func (x *xlsxReader) each(d *xml.Decoder, fn func(xml.Token) error) error {
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return x.refuse(err)
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// readStrings reads the shared strings, each within MaxCellBytes.
func (x *xlsxReader) readStrings() error {
	d, c, err := x.open("xl/sharedStrings.xml")
	if err != nil || d == nil {
		return err
	}
	defer c.Close()
	var b strings.Builder
	var inText, inPhonetic bool
	return x.each(d, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "t":
				inText = true
			case "rPh":
				inPhonetic = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if err := x.count(); err != nil {
					return err
				}
				x.strings = append(x.strings, b.String())
			case "t":
				inText = false
			case "rPh":
				inPhonetic = false
			}
		case xml.CharData:
			if inText && !inPhonetic {
				if b.Len()+len(t) > MaxCellBytes {
					return data.NewError(data.EINVALID, msgCellTooLarge, msg.Args{"File": x.file, "Max": MaxCellBytes >> 10})
				}
				b.Write(t)
			}
		}
		return nil
	})
}

// count counts one more cell or shared string against MaxCells.
func (x *xlsxReader) count() error {
	x.cells++
	if x.cells > MaxCells {
		return data.NewError(data.EINVALID, msgTooManyCells2, msg.Args{"File": x.file, "Max": MaxCells})
	}
	return nil
}

// readStyles finds which cell styles show a date.
func (x *xlsxReader) readStyles() error {
	d, c, err := x.open("xl/styles.xml")
	if err != nil || d == nil {
		return err
	}
	defer c.Close()
	custom := map[int]bool{}
	inCellStyles := false
	return x.each(d, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				id, _ := strconv.Atoi(attr(t, "numFmtId"))
				custom[id] = isDateFormat(attr(t, "formatCode"))
			case "cellXfs":
				inCellStyles = true
			case "xf":
				if inCellStyles {
					if err := x.count(); err != nil {
						return err
					}
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					x.dates = append(x.dates, (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || custom[id])
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inCellStyles = false
			}
		}
		return nil
	})
}

// isDateFormat reports whether a number format shows a date: it has a day,
// month or year outside quoted text.
func isDateFormat(code string) bool {
	quoted := false
	for _, r := range strings.ToLower(code) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == 'd' || r == 'y'):
			return true
		}
	}
	return false
}

// readSheet reads the rows of the sheet's part.
func (x *xlsxReader) readSheet(name string) ([][]string, []int, error) {
	d, c, err := x.open(name)
	if err != nil {
		return nil, nil, err
	}
	if d == nil {
		return nil, nil, data.NewError(data.EINVALID, msgNoSheet, msg.Args{"File": x.file})
	}
	defer c.Close()
	var records [][]string
	var lines []int
	var row []string
	rowNumber, column := 0, 0
	var cell struct {
		kind, style, value string
		inValue, inText    bool
		inPhonetic         bool
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return records, lines, nil
		}
		if err != nil {
			return nil, nil, x.refuse(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rowNumber++
				if r, err := strconv.Atoi(attr(t, "r")); err == nil && r > rowNumber {
					rowNumber = r
				}
				if rowNumber > MaxRows+1 { // empty rows count: millions of them take as long to read
					return nil, nil, data.NewError(data.EINVALID, msgTooManySheetRows, msg.Args{"File": x.file, "Max": MaxRows + 1})
				}
				row, column = row[:0], 0
			case "c":
				column++
				if ref := attr(t, "r"); ref != "" {
					column = columnNumber(ref)
				}
				if column > MaxColumns || column < 1 {
					return nil, nil, data.NewError(data.EINVALID, msgTooManyColumns, msg.Args{"File": x.file,
						"Cell": attr(t, "r"), "Max": MaxColumns})
				}
				if err := x.count(); err != nil {
					return nil, nil, err
				}
				cell.kind, cell.style, cell.value = attr(t, "t"), attr(t, "s"), ""
			case "v":
				cell.inValue = true
			case "t":
				cell.inText = true
			case "rPh":
				cell.inPhonetic = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				cell.inValue = false
			case "t":
				cell.inText = false
			case "rPh":
				cell.inPhonetic = false
			case "c":
				value, err := x.cellValue(cell.kind, cell.style, cell.value)
				if err != nil {
					return nil, nil, err
				}
				for len(row) < column-1 {
					row = append(row, "")
				}
				if len(row) < column {
					row = append(row, value)
				} else {
					row[column-1] = value
				}
			case "row":
				for len(row) > 0 && row[len(row)-1] == "" {
					row = row[:len(row)-1]
				}
				if len(row) > 0 {
					records = append(records, append([]string(nil), row...))
					lines = append(lines, rowNumber)
				}
			}
		case xml.CharData:
			if (cell.inValue || cell.inText) && !cell.inPhonetic {
				if len(cell.value)+len(t) > MaxCellBytes {
					return nil, nil, data.NewError(data.EINVALID, msgCellTooLarge, msg.Args{"File": x.file, "Max": MaxCellBytes >> 10})
				}
				cell.value += string(t)
			}
		}
	}
}

// cellValue is a cell's text: a shared string, text written in the cell,
// TRUE or FALSE, or a number (a date's as YYYY-MM-DD).
func (x *xlsxReader) cellValue(kind, style, value string) (string, error) {
	switch kind {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || i < 0 || i >= len(x.strings) {
			return "", x.refuse(fmt.Errorf("a cell names shared string %q, which the file does not hold", value))
		}
		return x.strings[i], nil
	case "b":
		return map[bool]string{true: "TRUE", false: "FALSE"}[strings.TrimSpace(value) == "1"], nil
	case "", "n":
		s, err := strconv.Atoi(style)
		if err == nil && s >= 0 && s < len(x.dates) && x.dates[s] {
			if serial, err := strconv.ParseFloat(strings.TrimSpace(value), 64); err == nil && serial > 0 && serial < 2958466 {
				day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial))
				return day.Format(time.DateOnly), nil
			}
		}
	}
	return value, nil
}

// columnNumber is the column of a cell reference such as B7 (2), from 1;
// 0 for a reference that has no column.
func columnNumber(ref string) int {
	n := 0
	for _, r := range ref {
		switch {
		case r >= 'A' && r <= 'Z':
			n = n*26 + int(r-'A') + 1
		case r >= 'a' && r <= 'z':
			n = n*26 + int(r-'a') + 1
		default:
			return n
		}
		if n > 1<<20 {
			return n
		}
	}
	return n
}

// attr is the value of a start element's attribute called local, in any
// namespace.
func attr(s xml.StartElement, local string) string {
	for _, a := range s.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// runLimit reads a part, refusing a run of text between two tags longer
// than a cell may be (escaped), before the XML decoder would hold it whole.
type runLimit struct {
	r    io.Reader
	file string
	run  int
}

func (l *runLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, b := range p[:n] {
		if b == '<' || b == '>' {
			l.run = 0
			continue
		}
		l.run++
		if l.run > 6*MaxCellBytes { // &amp; and its kind take up to six bytes for one
			return 0, data.NewError(data.EINVALID, msgCellTooLarge, msg.Args{"File": l.file, "Max": MaxCellBytes >> 10})
		}
	}
	return n, err
}

var (
	msgCellTooLarge   = msg.Define("{{.File}} holds a cell of more than {{.Max}} KB; nothing was read. No participant's detail is that long: check the file.")
	msgTooManyColumns = msg.Define("{{.File}} has a cell beyond column {{.Max}} ({{.Cell}}); nothing was read. Delete what stands right of the template's columns.")
	msgTooManyCells2  = msg.Define("{{.File}} holds more than {{.Max}} cells; nothing was read. Split it.")
)

// RemoveLeftovers removes the temporary folders earlier versions of Accred
// unpacked XLSX files into (accred-xlsx-*), which an import killed midway
// left behind: this version unpacks nothing to disk.
func RemoveLeftovers() {
	leftovers, _ := filepath.Glob(filepath.Join(os.TempDir(), "accred-xlsx-*"))
	for _, dir := range leftovers {
		os.RemoveAll(dir)
	}
}
