package app

import (
	"errors"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"accred/data"
)

// problemText is an error in the person's language: its sentence, then one
// line for each problem it names, with the line and field where it is.
func problemText(err error) string {
	text := headline(err)
	for _, f := range data.ErrorFields(err) {
		text += "\n" + fieldProblem(f)
	}
	return text
}

// headline is an error's sentence in the person's language, without the
// problems it names.
func headline(err error) string {
	s := err.Error()
	for i, r := range s {
		if r == '\n' {
			s = s[:i]
			break
		}
	}
	return lang.L(s)
}

// fieldProblem is one problem in words: where it is and what is wrong.
func fieldProblem(f data.FieldError) string {
	s := ""
	if f.Line > 0 {
		s = lang.L("Line {{.Line}}", map[string]any{"Line": f.Line}) + " — "
	}
	if f.Field != "" {
		s += fieldLabel(f.Field) + ": "
	}
	return s + lang.L(f.Reason)
}

// showError tells the person what went wrong, in a dialog over the window.
func (u *ui) showError(err error) {
	dialog.ShowError(errors.New(problemText(err)), u.win)
}
