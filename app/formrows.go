package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// formRow is one field of the participant form: its name, marked when the
// category requires it, the input, and the problem under it.
type formRow struct {
	field    string
	label    *widget.RichText
	body     *fyne.Container
	problem  *widget.Label
	required bool
}

func newFormRow(field string, input fyne.CanvasObject, below ...fyne.CanvasObject) *formRow {
	r := &formRow{field: field, label: &widget.RichText{}}
	r.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	r.problem.Hide()
	r.body = container.NewVBox(append(append([]fyne.CanvasObject{input}, below...), r.problem)...)
	r.setRequired(false)
	return r
}

// setRequired marks the field's name with a red star, or not.
func (r *formRow) setRequired(required bool) {
	r.required = required
	name := &widget.TextSegment{Text: fieldLabel(r.field), Style: widget.RichTextStyle{Alignment: fyne.TextAlignTrailing, Inline: true}}
	r.label.Segments = []widget.RichTextSegment{name}
	if required {
		star := &widget.TextSegment{Text: " *", Style: widget.RichTextStyle{ColorName: theme.ColorNameError, Inline: true, TextStyle: fyne.TextStyle{Bold: true}}}
		r.label.Segments = append(r.label.Segments, star)
	}
	r.label.Refresh()
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
