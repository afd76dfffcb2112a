package app

import (
	"errors"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob/winprint"
)

// openThroughWindows shows the files in Windows' PDF program, where there
// is no xdg-open, or says on note why it cannot.
func openThroughWindows(files []string, note *widget.Label) {
	for _, f := range files {
		switch err := winprint.Open(f); {
		case errors.Is(err, winprint.ErrNoPDFProgram):
			note.SetText(lang.L("Windows has no program that shows PDF files: install a PDF reader, then open the file again."))
			return
		case err != nil:
			note.SetText(lang.L("Cannot open the PDF: {{.Reason}}", map[string]any{"Reason": err.Error()}))
			return
		}
	}
}
