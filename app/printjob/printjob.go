// Package printjob prints a batch of badges to a PDF file and records them
// as printed, all or nothing. The desktop app and the command line share it;
// it never imports Fyne.
package printjob

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"accred/data"
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
// written. A file appears whole or not at all; nobody is marked printed
// unless their file was written, and when marking fails the file is removed,
// since its codes would not be valid.
func (j Job) Print(ctx context.Context, participants []data.Participant, path string) ([]string, error) {
	return j.printIn(ctx, participants, path, FileLimit)
}

// printIn prints with at most limit badges a file.
func (j Job) printIn(ctx context.Context, participants []data.Participant, path string, limit int) ([]string, error) {
	if len(participants) == 0 {
		return nil, data.Errorf(data.EINVALID, "There is nobody to print: no approved participant is waiting for a badge.")
	}
	ev, err := j.Store.Event(ctx)
	if err != nil {
		return nil, err
	}
	cats, err := j.Store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	var written []string
	for start := 0; start < len(participants); start += limit {
		part := participants[start:min(start+limit, len(participants))]
		file := partPath(path, start/limit+1)
		sheet := printing.Sheet{Event: ev, Categories: cats, Layout: j.Layout,
			Photo: func(id int64) []byte {
				jpeg, _ := j.Store.Photo(ctx, id)
				return jpeg
			}}
		if j.Progress != nil {
			offset := start
			sheet.Progress = func(done, _ int) bool { return j.Progress(offset+done, len(participants)) }
		}
		if err := j.printFile(ctx, sheet, part, file); err != nil {
			if len(written) > 0 {
				return written, fmt.Errorf("%w (the badges in %s were printed and recorded)", err, strings.Join(written, ", "))
			}
			return nil, err
		}
		written = append(written, file)
	}
	return written, nil
}

// partPath names the n-th file of a run: the path itself, then name-2.pdf …
func partPath(path string, n int) string {
	if n == 1 {
		return path
	}
	ext := filepath.Ext(path)
	return fmt.Sprintf("%s-%d%s", strings.TrimSuffix(path, ext), n, ext)
}

func (j Job) printFile(ctx context.Context, sheet printing.Sheet, participants []data.Participant, path string) error {
	badges := make([]printing.Badge, len(participants))
	printed := make([]data.Printed, len(participants))
	for i, p := range participants {
		issue := data.PrintableIssue(p)
		code, err := j.Store.BadgeCode(ctx, p.ID, issue)
		if err != nil {
			return err
		}
		badges[i] = printing.Badge{Participant: p, Code: code}
		printed[i] = data.Printed{ID: p.ID, Issue: issue}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".badges-*.pdf")
	if err != nil {
		return data.Errorf(data.EINVALID, "Cannot write in %s: %v", filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name())
	if err := printing.Badges(tmp, sheet, badges); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return data.Errorf(data.EINVALID, "Cannot write %s: %v", path, err)
	}
	if err := j.Store.MarkPrinted(ctx, printed, j.Operator); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}
