package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"accred/data"
	"accred/data/msg"
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
// problems it names. An error that carries no message (a fault of the
// program or the machine) is shown as it is written.
func headline(err error) string {
	if m, ok := data.ErrorMessage(err); ok {
		return say(m)
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// fieldProblem is one problem in words: where it is and what is wrong.
func fieldProblem(f data.FieldError) string {
	s := ""
	if f.Line > 0 {
		s = lang.L("Line {{.Line}}", map[string]any{"Line": f.Line}) + " — "
	}
	problem := say(f.Reason)
	if f.Field != "" { // "Nationality: …", "Nationalité : …"
		problem = lang.L("{{.Field}}: {{.Problem}}", map[string]any{"Field": fieldWord(f.Field), "Problem": problem})
	}
	return s + problem
}

// cellProblem is a problem of a line shown beside the line's number: what
// is wrong and where in the line.
func cellProblem(f data.FieldError) string {
	return fieldProblem(data.FieldError{Field: f.Field, Reason: f.Reason})
}

// say words a message in the person's language, with its values.
func say(m msg.Message) string { return m.Render(currentLanguage(), translate) }

// translate is msg's Translator for the interface's language: a message
// that counts takes the plural form of its number, as lang.N gives it.
func translate(key string, args msg.Args) string {
	if n, counts := msg.Count(key, args); counts {
		return lang.N(key, n, args)
	}
	if len(args) == 0 {
		return lang.L(key)
	}
	return lang.L(key, args)
}

// showError tells the person what went wrong, in a dialog over the window
// that Enter or Esc closes.
func (u *ui) showError(err error) {
	d := dialog.NewError(errors.New(problemText(err)), u.win)
	d.Show()
	u.answerKeys(d.Hide, d.Hide)
}

// fieldWord names a field of a problem or of the trail in the person's
// language: the programme's, the settings' and the categories' fields, and
// a participant's (fieldLabel), whose names they share where they mean the
// same (title, name).
func fieldWord(field string) string {
	switch field {
	case "code":
		return lang.L("Code")
	case "kind":
		return lang.L("Kind")
	case "room":
		return lang.L("Room")
	case "starts_at":
		return lang.L("Starts")
	case "ends_at":
		return lang.L("Ends")
	case "capacity":
		return lang.L("Capacity")
	case "categories":
		return lang.L("Who may enter")
	case "zone":
		return lang.L("Zone required")
	case "zones":
		return lang.L("Zones")
	case "early_minutes":
		return lang.L("Door opens (minutes before)")
	case "records_exits":
		return lang.L("The door scans people out too")
	case "invitation_only":
		return lang.L("Only invited participants")
	case "timezone":
		return lang.L("Time zone")
	case "reason":
		return lang.L("Reason")
	case "colour":
		return lang.L("Colour")
	}
	return fieldLabel(field)
}
