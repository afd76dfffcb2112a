package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// kiosk keeps an open door on screen: leaving the Door tab while a door is
// open, or signing out there, needs the PIN of a door or admin operator.
// The door's set-up screen, with no door open, is left freely.
type kiosk struct {
	leaving   bool         // a PIN was given: the next change of tab goes through
	returning bool         // the door is being put back on screen
	prompt    *kioskPrompt // while asking
}

// kioskPrompt asks for a door or admin operator's name and PIN.
type kioskPrompt struct {
	name, pin *doorField // a scan typed into them goes to the door
	problem   *widget.Label
	dialog    dialog.Dialog
	ok        *widget.Button
}

// atOpenDoor reports whether the tab on screen is the door, open for
// scanning, with someone signed in.
func (u *ui) atOpenDoor() bool {
	return u.doorOnScreen() && u.operator.Roles != nil
}

// doorOnScreen reports whether the tab on screen is the door, open for
// scanning.
func (u *ui) doorOnScreen() bool {
	return u.tabs != nil && u.signIn == nil && u.tabs.Selected() != nil && u.tabs.Selected() == u.tab(tabDoor) && u.door != nil && u.door.isOpen()
}

// holds puts an open door back on screen when someone leaves it without a
// PIN, and asks for one; true when it did.
func (k *kiosk) holds(u *ui, to *container.TabItem) bool {
	if k.returning {
		return true
	}
	door := u.tab(tabDoor)
	if k.leaving || door == nil || u.chosen != door || to == door || u.operator.Roles == nil || !u.door.isOpen() {
		k.leaving = false
		return false
	}
	k.returning = true
	u.tabs.Select(door)
	k.returning = false
	u.askKioskPIN(func() {
		k.leaving = true
		u.tabs.Select(to)
	})
	return true
}

// askKioskPIN asks for the name and PIN of a door or admin operator, then
// goes on.
func (u *ui) askKioskPIN(then func()) {
	p := &kioskPrompt{
		name:    newDoorField(u.door, lang.L("Operator"), false),
		pin:     newDoorField(u.door, lang.L("PIN"), true),
		problem: &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance},
	}
	p.name.SetText(u.operator.Name)
	u.kiosk.prompt = p
	// check asks the store in the background (a PIN's hash takes a moment,
	// a server may be slow), the button greyed meanwhile.
	check := func() {
		name, pin, store := strings.TrimSpace(p.name.Text), strings.TrimSpace(p.pin.Text), u.store
		p.pin.SetText("")
		p.ok.Disable()
		u.door.work.run(func() func() {
			ctx, cancel := context.WithTimeout(context.Background(), signInTimeout)
			defer cancel()
			o, err := store.SignIn(ctx, name, pin)
			return func() {
				p.ok.Enable()
				switch {
				case u.kiosk.prompt != p: // given way to a scan, or cancelled, meanwhile
				case err != nil:
					p.problem.SetText(problemText(err))
				case !o.Roles.Has(data.RoleDoor):
					p.problem.SetText(lang.L("Only a door or admin operator may let the door be left."))
				default:
					p.dialog.Hide()
					u.kiosk.prompt = nil
					then()
				}
			}
		})
	}
	p.ok = &widget.Button{Text: lang.L("Leave the door"), Importance: widget.HighImportance, OnTapped: check}
	p.pin.OnSubmitted = func(string) { check() }
	cancel := &widget.Button{Text: lang.L("Stay at the door"), OnTapped: func() { p.dialog.Hide(); u.kiosk.prompt = nil; u.door.focus() }}
	form := widget.NewForm(widget.NewFormItem(lang.L("Operator"), p.name), widget.NewFormItem(lang.L("PIN"), p.pin))
	body := container.NewVBox(&widget.Label{Text: lang.L("This door is a kiosk: leaving it needs the PIN of a door or admin operator.")},
		form, p.problem, container.NewHBox(cancel, p.ok))
	p.dialog = dialog.NewCustomWithoutButtons(lang.L("Leave the door"), body, u.win)
	p.dialog.Resize(fyne.NewSize(460, 280))
	p.dialog.Show()
	u.win.Canvas().Focus(p.pin)
}
