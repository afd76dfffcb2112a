// Package printjob prints a batch of badges to a PDF file and records them
// as printed, all or nothing. The desktop app and the command line share it;
// it never imports Fyne.
package printjob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"accred/data"
	"accred/data/atomicfile"
	"accred/data/msg"
	"accred/printing"
)

// Job is one print run.
type Job struct {
	Store    *data.Store
	Layout   printing.Layout
	Operator string
	Progress func(done, total int) bool // after each badge; false cancels
}

// Warning names a participant whose badge would lose letters no font has.
type Warning struct {
	Participant data.Participant
	Missing     []rune
}

// Check returns the participants whose names or affiliation hold letters
// the badge fonts cannot draw: those letters would be left out.
func Check(participants []data.Participant) []Warning {
	var warnings []Warning
	for _, p := range participants {
		text := p.FullName() + p.NativeName + p.Affiliation.Name + p.Position
		if missing := printing.Missing(text); len(missing) > 0 {
			warnings = append(warnings, Warning{p, missing})
		}
	}
	return warnings
}

// FileLimit is the most badges one PDF file holds. The PDF library keeps a
// whole document in memory until it is written, so a larger run is split
// into files of this size (badges.pdf, badges-2.pdf, …): memory stays near
// 200 MB however many badges are printed, and printers take the files
// one at a time.
const FileLimit = 5000

// Print writes the participants' badges to path (split into several files
// past FileLimit) and marks them printed, file by file. It returns the files
// written. A file appears whole and synced to disk or not at all; nobody is
// marked printed unless their file was written, and when marking fails the
// file is removed, since its codes would not be valid. A file of the run
// that exists already refuses the run before anything is written (ECONFLICT;
// FreeName proposes another name), and a photo that cannot be read stops it,
// naming the person. Cancelling ctx cancels the run.
func (j Job) Print(ctx context.Context, participants []data.Participant, path string) ([]string, error) {
	return j.printIn(ctx, participants, path, FileLimit)
}

// printIn prints with at most limit badges a file.
func (j Job) printIn(ctx context.Context, participants []data.Participant, path string, limit int) ([]string, error) {
	if len(participants) == 0 {
		return nil, data.NewError(data.EINVALID, msgNobody, nil)
	}
	files := parts(path, len(participants), limit)
	for _, file := range files {
		if atomicfile.Exists(file) {
			return nil, data.NewError(data.ECONFLICT, msgExists, msg.Args{"Path": file, "Free": freeName(path, len(participants), limit)})
		}
	}
	sheet, err := SheetOf(ctx, j.Store, j.Layout)
	if err != nil {
		return nil, err
	}
	var written []string
	for n, file := range files {
		start := n * limit
		part := participants[start:min(start+limit, len(participants))]
		if err := j.printFile(ctx, sheet, part, start, len(participants), file); err != nil {
			if len(written) > 0 {
				return written, fmt.Errorf("%w (the badges in %s were printed and recorded)", err, strings.Join(written, ", "))
			}
			return nil, err
		}
		written = append(written, file)
	}
	return written, nil
}

// SheetOf reads what every badge of the event shares: the event, its
// categories, zones and logo, in the layout.
func SheetOf(ctx context.Context, store *data.Store, layout printing.Layout) (printing.Sheet, error) {
	sheet := printing.Sheet{Layout: layout}
	var err error
	if sheet.Event, err = store.Event(ctx); err != nil {
		return sheet, err
	}
	if sheet.Categories, err = store.Categories(ctx); err != nil {
		return sheet, err
	}
	if sheet.Zones, err = store.ZoneRules(ctx); err != nil {
		return sheet, err
	}
	sheet.Logo, err = store.Logo(ctx)
	return sheet, err
}

// Preview draws p's badge, with a sample code and nothing recorded, as a
// PNG image of dpi dots an inch. A photo that cannot be read is an error,
// never a badge shown without it.
func (j Job) Preview(ctx context.Context, p data.Participant, dpi int) ([]byte, error) {
	sheet, err := SheetOf(ctx, j.Store, j.Layout)
	if err != nil {
		return nil, err
	}
	var photoErr error
	sheet.Photo = func(id int64) []byte {
		jpeg, err := j.Store.Photo(ctx, id)
		photoErr = err
		return jpeg
	}
	png, err := printing.BadgeImage(sheet, printing.Badge{Participant: p, Code: "PREVIEW"}, dpi)
	if photoErr != nil {
		return nil, photoErr
	}
	return png, err
}

// Parts names the files a run of count badges writes to path: the path
// itself, then name-2.pdf …
func Parts(path string, count int) []string { return parts(path, count, FileLimit) }

