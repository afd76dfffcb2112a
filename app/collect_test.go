package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// openPrinted finds Seán O'Sullivan (document P1) at the desk with his badge printed.
func openPrinted(t *testing.T, u *ui) *desk {
	t.Helper()
	if err := u.store.Approve(ctx, []int64{2}); err != nil {
		t.Fatal(err)
	}
	printedBadge(t, u, 2, 1)
	d := u.desk
	test.Type(d.search, "osullivan")
	press(d.search, fyne.KeyReturn)
	return d
}

// handOver presses F6, types the document number and confirms with Enter.
func handOver(t *testing.T, u *ui, document string) {
	t.Helper()
	press(u.desk.search, fyne.KeyF6)
	entry := entryIn(t, dialogShown(t, u))
	test.Type(entry, document)
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func TestDeskHandsOverOnTheRegisteredDocument(t *testing.T) {
	u := newTestUI(t)
	d := openPrinted(t, u)
	handOver(t, u, "X9")
	refusal := dialogShown(t, u)
	if !strings.Contains(d.details.message.Text, "not the one registered") || d.details.message.Importance != widget.DangerImportance {
		t.Fatalf("the wrong document said %q", d.details.message.Text)
	}
	tapButton(t, refusal, "Do not hand over")
	if got := storedStatus(t, u, 2); got != data.StatusPrinted {
		t.Fatalf("the wrong document left %s", got)
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the refusal stayed open")
	}

	handOver(t, u, "p-1")
	if got := storedStatus(t, u, 2); got != data.StatusCollected {
		t.Fatalf("the right document left %s", got)
	}
	if !strings.Contains(d.details.message.Text, "is now Badge collected") {
		t.Fatalf("said %q", d.details.message.Text)
	}
	if c, err := u.store.LastCollection(ctx, 2); err != nil || c.Document != "p-1" || c.Override {
		t.Fatalf("recorded %+v, %v", c, err)
	}
}

func TestDeskSupervisorHandsOverAnyway(t *testing.T) {
	u := newTestUI(t)
	openPrinted(t, u)
	tapButton(t, u.desk.right, "Badge handed over  [F6]")
	ask := dialogShown(t, u)
	test.Type(entryIn(t, ask), "N123")
	tapButton(t, ask, "Hand over")
	tapButton(t, dialogShown(t, u), "Hand over anyway (supervisor)")
	if got := storedStatus(t, u, 2); got != data.StatusCollected {
		t.Fatalf("the supervisor's confirmation left %s", got)
	}
	if c, _ := u.store.LastCollection(ctx, 2); !c.Override || c.Document != "N123" {
		t.Fatalf("recorded %+v", c)
	}
}
