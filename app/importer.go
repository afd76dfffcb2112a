package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/roster"
)

// importer brings in a participant file: a preview that lists every problem
// by line, then one all-or-nothing import.
type importer struct {
	u        *ui
	imported func() // called after a successful import

	path    *widget.Entry
	summary *widget.Label
	table   *widget.Table
	commit  *widget.Button

	rows     []data.ImportRow
	problems map[int][]data.FieldError // by line; line 0 for the file as a whole
}

func newImporter(u *ui, imported func()) *importer { return &importer{u: u, imported: imported} }

var previewColumns = []string{"Line", "Name", "Category", "Nationality", "Affiliation", "Problems"}

func (im *importer) buildUI() fyne.CanvasObject {
	im.path = &widget.Entry{PlaceHolder: lang.L("Path of a .csv or .xlsx file")}
	im.path.OnSubmitted = func(string) { im.onCheck() }
	choose := &widget.Button{Text: lang.L("Choose file…"), Icon: theme.FolderOpenIcon(), OnTapped: im.onChoose}
	check := &widget.Button{Text: lang.L("Check"), Icon: theme.SearchIcon(), OnTapped: im.onCheck}
	im.commit = &widget.Button{Text: lang.L("Import"), Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: im.onCommit}
	im.commit.Disable()
	im.summary = &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("The first line names the columns: category, title, given_name, family_name, native_name, nationality, delegation, organization, position, head_of_delegation, email, document_number, media_outlet, photo_file. Nothing is imported until every line is right.")}
	im.table = widget.NewTable(im.size, func() fyne.CanvasObject {
		return &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	}, im.updateCell)
	im.table.ShowHeaderRow = true
	im.table.CreateHeader = func() fyne.CanvasObject { return &widget.Label{TextStyle: fyne.TextStyle{Bold: true}} }
	im.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(lang.L(previewColumns[id.Col]))
		}
	}
	for i, w := range []float32{60, 260, 110, 150, 260, 600} {
		im.table.SetColumnWidth(i, w)
	}
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(choose, check), im.path), im.summary, im.commit)
	return container.NewBorder(top, nil, nil, nil, im.table)
}

func (im *importer) size() (int, int) { return len(im.rows), len(previewColumns) }

func (im *importer) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(im.rows) {
		l.SetText("")
		return
	}
	r := im.rows[id.Row]
	in := r.Input
	l.Importance = widget.MediumImportance
	switch id.Col {
	case 0:
		l.SetText(strconv.Itoa(r.Line))
	case 1:
		l.SetText(strings.TrimSpace(in.Title + " " + in.GivenName + " " + in.FamilyName))
	case 2:
		l.SetText(in.Category)
	case 3:
		l.SetText(in.Nationality)
	case 4:
		l.SetText(firstNonEmpty(in.Delegation, in.Organization, in.MediaOutlet))
	case 5:
		var text []string
		for _, p := range im.problems[r.Line] {
			text = append(text, fieldLabel(p.Field)+": "+lang.L(p.Reason))
		}
		if len(text) == 0 {
			l.SetText("✓")
			l.Importance = widget.SuccessImportance
		} else {
			l.SetText(strings.Join(text, " · "))
			l.Importance = widget.DangerImportance
		}
	}
	l.Refresh()
}

func (im *importer) onChoose() {
	im.u.chooseFile(tableFiles, func(path string) {
		im.path.SetText(path)
		im.onCheck()
	})
}

// onCheck reads the file and checks every line without changing anything.
func (im *importer) onCheck() {
	im.commit.Disable()
	im.problems = map[int][]data.FieldError{}
	rows, err := roster.Read(strings.TrimSpace(im.path.Text))
	im.rows = rows
	if err == nil {
		var rep data.ImportReport
		rep, err = im.u.store.ImportParticipants(context.Background(), rows, true, im.u.operator())
		if err == nil {
			im.summary.Importance = widget.SuccessImportance
			im.summary.SetText(lang.L("{{.Rows}} lines are ready: {{.Created}} new, {{.Updated}} corrected, {{.Unchanged}} unchanged.",
				map[string]any{"Rows": rep.Rows, "Created": rep.Created, "Updated": rep.Updated, "Unchanged": rep.Unchanged}))
			im.commit.SetText(lang.L("Import {{.Rows}} lines", map[string]any{"Rows": rep.Rows}))
			im.commit.Enable()
		}
	}
	if err != nil {
		im.showProblems(err)
	}
	im.table.Refresh()
}

func (im *importer) showProblems(err error) {
	fields := data.ErrorFields(err)
	for _, f := range fields {
		im.problems[f.Line] = append(im.problems[f.Line], f)
	}
	im.summary.Importance = widget.DangerImportance
	text := lang.L("Nothing was imported.") + " " + lang.L(firstLine(err.Error()))
	if len(im.rows) == 0 {
		for _, f := range fields {
			text += "\n" + fieldProblem(f)
		}
	}
	im.summary.SetText(text)
}

func (im *importer) onCommit() {
	im.commit.Disable()
	rep, err := im.u.store.ImportParticipants(context.Background(), im.rows, false, im.u.operator())
	if err != nil {
		im.showProblems(err)
		im.table.Refresh()
		return
	}
	im.summary.SetText(lang.L("Imported: {{.Created}} new, {{.Updated}} corrected, {{.Unchanged}} unchanged.",
		map[string]any{"Created": rep.Created, "Updated": rep.Updated, "Unchanged": rep.Unchanged}))
	if im.imported != nil {
		im.imported()
	}
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
