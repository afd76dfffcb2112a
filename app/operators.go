package app

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// operatorsView is the Settings section where an admin adds operators,
// disables them and gives them a new PIN.
type operatorsView struct {
	u       *ui
	list    *fyne.Container // a row per operator: name, roles, state, staff badge
	name    *widget.Entry
	roles   *widget.CheckGroup
	pin     pinTwice
	add     *widget.Button
	chosen  *widget.Select
	disable *widget.Button
	newPIN  pinTwice
	setPIN  *widget.Button
	badge   *widget.Entry
	link    *widget.Button
	added   *widget.Label // what adding said, under its button
	managed *widget.Label // what the changes to an operator said, under their buttons
	status  *widget.Label // the one of them last said
	work    worker        // reads and changes the operators in the background
}

func newOperatorsView(u *ui) *operatorsView { return &operatorsView{u: u} }

func (v *operatorsView) buildUI() fyne.CanvasObject {
	v.list = container.NewGridWithColumns(len(operatorColumns()))
	v.name = &widget.Entry{PlaceHolder: lang.L("Name")}
	var roles []string
	for _, r := range data.AllRoles {
		roles = append(roles, roleText(r))
	}
	v.roles = widget.NewCheckGroup(roles, nil)
	v.roles.Horizontal = true
	v.pin = newPINTwice()
	v.add = &widget.Button{Text: lang.L("Add the operator"), Icon: theme.ContentAddIcon(), OnTapped: v.onAdd}
	v.chosen = &widget.Select{PlaceHolder: lang.L("Choose an operator")}
	v.disable = &widget.Button{Text: lang.L("Disable"), Icon: theme.CancelIcon(), Importance: widget.DangerImportance, OnTapped: v.onDisable}
	v.newPIN = newPINTwice()
	v.setPIN = &widget.Button{Text: lang.L("Give the new PIN"), Icon: theme.ConfirmIcon(), OnTapped: v.onSetPIN}
	v.badge = &widget.Entry{PlaceHolder: lang.L("badge number; empty for none")}
	v.link = &widget.Button{Text: lang.L("Sign in with this badge"), Icon: theme.AccountIcon(), OnTapped: v.onLink}
	v.added, v.managed = &widget.Label{Wrapping: fyne.TextWrapWord}, &widget.Label{Wrapping: fyne.TextWrapWord}
	v.added.Hide()
	v.managed.Hide()
	v.status = v.added
	add := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem(lang.L("Name"), v.name), widget.NewFormItem(lang.L("Roles"), v.roles)}, v.pin.items()...)...)
	manage := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem(lang.L("Operator"), container.NewBorder(nil, nil, nil, v.disable, v.chosen))}, v.newPIN.items()...)...)
	v.refresh()
	manage.AppendItem(widget.NewFormItem(lang.L("Staff badge"), container.NewBorder(nil, nil, nil, v.link, v.badge)))
	return container.NewVBox(v.list, widget.NewSeparator(), subheading(lang.L("Add an operator")), add, container.NewHBox(v.add), v.added,
		widget.NewSeparator(), subheading(lang.L("Change an operator: disable them, give a new PIN, link a staff badge")), manage, container.NewHBox(v.setPIN), v.managed)
}

// roleText names a role in the station's language.
func roleText(r data.Role) string {
	switch r {
	case data.RoleAdmin:
		return lang.L("Admin")
	case data.RoleDesk:
		return lang.L("Desk")
	case data.RolePrinting:
		return lang.L("Printing")
	case data.RoleDoor:
		return lang.L("Door")
	case data.RoleViewer:
		return lang.L("Viewer")
	}
	return string(r)
}

// rolesText names an operator's roles in the station's language.
func rolesText(roles data.Roles) string {
	words := make([]string, len(roles))
	for i, r := range roles {
		words[i] = roleText(r)
	}
	return strings.Join(words, ", ")
}

// operatorColumns are the headings of the operators' list.
func operatorColumns() []string {
	return []string{lang.L("Name"), lang.L("Roles"), lang.L("State"), lang.L("Staff badge")}
}

// say says what happened under the button of the part acted on, in the
// colour of what happened.
func (v *operatorsView) say(at *widget.Label, text string, bad bool) {
	v.status = at
	at.Importance = widget.SuccessImportance
	if bad {
		at.Importance = widget.DangerImportance
	}
	at.SetText(text)
	if text == "" {
		at.Hide()
	} else {
		at.Show()
	}
}

// refresh lists the operators again.
func (v *operatorsView) refresh() {
	storeJob(&v.work, v.u.acting(), readTimeout, v.u.store.Operators, v.showList)
}

