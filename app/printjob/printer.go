package printjob

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"accred/app/printjob/cups"
	"accred/app/printjob/winprint"
	"accred/data"
	"accred/data/atomicfile"
	"accred/data/msg"
	"accred/printing"
)

// Printer is where badges go to be printed: a queue of a print service.
type Printer struct {
	Service Service
	Queue   string
}

// MediaOf is what a layout's pages are printed on, and how: an A6 sheet, an
// ID-1 card lying as it is drawn (landscape, never turned), an A4 sheet.
func MediaOf(l printing.Layout) cups.Options {
	media := map[printing.Layout]string{
		printing.A6:  "iso_a6_105x148mm",
		printing.ID1: "custom_id-1_85.6x54mm",
		printing.A4:  "iso_a4_210x297mm",
	}[l]
	return cups.Options{Media: media, Orientation: cups.Portrait}
}

// Ready describes the printer if it would print now. A print service that
// does not answer, a printer it does not have, a printer that is paused or
// refuses jobs, and a Windows without a program that prints PDF files are
// each said in plain words (ECONFLICT).
func (p Printer) Ready(ctx context.Context) (cups.Printer, error) {
	if p.Service == nil || p.Queue == "" {
		return cups.Printer{}, data.NewError(data.ECONFLICT, msgNoPrinterChosen, nil)
	}
	q, err := p.Service.Printer(ctx, p.Queue)
	switch {
	case errors.Is(err, cups.ErrNotRunning):
		return q, data.NewError(data.ECONFLICT, msgServiceDown, nil)
	case errors.Is(err, cups.ErrNoPrinter):
		return q, data.NewError(data.ECONFLICT, msgPrinterMissing, msg.Args{"Printer": p.Queue})
	case errors.Is(err, winprint.ErrNoPDFProgram):
		return q, data.NewError(data.ECONFLICT, msgNoPDFProgram, msg.Args{"Printer": p.Queue})
	case err != nil:
		return q, data.NewError(data.ECONFLICT, msgServiceFault, msg.Args{"Err": err})
	case q.State == cups.PrinterStopped:
		return q, data.NewError(data.ECONFLICT, msgPrinterPaused, msg.Args{"Printer": p.Queue, "Why": stateWords(q)})
	case !q.Accepting:
		return q, data.NewError(data.ECONFLICT, msgPrinterRefuses, msg.Args{"Printer": p.Queue, "Why": stateWords(q)})
	}
	return q, nil
}

// stateWords is what the printer says of its state, if anything.
func stateWords(q cups.Printer) string {
	if q.Message != "" {
		return q.Message
	}
	return strings.Join(q.Reasons, ", ")
}

// PollEvery is how often Send asks how a job stands.
var PollEvery = 500 * time.Millisecond

// Send prints badges on a printer. It checks the printer first; writes the
// badges to path as Print does, without marking them; hands each file to the
// printer with the layout's media (MediaOf), recording the job (printer and
// number) in the trail; then marks a file's badges printed only once the
// printer says its job completed. A job the printer cancels or aborts marks
// nobody. watch, if set, hears how each job stands while it waits.
// Cancelling ctx withdraws the job that has not ended. It returns the files
// whose badges were printed.
func (j Job) Send(ctx context.Context, to Printer, participants []data.Participant, path string, watch func(msg.Message)) ([]string, error) {
	if len(participants) == 0 {
		return nil, data.NewError(data.EINVALID, msgNobody, nil)
	}
	if _, err := to.Ready(ctx); err != nil {
		return nil, err
	}
	files := Parts(path, len(participants))
	for _, file := range files {
		if atomicfile.Exists(file) {
			return nil, data.NewError(data.ECONFLICT, msgExists, msg.Args{"Path": file, "Free": FreeName(path, len(participants))})
		}
	}
	sheet, err := SheetOf(ctx, j.Store, j.Layout)
	if err != nil {
		return nil, err
	}
	var done []string
	for n, file := range files {
		start := n * FileLimit
		part := participants[start:min(start+FileLimit, len(participants))]
		err := j.sendFile(ctx, to, sheet, part, start, len(participants), file, watch)
		if err != nil {
			if len(done) > 0 {
				return done, data.NewError(data.ECONFLICT, msgPartlyPrinted, msg.Args{"Err": err, "Files": strings.Join(done, ", ")})
			}
			return nil, err
		}
		done = append(done, file)
	}
	return done, nil
}

