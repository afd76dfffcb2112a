package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"accred/data"
)

func TestPrintingStationPrintsAndMarks(t *testing.T) {
	u := newTestUI(t)
	if _, err := u.store.ApproveAll(ctx, "desk"); err != nil {
		t.Fatal(err)
	}
	b := u.badges
	b.onChoose()
	if len(b.selected) != 4 || !strings.Contains(b.summary.Text, "4 badges to print") {
		t.Fatalf("pending: %d %q", len(b.selected), b.summary.Text)
	}
	b.who.SetSelectedIndex(whoCategory)
	b.category.SetSelectedIndex(2) // media
	if len(b.selected) != 1 {
		t.Fatalf("one category: %d", len(b.selected))
	}
	b.who.SetSelectedIndex(whoPending)
	out := filepath.Join(t.TempDir(), "run.pdf")
	b.out.SetText(out)
	test.Tap(b.printButton)
	b.running.Wait()
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

func TestPrintingAgainMakesNewBadges(t *testing.T) {
	u := newTestUI(t)
	u.store.ApproveAll(ctx, "desk")
	b := u.badges
	b.out.SetText(filepath.Join(t.TempDir(), "first.pdf"))
	b.onChoose()
	b.start()
	b.running.Wait()
	b.who.SetSelectedIndex(whoNumbers)
	b.numbers.SetText("1, 000002")
	if len(b.alreadyPrinted()) != 2 || !strings.Contains(b.summary.Text, "printed before") {
		t.Fatalf("already printed not flagged: %q", b.summary.Text)
	}
	b.out.SetText(filepath.Join(t.TempDir(), "again.pdf"))
	b.reissue(b.alreadyPrinted())
	b.running.Wait()
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
	u.store.ApproveAll(ctx, "desk")
	b := u.badges
	b.onChoose()
	dir := t.TempDir()
	taken := filepath.Join(dir, "run.pdf")
	os.WriteFile(taken, []byte("199 printed badges"), 0o600)
	b.out.SetText(taken)
	test.Tap(b.printButton)
	b.running.Wait()
	if b.out.Text != filepath.Join(dir, "run (2).pdf") || !strings.Contains(b.summary.Text, taken+" already exists") {
		t.Fatalf("proposed %q: %q", b.out.Text, b.summary.Text)
	}
	if got, _ := os.ReadFile(taken); string(got) != "199 printed badges" {
		t.Fatal("the existing file was changed")
	}
	if len(b.selected) != 4 {
		t.Fatalf("%d waiting after a refused run, want 4", len(b.selected))
	}
	test.Tap(b.printButton)
	b.running.Wait()
	if !strings.Contains(b.summary.Text, "Printed 4") || len(b.selected) != 0 {
		t.Fatalf("printing to the proposed name: %q", b.summary.Text)
	}
	if _, err := os.Stat(filepath.Join(dir, "run (2).pdf")); err != nil {
		t.Fatal(err)
	}
}
