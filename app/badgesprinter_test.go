package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"accred/app/printjob"
	"accred/app/printjob/cups"
	"accred/app/printjob/cupstest"
	"accred/app/printjob/winprint"
	"accred/data"
)

func init() { printjob.PollEvery = 20 * time.Millisecond }

// openBadgesWithPrinter opens the printing station on a print service of
// the test's own, whose queue Card stands in for a badge printer set for
// media.
func openBadgesWithPrinter(t *testing.T, media string) (*ui, *badges, *cupstest.Server) {
	t.Helper()
	srv := cupstest.Start(t)
	srv.AddPDFQueue(t, "Card", media)
	srv.AddPDFQueue(t, "Office", "A4")
	srv.SetDefault(t, "Card")
	u := newTestUI(t)
	u.badges.service = srv.Client()
	b, _ := openBadges(t, u)
	return u, b, srv
}

// TestBadgesNameThePrinterAndItsStock: the station offers the print
// service's printers, the default chosen; the Print button names it; the
// note says when its stock is not the format's.
func TestBadgesNameThePrinterAndItsStock(t *testing.T) {
	_, b, _ := openBadgesWithPrinter(t, "A4")
	if b.printer.Selected != "Card" || strings.Join(b.printer.Options, "|") != "Card|Office|"+pdfOnly() {
		t.Fatalf("printers %q, chosen %q", b.printer.Options, b.printer.Selected)
	}
	if b.printButton.Text != "Print 4 badges on Card" {
		t.Fatalf("the Print button says %q", b.printButton.Text)
	}
	if !strings.Contains(b.printerNote.Text, "Badges print on Card: ready") || !strings.Contains(b.printerNote.Text, "Card is set for A4, but these badges are A6") {
		t.Fatalf("the printer's note: %q", b.printerNote.Text)
	}
	choose(b, b.layout, 2) // A4 sheets
	if strings.Contains(b.printerNote.Text, "is set for") {
		t.Fatalf("A4 sheets on an A4 printer: %q", b.printerNote.Text)
	}
	choose(b, b.printer, 2)
	if b.printButton.Text != "Save 4 badges as a PDF" || !strings.Contains(b.printerNote.Text, "No printer") {
		t.Fatalf("no printer: %q, %q", b.printButton.Text, b.printerNote.Text)
	}
}

// TestBadgesCountAsPrintedWhenThePrinterHasPrintedThem: the delegation
// chosen, and only it, comes out of the printer on the layout's media, and
// its badges are marked printed once the job has completed; the same
// badges are not offered again.
func TestBadgesCountAsPrintedWhenThePrinterHasPrintedThem(t *testing.T) {
	u, b, srv := openBadgesWithPrinter(t, "A6")
	choose(b, b.who, whoDelegation)
	test.Type(b.delegation, "irel")
	test.Tap(findButton(b.suggestions, "Delegation of Ireland"))
	b.work.wait()
	if b.printButton.Text != "Print 1 badge on Card" {
		t.Fatalf("the Print button says %q", b.printButton.Text)
	}
	printRun(t, u, b, b.out.Text)
	if !strings.Contains(b.summary.Text, "The printer Card printed 1 badge; marked printed.") {
		t.Fatalf("after the job: %q", b.summary.Text)
	}
	if got := cupstest.Pages(t, srv.Output(t, "Card", 1)); got != "297x419" {
		t.Fatalf("the printer printed %s", got)
	}
	for id, want := range map[int64]data.Status{1: data.StatusApproved, 2: data.StatusPrinted, 3: data.StatusApproved, 4: data.StatusApproved} {
		if st, _ := status(t, u, id); st != want {
			t.Fatalf("badge %d is %s, want %s", id, st, want)
		}
	}
	trail, _ := u.store.AuditTrail(ctx, data.AuditFilter{ParticipantID: 2})
	var sent bool
	for _, e := range trail {
		sent = sent || (e.Action == data.AuditPrintJob && e.Field == "Card" && e.New == "job 1")
	}
	if !sent {
		t.Fatalf("the trail does not name the job: %+v", trail)
	}
	// The delegation again: nothing left to send.
	b.delegation.SetText("")
	test.Type(b.delegation, "irel")
	test.Tap(findButton(b.suggestions, "Delegation of Ireland"))
	b.work.wait()
	if len(b.selected) != 0 || !b.printButton.Disabled() || !strings.Contains(b.summary.Text, "1 already printed, left out") {
		t.Fatalf("Ireland again: %d chosen, %q", len(b.selected), b.summary.Text)
	}
}

