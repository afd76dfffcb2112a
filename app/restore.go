package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// restorer puts a backup in place of the event's database file, once the
// person has seen what it replaces and with what. An event on a server is
// restored on the server.
type restorer struct {
	s       *settings
	path    *widget.Entry
	choose  *widget.Button
	restore *widget.Button
}

func newRestorer(s *settings) *restorer { return &restorer{s: s} }

func (r *restorer) buildUI() fyne.CanvasObject {
	if r.s.u.store.OnServer() {
		return &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("This event is kept on a PostgreSQL server: restore it there, with pg_restore.")}
	}
	r.path = &widget.Entry{PlaceHolder: lang.L("Path of a backup file")}
	r.choose = &widget.Button{Text: lang.L("Choose file…"), Icon: theme.FolderOpenIcon(), OnTapped: func() {
		r.s.u.chooseFile(nil, func(path string) { r.path.SetText(path) })
	}}
	r.restore = &widget.Button{Text: lang.L("Restore this backup…"), Icon: theme.HistoryIcon(), OnTapped: r.onRestore}
	return container.NewBorder(nil, nil, nil, container.NewHBox(r.choose, r.restore), r.path)
}

// onRestore reads the backup and the database in the background, then asks
// whether to replace the one with the other, naming both.
func (r *restorer) onRestore() {
	path := strings.TrimSpace(r.path.Text)
	r.s.work.run(func() func() {
		ctx := context.Background()
		backup, err := data.ReadBackup(ctx, path)
		var current data.EventSummary
		if err == nil {
			current, err = r.s.u.store.Summary(ctx)
		}
		return func() {
			r.s.at(noteBackup)
			if err != nil {
				r.s.say(errorText(problemText(err)))
				return
			}
			r.confirm(path, current, backup)
		}
	})
}

// confirm asks before the backup replaces the database.
func (r *restorer) confirm(path string, current, backup data.EventSummary) {
	loc := r.s.u.event.Location()
	text := lang.L("This replaces the database's event with the backup's.\n\nNow: {{.Current}}, {{.CurrentCount}} participants, last changed {{.CurrentChange}}.\nBackup: {{.Backup}}, {{.BackupCount}} participants, made {{.Made}}, last changed {{.BackupChange}}.\n\nThe database as it is now is kept beside it. Close Accred at every other station that uses this file first.",
		map[string]any{"Current": current.Name, "CurrentCount": number(current.Participants), "CurrentChange": whenText(current.LastChange, loc),
			"Backup": backup.Name, "BackupCount": number(backup.Participants), "Made": whenText(backup.Written, loc), "BackupChange": whenText(backup.LastChange, loc)})
	ask := dialog.NewConfirm(lang.L("Restore this backup?"), text, func(yes bool) {
		if yes {
			r.restoreBackup(path)
		}
	}, r.s.u.win)
	ask.SetConfirmText(lang.L("Restore"))
	ask.SetDismissText(lang.L("Cancel"))
	ask.Show()
}

// whenText is a moment at the event's time, or "unknown" when none is
// known.
func whenText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return lang.L("unknown")
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// restoreBackup closes the database, puts the backup in its place and opens
// it again, in the background behind a dialog that holds the window, then
// shows its event; the database stays as it was when the backup is refused.
func (r *restorer) restoreBackup(path string) {
	u := r.s.u
	if u.door != nil {
		u.door.onClose()
	}
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(lang.L("Restoring the backup…"), bar, u.win)
	wait.Show()
	old, dbPath := u.store, u.dbPath
	r.s.work.run(func() func() {
		old.Close()
		kept, err := data.Restore(context.Background(), path, dbPath)
		store, ev, openErr := openEvent(dbPath)
		return func() {
			bar.Stop()
			wait.Hide()
			if store != nil {
				u.store = store
			}
			u.event = ev
			if openErr != nil {
				u.showFailure(openErr)
				return
			}
			if err != nil {
				u.showEvent(u.event, noteBackup, "")
				u.settings.say(errorText(problemText(err)))
				return
			}
			u.showEvent(u.event, noteBackup, lang.L("The backup {{.Path}} is restored; the database it replaced is kept as {{.Kept}}.", map[string]any{"Path": path, "Kept": kept}))
		}
	})
}
