package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// ruling is a button of the desk whose action the rulebook decides: it is
// greyed, with the rulebook's reason above the buttons, unless the
// rulebook accepts the action now.
type ruling struct {
	action data.Action
	name   string // the button's name, without its key, to say whose reason it is
	button *widget.Button
}

// decision is the rulebook's answer to an action on the participant shown,
// or why it could not be read.
type decision struct {
	verdict data.VerdictKind
	why     data.Reason
	err     error
}

// ruledActions are the actions of the desk's buttons that the rulebook
// decides.
var ruledActions = []data.Action{data.ActionApprove, data.ActionCollect, data.ActionReprint}

// decide asks the store's rulebook what it answers now for each of the
// desk's ruled actions on participant id. It is called off the interface's
// goroutine.
func decide(ctx context.Context, store *data.Store, id int64) map[data.Action]decision {
	decisions := map[data.Action]decision{}
	for _, a := range ruledActions {
		var d decision
		d.verdict, d.why, d.err = store.Decide(ctx, id, a)
		decisions[a] = d
	}
	return decisions
}

// rule makes b, named name, follow the rulebook's answer for action; b is
// nil when the operator does not see the button.
func (v *details) rule(action data.Action, name string, b *widget.Button) {
	if b != nil {
		v.rulings = append(v.rulings, ruling{action, name, b})
	}
}

// applyRulings enables each ruled button the rulebook accepts and greys
// the others, until its answers are read too; above the buttons, it says
// why for each button shown greyed, a line each, in the person's language.
func (v *details) applyRulings() {
	if v.why == nil {
		return
	}
	var lines []string
	said := map[data.Action]bool{}
	for _, r := range v.rulings {
		d, read := v.read.decisions[r.action]
		if read && d.err == nil && d.verdict == data.Accepted {
			r.button.Enable()
			continue
		}
		r.button.Disable()
		if !read || !r.button.Visible() || said[r.action] {
			continue
		}
		said[r.action] = true
		lines = append(lines, lang.L("{{.Action}}: {{.Reason}}", map[string]any{"Action": strings.TrimRight(r.name, "…. "), "Reason": d.text()}))
	}
	v.why.Text = strings.Join(lines, "\n")
	v.why.Refresh()
	if len(lines) == 0 {
		v.why.Hide()
	} else {
		v.why.Show()
	}
}

// text is the decision's reason in the person's language, or why it could
// not be read.
func (d decision) text() string {
	if d.err != nil {
		return problemText(d.err)
	}
	return say(d.why.Message())
}

// refuses reports whether the rulebook, as read for the participant shown,
// refuses action, and then says why under the details. A key does nothing
// more than its greyed button; an answer not read yet leaves the store to
// decide when the action is done.
func (v *details) refuses(action data.Action) bool {
	d, read := v.read.decisions[action]
	if !read || d.err == nil && d.verdict == data.Accepted {
		return false
	}
	v.say(lang.L("Not possible: {{.Reason}}", map[string]any{"Reason": d.text()}), widget.DangerImportance, nil)
	return true
}
