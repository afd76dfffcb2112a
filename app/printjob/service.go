package printjob

import (
	"context"
	"io"

	"accred/app/printjob/cups"
)

// Service is a computer's print service as the station uses it: its
// printers, a PDF sent to one, how the job stands, and withdrawing it.
// CUPS (cups.Client) is the one of Linux, Windows' spooler
// (winprint.Spooler) the one of Windows; both describe printers and jobs
// in IPP's words (package cups's types and errors), so that a print run
// has one path whichever it is.
type Service interface {
	// Printers lists the printers and names the default one ("" for none).
	Printers(ctx context.Context) ([]cups.Printer, string, error)
	// Printer describes one; cups.ErrNoPrinter when there is none of that name.
	Printer(ctx context.Context, name string) (cups.Printer, error)
	// Print sends a PDF (an *os.File) to a printer and returns the job's number.
	Print(ctx context.Context, printer string, pdf io.Reader, o cups.Options) (int, error)
	// Job says how a job stands.
	Job(ctx context.Context, id int) (cups.Job, error)
	// Cancel withdraws a job that has not ended.
	Cancel(ctx context.Context, id int) error
}
