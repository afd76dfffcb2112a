package app

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob"
	"accred/data"
	"accred/data/atomicfile"
	"accred/printing"
)

// badges is the printing station: choose who, choose the format, look at a
// badge, print with a progress bar, then open the file or send it to the printer.
type badges struct {
	u *ui

	who         *widget.Select
	delegation  *widget.SelectEntry // a delegation, typed or chosen
	offered     []string            // the delegations offered for what is typed
	category    *widget.Select
	numbers     *widget.Entry
	layout      *widget.Select
	out         *widget.Entry
	summary     *widget.Label
	preview     *fyne.Container
	progress    *widget.ProgressBar
	printButton *widget.Button
	cancel      *widget.Button
	open        *widget.Button
	send        *widget.Button
	list        *widget.Button

	delegations []data.Affiliation
	categories  []data.Category
	selected    []data.Participant
	cancelled   chan struct{}
	lastFiles   []string
	running     sync.WaitGroup // the print run in the background, if any

	typing   *debouncer        // badge numbers are looked up once typing pauses
	work     worker            // lookups and previews are made in the background
	choices  int               // counts lookups, so that an old one does not show over a newer
	previews map[string]sample // drawn previews by what the badge shows
	shown    string            // what the preview shows or is being drawn for
	renders  int               // previews drawn, for tests
}

// sample is a drawn preview, or why there is none.
type sample struct {
	png []byte
	err error
}

func newBadges(u *ui) *badges {
	return &badges{u: u, typing: newDebouncer(), previews: map[string]sample{}}
}

// The choices of whom to print, in the order offered.
const (
	whoPending = iota
	whoDelegation
	whoCategory
	whoNumbers
)

func (b *badges) buildUI() fyne.CanvasObject {
	ctx := context.Background()
	b.delegations, _ = b.u.store.Affiliations(ctx, data.AffiliationDelegation)
	b.categories, _ = b.u.store.Categories(ctx)
	var delegationNames, categoryNames []string
	for _, a := range b.delegations {
		delegationNames = append(delegationNames, affiliationText(a))
	}
	for _, c := range b.categories {
		categoryNames = append(categoryNames, c.Name)
	}
	b.who = widget.NewSelect([]string{lang.L("Everyone approved and not yet printed"), lang.L("A delegation"), lang.L("A category"), lang.L("Badge numbers")}, func(string) { b.onChoose() })
	b.delegation = widget.NewSelectEntry(delegationNames)
	b.delegation.PlaceHolder = lang.L("Type a few letters, or choose…")
	b.delegation.OnChanged = func(text string) {
		b.offered = namesWith(delegationNames, text)
		b.delegation.SetOptions(b.offered)
		b.onChoose()
	}
	b.category = &widget.Select{Options: categoryNames, PlaceHolder: lang.L("Choose…"), OnChanged: func(string) { b.onChoose() }}
	b.numbers = &widget.Entry{PlaceHolder: "000123 000124 …", OnChanged: func(string) { b.typing.call(b.onChoose) }}
	b.layout = widget.NewSelect([]string{lang.L("A6 badge for lanyards"), lang.L("ID-1 card (85.6 × 54 mm)"), lang.L("A4 sheet of four A6 badges")}, func(string) { b.onPreview() })
	b.out = &widget.Entry{Text: proposedName(b.u.fileFolder())}
	b.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.preview = container.NewStack()
	b.progress = &widget.ProgressBar{}
	b.progress.Hide()
	b.printButton = &widget.Button{Text: lang.L("Print"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance, OnTapped: b.onPrint}
	b.cancel = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: b.onCancel}
	b.cancel.Hide()
	b.open = &widget.Button{Text: lang.L("Open the PDF"), Icon: theme.FileIcon(), OnTapped: b.onOpen}
	b.open.Disable()
	b.send = &widget.Button{Text: lang.L("Send to the printer"), Icon: theme.DocumentPrintIcon(), OnTapped: b.onSend}
	b.send.Disable()
	if _, err := exec.LookPath("lp"); err != nil {
		b.send.Hide()
	}
	b.list = &widget.Button{Text: lang.L("List of Participants…"), Icon: theme.DocumentIcon(), OnTapped: b.onParticipantsList}
	b.u.onlyFor(data.RolePrinting, b.printButton, b.send)

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Who"), b.who),
		widget.NewFormItem(lang.L("Delegation"), b.delegation),
		widget.NewFormItem(lang.L("Category"), b.category),
		widget.NewFormItem(lang.L("Badge numbers"), b.numbers),
		widget.NewFormItem(lang.L("Format"), b.layout),
		widget.NewFormItem(lang.L("Save as"), b.out),
	)
	left := container.NewVBox(form, b.summary, container.NewHBox(b.printButton, b.cancel), b.progress, container.NewHBox(b.open, b.send),
		widget.NewSeparator(), container.NewHBox(b.list))
	// The choice is looked up when the station is shown.
	b.who.Selected = b.who.Options[whoPending]
	b.enableChoice()
	b.layout.SetSelectedIndex(0)
	split := container.NewHSplit(container.NewVScroll(left), container.NewBorder(
		&widget.Label{Text: lang.L("Preview"), TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, b.preview))
	split.Offset = 0.5
	return split
}

