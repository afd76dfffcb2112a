package app

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"

	"accred/data"
)

// fallback is a door's own station file, written when the door opens on an
// event server, so that with one key (F9) the door goes on scanning when
// the server is out of reach; its scans are merged back once the server
// answers again.
type fallback struct {
	path  string      // the station file, once written
	store *data.Store // open while the door works from it
	held  bool        // the file holds scans the server has not merged
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
	session, ctx := d.current, d.u.actor()
	d.work.run(func() func() {
		dir := stationsDir()
		path := filepath.Join(dir, fmt.Sprintf("%s-%s.station", session.Code, time.Now().Format("20060102-150405")))
		err := os.MkdirAll(dir, 0o700)
		if err == nil {
			err = d.u.store.ExportStation(ctx, path, []int64{session.ID})
		}
		return func() {
			if d.opened != opening {
				return
			}
			if err != nil {
				d.fallbackNote.SetText(lang.L("No station file for working offline: {{.Problem}}", map[string]any{"Problem": problemText(err)}))
				return
			}
			d.fallback.path = path
			d.fallbackNote.SetText("")
		}
	})
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
	if !d.lost || d.fallback.path == "" || d.fallback.store != nil {
		return
	}
	s, err := data.Open(d.fallback.path)
	if err != nil {
		d.fallbackNote.SetText(problemText(err))
		return
	}
	s.Now = d.u.store.Now // one clock for the door, rehearsal or not
	d.fallback.store = s
	d.fallback.held = true
	d.lost = false
	d.fallbackNote.SetText(lang.L("Working from this door's station file: its scans go to the server when it answers again."))
	d.ready()
}

// mergeBack brings the station file's scans to the server that answers
// again, and goes back to working on the server.
func (d *door) mergeBack(opening int) {
	station := d.fallback.store
	d.fallback.store = nil
	station.Close()
	path, ctx := d.fallback.path, d.u.actor()
	d.work.run(func() func() {
		added, err := d.u.store.MergeStation(ctx, path)
		return func() {
			if d.opened != opening {
				return
			}
			if err != nil {
				d.fallbackNote.SetText(lang.L("The station file's scans were not merged: {{.Problem}}", map[string]any{"Problem": problemText(err)}))
			} else {
				d.fallback.held = d.fallback.store != nil
				d.fallbackNote.SetText(lang.L("Back on the event server; scans merged from the station file: {{.Count}}.", map[string]any{"Count": added}))
			}
			d.ready()
		}
	})
}

// closeFallback stops working from the station file when the door closes.
// Scans the server has not merged wait in the file for a merge from the
// Programme screen; a file that holds none is removed.
func (d *door) closeFallback() {
	if d.fallback.store != nil {
		d.fallback.store.Close()
		d.fallback.store = nil
	}
	if d.fallback.path != "" && !d.fallback.held {
		os.Remove(d.fallback.path)
	}
	d.fallback = fallback{}
}
