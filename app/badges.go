package app

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob"
	"accred/app/printjob/cups"
	"accred/app/printjob/winprint"
	"accred/data"
	"accred/data/atomicfile"
	"accred/data/msg"
	"accred/printing"
)

// badges is the printing station. Above, what every run shares: the format,
// the printer (or a PDF file only) and the file's name. Below, one panel
// each for new badges, for replacing printed ones and for the List of
// Participants, each with its own button and its own message. The preview
// shows the first badge the panel shown would print, and none beside the
// List of Participants, which is no badge.
type badges struct {
	u *ui

	layout      *widget.Select
	printer     *widget.Select // the print service's printers, then a PDF file only
	printerNote *widget.Label  // which printer prints, how it is, and its stock
	out         *widget.Entry
	// printSettings holds the format, printer and file name, shown for
	// the badges' panels only.
	printSettings *fyne.Container
	panels        *container.AppTabs

	// New badges: those not yet printed.
	who         *widget.Select
	delegation  *widget.Entry
	suggestions *fyne.Container // the delegations holding what is typed, to tap
	offered     []string        // the delegations offered for what is typed
	category    *widget.Select
	numbers     *widget.Entry
	summary     *widget.Label
	progress    *widget.ProgressBar
	printButton *widget.Button
	cancel      *widget.Button
	open        *widget.Button

	// Replacing printed badges.
	replace *replacePanel

	// The List of Participants.
	list     *widget.Button
	listNote *widget.Label
	listOpen *widget.Button
	listFile string

	service     printjob.Service // the computer's print service: CUPS, or Windows' spooler
	printers    []string         // the printers offered, in the order of the list
	queue       cups.Printer     // the chosen printer as last asked, if any
	delegations []data.Affiliation
	categories  []data.Category
	selected    []data.Participant
	cancelled   chan struct{}
	lastFiles   []string
	printing    worker        // the print run in the background, if any
	mayPrint    map[int64]int // badges in a job that could not be withdrawn and may still print, by job

	typing     *debouncer        // badge numbers are looked up once typing pauses
	work       worker            // lookups and previews are made in the background
	choices    int               // counts lookups, so that an old one does not show over a newer
	previews   map[string]sample // drawn previews by what the badge shows
	shown      string            // what the preview shows or is being drawn for
	previewBox *fyne.Container   // the preview, drawn
	renders    int               // previews drawn, for tests
}

// sample is a drawn preview, or why there is none.
type sample struct {
	png []byte
	err error
}

// defaultPrintService is the print service the station offers printers of.
var defaultPrintService = printjob.DefaultService

func newBadges(u *ui) *badges {
	return &badges{u: u, typing: newDebouncer(), previews: map[string]sample{}, service: defaultPrintService(), mayPrint: map[int64]int{}}
}

// The choices of whom to print, in the order offered.
const (
	whoPending = iota
	whoDelegation
	whoCategory
	whoNumbers
)

// The station's panels, in the order shown.
const (
	panelNew = iota
	panelReplace
	panelList
)

// maxSuggestions is how many delegations are offered under what is typed.
const maxSuggestions = 8

