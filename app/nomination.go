package app

import (
	"context"
	"errors"
	"os"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// askSaveLetter asks where to save the letter kept with the nomination of
// p's delegation or organisation: a new file, never one that exists.
func (v *details) askSaveLetter(p data.Participant) {
	v.d.u.askNewFile(lang.L("Save the nomination letter of {{.Name}}", map[string]any{"Name": affiliationText(p.Affiliation)}), nil,
		"nomination-"+fileSafe(affiliationCode(p.Affiliation))+".pdf", func(path string) { v.saveLetterTo(p, path) })
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
