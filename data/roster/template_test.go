package roster

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"accred/data"
)

func TestTemplateReadsBackAsItsExample(t *testing.T) {
	dir := t.TempDir()
	notes := [][]string{{"column", "explanation"}, {"category", "=1+1"}}
	for _, format := range []string{"csv", "xlsx"} {
		path := filepath.Join(dir, "template."+format)
		if err := WriteTemplate(path, format, "Notes", notes); err != nil {
			t.Fatal(err)
		}
		rows, err := Read(path)
		if err != nil || len(rows) != 1 || len(rows[0].Problems) != 1 || !strings.Contains(rows[0].Problems[0].String(), "template's example line") {
			t.Fatalf("%s: the example line left in is not refused: %v %+v", format, err, rows)
		}
		in := rows[0].Input
		if in.FamilyName != "Tanaka" || in.NativeName != "田中 健二" || !in.HeadOfDelegation || in.Rank != 1 || in.DateOfBirth != "1968-04-12" {
			t.Fatalf("%s: the example reads %+v", format, in)
		}
		if err := WriteTemplate(path, format, "Notes", notes); data.ErrorCode(err) != data.ECONFLICT {
			t.Fatalf("%s over an existing file: %v", format, err)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "template.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[1] != "Notes" {
		t.Fatalf("sheets %q", sheets)
	}
	if v, _ := f.GetCellValue("Notes", "B2"); v != "=1+1" {
		t.Fatalf("a note reads %q", v)
	}
	if formula, _ := f.GetCellFormula("Notes", "B2"); formula != "" {
		t.Fatalf("a note became the formula %q", formula)
	}
}