// sendFile writes one file, sends it, waits for its job and marks its
// badges. A file none of whose badges printed is removed.
func (j Job) sendFile(ctx context.Context, to Printer, sheet printing.Sheet, part []data.Participant, offset, total int, file string, watch func(msg.Message)) error {
	printed, err := j.writeFile(ctx, sheet, part, offset, total, file)
	if err != nil {
		return err
	}
	unprinted := func(err error) error {
		os.Remove(file)
		atomicfile.SyncDir(filepath.Dir(file))
		return err
	}
	pdf, err := os.Open(file)
	if err != nil {
		return unprinted(err)
	}
	options := MediaOf(j.Layout)
	options.Title = filepath.Base(file)
	id, err := to.Service.Print(ctx, to.Queue, pdf, options)
	pdf.Close()
	if err != nil {
		if _, ready := to.Ready(ctx); ready != nil {
			return unprinted(ready)
		}
		return unprinted(data.NewError(data.ECONFLICT, msgServiceFault, msg.Args{"Err": err}))
	}
	// The job is in the trail before anything can come out of the printer.
	if err := j.Store.RecordPrintJob(ctx, printed, to.Queue, id); err != nil {
		to.Service.Cancel(context.WithoutCancel(ctx), id)
		return unprinted(err)
	}
	for i := range printed {
		printed[i].File = fmt.Sprintf("job %d on %s (%s)", id, to.Queue, filepath.Base(file))
	}
	ended, err := j.wait(ctx, to, id, len(part), watch)
	if err != nil {
		if to.Service.Cancel(context.WithoutCancel(ctx), id) != nil {
			// The job may still print, unrecorded.
			return unprinted(&JobLeft{Printer: to.Queue, Job: id, Badges: printed})
		}
		return unprinted(err)
	}
	switch ended.State {
	case cups.JobCompleted:
		return j.mark(context.WithoutCancel(ctx), printed, file)
	case cups.JobCanceled:
		return unprinted(data.NewError(data.ECONFLICT, msgJobCancelled, msg.Args{"Job": id, "Printer": to.Queue}))
	default:
		return unprinted(data.NewError(data.ECONFLICT, msgJobAborted, msg.Args{"Job": id, "Printer": to.Queue,
			"Why": firstOf(ended.Message, strings.Join(ended.Reasons, ", "), "no reason given")}))
	}
}

// JobLeft is the error of a run whose job was sent but could not be
// withdrawn when the run stopped: the print service did not answer. The
// job may still print; its badges are not marked printed.
type JobLeft struct {
	Printer string
	Job     int
	Badges  []data.Printed
}

func (e *JobLeft) Error() string { return e.Unwrap().Error() }

// Unwrap is the error in words to show (ECONFLICT).
func (e *JobLeft) Unwrap() error {
	return data.NewError(data.ECONFLICT, msgJobLeft, msg.Args{"Job": e.Job, "Printer": e.Printer, "Count": len(e.Badges)})
}

// wait polls a job until it ends, telling watch how it stands whenever that
// changes. A print service that stops answering meanwhile is waited for.
func (j Job) wait(ctx context.Context, to Printer, id, count int, watch func(msg.Message)) (cups.Job, error) {
	last := ""
	say := func(m msg.Message) {
		if watch != nil && m.String() != last {
			last = m.String()
			watch(m)
		}
	}
	args := msg.Args{"Job": id, "Printer": to.Queue, "Count": count}
	for {
		state, err := to.Service.Job(ctx, id)
		switch {
		case ctx.Err() != nil:
			return state, printing.ErrCancelled
		case errors.Is(err, cups.ErrNotRunning):
			say(msgJobNoService.With(args))
		case err != nil:
			return state, data.NewError(data.ECONFLICT, msgServiceFault, msg.Args{"Err": err})
		case state.Ended():
			return state, nil
		default:
			if q, err := to.Service.Printer(ctx, to.Queue); err == nil && q.Stopped() {
				say(msgJobPrinterPaused.With(args))
			} else if state.State == cups.JobProcessing {
				say(msgJobPrinting.With(args))
			} else {
				say(msgJobWaiting.With(args))
			}
		}
		select {
		case <-ctx.Done():
			return state, printing.ErrCancelled
		case <-time.After(PollEvery):
		}
	}
}