func (b *badges) buildUI() fyne.CanvasObject {
	b.layout = widget.NewSelect([]string{lang.L("A6 badge for lanyards"), lang.L("ID-1 card (85.6 × 54 mm)"), lang.L("A4 sheet of four A6 badges")},
		func(string) { b.onPreview(); b.onPrinter() })
	b.printer = &widget.Select{PlaceHolder: lang.L("Looking for printers…"), OnChanged: func(string) { b.onPrinter() }}
	b.printerNote = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.out = &widget.Entry{Text: proposedName(b.u.fileFolder())}

	b.who = widget.NewSelect([]string{lang.L("Everyone approved and not yet printed"), lang.L("A delegation"), lang.L("A category"), lang.L("Badge numbers")}, func(string) { b.onChoose() })
	b.delegation = &widget.Entry{PlaceHolder: lang.L("Type a few letters of its name")}
	b.delegation.OnChanged = func(string) { b.offerDelegations(); b.onChoose() }
	b.delegation.OnSubmitted = func(string) {
		if len(b.offered) > 0 {
			b.delegation.SetText(b.offered[0])
		}
	}
	b.suggestions = container.NewVBox()
	b.category = &widget.Select{PlaceHolder: lang.L("Choose…"), OnChanged: func(string) { b.onChoose() }}
	b.numbers = &widget.Entry{PlaceHolder: "000123 000124 …", OnChanged: func(string) { b.typing.call(b.onChoose) }}
	b.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.progress = &widget.ProgressBar{}
	b.progress.Hide()
	b.printButton = &widget.Button{Text: lang.L("Print"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance, OnTapped: b.onPrint}
	b.printButton.Disable()
	b.cancel = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: b.onCancel}
	b.cancel.Hide()
	b.open = &widget.Button{Text: lang.L("Open the PDF"), Icon: theme.FileIcon(), OnTapped: func() { b.openFiles(b.lastFiles, b.summary) }}
	b.open.Disable()
	b.replace = newReplacePanel(b)

	b.list = &widget.Button{Text: lang.L("List of Participants…"), Icon: theme.DocumentIcon(), OnTapped: b.onParticipantsList}
	b.listNote = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.listOpen = &widget.Button{Text: lang.L("Open the PDF"), Icon: theme.FileIcon(), OnTapped: func() { b.openFiles([]string{b.listFile}, b.listNote) }}
	b.listOpen.Disable()
	b.u.onlyFor(data.RolePrinting, b.printButton, b.replace.button)

	shared := widget.NewForm(
		widget.NewFormItem(lang.L("Format"), b.layout),
		widget.NewFormItem(lang.L("Printer"), b.printer),
		widget.NewFormItem(lang.L("Save as"), b.out),
	)
	newPanel := container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(lang.L("Who"), b.who),
			widget.NewFormItem(lang.L("Delegation"), container.NewVBox(b.delegation, b.suggestions)),
			widget.NewFormItem(lang.L("Category"), b.category),
			widget.NewFormItem(lang.L("Badge numbers"), b.numbers),
		),
		// The buttons come before the message, so that a longer message never moves them.
		container.NewHBox(b.printButton, b.cancel, b.open), b.progress, b.summary)
	listPanel := container.NewVBox(
		widget.NewLabel(lang.L("The UN List of Participants, as accred participants-list writes it.")),
		container.NewHBox(b.list, b.listOpen), b.listNote)
	b.panels = container.NewAppTabs(
		container.NewTabItem(lang.L("New badges"), newPanel),
		container.NewTabItem(lang.L("Replace printed badges"), b.replace.content()),
		container.NewTabItem(lang.L("List of Participants"), listPanel))
	b.printSettings = container.NewVBox(shared, b.printerNote)
	b.panels.OnSelected = func(*container.TabItem) {
		b.printSettings.Show() // the format, printer and file name are for badges, not for the list
		if b.panels.SelectedIndex() == panelList {
			b.printSettings.Hide()
		}
		b.onPreview()
	}
	left := container.NewVBox(b.printSettings, b.panels)

	b.who.Selected = b.who.Options[whoPending]
	b.enableChoice()
	b.layout.SetSelectedIndex(0)
	split := container.NewHSplit(newWheelScroll(left), container.NewBorder(
		&widget.Label{Text: lang.L("Preview"), TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, b.preview()))
	split.Offset = 0.5
	return split
}

// preview is the preview's frame, made once.
func (b *badges) preview() *fyne.Container {
	if b.previewBox == nil {
		b.previewBox = container.NewStack()
	}
	return b.previewBox
}

func (b *badges) chosenLayout() printing.Layout {
	return printing.Layouts[max(0, b.layout.SelectedIndex())]
}

