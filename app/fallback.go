package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"accred/data"
)

// fallback is a door's own station file, written when the door opens on an
// event server, so that with one key (F9) the door goes on scanning when
// the server is out of reach; its scans are merged back once the server
// answers again. While the server answers, the door keeps the file current
// with who is inside and the room's count, so that offline it answers
// ALREADY IN and counts seats from the last known number.
type fallback struct {
	path  string      // the station file, once written
	file  *data.Store // the station file, open from when it is written until the door closes
	store *data.Store // the file, while the door works from it
	held  bool        // the file holds scans the server has not merged
	note  string      // where the door stands with its station files, when it has something to say
	// left are station files of earlier runs (a door closed by a crash, or
	// while the server was out of reach) whose scans the server has not
	// merged yet.
	left []string
}

// stationsDir is where a door keeps its station files: beside the
// program's own database, or in the user's accred folder when the event is
// on a server.
func stationsDir() string {
	return filepath.Join(data.LocalDir(), "stations")
}

// prepareFallback writes the door's station file in the background when
// the event is on a server; a door working on a file needs none.
func (d *door) prepareFallback(opening int) {
	if !d.u.store.OnServer() {
		return
	}
	session, ctx, store := d.current, d.u.actor(), d.u.store
	stamp := store.Now().In(d.u.event.Location()).Format("20060102-150405")
	d.work.run(func() func() {
		dir := stationsDir()
		path := filepath.Join(dir, fmt.Sprintf("%s-%s.station", session.Code, stamp))
		err := os.MkdirAll(dir, 0o700)
		if err == nil {
			err = store.ExportStation(ctx, path, []int64{session.ID})
		}
		var file *data.Store
		if err == nil {
			file, err = data.Open(path)
		}
		if err == nil {
			file.Now = store.Now // one clock for the door, rehearsal or not
		}
		return func() {
			if d.opened != opening {
				if file != nil {
					d.closeStationFile(file, "")
				}
				return
			}
			if err != nil {
				d.fallback.note = lang.L("No station file for working offline: {{.Problem}}", map[string]any{"Problem": problemText(err)})
			} else {
				d.fallback.path, d.fallback.file = path, file
			}
			d.showFallbackNote()
		}
	})
}

// fallbackText is where the door stands with its station files: working
// from one, offering one (F9) while the server is out of reach, files of
// earlier runs not merged yet, or what happened last.
func (d *door) fallbackText() string {
	var lines []string
	switch {
	case d.fallback.store != nil:
		lines = append(lines, lang.L("Working from this door's station file: its scans go to the server when it answers again."))
	case d.lost && d.fallback.file != nil:
		lines = append(lines, lang.L("Press F9 to go on with this door's station file."))
	case d.fallback.note != "":
		lines = append(lines, d.fallback.note)
	}
	if n := len(d.fallback.left); n > 0 {
		lines = append(lines, leftText(n))
	}
	return strings.Join(lines, "\n")
}

// leftText says how many station files of earlier runs wait to be merged.
func leftText(n int) string {
	return lang.L("Station files of an earlier run not merged yet: {{.Count}}; they are merged once the server answers.", map[string]any{"Count": n})
}

// showFallbackNote shows where the door stands with its station files.
func (d *door) showFallbackNote() {
	if d.fallbackNote != nil {
		d.fallbackNote.SetText(d.fallbackText())
	}
}

// store is where the door records its scans: the event's database, or its
// station file while the server is out of reach.
func (d *door) store() *data.Store {
	if d.fallback.store != nil {
		return d.fallback.store
	}
	return d.u.store
}

// onFallback goes on from the door's station file (F9), once the server is
// out of reach.
func (d *door) onFallback() {
	if !d.lost || d.fallback.file == nil || d.fallback.store != nil {
		return
	}
	d.fallback.store = d.fallback.file
	d.fallback.held = true
	d.lost = false
	d.showFallbackNote()
	d.ready()
}

