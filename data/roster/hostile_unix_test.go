//go:build unix

package roster_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"accred/data"
	"accred/data/roster"
)

// readWithin reads an import file, failing the test instead of hanging when
// the read does not end: the deadline only stops a hung test.
func readWithin(t *testing.T, path string) ([]data.ImportRow, error) {
	t.Helper()
	type result struct {
		rows []data.ImportRow
		err  error
	}
	done := make(chan result, 1)
	go func() {
		rows, err := roster.Read(path)
		done <- result{rows, err}
	}()
	select {
	case r := <-done:
		return r.rows, r.err
	case <-time.After(2 * time.Minute):
		t.Fatalf("reading %s hangs", filepath.Base(path))
		return nil, nil
	}
}

func TestImportRefusesPhotosThatAreNotFilesInTheFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "import")
	os.Mkdir(dir, 0o700)
	var picture bytes.Buffer
	png.Encode(&picture, image.NewGray(image.Rect(0, 0, 120, 160)))
	writeFile(t, parent, "outside.png", picture.String()) // a real photo, outside the folder
	writeFile(t, dir, "good.png", picture.String())
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.png")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(parent, "outside.png"), filepath.Join(dir, "link.png")); err != nil {
		t.Fatal(err)
	}
	big, _ := os.Create(filepath.Join(dir, "big.png")) // 16 MB, sparse on disk
	big.Truncate(16 << 20)
	big.Close()
	os.Mkdir(filepath.Join(dir, "folder.png"), 0o700)

	cases := []struct{ file, reason string }{
		{"good.png", ""},
		{"zero.png", "outside the folder"},
		{"pipe.png", "not a plain file"},
		{"link.png", "outside the folder"},
		{"../outside.png", "outside the folder"},
		{"big.png", "larger than 15 MB"},
		{"folder.png", "not a plain file"},
		{"none.png", "no such photo file"},
	}
	csv := "category,family_name,nationality,delegation,document_number,photo_file\n"
	for i, c := range cases {
		csv += fmt.Sprintf("delegate,Person%d,FR,FR,D%d,%s\n", i, i, c.file)
	}
	rows, err := readWithin(t, writeFile(t, dir, "people.csv", csv))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		var reasons []string
		for _, p := range rows[i].Problems {
			reasons = append(reasons, p.Reason.String())
		}
		got := strings.Join(reasons, " ")
		switch {
		case c.reason == "" && (got != "" || rows[i].Photo == nil):
			t.Errorf("%s: refused (%q)", c.file, got)
		case c.reason != "" && (!strings.Contains(got, c.reason) || rows[i].Photo != nil):
			t.Errorf("%s: %q, want a reason with %q", c.file, got, c.reason)
		}
	}
}

// xlsxBomb writes a small XLSX file whose sheet or shared strings unpack to
// far more: what the two parts hold is written by sheet and strings.
func xlsxBomb(t *testing.T, path string, sheet, strings func(io.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	parts := map[string]func(io.Writer){
		"[Content_Types].xml": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
				`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
				`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
				`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
				`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
		},
		"_rels/.rels": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
				`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
		},
		"xl/workbook.xml": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
				`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
		},
		"xl/_rels/workbook.xml.rels": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
				`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
				`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
		},
		"xl/worksheets/sheet1.xml": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			sheet(w)
			io.WriteString(w, `</sheetData></worksheet>`)
		},
		"xl/sharedStrings.xml": func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			strings(w)
			io.WriteString(w, `</sst>`)
		},
	}
	for name, write := range parts {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		write(w)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

const headerRow = `<row r="1"><c r="A1" t="inlineStr"><is><t>category</t></is></c><c r="B1" t="inlineStr"><is><t>family_name</t></is></c>` +
	`<c r="C1" t="inlineStr"><is><t>nationality</t></is></c><c r="D1" t="inlineStr"><is><t>document_number</t></is></c></row>`

func TestImportRefusesXLSXBombs(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where excelize would leave its unpacked parts
	dir := t.TempDir()

	bigCell := func(megabytes int) func(io.Writer) {
		return func(w io.Writer) {
			io.WriteString(w, `<si><t>`)
			chunk := bytes.Repeat([]byte("A"), 1<<20)
			for range megabytes {
				w.Write(chunk)
			}
			io.WriteString(w, `</t></si>`)
		}
	}
	cellRow := func(w io.Writer) {
		io.WriteString(w, headerRow+`<row r="2"><c r="A2" t="inlineStr"><is><t>delegate</t></is></c><c r="B2" t="s"><v>0</v></c></row>`)
	}
	hugeCell := filepath.Join(dir, "cell.xlsx") // one 1 GB cell
	xlsxBomb(t, hugeCell, cellRow, bigCell(1024))
	packedCell := filepath.Join(dir, "packed.xlsx") // one 50 MB cell, packed 1,000 to 1
	xlsxBomb(t, packedCell, cellRow, bigCell(50))
	emptyRows := filepath.Join(dir, "rows.xlsx") // three million empty rows after a participant
	xlsxBomb(t, emptyRows, func(w io.Writer) {
		io.WriteString(w, headerRow+`<row r="2"><c r="A2" t="inlineStr"><is><t>delegate</t></is></c></row>`)
		for n := 3; n < 3_000_000; n++ {
			fmt.Fprintf(w, `<row r="%d"/>`, n)
		}
	}, func(io.Writer) {})

	for path, reason := range map[string]string{hugeCell: "once unpacked", packedCell: "far more than a spreadsheet does", emptyRows: "more than 200001 rows (empty rows count too)"} {
		if info, _ := os.Stat(path); info.Size() > 8<<20 {
			t.Fatalf("%s is %d bytes on disk", path, info.Size())
		}
		_, err := readWithin(t, path)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), reason) {
			t.Errorf("%s: %v, want a reason with %q", filepath.Base(path), err, reason)
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("%s left %v behind", filepath.Base(path), left)
		}
	}
}

// TestImportRefusesFilesThatAreNotPlainFiles: a pipe, a device or a folder
// named as the import file itself is refused at once; none is read.
func TestImportRefusesFilesThatAreNotPlainFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.csv"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.csv"))
	os.Symlink("/dev/urandom", filepath.Join(dir, "random.xlsx"))
	os.Mkdir(filepath.Join(dir, "folder.csv"), 0o700)
	for _, name := range []string{"pipe.csv", "zero.csv", "random.xlsx", "folder.csv"} {
		_, err := readWithin(t, filepath.Join(dir, name))
		if err == nil || !strings.Contains(err.Error(), "not a plain file") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
