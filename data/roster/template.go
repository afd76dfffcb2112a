package roster

import (
	"os"
	"slices"

	"accred/data"
)

// Example is the template's example line: a head of delegation with every
// column a delegate may fill, but the photo.
var Example = map[string]string{
	data.FieldCategory: "delegate", data.FieldTitle: "H.E. Mr.", data.FieldGivenName: "Kenji", data.FieldFamilyName: "Tanaka",
	data.FieldNativeName: "田中 健二", data.FieldNationality: "JP", data.FieldDelegation: "JP", data.FieldPosition: "Deputy Minister for Foreign Affairs",
	data.FieldHead: "yes", data.FieldRank: "1", data.FieldGender: "male", data.FieldEmail: "kenji.tanaka@example.org",
	data.FieldDocumentNumber: "TZ1234567", data.FieldDateOfBirth: "1968-04-12", data.FieldPlaceOfBirth: "Osaka",
	data.FieldConsent: "2025-09-01",
}

// Template is the import template: the header naming every column, and
// the example line.
func Template() [][]string {
	example := make([]string, len(Columns))
	for i, c := range Columns {
		example[i] = Example[c]
	}
	return [][]string{Columns, example}
}

// Required reports whether every line must fill the column.
func Required(column string) bool {
	return slices.Contains(required, column)
}

// WriteTemplate writes the import template to a new file at path in format
// (csv or xlsx). An XLSX template has a second sheet, named notesName,
// holding notes, which explain the columns. Nothing is overwritten
// (ECONFLICT).
func WriteTemplate(path, format, notesName string, notes [][]string) error {
	if format != "xlsx" {
		return WriteFile(path, format, Template())
	}
	return data.CreateFile(path, func(f *os.File) error {
		return WriteSheets(f, []Sheet{{Name: "Participants", Table: Template()}, {Name: notesName, Table: notes}})
	})
}
