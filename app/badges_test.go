package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob"
	"accred/app/printjob/cups"
	"accred/data"
)

func init() {
	// No test prints on the computer's own printers: a station offers
	// those of a test's own print service, or none.
	defaultPrintService = func() printjob.Service { return cups.New(filepath.Join(os.TempDir(), "no-print-service-here.sock")) }
}

// openBadges approves the test participants and opens the printing station,
// which draws its first preview; typing in the badge numbers then waits for
// flush.
func openBadges(t *testing.T, u *ui) (b *badges, flush func()) {
	t.Helper()
	if _, _, err := u.store.ApproveAll(ctx); err != nil {
		t.Fatal(err)
	}
	b = u.badges
	var pending []func()
	hold := func(_ time.Duration, f func()) { pending = append(pending, f) }
	b.typing.later, b.replace.typing.later = hold, hold
	u.tabs.Select(u.tab(tabBadges))
	b.work.wait()
	return b, func() {
		for _, f := range pending {
			f()
		}
		pending = nil
		b.work.wait()
	}
}

// printRun taps Print and waits for the run to end and the choice to be
// looked up again.
func printRun(t *testing.T, _ *ui, b *badges, out string) {
	t.Helper()
	b.out.SetText(out)
	test.Tap(b.printButton)
	b.printing.wait()
	b.work.wait()
}

// choose picks in one of the station's lists and waits for the lookup.
func choose(b *badges, list *widget.Select, index int) {
	list.SetSelectedIndex(index)
	b.work.wait()
}

// findButton finds the button with the text among o and what it holds.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if o == nil {
		return nil
	}
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}