// onShow reads what the station offers (delegations, categories, the
// printers) in the background, with a deadline, then looks up the choice.
func (b *badges) onShow() {
	store, service, actor := b.u.store, b.service, b.u.actor()
	b.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, readTimeout)
		defer cancel()
		delegations, err := store.Affiliations(ctx, data.AffiliationDelegation)
		var categories []data.Category
		if err == nil {
			categories, err = store.Categories(ctx)
		}
		offer := b.findPrinters(ctx, service)
		return func() {
			offer()
			if err != nil {
				b.summary.SetText(problemText(err))
				return
			}
			b.delegations, b.categories = delegations, categories
			b.category.Options = nil
			for _, c := range categories {
				b.category.Options = append(b.category.Options, categoryText(c)) // chosen by their order
			}
			b.category.Refresh()
			b.offerDelegations()
			b.onChoose()
			b.replace.onChoose()
		}
	})
}

// delegationNames are the delegations as offered.
func (b *badges) delegationNames() []string {
	names := make([]string, len(b.delegations))
	for i, a := range b.delegations {
		names[i] = affiliationText(a)
	}
	return names
}

// offerDelegations lists, under the delegation's field, those whose name
// holds what is typed, to be tapped; none once one is named whole.
func (b *badges) offerDelegations() {
	text := b.delegation.Text
	b.offered = namesWith(b.delegationNames(), text)
	b.suggestions.Objects = nil
	if strings.TrimSpace(text) != "" && !slices.Contains(b.offered, text) {
		for i, name := range b.offered {
			if i == maxSuggestions {
				b.suggestions.Add(widget.NewLabel(lang.L("… and {{.Count}} more: type more letters", map[string]any{"Count": len(b.offered) - i})))
				break
			}
			b.suggestions.Add(&widget.Button{Text: name, Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance,
				OnTapped: func() { b.delegation.SetText(name) }})
		}
		if len(b.offered) == 0 {
			b.suggestions.Add(widget.NewLabel(lang.L("No delegation's name holds this.")))
		}
	}
	b.suggestions.Refresh()
}

// onChoose finds whom the choice names and says how many, with any warning.
func (b *badges) onChoose() { b.choose("", nil) }

// choose looks up whom the choice names in the background, then shows them
// and runs then, if given. The summary says keep instead, if given.
func (b *badges) choose(keep string, then func()) {
	if b.who == nil || b.summary == nil {
		return
	}
	filter, ok := b.filter()
	b.enableChoice()
	b.choices++
	choice := b.choices
	b.selected = nil
	b.showCount()
	if !ok {
		b.summary.SetText(firstNonEmpty(keep, lang.L("Choose whom to print.")))
		b.onPreview()
		return
	}
	store, actor := b.u.store, b.u.actor()
	b.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, readTimeout)
		defer cancel()
		filter.Printed = true // to count those printed before, whom no first print includes
		list, left, err := printjob.NewBadges(ctx, store, filter)
		warnings := printjob.Check(list)
		return func() {
			if choice != b.choices {
				return // the choice changed meanwhile
			}
			if err != nil {
				b.summary.SetText(problemText(err))
				return
			}
			b.chosen(list, left, warnings)
			if keep != "" {
				b.summary.SetText(keep)
			}
			if then != nil {
				then()
			}
		}
	})
}

// enableChoice lets the person fill in only what the choice of whom needs.
func (b *badges) enableChoice() {
	b.delegation.Disable()
	b.category.Disable()
	b.numbers.Disable()
	b.suggestions.Hide()
	switch b.who.SelectedIndex() {
	case whoDelegation:
		b.delegation.Enable()
		b.suggestions.Show()
	case whoCategory:
		b.category.Enable()
	case whoNumbers:
		b.numbers.Enable()
	}
}