func (b *badges) chosenLayout() printing.Layout {
	return printing.Layouts[max(0, b.layout.SelectedIndex())]
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
	b.printButton.Disable()
	if !ok {
		b.summary.SetText(firstNonEmpty(keep, lang.L("Choose whom to print.")))
		b.onPreview()
		return
	}
	store := b.u.store
	b.work.run(func() func() {
		list, err := store.BadgesToPrint(context.Background(), filter)
		var left leftOut
		if err == nil && len(filter.IDs) == 0 {
			left.waiting, err = store.AwaitingClearance(context.Background(), filter)
		}
		printable := slices.DeleteFunc(list, func(p data.Participant) bool {
			if p.Status != data.StatusApproved && p.Status != data.StatusPrinted && p.Status != data.StatusCollected {
				left.notApproved++
				return true
			}
			if !p.Cleared() {
				left.notCleared++
				return true
			}
			return false
		})
		warnings := printjob.Check(printable)
		return func() {
			if choice != b.choices {
				return // the choice changed meanwhile
			}
			if err != nil {
				b.summary.SetText(problemText(err))
				return
			}
			b.chosen(printable, left, warnings)
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
	switch b.who.SelectedIndex() {
	case whoDelegation:
		b.delegation.Enable()
	case whoCategory:
		b.category.Enable()
	case whoNumbers:
		b.numbers.Enable()
	}
}

// leftOut counts those a choice names who are not printed: not approved,
// named but not cleared by security, or still waiting for clearance.
type leftOut struct{ notApproved, notCleared, waiting int }

// chosen shows whom the choice names: how many, who is left out, and any warning.
func (b *badges) chosen(printable []data.Participant, left leftOut, warnings []printjob.Warning) {
	b.selected = printable
	text := lang.N("{{.Count}} badge to print", len(printable), map[string]any{"Count": number(len(printable))})
	if again := len(b.alreadyPrinted()); again > 0 {
		text += "\n" + lang.N("{{.Count}} of them were printed before: they get new badges and their old ones stop working.", again, map[string]any{"Count": again})
	}
	if left.notApproved > 0 {
		text += "\n" + lang.N("{{.Count}} not approved, left out.", left.notApproved, map[string]any{"Count": left.notApproved})
	}
	if left.notCleared > 0 {
		text += "\n" + lang.N("{{.Count}} not cleared by the host country's security service, left out.", left.notCleared, map[string]any{"Count": left.notCleared})
	}
	if left.waiting > 0 {
		text += "\n" + lang.N("{{.Count}} still wait for security clearance.", left.waiting, map[string]any{"Count": number(left.waiting)})
	}
	for _, w := range warnings {
		text += "\n⚠ " + lang.L("{{.Name}}: no font has {{.Letters}}; these letters will be left out.", map[string]any{"Name": w.Participant.FullName(), "Letters": string(w.Missing)})
	}
	b.summary.SetText(text)
	if len(printable) > 0 {
		b.printButton.Enable()
	}
	b.onPreview()
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
				return data.BadgeFilter{Affiliation: a.ID, Printed: true}, true
			}
		}
	case whoCategory:
		if i := b.category.SelectedIndex(); i >= 0 {
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

func (b *badges) alreadyPrinted() []data.Participant {
	var list []data.Participant
	for _, p := range b.selected {
		if p.Status == data.StatusPrinted || p.Status == data.StatusCollected {
			list = append(list, p)
		}
	}
	return list
}

// onPreview shows the first chosen badge as it will print, drawn with a
// sample code that no door accepts. The drawing is done in the background
// and kept, so a badge already seen shows at once.
func (b *badges) onPreview() {
	if b.preview == nil || b.layout == nil {
		return
	}
	if len(b.selected) == 0 {
		b.shown = ""
		b.showPreview(nil)
		return
	}
	layout, p := b.chosenLayout(), b.selected[0]
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
	store := b.u.store
	b.work.run(func() func() {
		png, err := printjob.Job{Store: store, Layout: layout}.Preview(context.Background(), p, 90)
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
	b.preview.Objects = nil
	if o != nil {
		b.preview.Objects = []fyne.CanvasObject{o}
	}
	b.preview.Refresh()
}

func (b *badges) onPrint() {
	if b.nameTaken() {
		return
	}
	if again := b.alreadyPrinted(); len(again) > 0 {
		dialog.ShowConfirm(lang.L("Print new badges?"),
			lang.L("{{.Count}} of these badges were printed before. Printing them again makes new badges, and the old ones stop working at the doors.", map[string]any{"Count": len(again)}),
			func(yes bool) {
				if yes {
					b.reissue(again)
				}
			}, b.u.win)
		return
	}
	b.start()
}

// proposedName is a free name for the next run's file in dir.
func proposedName(dir string) string {
	return printjob.FreeName(filepath.Join(dir, "badges-"+time.Now().Format("20060102-1504")+".pdf"), 1)
}

// nameTaken reports whether a file the run would write exists already; if
// so it proposes a free name in its place and says why.
func (b *badges) nameTaken() bool {
	path := strings.TrimSpace(b.out.Text)
	for _, file := range printjob.Parts(path, len(b.selected)) {
		if atomicfile.Exists(file) {
			b.out.SetText(printjob.FreeName(path, len(b.selected)))
			b.summary.SetText(lang.L("{{.File}} already exists and is never overwritten. A new name is proposed: press Print again.", map[string]any{"File": file}))
			return true
		}
	}
	return false
}

// reissue raises the issue of badges printed before, all or none, then prints.
func (b *badges) reissue(again []data.Participant) {
	ids := make([]int64, len(again))
	for i, p := range again {
		ids[i] = p.ID
	}
	if err := b.u.store.ReprintBadges(b.u.actor(), ids, "printed again at the printing station", b.u.operator.Name); err != nil {
		b.u.showError(err)
		return
	}
	b.choose("", b.start)
}

// start prints the chosen badges in the background, with progress and cancel.
func (b *badges) start() {
	list, path, layout := b.selected, strings.TrimSpace(b.out.Text), b.chosenLayout()
	b.cancelled = make(chan struct{})
	cancelled := b.cancelled
	b.printButton.Disable()
	b.cancel.Show()
	b.progress.SetValue(0)
	b.progress.Show()
	job := printjob.Job{Store: b.u.store, Layout: layout, Operator: b.u.operator.Name,
		Progress: func(done, total int) bool {
			fyne.Do(func() { b.progress.SetValue(float64(done) / float64(total)) })
			select {
			case <-cancelled:
				return false
			default:
				return true
			}
		}}
	actor := b.u.actor()
	b.running.Add(1)
	go func() {
		defer b.running.Done()
		files, err := job.Print(actor, list, path)
		fyne.DoAndWait(func() { b.finished(files, len(list), err) })
	}()
}

func (b *badges) finished(files []string, count int, err error) {
	b.cancel.Hide()
	b.progress.Hide()
	b.lastFiles = files
	switch {
	case err == printing.ErrCancelled:
		b.summary.SetText(lang.L("Printing cancelled. Nobody was marked printed."))
	case data.ErrorCode(err) == data.ECONFLICT && len(files) == 0 && b.nameTaken():
	case err != nil:
		b.summary.SetText(problemText(err))
	default:
		b.summary.SetText(lang.N("Printed {{.Count}} badges to {{.Files}}.", count, map[string]any{"Count": number(count), "Files": strings.Join(files, ", ")}))
		b.open.Enable()
		b.send.Enable()
		b.out.SetText(proposedName(filepath.Dir(files[0])))
	}
	// The choice is looked up again without hiding the run's outcome.
	b.choose(b.summary.Text, nil)
}

func (b *badges) onCancel() {
	if b.cancelled != nil {
		close(b.cancelled)
		b.cancelled = nil
	}
}

func (b *badges) onOpen() {
	for _, f := range b.lastFiles {
		if err := exec.Command("xdg-open", f).Start(); err != nil {
			b.summary.SetText(lang.L("Cannot open the PDF: {{.Reason}}", map[string]any{"Reason": err.Error()}))
		}
	}
}

func (b *badges) onSend() {
	for _, f := range b.lastFiles {
		if out, err := exec.Command("lp", f).CombinedOutput(); err != nil {
			b.summary.SetText(lang.L("The printer refused the file: {{.Reason}}", map[string]any{"Reason": strings.TrimSpace(string(out))}))
			return
		}
	}
	b.summary.SetText(lang.L("Sent to the printer."))
}