// status reads a participant's status and badge issue.
func status(t *testing.T, u *ui, id int64) (data.Status, int) {
	t.Helper()
	p, err := u.store.Participant(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Status, p.BadgeIssue
}

func TestPrintingStationPrintsAndMarks(t *testing.T) {
	u := newTestUI(t)
	b, _ := openBadges(t, u)
	if len(b.selected) != 4 || !strings.Contains(b.summary.Text, "4 badges to print") {
		t.Fatalf("pending: %d %q", len(b.selected), b.summary.Text)
	}
	if b.chosenPrinter() != "" || b.printButton.Text != "Save 4 badges as a PDF" {
		t.Fatalf("without a print service: printer %q, button %q", b.chosenPrinter(), b.printButton.Text)
	}
	choose(b, b.who, whoCategory)
	choose(b, b.category, 2) // media
	if len(b.selected) != 1 || b.printButton.Text != "Save 1 badge as a PDF" {
		t.Fatalf("one category: %d, %q", len(b.selected), b.printButton.Text)
	}
	choose(b, b.who, whoPending)
	out := filepath.Join(t.TempDir(), "run.pdf")
	printRun(t, u, b, out)
	if info, err := os.Stat(out); err != nil || info.Size() == 0 {
		t.Fatalf("no PDF: %v (%q)", err, b.summary.Text)
	}
	for id := int64(1); id <= 4; id++ {
		if st, issue := status(t, u, id); st != data.StatusPrinted || issue != 1 {
			t.Fatalf("badge %d is %s, issue %d", id, st, issue)
		}
	}
	if len(b.selected) != 0 || !b.printButton.Disabled() || b.printButton.Text != "Print" {
		t.Fatalf("printed badges are still waiting: %q", b.printButton.Text)
	}
}

// TestADelegationPrintsOnlyThoseNotYetPrinted: printing a delegation after
// one more delegate was approved prints that one only; the badges printed
// before stay as they are, and named badge numbers that were printed are
// left out, sent to the replacement.
func TestADelegationPrintsOnlyThoseNotYetPrinted(t *testing.T) {
	u := newTestUI(t)
	b, flush := openBadges(t, u)
	printRun(t, u, b, filepath.Join(t.TempDir(), "first.pdf"))
	late, err := u.store.CreateParticipant(ctx, data.ParticipantInput{Category: "delegate", GivenName: "Minh", FamilyName: "Trần",
		Nationality: "VN", Delegation: "VN", DocumentNumber: "C3"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.store.SetStatus(ctx, late.ID, data.StatusApproved, ""); err != nil {
		t.Fatal(err)
	}
	b.onShow()
	b.work.wait()
	choose(b, b.who, whoDelegation)
	test.Type(b.delegation, "viet")
	test.Tap(findButton(b.suggestions, "Delegation of Viet Nam"))
	b.work.wait()
	if len(b.selected) != 1 || b.selected[0].ID != late.ID || b.printButton.Text != "Save 1 badge as a PDF" ||
		!strings.Contains(b.summary.Text, "1 badge to print") || !strings.Contains(b.summary.Text, "2 already printed, left out") {
		t.Fatalf("the delegation of Viet Nam: %d chosen, button %q, %q", len(b.selected), b.printButton.Text, b.summary.Text)
	}
	printRun(t, u, b, filepath.Join(t.TempDir(), "late.pdf"))
	for id, want := range map[int64]int{1: 1, 4: 1, late.ID: 1} {
		if st, issue := status(t, u, id); st != data.StatusPrinted || issue != want {
			t.Fatalf("badge %d: %s, issue %d", id, st, issue)
		}
	}
	choose(b, b.who, whoPending) // printed badges are left out by that choice's name: nothing to say of them
	if len(b.selected) != 0 || strings.Contains(b.summary.Text, "already printed") {
		t.Fatalf("everyone approved and not yet printed: %d chosen, %q", len(b.selected), b.summary.Text)
	}
	choose(b, b.who, whoNumbers)
	test.Type(b.numbers, "1 2")
	flush()
	if len(b.selected) != 0 || !b.printButton.Disabled() || !strings.Contains(b.summary.Text, "2 already printed, left out: to replace a badge, use Replace printed badges.") {
		t.Fatalf("printed badge numbers: %d chosen, %q", len(b.selected), b.summary.Text)
	}
}

// TestReplacingBadgesAsksAReasonAndNamesThoseInHands: replacing printed
// badges is its own panel; it waits for a reason, says how many old badges
// stop working and how many of them were handed over, and asks before it
// runs.
func TestReplacingBadgesAsksAReasonAndNamesThoseInHands(t *testing.T) {
	u := newTestUI(t)
	b, flush := openBadges(t, u)
	printRun(t, u, b, filepath.Join(t.TempDir(), "first.pdf"))
	if _, err := u.store.CollectBadge(u.actor(), 2, data.CollectInput{Document: "P1"}); err != nil {
		t.Fatal(err)
	}
	b.panels.SelectIndex(panelReplace)
	r := b.replace
	test.Type(r.numbers, "1 2 999")
	flush()
	if len(r.chosen) != 2 || r.button.Text != "Replace 2 badges" || !r.button.Disabled() {
		t.Fatalf("without a reason: %d chosen, %q, disabled %v", len(r.chosen), r.button.Text, r.button.Disabled())
	}
	for _, want := range []string{"2 badges to replace. The old ones stop working at the doors at once.", "1 of the old badges was handed over", "1 badge number belongs to nobody."} {
		if !strings.Contains(r.note.Text, want) {
			t.Fatalf("the note %q does not say %q", r.note.Text, want)
		}
	}
	test.Type(r.reason, "lost in the plenary hall")
	if r.button.Disabled() {
		t.Fatal("a reason given, the button stays grey")
	}
	b.out.SetText(filepath.Join(t.TempDir(), "replaced.pdf"))
	test.Tap(r.button)
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("replacing did not ask first")
	}
	var asked string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			asked += l.Text
		}
	}
	if !strings.Contains(asked, "2 badges stop working at the doors at once, 1 of them in people's hands") || !strings.Contains(asked, "lost in the plenary hall") {
		t.Fatalf("the question: %q", asked)
	}
	test.Tap(findButton(top, "Replace 2 badges"))
	b.work.wait()
	b.printing.wait()
	b.work.wait()
	for _, id := range []int64{1, 2} {
		if st, issue := status(t, u, id); st != data.StatusPrinted || issue != 2 {
			t.Fatalf("badge %d: %s, issue %d (%q)", id, st, issue, r.note.Text)
		}
	}
	if st, issue := status(t, u, 3); st != data.StatusPrinted || issue != 1 {
		t.Fatalf("a badge not named was replaced: %s, issue %d", st, issue)
	}
	trail, err := u.store.AuditTrail(ctx, data.AuditFilter{ParticipantID: 1})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range trail {
		found = found || (e.Action == data.AuditReprint && e.Field == "lost in the plenary hall")
	}
	if !found {
		t.Fatalf("the trail does not hold the reason: %+v", trail)
	}
}

// TestPrintButtonActsOnItsOwnPanelOnly: writing the List of Participants
// says so in its own panel; the Print button still names its own badges,
// and nobody is printed by it.
func TestPrintButtonActsOnItsOwnPanelOnly(t *testing.T) {
	u := newTestUI(t)
	b, _ := openBadges(t, u)
	before := b.summary.Text
	b.panels.SelectIndex(panelList)
	test.Tap(b.list)
	dialog := u.win.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(dialog) {
		if e, ok := o.(*widget.Entry); ok && strings.HasSuffix(e.Text, ".pdf") {
			e.SetText(filepath.Join(t.TempDir(), "list.pdf"))
		}
	}
	test.Tap(findButton(dialog, "Save"))
	b.work.wait()
	if !strings.Contains(b.listNote.Text, "Wrote the List of Participants (3 participants)") || b.summary.Text != before {
		t.Fatalf("list note %q; badges' message %q", b.listNote.Text, b.summary.Text)
	}
	if b.printButton.Text != "Save 4 badges as a PDF" {
		t.Fatalf("the Print button says %q", b.printButton.Text)
	}
	for id := int64(1); id <= 4; id++ {
		if st, _ := status(t, u, id); st != data.StatusApproved {
			t.Fatalf("badge %d is %s after writing the list", id, st)
		}
	}
}

