package roster

import (
	"bytes"
	"slices"
	"strings"

	"accred/data"
	"accred/data/msg"
)

// ReadUpload reads a participant file sent over the network rather than
// given as a path: CSV, or XLSX when raw is a zip archive, with the rules
// and limits of Read. A line may not name a photo file (there is no folder
// to read it from): that is a problem of the line.
func ReadUpload(raw []byte) ([]data.ImportRow, error) {
	name := "upload.csv"
	if bytes.HasPrefix(raw, []byte("PK\x03\x04")) {
		name = "upload.xlsx"
	}
	if len(raw) > MaxFileBytes {
		return nil, data.NewError(data.EINVALID, msgTooLarge, msg.Args{"File": name})
	}
	var records [][]string
	var lines []int
	var err error
	if name == "upload.xlsx" {
		records, lines, err = readXLSX(name, raw)
	} else {
		records, lines, err = readCSV(name, raw)
	}
	if err != nil {
		return nil, err
	}
	return parseWithoutPhotos(records, lines)
}

// ReadCells reads one participant given as cells by column name, as a web
// form or a program sends them, the way a file's line is read: the same
// columns, the same problems. Line is 0: the problems name no line.
func ReadCells(cells map[string]string) (data.ImportRow, error) {
	header := make([]string, 0, len(cells))
	given := map[string]bool{}
	for name := range cells {
		header = append(header, name)
		given[normalColumn(name)] = true
	}
	for _, name := range Columns {
		if !given[name] && name != data.FieldZones && name != data.FieldPhoto {
			header = append(header, name) // an empty cell, as a form's empty field
		}
	}
	slices.Sort(header)
	record := make([]string, len(header))
	for i, name := range header {
		record[i] = cells[name]
	}
	rows, err := parseWithoutPhotos([][]string{header, record}, []int{0, 0})
	if err != nil {
		return data.ImportRow{}, err
	}
	if len(rows) == 0 {
		return data.ImportRow{Line: 0}, nil
	}
	return rows[0], nil
}

// parseWithoutPhotos parses records as parse does, a photo_file cell being
// a problem of its line rather than a file to read.
func parseWithoutPhotos(records [][]string, lines []int) ([]data.ImportRow, error) {
	photo := -1
	if len(records) > 0 {
		photo = slices.IndexFunc(records[0], func(c string) bool { return normalColumn(c) == data.FieldPhoto })
	}
	var named []int
	if photo >= 0 {
		for i, rec := range records[1:] {
			if photo < len(rec) && len(bytes.TrimSpace([]byte(rec[photo]))) > 0 {
				named = append(named, lines[i+1])
				rec[photo] = ""
			}
		}
	}
	rows, err := parse(records, lines, "")
	if err != nil {
		return nil, err
	}
	for i := range rows {
		if slices.Contains(named, rows[i].Line) {
			rows[i].Problems = append(rows[i].Problems, data.FieldError{Line: rows[i].Line, Field: data.FieldPhoto, Reason: msgUploadPhotoFile.Msg()})
		}
	}
	return rows, nil
}

// normalColumn is a header's cell as a column's name.
func normalColumn(name string) string {
	return strings.ToLower(strings.TrimSpace(strings.ReplaceAll(name, " ", "_")))
}

var msgUploadPhotoFile = msg.Define("A file sent over the network cannot name photo files: leave photo_file empty and add each photo on its own.")
