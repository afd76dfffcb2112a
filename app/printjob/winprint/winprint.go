// Package winprint is Windows' print service for the station, where there
// is no CUPS and no xdg-open: Windows' printers (Spooler, on Windows only),
// a PDF file sent to one through the program Windows prints PDF files with
// (its "printto" action: Adobe Acrobat Reader, SumatraPDF, a printer
// maker's), the job that program makes followed in the printer's queue
// until Windows says it printed, and a PDF shown by the program that shows
// them. It describes printers and jobs in the words of package cups, so
// that the station has one way of printing whatever the print service.
// Elsewhere Supported is false and DefaultPrinter and Open refuse.
package winprint

import "errors"

// The reasons a file is not sent, for the app to tell in words a person
// acts on; the other errors are the system's own.
var (
	ErrUnsupported      = errors.New("printing through Windows is for Windows only")
	ErrNoDefaultPrinter = errors.New("no default printer")
	ErrNoPDFProgram     = errors.New("this computer has no program that prints or shows PDF files")
)
