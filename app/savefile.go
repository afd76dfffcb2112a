package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
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

// openForm is a dialog that asks for a file to read: its path typed, or
// found with Browse…, which opens where the path typed points.
type openForm struct {
	dialog *dialog.FormDialog
	path   *widget.Entry
	browse *widget.Button
}

// askFile asks for a file to read, of the given endings when there are
// any, proposing the folder last used (the event's folder at first), and
// hands its path on.
func (u *ui) askFile(endings []string, then func(path string)) *openForm {
	f := &openForm{path: &widget.Entry{Text: u.openFolder() + string(filepath.Separator)}}
	f.browse = &widget.Button{Text: lang.L("Browse…"), Icon: theme.FolderOpenIcon(), OnTapped: func() { u.browse(f.path, endings) }}
	hint := lang.L("Type the file's path, or browse to it.")
	if len(endings) > 0 {
		hint = lang.L("Type the file's path, or browse to it ({{.Endings}}).", map[string]any{"Endings": strings.Join(endings, " ")})
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("File"), container.NewBorder(nil, nil, nil, f.browse, f.path))}
	items[0].HintText = hint
	f.dialog = dialog.NewForm(lang.L("Choose a file"), lang.L("Open"), lang.L("Cancel"), items, func(ok bool) {
		path := strings.TrimSpace(f.path.Text)
		if ok && path != "" {
			u.app.Preferences().SetString(prefLastFolder, filepath.Dir(path))
			then(path)
		}
	}, u.win)
	f.path.OnSubmitted = func(string) { f.dialog.Submit() }
	f.dialog.Resize(fyne.NewSize(720, 0))
	f.dialog.Show()
	u.win.Canvas().Focus(f.path)
	return f
}

// browse opens the file dialog, most of the window's size, in the folder
// the entry's path points to, and puts the file chosen in it.
func (u *ui) browse(path *widget.Entry, endings []string) {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		path.SetText(r.URI().Path())
	}, u.win)
	dir := strings.TrimSpace(path.Text)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		dir = filepath.Dir(dir)
	}
	if lister, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		open.SetLocation(lister)
	}
	if len(endings) > 0 {
		var both []string
		for _, e := range endings {
			both = append(both, e, strings.ToUpper(e))
		}
		open.SetFilter(storage.NewExtensionFileFilter(both))
	}
	open.Show()
	open.Resize(fileDialogSize(u.win.Canvas().Size())) // once shown: before, the dialog has nothing to size
}
