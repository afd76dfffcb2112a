// Package roster reads import files (CSV or XLSX, laid out as the import
// templates say): participants for data.Store.ImportParticipants, and the
// programme for data.Store.SaveSessions.
package roster

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"accred/data"
	"accred/data/msg"
	"accred/data/photo"
	"accred/data/plainfile"
)

// Limits on an import file. An XLSX file is a zip archive: what it holds
// once unpacked, and how far each part is packed, are limited too, so that
// a small file cannot fill the memory or the disk.
const (
	MaxFileBytes     = 100 << 20
	MaxRows          = 200_000
	MaxUnpackedBytes = 256 << 20 // an XLSX file's parts, unpacked
	MaxPackRatio     = 200       // of a part larger than 10 MB unpacked
)

// Columns lists the template's columns; the required ones are marked in required.
var Columns = []string{
	data.FieldCategory, data.FieldTitle, data.FieldGivenName, data.FieldFamilyName, data.FieldNativeName,
	data.FieldNationality, data.FieldDelegation, data.FieldOrganization, data.FieldOrgKind, data.FieldPosition,
	data.FieldHead, data.FieldEmail, data.FieldDocumentNumber, data.FieldMediaOutlet, data.FieldPhoto,
	data.FieldGender, data.FieldRank, data.FieldZones, data.FieldDateOfBirth, data.FieldPlaceOfBirth, data.FieldConsent,
}

var required = []string{data.FieldCategory, data.FieldFamilyName, data.FieldNationality, data.FieldDocumentNumber}

// Read reads a .csv or .xlsx participant file. Photos named in photo_file
// are read from beside the file. A file that cannot be read at all, or whose
// header is wrong, gives EINVALID; a problem on one line is kept in that
// row's Problems.
func Read(path string) ([]data.ImportRow, error) {
	records, lines, err := readTable(path)
	if err != nil {
		return nil, err
	}
	return parse(records, lines, filepath.Dir(path))
}

// readTable reads the cells of a CSV file or of an XLSX file's first sheet,
// with the line each record starts on.
func readTable(path string) ([][]string, []int, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".csv" && ext != ".txt" && ext != ".xlsx" {
		return nil, nil, data.NewError(data.EINVALID, msgNotCSVOrExcel, msg.Args{"File": filepath.Base(path)})
	}
	raw, err := readPlainFile(path)
	if err != nil {
		return nil, nil, err
	}
	if ext == ".xlsx" {
		return readXLSX(path, raw)
	}
	return readCSV(path, raw)
}

// readPlainFile reads the plain file at path, of MaxFileBytes at most
// whatever it claims. A device such as /dev/zero, or a pipe, would never
// end: they are refused, and a pipe is opened without waiting for a writer.
func readPlainFile(path string) ([]byte, error) {
	f, info, err := plainfile.Open(path)
	switch {
	case errors.Is(err, plainfile.ErrNotPlain):
		return nil, data.NewError(data.EINVALID, msgNotPlainFile, msg.Args{"File": filepath.Base(path)})
	case err != nil:
		return nil, data.NewError(data.EINVALID, msgCannotOpen, msg.Args{"Path": path, "Err": err})
	}
	defer f.Close()
	switch {
	case info.Size() > MaxFileBytes:
		return nil, data.NewError(data.EINVALID, msgTooLarge, msg.Args{"File": filepath.Base(path)})
	}
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead)) // read once, not grown by doubling
	_, err = buf.ReadFrom(io.LimitReader(f, MaxFileBytes+1))
	raw := buf.Bytes()
	if err != nil {
		return nil, data.NewError(data.EINVALID, msgCannotRead, msg.Args{"Path": path, "Err": err})
	}
	if len(raw) > MaxFileBytes {
		return nil, data.NewError(data.EINVALID, msgTooLarge, msg.Args{"File": filepath.Base(path)})
	}
	return raw, nil
}