// TestBadgesSayWhyThePrinterPrintedNothing: a paused printer, a printer
// removed and a print service that stopped are said in plain words, and
// nobody is marked printed.
func TestBadgesSayWhyThePrinterPrintedNothing(t *testing.T) {
	u, b, srv := openBadgesWithPrinter(t, "A6")
	noneMarked := func(when string) {
		t.Helper()
		for id := int64(1); id <= 4; id++ {
			if st, _ := status(t, u, id); st != data.StatusApproved {
				t.Fatalf("%s: badge %d is %s", when, id, st)
			}
		}
	}
	srv.Pause(t, "Card")
	b.onPrinter()
	b.work.wait()
	if !strings.Contains(b.printerNote.Text, "The printer Card is paused") {
		t.Fatalf("the note on a paused printer: %q", b.printerNote.Text)
	}
	printRun(t, u, b, b.out.Text)
	if !strings.Contains(b.summary.Text, "The printer Card is paused") || !strings.Contains(b.summary.Text, "nobody was marked printed") {
		t.Fatalf("paused: %q", b.summary.Text)
	}
	noneMarked("paused")
	srv.Resume(t, "Card")
	srv.Delete(t, "Card")
	printRun(t, u, b, b.out.Text)
	if !strings.Contains(b.summary.Text, "There is no printer named Card on this computer") {
		t.Fatalf("deleted: %q", b.summary.Text)
	}
	noneMarked("deleted")
	srv.Stop(t)
	printRun(t, u, b, b.out.Text)
	if !strings.Contains(b.summary.Text, "The print service is not running on this computer") {
		t.Fatalf("stopped: %q", b.summary.Text)
	}
	noneMarked("stopped")
	b.onShow()
	b.work.wait()
	if b.printer.Selected != pdfOnly() || !strings.Contains(b.printerNote.Text, "The print service is not running") {
		t.Fatalf("shown again: %q, %q", b.printer.Selected, b.printerNote.Text)
	}
}

// TestBadgesCancelAJobThePrinterHolds: while the printer holds the job, the
// screen says so and nobody is printed; Cancel withdraws the job.
func TestBadgesCancelAJobThePrinterHolds(t *testing.T) {
	concurrently(t) // the run goes on while the test taps Cancel
	u, b, srv := openBadgesWithPrinter(t, "A6")
	srv.Hold(t, "Card")
	test.Tap(b.printButton)
	waitHeld(t, srv)
	time.Sleep(100 * time.Millisecond) // a few more looks at the job
	if st, _ := status(t, u, 1); st != data.StatusApproved {
		t.Fatalf("a held job marked %s", st)
	}
	test.Tap(b.cancel)
	b.printing.wait()
	b.work.wait()
	if !strings.Contains(b.summary.Text, "Printing cancelled. Nobody was marked printed.") {
		t.Fatalf("cancelled: %q", b.summary.Text)
	}
	job, err := srv.Client().Job(ctx, 1)
	if err != nil || job.State != cups.JobCanceled {
		t.Fatalf("the job was not withdrawn: %+v, %v", job, err)
	}
}

// waitHeld waits until the print service holds job 1.
func waitHeld(t *testing.T, srv *cupstest.Server) {
	t.Helper()
	// The job is asked about, not the screen, which the run is writing to.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if job, err := srv.Client().Job(ctx, 1); err == nil && job.State == cups.JobHeld {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the job never reached the printer")
		}
	}
}