func parts(path string, count, limit int) []string {
	files := []string{path}
	ext := filepath.Ext(path)
	for n := 2; (n-1)*limit < count; n++ {
		files = append(files, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(path, ext), n, ext))
	}
	return files
}

// FreeName returns path, or else path with a number added (badges (2).pdf
// …), such that no file of a run of count badges exists.
func FreeName(path string, count int) string { return freeName(path, count, FileLimit) }

func freeName(path string, count, limit int) string {
	ext := filepath.Ext(path)
	for n := 1; ; n++ {
		name := path
		if n > 1 {
			name = fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(path, ext), n, ext)
		}
		if !slices.ContainsFunc(parts(name, count, limit), atomicfile.Exists) {
			return name
		}
	}
}

// printFile writes one file of the run, whose badges start at offset among
// total, then marks them printed.
func (j Job) printFile(ctx context.Context, sheet printing.Sheet, participants []data.Participant, offset, total int, path string) error {
	printed, err := j.writeFile(ctx, sheet, participants, offset, total, path)
	if err != nil {
		return err
	}
	return j.mark(ctx, printed, path)
}

// mark records the badges of a written file as printed; when that fails,
// the file is removed, since its codes would not be valid.
func (j Job) mark(ctx context.Context, printed []data.Printed, path string) error {
	if err := j.Store.MarkPrinted(ctx, printed); err != nil {
		os.Remove(path)
		atomicfile.SyncDir(filepath.Dir(path))
		return err
	}
	return nil
}

// writeFile writes one file of the run, whose badges start at offset among
// total, and returns its badges, to be marked printed.
func (j Job) writeFile(ctx context.Context, sheet printing.Sheet, participants []data.Participant, offset, total int, path string) ([]data.Printed, error) {
	badges := make([]printing.Badge, len(participants))
	printed := make([]data.Printed, len(participants))
	for i, p := range participants {
		issue := data.PrintableIssue(p)
		code, err := j.Store.BadgeCode(ctx, p.ID, issue)
		if err != nil {
			return nil, err
		}
		badges[i] = printing.Badge{Participant: p, Code: code}
		printed[i] = data.Printed{ID: p.ID, Issue: issue, File: filepath.Base(path)}
	}
	var stopped error // why the run stopped before its end, if it did
	sheet.Photo = func(id int64) []byte {
		jpeg, err := j.Store.Photo(ctx, id)
		if err == nil {
			err = checkJPEG(jpeg)
		}
		if err != nil && stopped == nil {
			p := participantByID(participants, id)
			stopped = data.NewError(data.EINVALID, msgPhotoUnreadable, msg.Args{"Name": p.FullName(), "Number": p.BadgeNumber(),
				"Err": err, "File": filepath.Base(path)})
		}
		return jpeg
	}
	sheet.Progress = func(done, _ int) bool {
		if stopped == nil && ctx.Err() != nil {
			stopped = printing.ErrCancelled
		}
		return stopped == nil && (j.Progress == nil || j.Progress(offset+done, total))
	}
	var writeErr error
	err := atomicfile.Create(path, func(f *os.File) error {
		writeErr = printing.Badges(f, sheet, badges)
		if stopped != nil {
			writeErr = stopped
		}
		return writeErr
	})
	switch {
	case err == nil:
		return printed, nil
	case err == writeErr:
		return nil, err
	case errors.Is(err, atomicfile.ErrExists):
		return nil, data.NewError(data.ECONFLICT, msgAppeared, msg.Args{"Path": path})
	default:
		return nil, data.NewError(data.EINVALID, msgCannotWrite, msg.Args{"Path": path, "Err": err})
	}
}

// checkJPEG checks that a stored photo is a JPEG the badge can show.
func checkJPEG(raw []byte) error {
	if _, err := jpeg.DecodeConfig(bytes.NewReader(raw)); err != nil {
		return errors.New("not a readable JPEG picture")
	}
	return nil
}

func participantByID(list []data.Participant, id int64) data.Participant {
	for _, p := range list {
		if p.ID == id {
			return p
		}
	}
	return data.Participant{ID: id}
}

var (
	msgNobody          = msg.Define("There is nobody to print: no approved participant is waiting for a badge.")
	msgExists          = msg.Define("{{.Path}} already exists and is never overwritten; nothing was printed. Choose a new name, such as {{.Free}}.")
	msgPhotoUnreadable = msg.Define("The photo of {{.Name}} (badge {{.Number}}) cannot be read ({{.Err}}); nothing in {{.File}} was printed. Take the photo again at the desk, then print.")
	msgAppeared        = msg.Define("{{.Path}} appeared while printing and is never overwritten; nothing in it was printed. Print again under a new name.")
	msgCannotWrite     = msg.Define("Cannot write {{.Path}}: {{.Err}}")
)
