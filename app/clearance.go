package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/roster"
)

// clearanceTimeout bounds the recording of the host country's answer.
const clearanceTimeout = 30 * time.Second

// waitsForClearance reports whether p is approved, and their badge waits
// for the host country's security clearance before it is printed.
func waitsForClearance(p data.Participant) bool {
	return p.Status == data.StatusApproved && p.Clearance == data.ClearancePending
}

// clearanceView is the details' line on p's security clearance, with the
// button that records the host country's answer for admins.
func (v *details) clearanceView(p data.Participant) fyne.CanvasObject {
	text := clearanceText(p.Clearance, v.d.u.can(data.RoleAdmin))
	if waitsForClearance(p) {
		text = lang.L("Pending: the badge waits for security clearance")
	}
	v.cleared = &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	if !v.d.u.can(data.RoleAdmin) {
		return v.cleared
	}
	record := &widget.Button{Text: lang.L("Record the answer…"), Icon: theme.DocumentCreateIcon(), OnTapped: touching(func() { v.askClearance(p) })}
	return valueAndButton(v.cleared, record)
}

// askClearance asks an admin for the host country's answer about p,
// cleared or refused, and why when refused.
func (v *details) askClearance(p data.Participant) {
	results := []data.Clearance{data.ClearanceCleared, data.ClearanceRefused}
	result := widget.NewRadioGroup([]string{clearanceText(data.ClearanceCleared, true), clearanceText(data.ClearanceRefused, true)}, nil)
	result.Required = true
	reason := newKeyEntry("")                 // asked for only once a refusal is chosen
	reason.Validator = func(s string) error { // the whole answer's check: the form dialog confirms only a valid one
		switch {
		case result.Selected == "":
			return errors.New(lang.L("Choose cleared or refused."))
		case result.Selected == clearanceText(data.ClearanceRefused, true) && strings.TrimSpace(s) == "":
			return errors.New(lang.L("Give a reason."))
		}
		return nil
	}
	result.OnChanged = func(chosen string) {
		reason.SetPlaceHolder("")
		if chosen == clearanceText(data.ClearanceRefused, true) {
			reason.SetPlaceHolder(lang.L("Why? It is kept in the history."))
		}
		// The answer's check reaches the Record button even while the
		// reason has the focus: a refusal chosen after a clearance waits
		// for its reason again.
		reason.AlwaysShowValidationError = true
		reason.Validate()
		reason.AlwaysShowValidationError = false
		v.d.u.win.Canvas().Focus(reason) // Enter records, Esc cancels
	}
	ask := dialog.NewForm(lang.L("Security clearance of {{.Name}}", map[string]any{"Name": p.ListName()}), lang.L("Record"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Answer"), result), widget.NewFormItem(lang.L("Reason"), reason)}, func(ok bool) {
			if !ok {
				return
			}
			for i, r := range results {
				if result.Selected == result.Options[i] {
					v.recordClearance(p, r, strings.TrimSpace(reason.Text))
				}
			}
		}, v.d.u.win)
	ask.Resize(fyne.NewSize(520, ask.MinSize().Height))
	v.d.u.showForm(ask, reason)
}

// recordClearance records the answer about p as a one-line answer of the
// host country's, then shows p again.
func (v *details) recordClearance(p data.Participant, result data.Clearance, reason string) {
	store := v.d.u.store
	answer := data.ClearanceAnswer{Line: 1, DocumentNumber: p.DocumentNumber, Nationality: p.Nationality, Result: string(result), Reason: reason}
	change(v.d, func(ctx context.Context) (int, error) {
		return store.ImportClearance(ctx, []data.ClearanceAnswer{answer})
	}, func(_ int, err error) {
		if err != nil {
			v.say(problemText(err), widget.DangerImportance, nil)
			return
		}
		v.showAgain(p, func() {
			v.say(lang.L("The security clearance of {{.Name}} is recorded: {{.Answer}}.", map[string]any{"Name": p.ListName(), "Answer": clearanceText(result, true)}),
				widget.SuccessImportance, nil)
		})
	})
}

// clearanceImport records the host country's answer file for many people
// at once, all or nothing.
type clearanceImport struct {
	u    *ui
	path *keyEntry
	said *widget.Label
	work worker
}

// clearanceImportView is the Import tab's part that records the host
// country's answer file.
func (u *ui) clearanceImportView() fyne.CanvasObject {
	c := &clearanceImport{u: u, path: newKeyEntry(lang.L("Path of the security service's answer (.csv or .xlsx)")),
		said: &widget.Label{Wrapping: fyne.TextWrapWord}}
	c.path.OnSubmitted = func(string) { c.onRecord() }
	choose := &widget.Button{Text: lang.L("Choose file…"), Icon: theme.FolderOpenIcon(), OnTapped: func() {
		u.chooseFile(tableFiles, func(path string) { c.path.SetText(path) })
	}}
	record := &widget.Button{Text: lang.L("Record the answers"), Icon: theme.UploadIcon(), OnTapped: c.onRecord}
	about := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("The host country's answer to the security clearance: a line for each person, with the columns document_number, nationality, result (cleared or refused) and, if wanted, reason. Nothing is recorded unless every line is right.")}
	return container.NewVBox(widget.NewSeparator(), heading(lang.L("Security clearance")), about,
		container.NewBorder(nil, nil, nil, container.NewHBox(choose, record), c.path), c.said)
}

// onRecord reads the answer file and records it, in the background.
func (c *clearanceImport) onRecord() {
	path, store, actor := strings.TrimSpace(c.path.Text), c.u.store, c.u.actor()
	c.said.Importance = widget.MediumImportance
	c.said.SetText(lang.L("Reading {{.Path}}…", map[string]any{"Path": path}))
	c.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, clearanceTimeout)
		defer cancel()
		answers, err := roster.ReadClearance(path)
		n := 0
		if err == nil {
			n, err = store.ImportClearance(ctx, answers)
		}
		return func() {
			if err != nil {
				c.said.Importance = widget.DangerImportance
				c.said.SetText(problemText(err))
				return
			}
			c.said.Importance = widget.SuccessImportance
			c.said.SetText(lang.N("Recorded the security clearance of {{.Count}} participant.", n, map[string]any{"Count": number(n)}))
			if c.u.desk != nil {
				c.u.desk.refresh()
			}
		}
	})
}