// chosen shows whom the choice names: how many, who is left out, and any warning.
func (b *badges) chosen(printable []data.Participant, left printjob.LeftOut, warnings []printjob.Warning) {
	b.selected = printable
	text := lang.N("{{.Count}} badge to print", len(printable), map[string]any{"Count": number(len(printable))})
	if left.Printed > 0 && b.who.SelectedIndex() != whoPending { // that choice leaves the printed out by its name
		text += "\n" + lang.N("{{.Count}} already printed, left out: to replace a badge, use Replace printed badges.", left.Printed, map[string]any{"Count": number(left.Printed)})
	}
	text += leftOutText(left)
	if left.Waiting > 0 {
		text += "\n" + lang.N("{{.Count}} still wait for security clearance.", left.Waiting, map[string]any{"Count": number(left.Waiting)})
	}
	for _, w := range warnings {
		text += "\n⚠ " + lang.L("{{.Name}}: no font has {{.Letters}}; these letters will be left out.", map[string]any{"Name": w.Participant.FullName(), "Letters": string(w.Missing)})
	}
	b.summary.SetText(text)
	b.showCount()
	b.onPreview()
}

// leftOutText says, a line each, who a choice names but the rulebook leaves
// out for not being approved or accredited, and which numbers belong to nobody.
func leftOutText(left printjob.LeftOut) string {
	text := ""
	if left.NotApproved > 0 {
		text += "\n" + lang.N("{{.Count}} not approved, left out.", left.NotApproved, map[string]any{"Count": left.NotApproved})
	}
	if left.NotAccredited > 0 {
		text += "\n" + lang.N("{{.Count}} not accredited, left out.", left.NotAccredited, map[string]any{"Count": left.NotAccredited})
	}
	if left.Unknown > 0 {
		text += "\n" + lang.N("{{.Count}} badge number belongs to nobody.", left.Unknown, map[string]any{"Count": number(left.Unknown)})
	}
	return text
}

// showCount names on the Print button how many badges it prints, and where.
func (b *badges) showCount() {
	n := len(b.selected)
	b.printButton.SetText(b.runLabel(n))
	if n == 0 || b.cancel.Visible() {
		b.printButton.Disable()
	} else {
		b.printButton.Enable()
	}
}

// runLabel says what a run of n badges does: print them on the chosen
// printer, or save them as a PDF file.
func (b *badges) runLabel(n int) string {
	if n == 0 {
		return lang.L("Print")
	}
	args := map[string]any{"Count": number(n), "Printer": b.chosenPrinter()}
	if b.chosenPrinter() == "" {
		return lang.N("Save {{.Count}} badge as a PDF", n, args)
	}
	return lang.N("Print {{.Count}} badge on {{.Printer}}", n, args)
}

// namesWith returns the names holding text, whatever its case, or all of
// them for no text.
func namesWith(names []string, text string) []string {
	text = strings.ToLower(strings.TrimSpace(text))
	var found []string
	for _, n := range names {
		if strings.Contains(strings.ToLower(n), text) {
			found = append(found, n)
		}
	}
	return found
}

// filter turns the choice into a query; false when the choice is not complete.
func (b *badges) filter() (data.BadgeFilter, bool) {
	switch b.who.SelectedIndex() {
	case whoDelegation:
		for _, a := range b.delegations {
			if affiliationText(a) == b.delegation.Text {
				return data.BadgeFilter{Affiliation: a.ID}, true
			}
		}
	case whoCategory:
		if i := b.category.SelectedIndex(); i >= 0 && i < len(b.categories) {
			return data.BadgeFilter{Category: b.categories[i].Code}, true
		}
	case whoNumbers:
		ids, bad := data.ParseBadgeNumbers(b.numbers.Text)
		return data.BadgeFilter{IDs: ids}, len(ids) > 0 && bad == ""
	default:
		return data.BadgeFilter{}, true
	}
	return data.BadgeFilter{}, false
}

