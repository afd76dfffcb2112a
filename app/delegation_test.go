package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// entriesIn are the text entries under o, in order.
func entriesIn(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	for _, x := range test.LaidOutObjects(o) {
		if e, ok := asEntry(x); ok {
			out = append(out, e)
		}
	}
	return out
}

// askHandover opens the focal point's handover of their delegation's
// badges, types the document and the list's file, and taps Hand over.
func askHandover(t *testing.T, u *ui, document, list string) {
	t.Helper()
	tapButton(t, u.desk.right, "Delegation's badges…")
	ask := dialogShown(t, u)
	entries := entriesIn(ask)
	if len(entries) != 2 {
		t.Fatalf("the handover asks %d things", len(entries))
	}
	test.Type(entries[0], document)
	entries[1].SetText(list)
	tapButton(t, ask, "Hand over")
}

func TestDeskHandsADelegationsBadgesToItsFocalPoint(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if err := u.store.Approve(ctx, []int64{1, 2, 4}); err != nil {
		t.Fatal(err)
	}
	showFound(d, "nguyen van")
	if b := findButton(d.right, "Delegation's badges…"); b == nil || !b.Disabled() {
		t.Fatal("a focal point without a printed badge may collect for the delegation")
	}
	for _, id := range []int64{1, 2, 4} {
		printedBadge(t, u, id, 1)
	}
	showFound(d, "nguyen van")
	tapButton(t, d.right, "Delegation's badges…")
	ask := dialogShown(t, u)
	if !strings.Contains(labelTexts(ask), "2 printed badges of Delegation of Viet Nam wait.") {
		t.Fatalf("the handover reads %q", labelTexts(ask))
	}
	if proposed := entriesIn(ask)[1].Text; filepath.Dir(proposed) != filepath.Dir(u.dbPath) || !strings.HasPrefix(filepath.Base(proposed), "handover-vn-") {
		t.Fatalf("the list is proposed at %q", proposed)
	}
	tapButton(t, ask, "Cancel")

	dir := t.TempDir()
	list := filepath.Join(dir, "vn.pdf")
	askHandover(t, u, "X9", list)
	tapButton(t, dialogShown(t, u), "Do not hand over")
	if !strings.Contains(d.details.message.Text, "not the one registered") || storedStatus(t, u, 4) != data.StatusPrinted || fileExists(list) {
		t.Fatalf("the wrong document: %q, %s", d.details.message.Text, storedStatus(t, u, 4))
	}
	taken := filepath.Join(dir, "taken.pdf")
	os.WriteFile(taken, []byte("mine"), 0o600)
	askHandover(t, u, "C1", taken)
	if !strings.Contains(d.details.message.Text, "already exists and is never overwritten") || storedStatus(t, u, 1) != data.StatusPrinted {
		t.Fatalf("over an existing file: %q, %s", d.details.message.Text, storedStatus(t, u, 1))
	}
	if got, _ := os.ReadFile(taken); string(got) != "mine" {
		t.Fatal("an existing file was overwritten")
	}

	askHandover(t, u, "c 1", list)
	if d.details.message.Text != "2 badges handed over to H.E. Mr. NGUYỄN Văn An. The list to sign is "+list+"." {
		t.Fatalf("the handover said %q", d.details.message.Text)
	}
	for id, want := range map[int64]data.Status{1: data.StatusCollected, 4: data.StatusCollected, 2: data.StatusPrinted} {
		if got := storedStatus(t, u, id); got != want {
			t.Errorf("%d is %s, want %s", id, got, want)
		}
	}
	if c, err := u.store.LastCollection(ctx, 4); err != nil || c.By != 1 || c.Document != "c 1" {
		t.Fatalf("the collection recorded %+v %v", c, err)
	}
	if d.current.Status != data.StatusCollected {
		t.Fatalf("the focal point shows as %s", d.current.Status)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-raw", list, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Badges handed over: Viet Nam", "000001", "000004", "Signature of the focal point"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("the list does not read %q:\n%s", want, text)
			}
		}
	}
	tapButton(t, d.right, "Delegation's badges…")
	if u.win.Canvas().Overlays().Top() != nil || d.details.message.Text != "No printed badge of Delegation of Viet Nam waits to be handed over." {
		t.Fatalf("with nothing left: %q", d.details.message.Text)
	}
}

func TestDeskHandsADelegationsBadgesOverOnASupervisorsWord(t *testing.T) {
	u := newTestUI(t)
	if err := u.store.Approve(ctx, []int64{1, 4}); err != nil {
		t.Fatal(err)
	}
	printedBadge(t, u, 1, 1)
	printedBadge(t, u, 4, 1)
	showFound(u.desk, "thi hong")
	list := filepath.Join(t.TempDir(), "vn.pdf")
	askHandover(t, u, "N123", list)
	tapButton(t, dialogShown(t, u), "Hand over anyway (supervisor)")
	if storedStatus(t, u, 1) != data.StatusCollected || storedStatus(t, u, 4) != data.StatusCollected || !fileExists(list) {
		t.Fatalf("the supervisor's word: %q", u.desk.details.message.Text)
	}
	if c, _ := u.store.LastCollection(ctx, 4); !c.Override || c.Document != "N123" {
		t.Fatalf("recorded %+v", c)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
