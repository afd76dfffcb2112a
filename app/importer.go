package app

import (
	"slices"
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
// by line, then one all-or-nothing import. Reading, checking and importing
// run in the background, with a progress bar, while the window stays alive.
type importer struct {
	u        *ui
	imported func() // called after a successful import

	path     *widget.Entry
	choose   *widget.Button
	template *widget.Button
	check    *widget.Button
	summary  *widget.Label
	progress *widget.ProgressBarInfinite
	table    *widget.Table
	tableBox *fyne.Container // holds the table, made again for each preview
	onlyBad  *widget.Check   // shows only the lines with problems
	commit   *widget.Button
	work     worker

	rows       []data.ImportRow
	shown      []int                     // the rows the table shows, by index in rows
	source     data.ImportSource         // the file the rows were read from, for the audit trail
	problems   map[int][]data.FieldError // by line; line 0 for the file as a whole
	categories []data.Category           // the event's, to name the lines' categories

	// conflicts lists the lines that change who someone approved, cleared
	// or printed is, each with a check that confirms it; confirms holds
	// the checks by line, and conflicts' reasons by line too.
	conflictList *fyne.Container
	confirms     map[int]*widget.Check
	conflicts    map[int]data.FieldError
}

func newImporter(u *ui, imported func()) *importer { return &importer{u: u, imported: imported} }

// previewColumns are the headings of the preview's columns.
func previewColumns() []string {
	return []string{lang.L("Line"), lang.L("Name"), lang.L("Category"), lang.L("Nationality"), lang.L("Affiliation"), lang.L("Problems")}
}

func (im *importer) buildUI() fyne.CanvasObject {
	im.path = &widget.Entry{PlaceHolder: lang.L("Path of a .csv or .xlsx file")}
	im.path.OnSubmitted = func(string) { im.onCheck() }
	im.path.OnChanged = func(string) { im.unchecked() }
	im.choose = &widget.Button{Text: lang.L("Choose file…"), Icon: theme.FolderOpenIcon(), OnTapped: im.onChoose}
	im.check = &widget.Button{Text: lang.L("Check"), Icon: theme.SearchIcon(), OnTapped: im.onCheck}
	im.template = &widget.Button{Text: lang.L("Download the template"), Icon: theme.DownloadIcon(), OnTapped: im.onTemplate}
	im.progress = widget.NewProgressBarInfinite()
	im.progress.Stop()
	im.progress.Hide()
	im.commit = &widget.Button{Text: lang.L("Import"), Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: im.onCommit}
	im.commit.Disable()
	im.summary = &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("The first line names the columns, as in the template (Download the template). Nothing is imported until every line is right.")}
	im.onlyBad = widget.NewCheck(lang.L("Only lines with problems"), func(bool) { im.showRows() })
	im.table = im.newTable()
	im.tableBox = container.NewStack(im.table)
	im.conflictList = container.NewVBox()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(im.choose, im.check, im.template), im.path), im.summary, im.progress,
		im.conflictList, container.NewBorder(nil, nil, im.onlyBad, nil, im.commit))
	return container.NewBorder(top, nil, nil, nil, im.tableBox)
}

// newTable makes the preview's table, with the rows' heights unset.
func (im *importer) newTable() *widget.Table {
	t := widget.NewTable(im.size, func() fyne.CanvasObject {
		return &widget.Label{Wrapping: fyne.TextWrapWord}
	}, im.updateCell)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return &widget.Label{TextStyle: fyne.TextStyle{Bold: true}} }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(previewColumns()[id.Col])
		}
	}
	for i, w := range previewWidths {
		t.SetColumnWidth(i, w)
	}
	return t
}

// previewWidths are the widths of the preview's columns; the problems'
// column is the widest, and its text wraps onto as many lines as it takes.
var previewWidths = []float32{50, 200, 110, 110, 190, 560}

func (im *importer) size() (int, int) { return len(im.shown), len(previewColumns()) }

