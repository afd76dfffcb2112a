package printjob

import (
	"bytes"
	"image"
	"image/png"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/app/printjob/cupstest"
	"accred/data"
	"accred/data/msg"
	"accred/printing"
)

func init() { PollEvery = 20 * time.Millisecond }

// printedNow counts the participants of list marked printed.
func printedNow(t *testing.T, s *data.Store, list []data.Participant) int {
	t.Helper()
	n := 0
	for _, p := range list {
		q, err := s.Participant(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if q.Status == data.StatusPrinted {
			n++
		}
	}
	return n
}

// TestSendMarksPrintedOnlyWhenTheJobCompletes: a job the printer holds
// marks nobody; the trail names its printer and number; a job cancelled at
// the print service marks nobody and leaves no file; a job that completes
// marks its badges, as the trail says.
func TestSendMarksPrintedOnlyWhenTheJobCompletes(t *testing.T) {
	srv := cupstest.Start(t)
	srv.AddPDFQueue(t, "Card", "A6")
	srv.Hold(t, "Card")
	s := demoStore(t, 10)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	list = list[:3]
	dir := t.TempDir()
	to := Printer{Service: srv.Client(), Queue: "Card"}
	heard := make(chan msg.Message, 100)
	ended := make(chan error)
	go func() {
		_, err := Job{Store: s, Layout: printing.A6}.Send(ctx, to, list, filepath.Join(dir, "held.pdf"), func(m msg.Message) { heard <- m })
		ended <- err
	}()
	waiting := <-heard
	if !strings.Contains(waiting.String(), "waits at the printer Card") || printedNow(t, s, list) != 0 {
		t.Fatalf("a held job: %q, %d printed", waiting, printedNow(t, s, list))
	}
	trail, _ := s.AuditTrail(ctx, data.AuditFilter{ParticipantID: list[0].ID})
	if e := trail[len(trail)-1]; e.Action != data.AuditPrintJob || e.Field != "Card" || e.New != "job 1" || e.Old != "held.pdf" {
		t.Fatalf("the trail's last line: %+v", e)
	}
	srv.CancelAll(t, "Card")
	err := <-ended
	if !strings.Contains(err.Error(), "Job 1 was cancelled at the printer Card") || printedNow(t, s, list) != 0 {
		t.Fatalf("a cancelled job: %v, %d printed", err, printedNow(t, s, list))
	}
	assertFiles(t, dir)

	srv.AddPDFQueue(t, "Lanyard", "A6")
	files, err := Job{Store: s, Layout: printing.A6}.Send(ctx, Printer{Service: srv.Client(), Queue: "Lanyard"}, list, filepath.Join(dir, "run.pdf"), nil)
	if err != nil || len(files) != 1 || printedNow(t, s, list) != 3 {
		t.Fatalf("a job that completes: %v, %d printed", err, printedNow(t, s, list))
	}
	if got := cupstest.Pages(t, srv.Output(t, "Lanyard", 2)); got != "297x419 297x419 297x419" {
		t.Fatalf("the printer printed %s", got)
	}
	trail, _ = s.AuditTrail(ctx, data.AuditFilter{ParticipantID: list[2].ID})
	if e := trail[len(trail)-1]; e.Action != data.AuditPrint || e.New != "job 2 on Lanyard (run.pdf)" {
		t.Fatalf("the trail's last line: %+v", e)
	}
}

// TestSendSaysWhyNothingWasSent: a paused printer, a printer that is gone
// and a print service that is not running are said in plain words; no file
// is written, no job made, nobody marked.
func TestSendSaysWhyNothingWasSent(t *testing.T) {
	srv := cupstest.Start(t)
	srv.AddPDFQueue(t, "Card", "A6")
	s := demoStore(t, 10)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	dir := t.TempDir()
	to := Printer{Service: srv.Client(), Queue: "Card"}
	send := func() error {
		_, err := Job{Store: s, Layout: printing.A6}.Send(ctx, to, list, filepath.Join(dir, "run.pdf"), nil)
		return err
	}
	srv.Pause(t, "Card")
	if err := send(); !strings.Contains(err.Error(), "The printer Card is paused") {
		t.Fatalf("paused: %v", err)
	}
	srv.Resume(t, "Card")
	srv.Delete(t, "Card")
	if err := send(); !strings.Contains(err.Error(), "There is no printer named Card") {
		t.Fatalf("deleted: %v", err)
	}
	srv.Stop(t)
	if err := send(); !strings.Contains(err.Error(), "The print service is not running on this computer") {
		t.Fatalf("not running: %v", err)
	}
	assertFiles(t, dir)
	if printedNow(t, s, list) != 0 {
		t.Fatal("badges were marked printed")
	}
	if out := srv.Outputs("Card"); len(out) != 0 {
		t.Fatalf("the printer printed %v", out)
	}
}

// TestSendGivesTheLayoutsMediaToTheJob: whatever the queue is set for, A6
// badges come out on A6, ID-1 cards on cards lying as drawn (the colour band
// on top), A4 sheets on A4; Stocked says when the queue's stock differs.
func TestSendGivesTheLayoutsMediaToTheJob(t *testing.T) {
	srv := cupstest.Start(t)
	srv.AddPDFQueue(t, "Card", "A4")
	s := demoStore(t, 20)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	dir := t.TempDir()
	q, err := Printer{Service: srv.Client(), Queue: "Card"}.Ready(ctx)
	if err != nil || Stocked(q, printing.A6) || Stocked(q, printing.ID1) || !Stocked(q, printing.A4) {
		t.Fatalf("stock: %+v, %v", q, err)
	}
	for job, c := range []struct {
		layout printing.Layout
		count  int
		page   string
		pages  int
	}{
		{printing.A6, 2, "297x419", 2},
		{printing.ID1, 2, "242x153", 2},
		{printing.A4, 5, "595x842", 2},
	} {
		batch := list[:c.count]
		list = list[c.count:]
		files, err := Job{Store: s, Layout: c.layout}.Send(ctx, Printer{Service: srv.Client(), Queue: "Card"}, batch, filepath.Join(dir, string(c.layout)+".pdf"), nil)
		if err != nil || len(files) != 1 {
			t.Fatalf("%s: %v", c.layout, err)
		}
		out := srv.Output(t, "Card", job+1)
		if got, want := cupstest.Pages(t, out), strings.TrimSpace(strings.Repeat(c.page+" ", c.pages)); got != want {
			t.Errorf("%s came out as %s, want %s", c.layout, got, want)
		}
		if c.layout == printing.ID1 {
			assertBandOnTop(t, out)
		}
	}
}

// assertBandOnTop renders a card's first page and finds the category's
// colour across its top and white across its foot.
func assertBandOnTop(t *testing.T, pdf string) {
	t.Helper()
	raw, err := exec.Command("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	coloured := func(y int) int {
		n := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				n++
			}
		}
		return n
	}
	top, foot := coloured(b.Min.Y+3), coloured(b.Max.Y-2)
	if top < b.Dx()*9/10 || foot > b.Dx()/2 {
		t.Fatalf("the card is not as drawn: %d of %d dots coloured at the top, %d at the foot (%v)", top, b.Dx(), foot, image.Rect(0, 0, b.Dx(), b.Dy()))
	}
}

func TestMediaOfEveryLayout(t *testing.T) {
	for _, l := range printing.Layouts {
		if o := MediaOf(l); o.Media == "" || o.Orientation == 0 {
			t.Errorf("%s has no media", l)
		}
	}
}
