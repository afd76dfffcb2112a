package app

import (
	"context"
	"fmt"
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
	list    *widget.Label
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
	status  *widget.Label
}

func newOperatorsView(u *ui) *operatorsView { return &operatorsView{u: u} }

func (v *operatorsView) buildUI() fyne.CanvasObject {
	v.list = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}}
	v.name = &widget.Entry{PlaceHolder: lang.L("Name")}
	var roles []string
	for _, r := range data.AllRoles {
		roles = append(roles, string(r))
	}
	v.roles = widget.NewCheckGroup(roles, nil)
	v.roles.Horizontal = true
	v.pin = newPINTwice()
	v.add = &widget.Button{Text: lang.L("Add the operator"), Icon: theme.ContentAddIcon(), OnTapped: v.onAdd}
	v.chosen = widget.NewSelect(nil, nil)
	v.disable = &widget.Button{Text: lang.L("Disable"), Icon: theme.CancelIcon(), Importance: widget.DangerImportance, OnTapped: v.onDisable}
	v.newPIN = newPINTwice()
	v.setPIN = &widget.Button{Text: lang.L("Give the new PIN"), Icon: theme.ConfirmIcon(), OnTapped: v.onSetPIN}
	v.badge = &widget.Entry{PlaceHolder: lang.L("badge number; empty for none")}
	v.link = &widget.Button{Text: lang.L("Sign in with this badge"), Icon: theme.AccountIcon(), OnTapped: v.onLink}
	v.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	add := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem(lang.L("Name"), v.name), widget.NewFormItem(lang.L("Roles"), v.roles)}, v.pin.items()...)...)
	manage := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem(lang.L("Operator"), container.NewBorder(nil, nil, nil, v.disable, v.chosen))}, v.newPIN.items()...)...)
	v.refresh()
	manage.AppendItem(widget.NewFormItem(lang.L("Staff badge"), container.NewBorder(nil, nil, nil, v.link, v.badge)))
	return container.NewVBox(v.list, add, v.add, widget.NewSeparator(), manage, v.setPIN, v.status)
}

// refresh lists the operators again.
func (v *operatorsView) refresh() {
	ctx, cancel := context.WithTimeout(context.Background(), signInTimeout)
	defer cancel()
	ops, err := v.u.store.Operators(ctx)
	if err != nil {
		v.status.SetText(problemText(err))
		return
	}
	var lines, names []string
	for _, o := range ops {
		state := lang.L("active")
		if o.Disabled {
			state = lang.L("disabled")
		}
		badge := ""
		if o.ParticipantID != 0 {
			badge = lang.L("badge {{.Number}}", map[string]any{"Number": data.BadgeNumber(o.ParticipantID)})
		}
		lines = append(lines, strings.TrimSpace(fmt.Sprintf("%-20s %-28s %-9s %s", o.Name, o.Roles, state, badge)))
		names = append(names, o.Name)
	}
	v.list.SetText(strings.Join(lines, "\n"))
	v.chosen.SetOptions(names)
}

func (v *operatorsView) onAdd() {
	pin, problem := v.pin.value()
	if problem != "" {
		v.status.SetText(problem)
		return
	}
	roles, err := data.ParseRoles(strings.Join(v.roles.Selected, ","))
	if err == nil {
		err = v.u.store.AddOperator(v.u.actor(), v.name.Text, roles, pin)
	}
	if err != nil {
		v.status.SetText(problemText(err))
		return
	}
	v.status.SetText(lang.L("{{.Name}} may now sign in.", map[string]any{"Name": strings.TrimSpace(v.name.Text)}))
	v.name.SetText("")
	v.roles.SetSelected(nil)
	v.pin.clear()
	v.refresh()
}

func (v *operatorsView) onDisable() {
	name := v.chosen.Selected
	if name == "" {
		v.status.SetText(lang.L("Choose an operator first."))
		return
	}
	if err := v.u.store.DisableOperator(v.u.actor(), name); err != nil {
		v.status.SetText(problemText(err))
		return
	}
	v.status.SetText(lang.L("{{.Name}} can no longer sign in.", map[string]any{"Name": name}))
	v.refresh()
}

func (v *operatorsView) onSetPIN() {
	name := v.chosen.Selected
	if name == "" {
		v.status.SetText(lang.L("Choose an operator first."))
		return
	}
	pin, problem := v.newPIN.value()
	if problem != "" {
		v.status.SetText(problem)
		return
	}
	if err := v.u.store.SetOperatorPIN(v.u.actor(), name, pin); err != nil {
		v.status.SetText(problemText(err))
		return
	}
	v.newPIN.clear()
	v.status.SetText(lang.L("{{.Name}} has a new PIN.", map[string]any{"Name": name}))
}

// onLink makes a staff badge sign the chosen operator in, or none.
func (v *operatorsView) onLink() {
	name := v.chosen.Selected
	if name == "" {
		v.status.SetText(lang.L("Choose an operator first."))
		return
	}
	var id int64
	if text := strings.TrimSpace(v.badge.Text); text != "" {
		ids, bad := data.ParseBadgeNumbers(text)
		if bad != "" || len(ids) != 1 {
			v.status.SetText(lang.L("Give one badge number, such as 000123."))
			return
		}
		id = ids[0]
	}
	if err := v.u.store.LinkOperatorBadge(v.u.actor(), name, id); err != nil {
		v.status.SetText(problemText(err))
		return
	}
	v.status.SetText(lang.L("{{.Name}} signs in by name only.", map[string]any{"Name": name}))
	if id != 0 {
		v.status.SetText(lang.L("Badge {{.Number}} signs in {{.Name}}.", map[string]any{"Number": data.BadgeNumber(id), "Name": name}))
	}
	v.badge.SetText("")
	v.refresh()
}