// showRows shows every line, or only those with problems, in a new table
// whose rows are as tall as their tallest cell's text, wrapped in its column.
func (im *importer) showRows() {
	im.shown = im.shown[:0]
	for i, r := range im.rows {
		if _, conflict := im.conflicts[r.Line]; !im.onlyBad.Checked || len(im.problems[r.Line]) > 0 || conflict {
			im.shown = append(im.shown, i)
		}
	}
	im.table = im.newTable() // heights set before it is drawn cost nothing
	measure := widget.NewRichTextWithText("")
	measure.Wrapping = fyne.TextWrapWord
	room := theme.TextSize()
	for row, i := range im.shown {
		var tallest float32
		for col, width := range previewWidths {
			text, _ := im.cellText(im.rows[i], col)
			if !strings.Contains(text, "\n") && fyne.MeasureText(text, room, fyne.TextStyle{}).Width <= width-2*theme.InnerPadding() {
				continue // one line: the table's own height
			}
			measure.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleInline, Text: text}}
			measure.Resize(fyne.NewSize(width, 0))
			measure.Refresh()
			tallest = max(tallest, measure.MinSize().Height)
		}
		if tallest > 0 {
			im.table.SetRowHeight(row, tallest)
		}
	}
	im.tableBox.Objects = []fyne.CanvasObject{im.table}
	im.tableBox.Refresh()
}

// problemsOf is a line's problems in words, one a line.
func (im *importer) problemsOf(line int) string {
	var text []string
	for _, p := range im.problems[line] {
		text = append(text, cellProblem(p))
	}
	return strings.Join(text, "\n")
}

func (im *importer) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(im.shown) {
		l.SetText("")
		return
	}
	text, importance := im.cellText(im.rows[im.shown[id.Row]], id.Col)
	l.Importance = importance
	l.SetText(text)
}

// cellText is what the preview shows of r in column col, in its colour.
func (im *importer) cellText(r data.ImportRow, col int) (string, widget.Importance) {
	in := r.Input
	switch col {
	case 0:
		return strconv.Itoa(r.Line), widget.MediumImportance
	case 1:
		return strings.TrimSpace(in.Title + " " + in.GivenName + " " + in.FamilyName), widget.MediumImportance
	case 2:
		return categoryText(categoryNamed(im.categories, in.Category)), widget.MediumImportance
	case 3:
		return in.Nationality, widget.MediumImportance
	case 4:
		return firstNonEmpty(in.Delegation, in.Organization, in.MediaOutlet), widget.MediumImportance
	}
	if text := im.problemsOf(r.Line); text != "" {
		return text, widget.DangerImportance
	}
	if c, ok := im.conflicts[r.Line]; ok {
		return cellProblem(c), widget.WarningImportance
	}
	return "✓", widget.SuccessImportance
}

func (im *importer) onChoose() {
	im.u.chooseFile(tableFiles, func(path string) {
		im.path.SetText(path)
		im.onCheck()
	})
}

// onCheck reads the file and checks every line without changing anything.
func (im *importer) onCheck() {
	path := strings.TrimSpace(im.path.Text)
	im.busy(lang.L("Checking the file…"))
	ctx := im.u.actor()
	im.work.run(func() func() {
		rows, err := roster.Read(path)
		var rep data.ImportReport
		var source data.ImportSource
		if err == nil {
			source, err = data.ImportSourceAt(path)
		}
		if err == nil {
			rep, err = im.u.store.ImportFile(ctx, source, rows, true)
		}
		var cats []data.Category
		if len(rows) > 0 { // the lines' categories, named in the station's language
			var catsErr error
			if cats, catsErr = im.u.store.Categories(ctx); catsErr != nil {
				err = catsErr
			}
		}
		return func() { im.source, im.categories = source, cats; im.checked(rows, rep, err) }
	})
}

// checked shows the outcome of a check: the file's lines with their
// problems, and the import offered when there are none.
func (im *importer) checked(rows []data.ImportRow, rep data.ImportReport, err error) {
	im.idle()
	im.rows = rows
	im.problems = map[int][]data.FieldError{}
	if changes := data.IdentityChanges(err); len(changes) > 0 {
		im.showConflicts(changes)
	} else if err != nil {
		im.showProblems(err)
	} else {
		im.summary.Importance = widget.SuccessImportance
		im.summary.SetText(lang.N("{{.Rows}} line is ready: {{.Created}} new, {{.Updated}} corrected, {{.Unchanged}} unchanged. Nothing is written until you import it.",
			rep.Rows, map[string]any{"Rows": number(rep.Rows), "Created": number(rep.Created), "Updated": number(rep.Updated), "Unchanged": number(rep.Unchanged)}))
		im.commit.SetText(lang.N("Import {{.Rows}} line", rep.Rows, map[string]any{"Rows": number(rep.Rows)}))
		im.commit.Enable()
	}
	im.showRows()
}

