// Package winprint hands PDF files to Windows, where there is no CUPS and
// no xdg-open: to its default printer, through the program Windows prints
// PDF files with (its "print" action for them: Adobe Reader, SumatraPDF, a
// printer maker's), or to the program that shows them. Elsewhere Supported
// is false and Print and Open refuse.
package winprint

import "errors"

// The reasons a file is not sent, for the app to tell in words a person
// acts on; Print's other errors are the system's own.
var (
	ErrUnsupported      = errors.New("printing through Windows is for Windows only")
	ErrNoDefaultPrinter = errors.New("no default printer")
	ErrNoPDFProgram     = errors.New("no program prints or shows PDF files")
)