// TestPrintButtonStaysPutAsTheMessageGrows: the message grows under the
// buttons, never pushing them down.
func TestPrintButtonStaysPutAsTheMessageGrows(t *testing.T) {
	u := newTestUI(t)
	b, flush := openBadges(t, u)
	where := func() fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(b.printButton)
	}
	choose(b, b.who, whoNumbers)
	test.Type(b.numbers, "1")
	flush()
	short := where()
	b.numbers.SetText("")
	test.Type(b.numbers, "1 2 3 4 5 6 7 8 9")
	flush()
	if strings.Count(b.summary.Text, "\n") < 1 {
		t.Fatalf("the message did not grow: %q", b.summary.Text)
	}
	if got := where(); got != short {
		t.Fatalf("the Print button moved from %v to %v as the message grew", short, got)
	}
}

// TestDelegationsAreOfferedWhileTyping: each letter typed narrows the
// delegations offered under the field; one is tapped, or Enter takes the
// first.
func TestDelegationsAreOfferedWhileTyping(t *testing.T) {
	u := newTestUI(t)
	b, _ := openBadges(t, u)
	choose(b, b.who, whoDelegation)
	test.Type(b.delegation, "i")
	if !b.suggestions.Visible() || findButton(b.suggestions, "Delegation of Viet Nam") == nil || findButton(b.suggestions, "Delegation of Ireland") == nil {
		t.Fatalf("typing i offers %q", b.offered)
	}
	test.Type(b.delegation, "re")
	if findButton(b.suggestions, "Delegation of Viet Nam") != nil || findButton(b.suggestions, "Delegation of Ireland") == nil {
		t.Fatalf("typing ire offers %q", b.offered)
	}
	b.delegation.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b.work.wait()
	if b.delegation.Text != "Delegation of Ireland" || len(b.selected) != 1 || len(b.suggestions.Objects) != 0 {
		t.Fatalf("Enter chose %q: %d badges, %d offered", b.delegation.Text, len(b.selected), len(b.suggestions.Objects))
	}
	b.delegation.SetText("")
	test.Type(b.delegation, "zz")
	if !strings.Contains(b.suggestions.Objects[0].(*widget.Label).Text, "No delegation") {
		t.Fatal("no delegation matching is not said")
	}
}

// TestBadgePreviewWaitsForTypingAndKeepsDrawings types badge numbers as
// fast as a person can: one preview is drawn once the typing pauses, and a
// badge seen before shows without being drawn again.
func TestBadgePreviewWaitsForTypingAndKeepsDrawings(t *testing.T) {
	u := newTestUI(t)
	b, flush := openBadges(t, u)
	if b.renders != 1 {
		t.Fatalf("opening the station drew %d previews", b.renders)
	}
	first := b.selected[0].ID
	choose(b, b.who, whoNumbers)
	var others []string
	for id := int64(1); id <= 4; id++ {
		if id != first {
			others = append(others, data.BadgeNumber(id))
		}
	}
	test.Type(b.numbers, strings.Join(others[:2], " "))
	if b.renders != 1 || len(b.selected) != 0 {
		t.Fatalf("typing drew %d previews before the pause", b.renders-1)
	}
	flush()
	if b.renders != 2 || len(b.selected) != 2 {
		t.Fatalf("after the pause: %d previews drawn, %d badges chosen", b.renders-1, len(b.selected))
	}
	if _, ok := b.previewBox.Objects[0].(*canvas.Image); !ok {
		t.Fatalf("the preview shows %T", b.previewBox.Objects[0])
	}
	b.layout.SetSelectedIndex(1)
	b.work.wait()
	b.layout.SetSelectedIndex(0)
	if b.renders != 3 {
		t.Fatalf("a badge seen before was drawn again: %d drawings", b.renders)
	}
	if _, ok := b.previewBox.Objects[0].(*canvas.Image); !ok {
		t.Fatalf("the kept preview shows %T", b.previewBox.Objects[0])
	}
	b.previewBox.Resize(fyne.NewSize(420, 600)) // the snapshot does not follow the window's layout
	test.AssertObjectRendersToMarkup(t, "badge_preview.xml", b.previewBox)
}

