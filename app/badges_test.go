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

	"accred/data"
)

// openBadges approves the test participants and opens the printing station,
// which draws its first preview; typing in the badge numbers then waits for
// flush.
func openBadges(t *testing.T, u *ui) (b *badges, flush func()) {
	t.Helper()
	if _, _, err := u.store.ApproveAll(ctx, "desk"); err != nil {
		t.Fatal(err)
	}
	b = u.badges
	var pending []func()
	b.typing.later = func(_ time.Duration, f func()) { pending = append(pending, f) }
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

// printRun taps Print, says yes if asked, and waits for the run to end and
// the choice to be looked up again.
func printRun(t *testing.T, u *ui, b *badges, out string) {
	t.Helper()
	b.out.SetText(out)
	test.Tap(b.printButton)
	if button := findButton(u.win.Canvas().Overlays().Top(), "Yes"); button != nil {
		test.Tap(button)
	}
	b.work.wait() // a reprint looks the badges up again before printing
	b.running.Wait()
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

func TestPrintingStationPrintsAndMarks(t *testing.T) {
	u := newTestUI(t)
	b, _ := openBadges(t, u)
	if len(b.selected) != 4 || !strings.Contains(b.summary.Text, "4 badges to print") {
		t.Fatalf("pending: %d %q", len(b.selected), b.summary.Text)
	}
	choose(b, b.who, whoCategory)
	choose(b, b.category, 2) // media
	if len(b.selected) != 1 {
		t.Fatalf("one category: %d", len(b.selected))
	}
	choose(b, b.who, whoPending)
	out := filepath.Join(t.TempDir(), "run.pdf")
	printRun(t, u, b, out)
	if info, err := os.Stat(out); err != nil || info.Size() == 0 {
		t.Fatalf("no PDF: %v (%q)", err, b.summary.Text)
	}
	list, _, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{})
	for _, p := range list {
		if p.Status != data.StatusPrinted || p.BadgeIssue != 1 {
			t.Fatalf("%s is %s, issue %d", p.FullName(), p.Status, p.BadgeIssue)
		}
	}
	if len(b.selected) != 0 || !b.printButton.Disabled() {
		t.Fatal("printed badges are still waiting")
	}
}

// printedThenChosen prints every test badge, then chooses the badge numbers.
func printedThenChosen(t *testing.T, u *ui, numbers string) *badges {
	t.Helper()
	b, flush := openBadges(t, u)
	printRun(t, u, b, filepath.Join(t.TempDir(), "first.pdf"))
	choose(b, b.who, whoNumbers)
	test.Type(b.numbers, numbers)
	flush()
	return b
}

func TestPrintingAgainMakesNewBadges(t *testing.T) {
	u := newTestUI(t)
	b := printedThenChosen(t, u, "1, 000002")
	if len(b.alreadyPrinted()) != 2 || !strings.Contains(b.summary.Text, "printed before") {
		t.Fatalf("already printed not flagged: %q", b.summary.Text)
	}
	printRun(t, u, b, filepath.Join(t.TempDir(), "again.pdf"))
	if !strings.Contains(b.summary.Text, "Printed 2") {
		t.Fatalf("second run: %q", b.summary.Text)
	}
	for _, id := range []int64{1, 2} {
		p, _ := u.store.Participant(ctx, id)
		if p.BadgeIssue != 2 || p.Status != data.StatusPrinted {
			t.Fatalf("badge %d: issue %d, %s", id, p.BadgeIssue, p.Status)
		}
	}
}

func TestPrintingStationProposesANewNameForAnExistingFile(t *testing.T) {
	u := newTestUI(t)
	b, _ := openBadges(t, u)
	dir := t.TempDir()
	taken := filepath.Join(dir, "run.pdf")
	if err := os.WriteFile(taken, []byte("199 printed badges"), 0o600); err != nil {
		t.Fatal(err)
	}
	printRun(t, u, b, taken)
	if b.out.Text != filepath.Join(dir, "run (2).pdf") || !strings.Contains(b.summary.Text, taken+" already exists") {
		t.Fatalf("proposed %q: %q", b.out.Text, b.summary.Text)
	}
	if got, _ := os.ReadFile(taken); string(got) != "199 printed badges" {
		t.Fatal("the existing file was changed")
	}
	if len(b.selected) != 4 {
		t.Fatalf("%d waiting after a refused run, want 4", len(b.selected))
	}
	printRun(t, u, b, b.out.Text)
	if !strings.Contains(b.summary.Text, "Printed 4") || len(b.selected) != 0 {
		t.Fatalf("printing to the proposed name: %q", b.summary.Text)
	}
	if _, err := os.Stat(filepath.Join(dir, "run (2).pdf")); err != nil {
		t.Fatal(err)
	}
}

func TestPrintingAgainIsAllOrNothing(t *testing.T) {
	u := newTestUI(t)
	b := printedThenChosen(t, u, "1 2 3")
	// Meanwhile the desk rejects one of them: the reprint is refused whole.
	if _, err := u.store.SetStatus(ctx, 3, data.StatusRejected, "desk", "withdrawn"); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(t.TempDir(), "again.pdf")
	printRun(t, u, b, again)
	if _, err := os.Stat(again); !os.IsNotExist(err) {
		t.Fatalf("a refused reprint still printed: %v", err)
	}
	for _, id := range []int64{1, 2} {
		if p, _ := u.store.Participant(ctx, id); p.BadgeIssue != 1 || p.Status != data.StatusPrinted {
			t.Fatalf("badge %d was replaced though the batch was refused: issue %d, %s", id, p.BadgeIssue, p.Status)
		}
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
	if _, ok := b.preview.Objects[0].(*canvas.Image); !ok {
		t.Fatalf("the preview shows %T", b.preview.Objects[0])
	}
	b.layout.SetSelectedIndex(1)
	b.work.wait()
	b.layout.SetSelectedIndex(0)
	if b.renders != 3 {
		t.Fatalf("a badge seen before was drawn again: %d drawings", b.renders)
	}
	if _, ok := b.preview.Objects[0].(*canvas.Image); !ok {
		t.Fatalf("the kept preview shows %T", b.preview.Objects[0])
	}
	b.preview.Resize(fyne.NewSize(420, 600)) // the snapshot does not follow the window's layout
	test.AssertObjectRendersToMarkup(t, "badge_preview.xml", b.preview)
}

// TestBadgesLookUpInTheBackground holds the station's work: showing the
// station returns at once, with nothing to print until the lookup is back,
// and the preview is drawn after it.
func TestBadgesLookUpInTheBackground(t *testing.T) {
	u := newTestUI(t)
	if _, _, err := u.store.ApproveAll(ctx, "desk"); err != nil {
		t.Fatal(err)
	}
	b := u.badges
	var held []func()
	b.work.start = func(job func()) { held = append(held, job) }
	u.tabs.Select(u.tab(tabBadges))
	if len(held) != 1 || b.selected != nil || !b.printButton.Disabled() {
		t.Fatalf("showing the station looked up %d badges itself (%d jobs)", len(b.selected), len(held))
	}
	looked := make(chan struct{})
	go func() {
		held[0]()
		close(looked)
	}()
	<-looked
	if len(b.selected) != 4 || b.printButton.Disabled() || len(held) != 2 {
		t.Fatalf("after the lookup: %d badges, %d jobs", len(b.selected), len(held))
	}
	if _, ok := b.preview.Objects[0].(*widget.ProgressBarInfinite); !ok {
		t.Fatalf("while the preview is drawn the station shows %T", b.preview.Objects[0])
	}
	go held[1]()
	b.work.wait()
	if _, ok := b.preview.Objects[0].(*canvas.Image); !ok || b.renders != 1 {
		t.Fatalf("after drawing: %T, %d drawings", b.preview.Objects[0], b.renders)
	}
}

// TestBadgesFindADelegationByTyping: a few letters narrow the delegations
// offered; the one named whole is chosen, and its people are listed.
func TestBadgesFindADelegationByTyping(t *testing.T) {
	u := newTestUI(t)
	b, _ := openBadges(t, u)
	choose(b, b.who, whoDelegation)
	test.Type(b.delegation, "viet")
	b.work.wait()
	if len(b.offered) != 1 || b.offered[0] != "Delegation of Viet Nam" || len(b.selected) != 0 {
		t.Fatalf("typing viet offers %q, chooses %d", b.offered, len(b.selected))
	}
	b.delegation.SetText(b.offered[0])
	b.work.wait()
	if len(b.selected) != 2 {
		t.Fatalf("the delegation of Viet Nam lists %d", len(b.selected))
	}
	b.delegation.SetText("")
	b.work.wait()
	if len(b.offered) != 2 || len(b.selected) != 0 {
		t.Fatalf("no text offers %q, chooses %d", b.offered, len(b.selected))
	}
}
