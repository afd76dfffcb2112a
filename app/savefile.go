package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob"
	"accred/data"
)

// fileFolder is where the files a station writes are proposed: the
// database's folder, or the home folder when the database is on a server.
func (u *ui) fileFolder() string {
	if data.IsServerURL(u.dbPath) {
		if home, err := os.UserHomeDir(); err == nil {
			return home
		}
	}
	dir, _ := filepath.Abs(filepath.Dir(u.dbPath))
	return dir
}

// saveForm is a dialog that asks where to write a new file, under choices
// of its own: the file's path is proposed free in the station's folder,
// and an existing file is never replaced.
type saveForm struct {
	dialog   *dialog.FormDialog
	path     *keyEntry
	proposed string // the path proposed: dir and name, free
	dir      string
	name     string
}

// askNewFile shows a saveForm titled title proposing name, with items
// above its path; save gets the path typed when the person confirms.
func (u *ui) askNewFile(title string, items []*widget.FormItem, name string, save func(path string)) *saveForm {
	f := &saveForm{path: newKeyEntry(""), dir: u.fileFolder(), name: name}
	f.propose(name)
	items = append(items, widget.NewFormItem(lang.L("Save as"), f.path))
	f.dialog = dialog.NewForm(title, lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			save(strings.TrimSpace(f.path.Text))
		}
	}, u.win)
	f.dialog.Resize(fyne.NewSize(640, 0))
	u.showForm(f.dialog, f.path)
	return f
}

// propose proposes name in the folder, or a free name like it.
func (f *saveForm) propose(name string) {
	f.proposed = printjob.FreeName(filepath.Join(f.dir, name), 1)
	f.path.SetText(f.proposed)
}

// withExt gives the path another ending: the name proposed, free, unless
// the person typed another.
func (f *saveForm) withExt(ext string) {
	if f.path.Text == f.proposed {
		f.propose(strings.TrimSuffix(f.name, filepath.Ext(f.name)) + ext)
		return
	}
	path := strings.TrimSpace(f.path.Text)
	f.path.SetText(strings.TrimSuffix(path, filepath.Ext(path)) + ext)
}
