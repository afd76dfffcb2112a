package roster

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"accred/data"
)

// formulaStarts are the first characters that make a spreadsheet program
// read a CSV cell as a formula (OWASP's list): =cmd|' /C calc'!A0 would run.
const formulaStarts = "=+-@\t\r"

// EscapeFormula neutralises a cell that a spreadsheet program would run as a
// formula by putting a quote before it, as OWASP advises; a cell that
// begins with a quote before such a character gets one more, so that
// UnescapeFormula gives every cell back exactly.
func EscapeFormula(cell string) string {
	if isEscaped(cell) {
		return "'" + cell
	}
	return cell
}

// UnescapeFormula gives back the cell EscapeFormula was given.
func UnescapeFormula(cell string) string {
	if strings.HasPrefix(cell, "'") && isEscaped(cell[1:]) {
		return cell[1:]
	}
	return cell
}

// isEscaped reports whether EscapeFormula quotes cell: it begins with a
// formula character, after any number of quotes.
func isEscaped(cell string) bool {
	rest := strings.TrimLeft(cell, "'")
	return rest != "" && strings.ContainsRune(formulaStarts, rune(rest[0]))
}

// WriteCSV writes a table as CSV, every cell passed through EscapeFormula.
func WriteCSV(w io.Writer, table [][]string) error {
	c := csv.NewWriter(w)
	record := make([]string, 0, 16)
	for _, row := range table {
		record = record[:0]
		for _, cell := range row {
			record = append(record, EscapeFormula(cell))
		}
		if err := c.Write(record); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}

// WriteXLSX writes a table as the first sheet of an XLSX workbook. Its
// cells are text, which no spreadsheet program runs as a formula.
func WriteXLSX(w io.Writer, table [][]string) error {
	return WriteSheets(w, []Sheet{{Name: "Sheet1", Table: table}})
}

// Sheet is a named sheet of a workbook.
type Sheet struct {
	Name  string
	Table [][]string
}

// WriteSheets writes sheets, in order, as an XLSX workbook whose cells are
// text.
func WriteSheets(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for n, sheet := range sheets {
		if n == 0 {
			if err := f.SetSheetName("Sheet1", sheet.Name); err != nil {
				return fmt.Errorf("sheet %s: %w", sheet.Name, err)
			}
		} else if _, err := f.NewSheet(sheet.Name); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet.Name, err)
		}
		for i, row := range sheet.Table {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			values := make([]any, len(row))
			for j, v := range row {
				values[j] = v
			}
			if err := f.SetSheetRow(sheet.Name, cell, &values); err != nil {
				return fmt.Errorf("row %d: %w", i+1, err)
			}
		}
	}
	return f.Write(w)
}

// WriteFile writes a table to a new file in format "csv" or "xlsx". The
// file appears whole or not at all, readable by its owner only; an existing
// file is never replaced (ECONFLICT).
func WriteFile(path, format string, table [][]string) error {
	write := WriteCSV
	if format == "xlsx" {
		write = WriteXLSX
	}
	return data.CreateFile(path, func(f *os.File) error { return write(f, table) })
}
