package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// pinTwice is a new PIN typed twice, so that a slip of the finger does not
// lock its operator out.
type pinTwice struct {
	pin, again *widget.Entry
}

func newPINTwice() pinTwice {
	return pinTwice{
		pin:   &widget.Entry{Password: true, PlaceHolder: lang.L("6 to 12 digits")},
		again: &widget.Entry{Password: true, PlaceHolder: lang.L("the same PIN again")},
	}
}

// value returns the PIN when both agree and it is one; problem says why not.
func (p pinTwice) value() (pin, problem string) {
	pin = strings.TrimSpace(p.pin.Text)
	if pin != strings.TrimSpace(p.again.Text) {
		return "", lang.L("The two PINs differ.")
	}
	if err := data.CheckPIN(pin); err != nil {
		return "", problemText(err)
	}
	return pin, ""
}

func (p pinTwice) clear() {
	p.pin.SetText("")
	p.again.SetText("")
}

// items are the form's lines for the PIN.
func (p pinTwice) items() []*widget.FormItem {
	return []*widget.FormItem{widget.NewFormItem(lang.L("PIN"), p.pin), widget.NewFormItem(lang.L("PIN again"), p.again)}
}

// showSignInOrFirstAdmin shows the sign-in screen, or, for an event that has
// no operator yet (made before there were any), asks for its first admin.
func (u *ui) showSignInOrFirstAdmin(hasOperators bool) {
	u.win.SetTitle(u.event.Name + " — Accred")
	if hasOperators {
		u.showSignIn("", "")
		return
	}
	u.signIn = nil
	u.first = newFirstAdmin(u)
	u.win.SetContent(u.first.buildUI())
}

// firstAdmin asks for the first admin of an event that has no operator.
type firstAdmin struct {
	u       *ui
	name    *widget.Entry
	pin     pinTwice
	create  *widget.Button
	problem *widget.Label
	work    worker // makes the admin in the background
}

func newFirstAdmin(u *ui) *firstAdmin { return &firstAdmin{u: u} }

func (f *firstAdmin) buildUI() fyne.CanvasObject {
	f.name = &widget.Entry{PlaceHolder: lang.L("Your name")}
	f.pin = newPINTwice()
	f.pin.again.OnSubmitted = func(string) { f.onCreate() }
	f.create = &widget.Button{Text: lang.L("Make the first admin"), Icon: theme.AccountIcon(), Importance: widget.HighImportance, OnTapped: f.onCreate}
	f.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	title := &widget.Label{Text: f.u.event.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Wrapping: fyne.TextWrapWord}
	intro := &widget.Label{Text: lang.L("This event has no operators yet. Make its first admin, who then adds the others in Settings."), Wrapping: fyne.TextWrapWord}
	form := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem(lang.L("Admin"), f.name)}, f.pin.items()...)...)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 360), container.NewVBox(title, intro, form, f.create, f.problem)))
}

// onCreate makes the first admin in the background (a PIN's hash takes a
// moment), the button greyed meanwhile, and signs them in.
func (f *firstAdmin) onCreate() {
	name := f.name.Text
	pin, problem := f.pin.value()
	if problem != "" {
		f.problem.SetText(problem)
		return
	}
	store := f.u.store
	f.create.Disable()
	storeJob(&f.work, context.Background(), signInTimeout, func(ctx context.Context) (data.Operator, error) {
		return addFirstAdmin(ctx, store, name, pin)
	}, func(o data.Operator, err error) {
		f.create.Enable()
		if err != nil {
			f.problem.SetText(problemText(err))
			return
		}
		f.pin.clear()
		f.u.signedIn(o)
	})
}

// addFirstAdmin makes the event's first admin and returns them signed in.
func addFirstAdmin(ctx context.Context, s *data.Store, name, pin string) (data.Operator, error) {
	if err := s.AddOperator(ctx, name, data.Roles{data.RoleAdmin}, pin); err != nil {
		return data.Operator{}, err
	}
	return s.SignIn(ctx, name, pin)
}