// mergeBack brings the station file's scans to the server that answers
// again, and goes back to working on the server.
func (d *door) mergeBack(opening int) {
	d.fallback.store = nil
	path, ctx, store := d.fallback.path, d.u.actor(), d.u.store
	d.work.run(func() func() {
		added, err := store.MergeStation(ctx, path)
		return func() {
			if d.opened != opening {
				return
			}
			if err != nil {
				d.fallback.note = lang.L("The station file's scans were not merged: {{.Problem}}", map[string]any{"Problem": problemText(err)})
			} else {
				d.fallback.held = false
				d.fallback.note = lang.L("Back on the event server; scans merged from the station file: {{.Count}}.", map[string]any{"Count": added})
			}
			d.showFallbackNote()
			d.ready()
		}
	})
}

// keepCurrent writes into the door's station file who is inside its
// session and the room's count, as the server has them now.
func (d *door) keepCurrent() {
	file, store, actor := d.fallback.file, d.u.store, d.u.acting()
	if file == nil || d.fallback.store != nil {
		return
	}
	d.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, scanTimeout)
		defer cancel()
		err := store.RefreshStation(ctx, file)
		return func() {
			if err != nil && d.fallback.file == file {
				d.fallback.note = lang.L("This door's station file could not be kept current: {{.Problem}}", map[string]any{"Problem": problemText(err)})
				d.showFallbackNote()
			}
		}
	})
}

// findLeftFiles looks for station files of earlier runs in the stations'
// folder, to be merged once the server answers; the door's own file is
// not one of them.
func (d *door) findLeftFiles() {
	if !d.u.store.OnServer() {
		return
	}
	paths, _ := filepath.Glob(filepath.Join(stationsDir(), "*.station"))
	d.fallback.left = slices.DeleteFunc(paths, func(p string) bool { return p == d.fallback.path })
	d.showFallbackNote()
}

// mergeLeftFiles merges the station files of earlier runs into the server,
// and removes each once merged; a file of another event is left alone,
// and one that cannot be merged stays listed, with why.
func (d *door) mergeLeftFiles(then func()) {
	left, ctx, store := slices.Clone(d.fallback.left), d.u.actor(), d.u.store
	if len(left) == 0 {
		then()
		return
	}
	d.work.run(func() func() {
		var still []string
		var problem error
		for _, path := range left {
			_, err := store.MergeStation(ctx, path)
			switch {
			case err == nil:
				removeStationFile(path)
			case data.ErrorCode(err) == data.ECONFLICT: // another event's door: not ours to merge
			default:
				still, problem = append(still, path), err
			}
		}
		return func() {
			d.fallback.left = slices.DeleteFunc(d.fallback.left, func(p string) bool { return slices.Contains(left, p) && !slices.Contains(still, p) })
			if problem != nil {
				d.fallback.note = lang.L("A station file of an earlier run could not be merged: {{.Problem}}", map[string]any{"Problem": problemText(problem)})
			}
			d.showFallbackNote()
			then()
		}
	})
}

// removeStationFile removes a merged station file with the files SQLite
// keeps beside it.
func removeStationFile(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// closeFallback stops working from the station file when the door closes.
// Scans the server has not merged wait in the file, merged when a door
// opens next; a file that holds none is removed.
func (d *door) closeFallback() {
	if d.fallback.file != nil {
		remove := ""
		if !d.fallback.held {
			remove = d.fallback.path
		}
		d.closeStationFile(d.fallback.file, remove)
	} else if d.fallback.path != "" && !d.fallback.held {
		removeStationFile(d.fallback.path)
	}
	left := d.fallback.left
	d.fallback = fallback{left: left}
}

// closeStationFile closes a station file in the background (closing
// writes what it holds to the disk), then removes it when remove names it.
func (d *door) closeStationFile(file *data.Store, remove string) {
	d.work.run(func() func() {
		file.Close()
		if remove != "" {
			removeStationFile(remove)
		}
		return func() {}
	})
}