func firstOf(texts ...string) string {
	for _, t := range texts {
		if t != "" {
			return t
		}
	}
	return ""
}

var (
	msgNoPrinterChosen  = msg.Define("No printer is chosen: choose one, or save the badges as a PDF file.")
	msgServiceDown      = msg.Define("The print service is not running on this computer: nothing was sent, and nobody was marked printed. Start it (or ask whoever looks after this computer), or save the badges as a PDF file.")
	msgServiceFault     = msg.Define("The print service did not take the badges ({{.Err}}): nobody was marked printed.")
	msgPrinterMissing   = msg.Define("There is no printer named {{.Printer}} on this computer (any more): nothing was sent, and nobody was marked printed. Choose another printer.")
	msgNoPDFProgram     = msg.Define("Windows has no program that prints PDF files, so nothing can be sent to {{.Printer}}, and nobody was marked printed. Install one (such as Adobe Acrobat Reader or SumatraPDF) and make it Windows' program for PDF files, or save the badges as a PDF file.")
	msgPrinterPaused    = msg.Define("The printer {{.Printer}} is paused {{.Why}}: nothing was sent, and nobody was marked printed. Resume it in the computer's printer settings, or choose another printer.")
	msgPrinterRefuses   = msg.Define("The printer {{.Printer}} does not take jobs now {{.Why}}: nothing was sent, and nobody was marked printed. Let it take jobs again in the computer's printer settings, or choose another printer.")
	msgPartlyPrinted    = msg.Define("{{.Err}} The badges in {{.Files}} were printed and recorded.")
	msgJobCancelled     = msg.Define("Job {{.Job}} was cancelled at the printer {{.Printer}}: nobody in it was marked printed. Print them again.")
	msgJobAborted       = msg.Define("The printer {{.Printer}} could not print job {{.Job}} ({{.Why}}): nobody in it was marked printed. Print them again.")
	msgJobWaiting       = msg.DefinePlural("Count", "Job {{.Job}} waits at the printer {{.Printer}}: {{.Count}} badge, marked printed once it comes out.", "Job {{.Job}} waits at the printer {{.Printer}}: {{.Count}} badges, marked printed once they come out.")
	msgJobPrinting      = msg.DefinePlural("Count", "The printer {{.Printer}} is printing job {{.Job}}: {{.Count}} badge, marked printed once it comes out.", "The printer {{.Printer}} is printing job {{.Job}}: {{.Count}} badges, marked printed once they come out.")
	msgJobPrinterPaused = msg.DefinePlural("Count", "The printer {{.Printer}} is paused: job {{.Job}} ({{.Count}} badge) waits and nobody is marked printed. Resume the printer, or cancel.", "The printer {{.Printer}} is paused: job {{.Job}} ({{.Count}} badges) waits and nobody is marked printed. Resume the printer, or cancel.")
	msgJobLeft          = msg.DefinePlural("Count", "Job {{.Job}} ({{.Count}} badge) could not be withdrawn from the printer {{.Printer}}: the print service does not answer, and the job may still print. Nobody in it was marked printed; before printing it again, see whether it came out.", "Job {{.Job}} ({{.Count}} badges) could not be withdrawn from the printer {{.Printer}}: the print service does not answer, and the job may still print. Nobody in it was marked printed; before printing them again, see whether they came out.")
	msgJobNoService     = msg.DefinePlural("Count", "The print service stopped answering: job {{.Job}} ({{.Count}} badge) is not known to be printed, and nobody is marked printed. Waiting for it…", "The print service stopped answering: job {{.Job}} ({{.Count}} badges) is not known to be printed, and nobody is marked printed. Waiting for it…")
)

// Stocked reports whether a printer holds, or is set for, the media a
// layout prints on.
func Stocked(q cups.Printer, l printing.Layout) bool { return q.Loaded(MediaOf(l).Media) }