func readCSV(path string, raw []byte) ([][]string, []int, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(raw, 0) >= 0 {
		return nil, nil, data.NewError(data.EINVALID, msgNotText, msg.Args{"File": filepath.Base(path)})
	}
	comma := sniffSeparator(raw)
	if err := checkCSVShape(path, raw, byte(comma)); err != nil {
		return nil, nil, err
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	r.Comma = comma
	var records [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, &data.Error{Code: data.EINVALID, Message: msgNotCSV.Msg(),
					Fields: []data.FieldError{{Line: pe.StartLine, Reason: msgQuote.Msg()}}}
			}
			return nil, nil, data.NewError(data.EINVALID, msgCannotRead, msg.Args{"Path": path, "Err": err})
		}
		line, _ := r.FieldPos(0)
		for i := range rec {
			rec[i] = UnescapeFormula(rec[i])
		}
		records = append(records, rec)
		lines = append(lines, line)
		if len(records) > MaxRows+1 {
			return nil, nil, data.NewError(data.EINVALID, msgTooManyRows, msg.Args{"Max": MaxRows})
		}
	}
	return records, lines, nil
}

// checkCSVShape refuses, before any cell is made, CSV text whose records
// have more than MaxColumns cells or MaxRowBytes bytes, or that holds more
// than MaxCells cells: a file of commas alone would otherwise become
// millions of empty cells. Quoted separators and line breaks are cells'
// text, as the CSV reader takes them.
func checkCSVShape(path string, raw []byte, comma byte) error {
	file := filepath.Base(path)
	quoted := false
	cells, start, total, line := 1, 0, 0, 1
	for i, b := range raw {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted && b != '\n':
		case b == comma:
			cells++
			if cells > MaxColumns {
				return lineRefused(file, line, msgCSVColumns.With(msg.Args{"Max": MaxColumns}))
			}
		case b == '\n':
			line++
			if quoted {
				continue
			}
			total += cells
			if total > MaxCells {
				return data.NewError(data.EINVALID, msgTooManyCells2, msg.Args{"File": file, "Max": MaxCells})
			}
			cells, start = 1, i+1
		}
		if i-start > MaxRowBytes {
			return lineRefused(file, line, msgCSVRecord.With(msg.Args{"Max": MaxRowBytes >> 20}))
		}
	}
	return nil
}

// lineRefused is the error for a file refused whole for what stands on one
// of its lines.
func lineRefused(file string, line int, reason msg.Message) error {
	return &data.Error{Code: data.EINVALID, Message: msgNotRead.With(msg.Args{"File": file}), Fields: []data.FieldError{{Line: line, Reason: reason}}}
}

// sniffSeparator picks the separator of the first line: spreadsheet programs
// in French and Vietnamese settings save CSV with semicolons.
func sniffSeparator(raw []byte) rune {
	first, _, _ := bytes.Cut(raw, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		return ';'
	}
	return ','
}

// checkZip refuses an XLSX file whose parts, unpacked, would pass
// MaxUnpackedBytes, or that packs a large part further than any
// spreadsheet program does (a "zip bomb"), reading only the archive's
// table of contents.
func checkZip(path string, raw []byte) error {
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return data.NewError(data.EINVALID, msgNotExcel, msg.Args{"File": filepath.Base(path), "Err": err})
	}
	var total uint64
	for _, part := range z.File {
		total += part.UncompressedSize64
		if total > MaxUnpackedBytes {
			return data.NewError(data.EINVALID, msgUnpacksTooLarge, msg.Args{"File": filepath.Base(path), "Max": MaxUnpackedBytes >> 20})
		}
		if part.UncompressedSize64 > 10<<20 && part.UncompressedSize64 > MaxPackRatio*part.CompressedSize64 {
			return data.NewError(data.EINVALID, msgPacked, msg.Args{"File": filepath.Base(path),
				"Unpacked": part.UncompressedSize64 >> 20, "Packed": part.CompressedSize64 >> 10, "Part": part.Name})
		}
	}
	return nil
}