// TestBadgesReadTheStoreInTheBackground holds the station's work: building
// and showing the station touch no store, and nothing is offered or chosen
// until the reads are back; then the lookup, then the preview.
func TestBadgesReadTheStoreInTheBackground(t *testing.T) {
	u := newTestUI(t)
	if _, _, err := u.store.ApproveAll(ctx); err != nil {
		t.Fatal(err)
	}
	b := u.badges
	var held []func()
	b.work.start = func(job func()) { held = append(held, job) }
	u.tabs.Select(u.tab(tabBadges))
	if len(held) != 1 || len(b.delegations) != 0 || len(b.category.Options) != 0 || b.selected != nil || !b.printButton.Disabled() {
		t.Fatalf("showing the station read %d delegations, %d categories itself (%d jobs)", len(b.delegations), len(b.category.Options), len(held))
	}
	run := func(job func()) {
		done := make(chan struct{})
		go func() {
			job()
			close(done)
		}()
		<-done
	}
	run(held[0])
	if len(b.delegations) != 2 || len(b.category.Options) == 0 || b.printer.Selected != pdfOnly() {
		t.Fatalf("after the reads: %d delegations, categories %q, printer %q", len(b.delegations), b.category.Options, b.printer.Selected)
	}
	lookup := held[len(held)-1]
	run(lookup)
	if len(b.selected) != 4 || b.printButton.Disabled() {
		t.Fatalf("after the lookup: %d badges", len(b.selected))
	}
	if _, ok := b.previewBox.Objects[0].(*widget.ProgressBarInfinite); !ok {
		t.Fatalf("while the preview is drawn the station shows %T", b.previewBox.Objects[0])
	}
	run(held[len(held)-1])
	if _, ok := b.previewBox.Objects[0].(*canvas.Image); !ok || b.renders != 1 {
		t.Fatalf("after drawing: %T, %d drawings", b.previewBox.Objects[0], b.renders)
	}
}

// TestBadgesSayAFailedRead: a store that cannot be read is said, not taken
// for an event with nobody to print.
func TestBadgesSayAFailedRead(t *testing.T) {
	u := newTestUI(t)
	u.store.Close()
	u.tabs.Select(u.tab(tabBadges))
	u.badges.work.wait()
	if !strings.Contains(u.badges.summary.Text, "closed") || !u.badges.printButton.Disabled() {
		t.Fatalf("a closed store: %q", u.badges.summary.Text)
	}
}

// TestListOfParticipantsShowsNoBadge: beside the List of Participants, an
// A4 document, the preview shows no badge but says why; back on new
// badges, the badge shows again. The list written of the one person who
// collected their badge says "1 participant". The format, printer and file
// name, which are the badges', show beside the badges only.
func TestListOfParticipantsShowsNoBadge(t *testing.T) {
	u := newTestUI(t)
	b, _ := openBadges(t, u)
	for _, panel := range []int{panelNew, panelList, panelNew} {
		b.panels.SelectIndex(panel)
		b.work.wait()
		if len(b.previewBox.Objects) != 1 {
			t.Fatalf("panel %d: the preview holds %d objects", panel, len(b.previewBox.Objects))
		}
		l, says := b.previewBox.Objects[0].(*widget.Label)
		_, draws := b.previewBox.Objects[0].(*canvas.Image)
		if panel == panelList && (!says || !strings.Contains(l.Text, "not a badge")) || panel == panelNew && !draws {
			t.Fatalf("panel %d: the preview shows %T", panel, b.previewBox.Objects[0])
		}
		if b.printSettings.Visible() != (panel != panelList) { // the format, printer and file name are the badges'
			t.Fatalf("panel %d: the format, printer and file name shown: %v", panel, b.printSettings.Visible())
		}
	}

	printRun(t, u, b, filepath.Join(t.TempDir(), "first.pdf"))
	if _, err := u.store.CollectBadge(u.actor(), 2, data.CollectInput{Document: "P1"}); err != nil {
		t.Fatal(err)
	}
	b.panels.SelectIndex(panelList)
	test.Tap(b.list)
	dialog := u.win.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(dialog) {
		switch x := o.(type) {
		case *widget.Entry:
			if strings.HasSuffix(x.Text, ".pdf") {
				x.SetText(filepath.Join(t.TempDir(), "collected.pdf"))
			}
		case *widget.Select:
			x.SetSelected("Collected")
		}
	}
	test.Tap(findButton(dialog, "Save"))
	b.work.wait()
	if !strings.Contains(b.listNote.Text, "Wrote the List of Participants (1 participant) to ") {
		t.Fatalf("the list of one: %q", b.listNote.Text)
	}
}
