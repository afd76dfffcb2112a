package app

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2/lang"

	"accred/app/printjob"
	"accred/app/printjob/cups"
)

// pdfOnly is the printers' last choice: no printer, a PDF file only.
func pdfOnly() string { return lang.L("None: save a PDF file only") }

// chosenPrinter is the printer the badges go to; "" for a PDF file only.
func (b *badges) chosenPrinter() string {
	if b.printer == nil || !slices.Contains(b.printers, b.printer.Selected) {
		return ""
	}
	return b.printer.Selected
}

// findPrinters asks the print service for its printers, off the
// interface's goroutine; the function it returns offers them, keeping the
// printer chosen if it is still there, else the service's default.
func (b *badges) findPrinters(ctx context.Context, service printjob.Service) func() {
	var list []cups.Printer
	var def string
	err := cups.ErrNotRunning
	if service != nil {
		list, def, err = service.Printers(ctx)
	}
	return func() {
		b.printers = nil
		for _, p := range list {
			b.printers = append(b.printers, p.Name)
		}
		choice := b.printer.Selected
		switch {
		case slices.Contains(b.printers, choice):
		case slices.Contains(b.printers, def):
			choice = def
		case len(b.printers) > 0:
			choice = b.printers[0]
		default:
			choice = pdfOnly()
		}
		b.printer.Options = append(slices.Clone(b.printers), pdfOnly())
		if b.printer.Selected == choice {
			b.onPrinter()
		} else {
			b.printer.SetSelected(choice)
		}
		if err != nil {
			b.printerNote.SetText(printServiceProblem(err))
		}
	}
}

// printServiceProblem says why no printer is offered.
func printServiceProblem(err error) string {
	if errors.Is(err, cups.ErrNotRunning) {
		return lang.L("The print service is not running on this computer: badges can only be saved as a PDF file.")
	}
	return lang.L("The print service did not answer ({{.Reason}}): badges can only be saved as a PDF file.", map[string]any{"Reason": err.Error()})
}

// onPrinter names the printer the badges will go to and says how it is:
// ready or not, and whether its stock is the format's.
func (b *badges) onPrinter() {
	if b.printer == nil || b.printButton == nil {
		return
	}
	b.showCount()
	b.replace.showCount()
	queue, layout := b.chosenPrinter(), b.chosenLayout()
	if queue == "" {
		b.printerNote.SetText(lang.L("No printer: the badges are saved as a PDF file, and marked printed once it is written."))
		return
	}
	b.printerNote.SetText(lang.L("Asking the printer {{.Printer}}…", map[string]any{"Printer": queue}))
	service, actor := b.service, b.u.actor()
	b.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, readTimeout)
		defer cancel()
		q, err := printjob.Printer{Service: service, Queue: queue}.Ready(ctx)
		return func() {
			if queue != b.chosenPrinter() || layout != b.chosenLayout() {
				return // another choice meanwhile
			}
			b.queue = q
			if err != nil {
				b.printerNote.SetText(problemText(err))
				return
			}
			text := lang.L("Badges print on {{.Printer}}: ready. They count as printed once the printer has printed them.", map[string]any{"Printer": queue})
			if !printjob.Stocked(q, layout) {
				text += "\n⚠ " + lang.L("{{.Printer}} is set for {{.Stock}}, but these badges are {{.Format}}: load {{.Format}} and set the printer for it, or choose another printer.",
					map[string]any{"Printer": queue, "Stock": mediaWords(firstNonEmpty(q.Media, "?")), "Format": mediaWords(printjob.MediaOf(layout).Media)})
			}
			b.printerNote.SetText(text)
		}
	})
}

// mediaWords names a media as people call it.
func mediaWords(media string) string {
	for _, m := range []struct{ media, words string }{
		{"iso_a4_210x297mm", "A4"}, {"iso_a6_105x148mm", "A6"}, {"iso_a5_148x210mm", "A5"},
		{"na_letter_8.5x11in", "Letter"}, {printjob.MediaOf("id1").Media, lang.L("ID-1 cards")},
	} {
		if cups.SameMedia(m.media, media) {
			return m.words
		}
	}
	return media
}