// parse maps records under their header to rows.
func parse(records [][]string, lines []int, dir string) ([]data.ImportRow, error) {
	column, err := header(records, lines, Columns, required)
	if err != nil {
		return nil, err
	}
	rows := make([]data.ImportRow, 0, len(records)-1)
	for i, rec := range records[1:] {
		line := lines[i+1]
		if isBlank(rec) {
			continue
		}
		row := data.ImportRow{Line: line}
		if len(rec) > len(records[0]) {
			row.Problems = append(row.Problems, data.FieldError{Line: line,
				Reason: msgTooManyCells.With(msg.Args{"Cells": msgCells.With(msg.Args{"Count": len(rec)}), "Columns": msgColumns.With(msg.Args{"Count": len(records[0])})})})
		}
		// An empty cell, or a column the file lacks, leaves the field of
		// someone registered already as it is; a cell of data.ClearCell
		// clears it.
		cell := func(name string) string {
			value := rawCell(column, rec, name)
			switch strings.TrimSpace(value) {
			case "":
				row.Kept.Keep(name)
			case data.ClearCell:
				return ""
			}
			return value
		}
		row.Input = data.ParticipantInput{
			Category: cell(data.FieldCategory), Title: cell(data.FieldTitle), GivenName: cell(data.FieldGivenName),
			FamilyName: cell(data.FieldFamilyName), NativeName: cell(data.FieldNativeName), Nationality: cell(data.FieldNationality),
			Delegation: cell(data.FieldDelegation), Organization: cell(data.FieldOrganization), OrganizationKind: cell(data.FieldOrgKind),
			MediaOutlet: cell(data.FieldMediaOutlet), Position: cell(data.FieldPosition), Email: cell(data.FieldEmail),
			DocumentNumber: cell(data.FieldDocumentNumber), Gender: cell(data.FieldGender),
			DateOfBirth: cell(data.FieldDateOfBirth), PlaceOfBirth: cell(data.FieldPlaceOfBirth), ConsentOn: cell(data.FieldConsent),
		}
		if rank, ok := data.ParseRank(cell(data.FieldRank)); ok {
			row.Input.Rank = rank
		} else {
			row.Problems = append(row.Problems, data.FieldError{Line: line, Field: data.FieldRank, Reason: msgRank.With(msg.Args{"Value": cell(data.FieldRank)})})
		}
		head, ok := parseYesNo(cell(data.FieldHead))
		if !ok {
			row.Problems = append(row.Problems, data.FieldError{Line: line, Field: data.FieldHead, Reason: msgYesNo.Msg()})
		}
		row.Input.HeadOfDelegation = head
		if name := strings.TrimSpace(cell(data.FieldPhoto)); name != "" {
			jpeg, reason := readPhoto(dir, name)
			if !reason.IsZero() {
				row.Problems = append(row.Problems, data.FieldError{Line: line, Field: data.FieldPhoto, Reason: reason})
			}
			row.Photo = jpeg
		}
		if zones := rawCell(column, rec, data.FieldZones); strings.TrimSpace(zones) == data.ClearCell {
			row.Zones = &[]data.ZoneChange{} // back to the category's zones
		} else if strings.TrimSpace(zones) != "" { // empty: their zones stay as they are
			row.Zones, row.Problems = readZones(line, zones, row.Problems)
		}
		if isExample(cell) {
			row.Problems = append(row.Problems, data.FieldError{Line: line, Reason: msgExampleLine.Msg()})
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// rawCell is the cell of a record under the column named, as written;
// empty when the file lacks the column.
func rawCell(column map[string]int, rec []string, name string) string {
	if i, ok := column[name]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

// isExample reports whether the row read by cell is the template's example
// line, left in the file: it would register a person who is not coming.
func isExample(cell func(string) string) bool {
	for _, field := range []string{data.FieldFamilyName, data.FieldGivenName, data.FieldDocumentNumber} {
		if strings.TrimSpace(cell(field)) != Example[field] {
			return false
		}
	}
	return true
}

// readPhoto reads and prepares a photo named relative to the import file's
// folder, or says why it cannot: a name or link that leads outside that
// folder, and anything but a plain file, are refused unread.
func readPhoto(dir, name string) (jpeg []byte, reason msg.Message) {
	raw, err := photo.Read(dir, name)
	if err == nil {
		jpeg, err = photo.Prepare(raw)
	}
	if err != nil {
		return nil, photo.Reason(err)
	}
	return jpeg, msg.Message{}
}

// readZones reads a line's zone changes, adding to problems when they are
// not written as the template says.
func readZones(line int, cell string, problems []data.FieldError) (*[]data.ZoneChange, []data.FieldError) {
	changes, reason := data.ParseZoneChanges(cell)
	if !reason.IsZero() {
		problems = append(problems, data.FieldError{Line: line, Field: data.FieldZones, Reason: reason})
	}
	return &changes, problems
}

func parseYesNo(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "n", "false", "0", "non", "không":
		return false, true
	case "yes", "y", "true", "1", "x", "oui", "có":
		return true, true
	}
	return false, false
}

func isBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

var (
	msgCannotOpen       = msg.Define("Cannot open {{.Path}}: {{.Err}}")
	msgExampleLine      = msg.Define("This is the template's example line: replace it by a participant, or delete it.")
	msgNotPlainFile     = msg.Define("{{.File}} is not a plain file: a folder, a device or a pipe cannot be imported.")
	msgCannotRead       = msg.Define("Cannot read {{.Path}}: {{.Err}}")
	msgTooLarge         = msg.Define("{{.File}} is larger than 100 MB; split it into smaller files.")
	msgNotCSVOrExcel    = msg.Define("{{.File}} is neither a .csv nor an .xlsx file.")
	msgNotText          = msg.Define("{{.File}} is not a text file. Save it as CSV (UTF-8).")
	msgNotCSV           = msg.Define("The file is not valid CSV.")
	msgQuote            = msg.Define("A quote is not closed or stands inside a cell; check the quotes on this line.")
	msgTooManyRows      = msg.Define("The file has more than {{.Max}} participants; split it.")
	msgNotExcel         = msg.Define("{{.File}} is not a readable Excel file: {{.Err}}")
	msgNoSheet          = msg.Define("{{.File}} has no sheet.")
	msgTooManySheetRows = msg.Define("The first sheet of {{.File}} has more than {{.Max}} rows (empty rows count too); split it, or delete the empty rows below the participants.")
	msgUnpacksTooLarge  = msg.Define("{{.File}} holds more than {{.Max}} MB once unpacked; nothing was read. Split it, or save it again from the spreadsheet program.")
	msgPacked           = msg.Define("{{.File}} packs {{.Unpacked}} MB into {{.Packed}} KB ({{.Part}}), far more than a spreadsheet does; nothing was read. Save it again from the spreadsheet program.")
	msgTooManyCells     = msg.Define("This line has {{.Cells}} but the header names {{.Columns}}.")
	msgCells            = msg.DefinePlural("Count", "{{.Count}} cell", "{{.Count}} cells")
	msgColumns          = msg.DefinePlural("Count", "{{.Count}} column", "{{.Count}} columns")
	msgNotRead          = msg.Define("{{.File}} was not read; nothing was imported.")
	msgCSVColumns       = msg.Define("This line has more than {{.Max}} cells; check the file's separator.")
	msgCSVRecord        = msg.Define("This line is longer than {{.Max}} MB; check the file's quotes.")
	msgYesNo            = msg.Define("Write yes or no.")
	msgRank             = msg.Define("\"{{.Value}}\" is not a rank: write a whole number from 1 (the head of delegation) to 9999, or leave it empty for the order of import.")
)
