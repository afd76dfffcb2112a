package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// formRow is one field of the participant form: its name, marked when the
// category requires it, the input, and the problem under it.
type formRow struct {
	field    string
	label    *fyne.Container // the field's name, and the star when required
	star     *canvas.Text
	body     *fyne.Container
	problem  *widget.Label
	required bool
}

func newFormRow(field string, input fyne.CanvasObject, below ...fyne.CanvasObject) *formRow {
	r := &formRow{field: field, star: canvas.NewText("*", theme.Color(theme.ColorNameError))}
	r.star.TextStyle.Bold = true
	r.label = container.NewVBox(container.NewHBox(layout.NewSpacer(), widget.NewLabel(fieldLabel(field)), r.star)) // at the top of a tall row
	r.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	r.problem.Hide()
	r.body = container.NewVBox(append(append([]fyne.CanvasObject{input}, below...), r.problem)...)
	r.setRequired(false)
	return r
}

// setRequired marks the field's name with a red star, or not.
func (r *formRow) setRequired(required bool) {
	r.required = required
	if required {
		r.star.Text = "*"
	} else {
		r.star.Text = " " // keeps the names in line
	}
	r.star.Refresh()
}

// show shows or hides the whole row.
func (r *formRow) show(shown bool) {
	if shown {
		r.label.Show()
		r.body.Show()
		return
	}
	r.label.Hide()
	r.body.Hide()
}

func (r *formRow) visible() bool { return r.body.Visible() }

// formShows reports whether the form shows a field to a participant of the
// category: each affiliation only to the categories that require it or
// require none (no media outlet for a delegate, no delegation for a
// journalist), the head of delegation with the delegation, the rank with a
// delegation or an organisation, and the date and place of birth where the
// event requires security clearance.
func formShows(field string, cat data.Category, clearance bool) bool {
	switch field {
	case data.FieldDelegation, data.FieldHead:
		return cat.Requires == data.RequiresDelegation || cat.Requires == data.RequiresNothing
	case data.FieldOrganization, data.FieldOrgKind:
		return cat.Requires == data.RequiresOrganization || cat.Requires == data.RequiresNothing
	case data.FieldRank:
		return cat.Requires != data.RequiresMedia
	case data.FieldMediaOutlet:
		return cat.Requires == data.RequiresMedia
	case data.FieldDateOfBirth, data.FieldPlaceOfBirth:
		return clearance
	}
	return true
}
