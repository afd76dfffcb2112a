package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
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

// suggestion is a line under a field that a click accepts, such as a name
// written as on passports. It takes no focus, so that Tab goes from field
// to field.
type suggestion struct {
	widget.BaseWidget
	label    *widget.Label
	onTapped func()
}

func newSuggestion(onTapped func()) *suggestion {
	s := &suggestion{label: &widget.Label{Importance: widget.HighImportance, TextStyle: fyne.TextStyle{Bold: true}}, onTapped: onTapped}
	s.ExtendBaseWidget(s)
	return s
}

// SetText shows text as what a click accepts.
func (s *suggestion) SetText(text string) { s.label.SetText(text) }

// Text is what a click accepts.
func (s *suggestion) Text() string { return s.label.Text }

// Tapped accepts the suggestion.
func (s *suggestion) Tapped(*fyne.PointEvent) {
	inUse()
	s.onTapped()
}

// Cursor shows that a click does something.
func (s *suggestion) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (s *suggestion) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewHBox(widget.NewIcon(theme.ConfirmIcon()), s.label))
}
