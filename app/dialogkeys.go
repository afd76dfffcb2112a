package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// dialogAnswers are what a dialog does on Enter and on Esc.
type dialogAnswers struct{ enter, esc func() }

// answerKeys makes the dialog just shown, on top of the window, answer
// Enter with enter and Esc with esc while nothing in it has the focus.
func (u *ui) answerKeys(enter, esc func()) {
	overlays := u.win.Canvas().Overlays()
	if u.dialogKeys == nil {
		u.dialogKeys = map[fyne.CanvasObject]dialogAnswers{}
	}
	for o := range u.dialogKeys { // those closed since
		if !isOverlay(overlays, o) {
			delete(u.dialogKeys, o)
		}
	}
	if top := overlays.Top(); top != nil {
		u.dialogKeys[top] = dialogAnswers{enter, esc}
	}
}

func isOverlay(overlays fyne.OverlayStack, o fyne.CanvasObject) bool {
	for _, x := range overlays.List() {
		if x == o {
			return true
		}
	}
	return false
}

// answerDialog answers a key typed with nothing focused while a dialog is
// on top; true when a dialog is on top, which keeps every key from the
// screen below.
func (u *ui) answerDialog(ev *fyne.KeyEvent) bool {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	a, ok := u.dialogKeys[top]
	switch {
	case !ok:
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter:
		a.enter()
	case ev.Name == fyne.KeyEscape:
		a.esc()
	}
	return true
}

// showConfirm shows ask, which Enter confirms and Esc dismisses.
func (u *ui) showConfirm(ask *dialog.ConfirmDialog) {
	ask.Show()
	u.answerKeys(ask.Confirm, ask.Dismiss)
}

// showForm shows ask, which Enter submits (once its entries are valid) and
// Esc dismisses, from its entries too; the first entry takes the focus.
func (u *ui) showForm(ask *dialog.FormDialog, entries ...*keyEntry) {
	ask.Show()
	u.answerKeys(ask.Submit, ask.Dismiss)
	for _, e := range entries {
		e.OnSubmitted = func(string) { ask.Submit() }
		e.keys[fyne.KeyEscape] = ask.Dismiss
	}
	if len(entries) > 0 {
		u.win.Canvas().Focus(entries[0])
	}
}