// onPreview shows the first badge the panel shown would print, drawn with a
// sample code that no door accepts. The drawing is done in the background
// and kept, so a badge already seen shows at once.
func (b *badges) onPreview() {
	if b.previewBox == nil || b.layout == nil || b.panels == nil {
		return
	}
	if b.panels.SelectedIndex() == panelList { // a document, not a badge
		b.shown = ""
		b.showPreview(&widget.Label{Text: lang.L("The List of Participants is a document on A4 pages, not a badge: there is no badge to preview."), Wrapping: fyne.TextWrapWord})
		return
	}
	chosen := b.selected
	if b.panels.SelectedIndex() == panelReplace {
		chosen = b.replace.chosen
	}
	if len(chosen) == 0 {
		b.shown = ""
		b.showPreview(nil)
		return
	}
	layout, p := b.chosenLayout(), chosen[0]
	key := fmt.Sprintf("%s|%+v", layout, p)
	if key == b.shown {
		return
	}
	b.shown = key
	if s, ok := b.previews[key]; ok {
		b.showSample(s)
		return
	}
	b.showPreview(widget.NewProgressBarInfinite())
	store, actor := b.u.store, b.u.actor()
	b.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, readTimeout)
		defer cancel()
		png, err := printjob.Job{Store: store, Layout: layout}.Preview(ctx, p, 90)
		return func() {
			b.renders++
			if len(b.previews) >= 64 {
				clear(b.previews)
			}
			b.previews[key] = sample{png, err}
			if b.shown == key {
				b.showSample(b.previews[key])
			}
		}
	})
}

// showSample shows a drawn preview, or why there is none.
func (b *badges) showSample(s sample) {
	if s.err != nil {
		b.showPreview(&widget.Label{Text: lang.L("No preview: {{.Reason}}", map[string]any{"Reason": headline(s.err)}), Wrapping: fyne.TextWrapWord})
		return
	}
	pic := canvas.NewImageFromResource(fyne.NewStaticResource("preview.png", s.png))
	pic.FillMode = canvas.ImageFillContain
	b.showPreview(pic)
}

func (b *badges) showPreview(o fyne.CanvasObject) {
	b.previewBox.Objects = nil
	if o != nil {
		b.previewBox.Objects = []fyne.CanvasObject{o}
	}
	b.previewBox.Refresh()
}

// onPrint prints the new badges the panel shows. A run holds the station
// until its badges are printed, or not, and a printed badge is sent again
// only through a replacement; badges in a job that could not be withdrawn,
// which may still print, are sent again only once the operator says so.
func (b *badges) onPrint() {
	list := b.selected
	if len(list) == 0 || b.nameTaken(b.summary, len(list)) {
		return
	}
	var again []data.Participant
	for _, p := range list {
		if _, ok := b.mayPrint[p.ID]; ok {
			again = append(again, p)
		}
	}
	if len(again) > 0 {
		dialog.ShowConfirm(lang.L("Send these badges again?"),
			lang.N("{{.Count}} of these badges went to the printer in job {{.Job}}, which could not be withdrawn and may still print. Send them again?", len(again),
				map[string]any{"Count": number(len(again)), "Job": b.mayPrint[again[0].ID]}),
			func(yes bool) {
				if yes {
					b.start(list, b.summary)
				}
			}, b.u.win)
		return
	}
	b.start(list, b.summary)
}

// proposedName is a free name for the next run's file in dir.
func proposedName(dir string) string {
	return printjob.FreeName(filepath.Join(dir, "badges-"+time.Now().Format("20060102-1504")+".pdf"), 1)
}

// nameTaken reports whether a file a run of count badges would write
// exists already; if so it proposes a free name in its place and says why
// in note.
func (b *badges) nameTaken(note *widget.Label, count int) bool {
	path := strings.TrimSpace(b.out.Text)
	for _, file := range printjob.Parts(path, count) {
		if atomicfile.Exists(file) {
			b.out.SetText(printjob.FreeName(path, count))
			note.SetText(lang.L("{{.File}} already exists and is never overwritten. A new name is proposed: press Print again.", map[string]any{"File": file}))
			return true
		}
	}
	return false
}

