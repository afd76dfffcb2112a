package cups_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"accred/app/printjob/cups"
	"accred/app/printjob/cupstest"
)

var ctx = context.Background()

// page is a PDF of n pages of w × h millimetres.
func page(t *testing.T, w, h float64, n int) []byte {
	t.Helper()
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", Size: gofpdf.SizeType{Wd: w, Ht: h}})
	for range n {
		pdf.AddPage()
		pdf.Rect(5, 5, 10, 10, "F")
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// waitEnd polls a job until it ends.
func waitEnd(t *testing.T, c *cups.Client, id int) cups.Job {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		j, err := c.Job(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.Ended() {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d still %d after 30 s", id, j.State)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestPrintersJobsAndTheirMedia(t *testing.T) {
	srv := cupstest.Start(t)
	srv.AddPDFQueue(t, "Card", "A4")
	srv.AddPDFQueue(t, "Lanyard", "A6")
	srv.SetDefault(t, "Lanyard")
	c := srv.Client()
	list, def, err := c.Printers(ctx)
	if err != nil || len(list) != 2 || def != "Lanyard" {
		t.Fatalf("printers %+v, default %q: %v", list, def, err)
	}
	card, err := c.Printer(ctx, "Card")
	if err != nil || card.Stopped() || card.Media != "iso_a4_210x297mm" || !card.Loaded("iso_a4_210x297mm") || card.Loaded("iso_a6_105x148mm") {
		t.Fatalf("Card: %+v, %v", card, err)
	}
	for _, c := range []struct {
		media    string
		w, h     float64
		want     string
		portrait cups.Orientation
	}{
		{"iso_a6_105x148mm", 105, 148, "297x419 297x419", cups.Portrait},
		{"custom_id-1_85.6x54mm", 85.6, 54, "242x153 242x153", cups.Portrait},
		{"iso_a4_210x297mm", 210, 297, "595x842 595x842", cups.Portrait},
	} {
		id, err := srv.Client().Print(ctx, "Card", bytes.NewReader(page(t, c.w, c.h, 2)), cups.Options{Title: "badges", Media: c.media, Orientation: c.portrait})
		if err != nil {
			t.Fatal(err)
		}
		if j := waitEnd(t, srv.Client(), id); j.State != cups.JobCompleted {
			t.Fatalf("%s: job %+v", c.media, j)
		}
		if got := cupstest.Pages(t, srv.Output(t, "Card", id)); got != c.want {
			t.Errorf("%s came out as %s, want %s", c.media, got, c.want)
		}
	}
}

func TestStoppedMissingAndNotRunning(t *testing.T) {
	srv := cupstest.Start(t)
	srv.AddPDFQueue(t, "Card", "A6")
	c := srv.Client()
	srv.Pause(t, "Card")
	if p, err := c.Printer(ctx, "Card"); err != nil || !p.Stopped() || p.State != cups.PrinterStopped {
		t.Fatalf("paused: %+v, %v", p, err)
	}
	srv.Resume(t, "Card")
	srv.Delete(t, "Card")
	if _, err := c.Printer(ctx, "Card"); !errors.Is(err, cups.ErrNoPrinter) {
		t.Fatalf("deleted: %v", err)
	}
	if _, err := c.Print(ctx, "Card", bytes.NewReader(page(t, 105, 148, 1)), cups.Options{}); !errors.Is(err, cups.ErrNoPrinter) {
		t.Fatalf("printing to a deleted printer: %v", err)
	}
	srv.Stop(t)
	if _, _, err := c.Printers(ctx); !errors.Is(err, cups.ErrNotRunning) {
		t.Fatalf("stopped: %v", err)
	}
}

func TestSameMedia(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"iso_a6_105x148mm", "iso_a6_105x148mm", true},
		{"iso_a6_105x148mm", "custom_148x105mm", true},
		{"custom_id-1_85.6x54mm", "om_card_54x85.60mm", true},
		{"iso_a4_210x297mm", "iso_a6_105x148mm", false},
		{"na_letter_8.5x11in", "iso_a4_210x297mm", false},
	} {
		if got := cups.SameMedia(c.a, c.b); got != c.same {
			t.Errorf("SameMedia(%s, %s) = %v", c.a, c.b, got)
		}
	}
}