// showConflicts lists the lines that change who someone approved, cleared
// or printed is, each with a check to confirm it: the import is offered
// once every one is ticked, all or nothing as always.
func (im *importer) showConflicts(changes []data.FieldError) {
	im.summary.Importance = widget.WarningImportance
	im.summary.SetText(lang.N("{{.Count}} line changes who someone approved, cleared or printed is. Tick it to confirm it: once imported, they go back to pending and a printed badge stops working. Nothing is imported until every such line is ticked; to import the others alone, take it out of the file and check it again.",
		len(changes), map[string]any{"Count": number(len(changes))}))
	for _, c := range changes {
		confirm := widget.NewCheck(lang.L("Line {{.Line}}", map[string]any{"Line": c.Line}), func(bool) { im.offerConfirmed() })
		im.confirms[c.Line], im.conflicts[c.Line] = confirm, c
		im.conflictList.Add(container.NewBorder(nil, nil, container.NewVBox(confirm), nil, // the check beside the text's first line
			&widget.Label{Text: cellProblem(c), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}))
	}
	im.offerConfirmed()
}

// offerConfirmed offers the import once every line changing who someone
// is was ticked, and counts what it will do.
func (im *importer) offerConfirmed() {
	left := 0
	for _, c := range im.confirms {
		if !c.Checked {
			left++
		}
	}
	if left > 0 {
		im.commit.SetText(lang.N("{{.Count}} line to confirm", left, map[string]any{"Count": number(left)}))
		im.commit.Disable()
		return
	}
	im.commit.SetText(lang.N("Import {{.Rows}} line", len(im.rows), map[string]any{"Rows": number(len(im.rows))}))
	im.commit.Enable()
}

// unchecked offers no import until the file named is checked: the button
// never counts the lines of another file, nor confirms its lines.
func (im *importer) unchecked() {
	im.commit.SetText(lang.L("Import"))
	im.commit.Disable()
	im.confirms, im.conflicts = map[int]*widget.Check{}, map[int]data.FieldError{}
	if im.conflictList != nil {
		im.conflictList.RemoveAll()
	}
}

// busy shows that work is under way and holds every button until it ends.
func (im *importer) busy(text string) {
	im.unchecked()
	im.check.Disable()
	im.choose.Disable()
	im.path.Disable()
	im.summary.Importance = widget.MediumImportance
	im.summary.SetText(text)
	im.progress.Show()
	im.progress.Start()
}

func (im *importer) idle() {
	im.progress.Stop()
	im.progress.Hide()
	im.check.Enable()
	im.choose.Enable()
	im.path.Enable()
}

// showProblems says, in one message, that nothing was imported and why:
// the count of problems and lines, whose problems the table then shows,
// or what kept the file from being read.
func (im *importer) showProblems(err error) {
	fields := data.ErrorFields(err)
	for _, f := range fields {
		im.problems[f.Line] = append(im.problems[f.Line], f)
	}
	im.summary.Importance = widget.DangerImportance
	switch {
	case len(im.rows) > 0 && len(fields) > 0:
		im.summary.SetText(headline(err) + " " + lang.N("Correct the line shown in the file, then check it again.", len(im.problems)))
	default:
		im.summary.SetText(lang.L("Nothing was imported.") + " " + problemText(err))
	}
}

// onCommit imports the checked lines, all or nothing, with the changes of
// identity ticked confirmed.
func (im *importer) onCommit() {
	rows, source := slices.Clone(im.rows), im.source
	for i := range rows {
		if c := im.confirms[rows[i].Line]; c != nil && c.Checked {
			rows[i].ConfirmIdentity = true
		}
	}
	im.busy(lang.L("Importing…"))
	ctx := im.u.actor()
	im.work.run(func() func() {
		rep, err := im.u.store.ImportFile(ctx, source, rows, false)
		return func() { im.committed(rep, err) }
	})
}

func (im *importer) committed(rep data.ImportReport, err error) {
	im.idle()
	if err != nil {
		im.problems = map[int][]data.FieldError{}
		im.showProblems(err)
		im.showRows()
		return
	}
	im.summary.Importance = widget.SuccessImportance
	text := lang.N("Imported {{.Rows}} line: {{.Created}} new, {{.Updated}} corrected, {{.Unchanged}} unchanged.",
		rep.Rows, map[string]any{"Rows": number(rep.Rows), "Created": number(rep.Created), "Updated": number(rep.Updated), "Unchanged": number(rep.Unchanged)})
	if rep.Reidentified > 0 {
		text += " " + lang.N("{{.Count}} person is someone else now: registered again, to be approved again, their printed badge void.",
			rep.Reidentified, map[string]any{"Count": number(rep.Reidentified)})
	}
	im.summary.SetText(text)
	im.showRows() // the lines confirmed are imported: no longer in amber
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
