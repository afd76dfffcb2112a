package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/roster"
)

// templateFormats are the template's formats, in the order offered.
var templateFormats = []string{"csv", "xlsx"}

// onTemplate asks where to write the import template, and in which format.
func (im *importer) onTemplate() {
	format := widget.NewSelect([]string{lang.L("CSV (UTF-8)"), lang.L("Excel (XLSX), with a sheet explaining each column")}, nil)
	form := im.u.askNewFile(lang.L("Download the template"), []*widget.FormItem{widget.NewFormItem(lang.L("Format"), format)},
		"participants-template.csv", func(path string) {
			im.writeTemplate(path, templateFormats[max(0, format.SelectedIndex())])
		})
	format.OnChanged = func(string) { form.withExt("." + templateFormats[format.SelectedIndex()]) }
	format.SetSelectedIndex(0)
}

// writeTemplate writes the template in the background and says where, or
// why not.
func (im *importer) writeTemplate(path, format string) {
	sheet, notes := lang.L("Columns"), columnNotes()
	im.work.run(func() func() {
		err := roster.WriteTemplate(path, format, sheet, notes)
		return func() {
			if err != nil {
				im.summary.Importance = widget.DangerImportance
				im.summary.SetText(problemText(err))
				return
			}
			im.summary.Importance = widget.MediumImportance
			im.summary.SetText(lang.L("The template is in {{.Path}}: replace the example line with your participants, keeping the first line, then choose the file here.", map[string]any{"Path": path}))
		}
	})
}

// columnNotes explain each of the template's columns, in the interface's
// language.
func columnNotes() [][]string {
	notes := [][]string{{lang.L("Column"), lang.L("Field"), lang.L("Required"), lang.L("What to write")}}
	for _, c := range roster.Columns {
		need := ""
		if roster.Required(c) {
			need = lang.L("required")
		}
		notes = append(notes, []string{c, fieldLabel(c), need, columnNote(c)})
	}
	return append(notes, []string{data.ClearCell, lang.L("Empty cells"), "", lang.L("For someone registered already (the same document number and nationality), an empty cell leaves their field as it is, and a cell holding only - clears it. A line that changes who someone approved, cleared or printed is (names, nationality, document number, date of birth) is imported only once confirmed, line by line, and sends them back to pending.")})
}

func columnNote(column string) string {
	switch column {
	case data.FieldCategory:
		return lang.L("delegate, observer, media, un, organizer, security or vip")
	case data.FieldTitle:
		return lang.L("H.E. Mr., Ms., Dr., Gen. …")
	case data.FieldGivenName:
		return lang.L("May be empty for a person with one name.")
	case data.FieldFamilyName:
		return lang.L("Printed in capitals in the List of Participants.")
	case data.FieldNativeName:
		return lang.L("The name in its own script, if it has one.")
	case data.FieldNationality:
		return lang.L("The country's code (VN or VNM) or its name in English, French or Vietnamese.")
	case data.FieldDelegation:
		return lang.L("For delegates: the country of the delegation, by code or name.")
	case data.FieldOrganization:
		return lang.L("For observers: the organisation or research institute.")
	case data.FieldOrgKind:
		return lang.L("international, regional, private, ngo or research")
	case data.FieldPosition:
		return lang.L("Function or job title.")
	case data.FieldHead:
		return lang.L("yes for the head of delegation, else no or empty.")
	case data.FieldEmail:
		return lang.L("Checked when given.")
	case data.FieldDocumentNumber:
		return lang.L("Passport or identity card number; one person per number and nationality.")
	case data.FieldMediaOutlet:
		return lang.L("For the media: the press agency or outlet.")
	case data.FieldPhoto:
		return lang.L("The photo's file (JPEG or PNG, at most 15 MB), in the template's folder or a folder inside it, such as photos/tanaka.jpg.")
	case data.FieldGender:
		return lang.L("female, male, other, or empty when not stated.")
	case data.FieldRank:
		return lang.L("Order within the delegation in the List of Participants: 1 to 9999; empty for the order of the file.")
	case data.FieldZones:
		return lang.L("Access zones added to (+4) or taken from (-3) the category's, separated by spaces; empty for the category's.")
	case data.FieldDateOfBirth:
		return lang.L("YYYY-MM-DD, for the host country's security clearance.")
	case data.FieldPlaceOfBirth:
		return lang.L("City and country, for the host country's security clearance.")
	case data.FieldConsent:
		return lang.L("YYYY-MM-DD: the day the person consented to their data being held; not later than today.")
	}
	return ""
}
