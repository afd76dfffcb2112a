package app

import (
	"context"
	"errors"
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

// askSaveLetter asks where to save the letter kept with the nomination of
// p's delegation or organisation: a new file, never one that exists.
func (v *details) askSaveLetter(p data.Participant) {
	dir, _ := filepath.Abs(filepath.Dir(v.d.u.dbPath))
	out := &widget.Entry{Text: printjob.FreeName(filepath.Join(dir, "nomination-"+fileSafe(affiliationCode(p.Affiliation))+".pdf"), 1)}
	ask := dialog.NewForm(lang.L("Save the nomination letter of {{.Name}}", map[string]any{"Name": affiliationText(p.Affiliation)}),
		lang.L("Save"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(lang.L("Save as"), out)}, func(ok bool) {
			if ok {
				v.saveLetterTo(p, strings.TrimSpace(out.Text))
			}
		}, v.d.u.win)
	out.OnSubmitted = func(string) { ask.Submit() }
	ask.Resize(fyne.NewSize(640, ask.MinSize().Height))
	ask.Show()
}

// saveLetterTo writes the nomination's letter to a new file at path, in the
// background.
func (v *details) saveLetterTo(p data.Participant, path string) {
	store := v.d.u.store
	v.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
		defer cancel()
		letter, err := store.NominationFile(ctx, p.Affiliation.ID)
		if err == nil && letter == nil {
			err = errors.New(lang.L("The nomination was recorded without its letter."))
		}
		if err == nil {
			err = data.CreateFile(path, func(f *os.File) error {
				_, err := f.Write(letter)
				return err
			})
		}
		return func() {
			switch {
			case err != nil:
				v.say(problemText(err), widget.DangerImportance, nil)
			default:
				v.say(lang.L("The nomination letter was saved to {{.Path}}.", map[string]any{"Path": path}), widget.SuccessImportance, nil)
			}
		}
	})
}