// change makes a change to the operators in the background, button greyed
// meanwhile, then says why not under at, or does done.
func (v *operatorsView) change(at *widget.Label, button *widget.Button, do func(ctx context.Context) error, done func()) {
	button.Disable()
	storeJob(&v.work, v.u.actor(), changeTimeout, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, do(ctx)
	}, func(_ struct{}, err error) {
		button.Enable()
		if err != nil {
			v.say(at, problemText(err), true)
			return
		}
		done()
	})
}

// showList lists the operators read, or says why they could not be read.
func (v *operatorsView) showList(ops []data.Operator, err error) {
	if err != nil {
		v.say(v.managed, problemText(err), true)
		return
	}
	v.list.RemoveAll()
	for _, heading := range operatorColumns() {
		v.list.Add(&widget.Label{Text: heading, TextStyle: fyne.TextStyle{Bold: true}})
	}
	var names []string
	for _, o := range ops {
		state, importance := lang.L("active (an operator)"), widget.MediumImportance
		if o.Disabled {
			state, importance = lang.L("disabled"), widget.LowImportance
		}
		badge := ""
		if o.ParticipantID != 0 {
			badge = data.BadgeNumber(o.ParticipantID)
		}
		for _, text := range []string{o.Name, rolesText(o.Roles), state, badge} {
			v.list.Add(&widget.Label{Text: text, Importance: importance, Truncation: fyne.TextTruncateEllipsis})
		}
		names = append(names, o.Name)
	}
	v.list.Refresh()
	v.chosen.SetOptions(names)
}

func (v *operatorsView) onAdd() {
	pin, problem := v.pin.value()
	if problem != "" {
		v.say(v.added, problem, true)
		return
	}
	var chosen []string
	for _, r := range data.AllRoles {
		if slices.Contains(v.roles.Selected, roleText(r)) {
			chosen = append(chosen, string(r))
		}
	}
	roles, err := data.ParseRoles(strings.Join(chosen, ","))
	if err != nil {
		v.say(v.added, problemText(err), true)
		return
	}
	store, name := v.u.store, v.name.Text
	v.change(v.added, v.add, func(ctx context.Context) error { return store.AddOperator(ctx, name, roles, pin) }, func() {
		v.say(v.added, lang.L("{{.Name}} may now sign in.", map[string]any{"Name": strings.TrimSpace(name)}), false)
		v.name.SetText("")
		v.roles.SetSelected(nil)
		v.pin.clear()
		v.refresh()
	})
}

func (v *operatorsView) onDisable() {
	name := v.chosen.Selected
	if name == "" {
		v.say(v.managed, lang.L("Choose an operator first."), true)
		return
	}
	store := v.u.store
	v.change(v.managed, v.disable, func(ctx context.Context) error { return store.DisableOperator(ctx, name) }, func() {
		v.say(v.managed, lang.L("{{.Name}} can no longer sign in.", map[string]any{"Name": name}), false)
		v.refresh()
	})
}

func (v *operatorsView) onSetPIN() {
	name := v.chosen.Selected
	if name == "" {
		v.say(v.managed, lang.L("Choose an operator first."), true)
		return
	}
	pin, problem := v.newPIN.value()
	if problem != "" {
		v.say(v.managed, problem, true)
		return
	}
	store := v.u.store
	v.change(v.managed, v.setPIN, func(ctx context.Context) error { return store.SetOperatorPIN(ctx, name, pin) }, func() {
		v.newPIN.clear()
		v.say(v.managed, lang.L("{{.Name}} has a new PIN.", map[string]any{"Name": name}), false)
	})
}

// onLink makes a staff badge sign the chosen operator in, or none.
func (v *operatorsView) onLink() {
	name := v.chosen.Selected
	if name == "" {
		v.say(v.managed, lang.L("Choose an operator first."), true)
		return
	}
	var id int64
	if text := strings.TrimSpace(v.badge.Text); text != "" {
		ids, bad := data.ParseBadgeNumbers(text)
		if bad != "" || len(ids) != 1 {
			v.say(v.managed, lang.L("Give one badge number, such as 000123."), true)
			return
		}
		id = ids[0]
	}
	store := v.u.store
	v.change(v.managed, v.link, func(ctx context.Context) error { return store.LinkOperatorBadge(ctx, name, id) }, func() {
		done := lang.L("{{.Name}} signs in by name only.", map[string]any{"Name": name})
		if id != 0 {
			done = lang.L("Badge {{.Number}} signs in {{.Name}}.", map[string]any{"Number": data.BadgeNumber(id), "Name": name})
		}
		v.say(v.managed, done, false)
		v.badge.SetText("")
		v.refresh()
	})
}