// start prints list in the background, with progress and cancel, on the
// chosen printer or to the file; note tells how it goes.
func (b *badges) start(list []data.Participant, note *widget.Label) {
	path, layout, queue := strings.TrimSpace(b.out.Text), b.chosenLayout(), b.chosenPrinter()
	b.cancelled = make(chan struct{})
	cancelled := b.cancelled
	b.printButton.Disable()
	b.replace.button.Disable()
	b.cancel.Show()
	b.progress.SetValue(0)
	b.progress.Show()
	job := printjob.Job{Store: b.u.store, Layout: layout, Operator: b.u.operator.Name,
		Progress: func(done, total int) bool {
			b.printing.show(func() { b.progress.SetValue(float64(done) / float64(total)) })
			select {
			case <-cancelled:
				return false
			default:
				return true
			}
		}}
	ctx, stop := context.WithCancel(b.u.actor())
	go func() {
		<-cancelled
		stop()
	}()
	if queue != "" {
		note.SetText(lang.L("Sending to the printer {{.Printer}}…", map[string]any{"Printer": queue}))
	}
	service := b.service
	b.printing.run(func() func() {
		var files []string
		var err error
		if queue == "" {
			files, err = job.Print(ctx, list, path)
		} else {
			files, err = job.Send(ctx, printjob.Printer{Service: service, Queue: queue}, list, path, func(m msg.Message) {
				b.printing.show(func() { note.SetText(say(m)) })
			})
		}
		return func() { b.finished(list, files, queue, note, err) }
	})
}

func (b *badges) finished(list []data.Participant, files []string, queue string, note *widget.Label, err error) {
	count := len(list)
	b.onCancel()
	var left *printjob.JobLeft
	if errors.As(err, &left) {
		for _, p := range left.Badges {
			b.mayPrint[p.ID] = left.Job
		}
	} else if err == nil {
		for _, p := range list {
			delete(b.mayPrint, p.ID)
		}
	}
	b.cancel.Hide()
	b.progress.Hide()
	switch {
	case err == printing.ErrCancelled:
		note.SetText(lang.L("Printing cancelled. Nobody was marked printed."))
	case data.ErrorCode(err) == data.ECONFLICT && len(files) == 0 && b.nameTaken(note, count):
	case err != nil:
		note.SetText(problemText(err))
	case queue != "":
		note.SetText(lang.N("The printer {{.Printer}} printed {{.Count}} badge; marked printed.", count, map[string]any{"Count": number(count), "Printer": queue}))
	default:
		note.SetText(lang.N("Printed {{.Count}} badges to {{.Files}}.", count, map[string]any{"Count": number(count), "Files": strings.Join(files, ", ")}))
	}
	if len(files) > 0 {
		b.lastFiles = files
		b.open.Enable()
		b.out.SetText(proposedName(filepath.Dir(files[0])))
	}
	// The choices are looked up again without hiding the run's outcome.
	b.choose(b.summary.Text, nil)
	b.replace.lookUp(b.replace.note.Text)
}

func (b *badges) onCancel() {
	if b.cancelled != nil {
		close(b.cancelled)
		b.cancelled = nil
	}
}

// openFiles opens files in the desktop's PDF reader, saying in note why not.
func (b *badges) openFiles(files []string, note *widget.Label) {
	if winprint.Supported {
		openThroughWindows(files, note)
		return
	}
	for _, f := range files {
		if err := exec.Command("xdg-open", f).Start(); err != nil {
			note.SetText(lang.L("Cannot open the PDF: {{.Reason}}", map[string]any{"Reason": err.Error()}))
		}
	}
}