// TestBadgesAskBeforeSendingAgainAJobThatMayStillPrint: a run cancelled
// while the print service does not answer leaves a job that may still
// print; its badges are not marked printed, and sending them again asks
// first.
func TestBadgesAskBeforeSendingAgainAJobThatMayStillPrint(t *testing.T) {
	concurrently(t) // the run goes on while the test taps Cancel
	u, b, srv := openBadgesWithPrinter(t, "A6")
	srv.Hold(t, "Card")
	test.Tap(b.printButton)
	waitHeld(t, srv)
	srv.Stop(t)
	test.Tap(b.cancel)
	b.printing.wait()
	b.work.wait()
	if !strings.Contains(b.summary.Text, "Job 1 (4 badges) could not be withdrawn from the printer Card") {
		t.Fatalf("cancelled without a print service: %q", b.summary.Text)
	}
	if st, _ := status(t, u, 1); st != data.StatusApproved || len(b.selected) != 4 {
		t.Fatalf("badge 1 is %s; %d offered", st, len(b.selected))
	}
	test.Tap(b.printButton)
	asked := u.win.Canvas().Overlays().Top()
	if asked == nil || findButton(asked, "No") == nil {
		t.Fatal("sending the same badges again did not ask")
	}
	test.Tap(findButton(asked, "No"))
	if b.cancel.Visible() || u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("No still sent them")
	}
}

// windowsWithoutPDFProgram stands in for Windows' spooler on a Windows
// that has printers but no program that prints PDF files, as winprint's
// Spooler answers there (winprint's own tests try it under Wine).
type windowsWithoutPDFProgram struct{ printers []cups.Printer }

func (w windowsWithoutPDFProgram) Printers(context.Context) ([]cups.Printer, string, error) {
	return w.printers, w.printers[1].Name, nil
}

func (w windowsWithoutPDFProgram) Printer(_ context.Context, name string) (cups.Printer, error) {
	for _, p := range w.printers {
		if p.Name == name {
			return p, winprint.ErrNoPDFProgram
		}
	}
	return cups.Printer{}, cups.ErrNoPrinter
}

func (windowsWithoutPDFProgram) Print(context.Context, string, io.Reader, cups.Options) (int, error) {
	return 0, winprint.ErrNoPDFProgram
}

func (windowsWithoutPDFProgram) Job(_ context.Context, id int) (cups.Job, error) {
	return cups.Job{}, fmt.Errorf("no job %d", id)
}

func (windowsWithoutPDFProgram) Cancel(context.Context, int) error { return nil }

// TestBadgesSayWindowsHasNoProgramForPDFFiles: on Windows the station
// offers Windows' printers by their names, its default chosen, and on a
// Windows without a program that prints PDF files says so in words as
// soon as a printer is chosen, and again when Print is pressed, marking
// nobody printed and leaving no file.
func TestBadgesSayWindowsHasNoProgramForPDFFiles(t *testing.T) {
	u := newTestUI(t)
	u.badges.service = windowsWithoutPDFProgram{printers: []cups.Printer{
		{Name: `\\máy-chủ\HP LaserJet (Phòng 2)`, State: cups.PrinterIdle, Accepting: true},
		{Name: "Evolis Primacy", State: cups.PrinterIdle, Accepting: true, Media: "custom_85.6x54mm"},
	}}
	b, _ := openBadges(t, u)
	if b.printer.Selected != "Evolis Primacy" || len(b.printer.Options) != 3 || b.printer.Options[0] != `\\máy-chủ\HP LaserJet (Phòng 2)` {
		t.Fatalf("printers %q, chosen %q", b.printer.Options, b.printer.Selected)
	}
	const says = "Windows has no program that prints PDF files, so nothing can be sent to Evolis Primacy"
	if !strings.Contains(b.printerNote.Text, says) || !strings.Contains(b.printerNote.Text, "Adobe Acrobat Reader or SumatraPDF") {
		t.Fatalf("the printer's note: %q", b.printerNote.Text)
	}
	out := filepath.Join(t.TempDir(), "badges.pdf")
	printRun(t, u, b, out)
	if !strings.Contains(b.summary.Text, says) || !strings.Contains(b.summary.Text, "nobody was marked printed") {
		t.Fatalf("after Print: %q", b.summary.Text)
	}
	for id := int64(1); id <= 4; id++ {
		if st, _ := status(t, u, id); st != data.StatusApproved {
			t.Fatalf("badge %d is %s", id, st)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a file was left: %v", err)
	}
}
