package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob"
	"accred/data"
)

// replacePanel replaces printed badges, lost or damaged: it names the
// badges, asks why, says how many badges in people's hands stop working,
// and prints the new ones as the station prints.
type replacePanel struct {
	b       *badges
	numbers *widget.Entry
	reason  *widget.Entry
	note    *widget.Label
	button  *widget.Button
	chosen  []data.Participant
	held    int // of those chosen, badges handed over
	typing  *debouncer
	lookups int
}

func newReplacePanel(b *badges) *replacePanel {
	r := &replacePanel{b: b, typing: newDebouncer()}
	r.numbers = &widget.Entry{PlaceHolder: "000123 000124 …", OnChanged: func(string) { r.typing.call(r.onChoose) }}
	r.reason = &widget.Entry{PlaceHolder: lang.L("Lost, damaged, name corrected …"), OnChanged: func(string) { r.showCount() }}
	r.note = &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Type the numbers of the badges to replace.")}
	r.button = &widget.Button{Text: lang.L("Replace"), Icon: theme.ViewRefreshIcon(), Importance: widget.DangerImportance, OnTapped: r.onReplace}
	r.button.Disable()
	return r
}

func (r *replacePanel) content() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewLabel(lang.L("A new badge replaces a lost or damaged one: the old badge stops working at the doors.")),
		widget.NewForm(
			widget.NewFormItem(lang.L("Badge numbers"), r.numbers),
			widget.NewFormItem(lang.L("Reason"), r.reason),
		),
		container.NewHBox(r.button), r.note)
}

// onChoose looks up the badges typed.
func (r *replacePanel) onChoose() { r.lookUp("") }

// lookUp looks up the badges typed in the background and says what a
// replacement would do; keep, if given, is said instead.
func (r *replacePanel) lookUp(keep string) {
	ids, bad := data.ParseBadgeNumbers(r.numbers.Text)
	r.lookups++
	lookup := r.lookups
	r.chosen, r.held = nil, 0
	r.showCount()
	if len(ids) == 0 || bad != "" {
		if bad != "" {
			r.note.SetText(lang.L("{{.Value}} is not a badge number.", map[string]any{"Value": bad}))
		} else {
			r.note.SetText(firstNonEmpty(keep, lang.L("Type the numbers of the badges to replace.")))
		}
		r.b.onPreview()
		return
	}
	store, actor := r.b.u.store, r.b.u.actor()
	r.b.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, readTimeout)
		defer cancel()
		list, left, err := printjob.Replacements(ctx, store, ids)
		return func() {
			if lookup != r.lookups {
				return
			}
			if err != nil {
				r.note.SetText(problemText(err))
				return
			}
			r.chosen, r.held = list, left.Held
			r.note.SetText(firstNonEmpty(keep, replaceText(list, left)))
			r.showCount()
			r.b.onPreview()
		}
	})
}

// replaceText says what replacing the badges chosen does, and who is left out.
func replaceText(list []data.Participant, left printjob.LeftOut) string {
	var lines []string
	if len(list) > 0 {
		lines = append(lines, lang.N("{{.Count}} badge to replace. The old one stops working at the doors at once.", len(list), map[string]any{"Count": number(len(list))}))
		if left.Held == 0 {
			lines = append(lines, lang.L("None of the old badges was handed over yet: none is in anyone's hands."))
		} else {
			lines = append(lines, lang.N("{{.Count}} of the old badges was handed over: it is in someone's hands.", left.Held, map[string]any{"Count": number(left.Held)}))
		}
	}
	for _, p := range list {
		lines = append(lines, "· "+p.BadgeNumber()+" "+p.FullName())
	}
	if left.NotPrinted > 0 {
		lines = append(lines, lang.N("{{.Count}} has no printed badge yet, left out: print it under New badges.", left.NotPrinted, map[string]any{"Count": number(left.NotPrinted)}))
	}
	return strings.Join(lines, "\n") + leftOutText(left)
}

// showCount names on the button how many badges it replaces; it waits for
// a reason.
func (r *replacePanel) showCount() {
	n := len(r.chosen)
	r.button.SetText(lang.L("Replace"))
	if n > 0 {
		r.button.SetText(lang.N("Replace {{.Count}} badge", n, map[string]any{"Count": number(n)}))
	}
	if n == 0 || strings.TrimSpace(r.reason.Text) == "" || r.b.cancel.Visible() {
		r.button.Disable()
	} else {
		r.button.Enable()
	}
}

// onReplace asks before replacing the badges chosen, naming how many badges
// stop working and how many of them people hold.
func (r *replacePanel) onReplace() {
	list := r.chosen
	if len(list) == 0 || strings.TrimSpace(r.reason.Text) == "" || r.b.nameTaken(r.note, len(list)) {
		return
	}
	args := map[string]any{"Count": number(len(list)), "Held": number(r.held), "Reason": strings.TrimSpace(r.reason.Text)}
	text := lang.N("{{.Count}} badge stops working at the doors at once, {{.Held}} of them in people's hands, and new ones are printed. Reason: {{.Reason}}", len(list), args)
	confirm := dialog.NewConfirm(lang.L("Replace badges?"), text, func(yes bool) {
		if yes {
			r.replace(list)
		}
	}, r.b.u.win)
	confirm.SetConfirmText(lang.N("Replace {{.Count}} badge", len(list), args))
	confirm.SetDismissText(lang.L("Cancel"))
	confirm.Show()
}

// replace raises the issue of the badges in the background, all or none,
// then prints the new ones.
func (r *replacePanel) replace(list []data.Participant) {
	ids := make([]int64, len(list))
	for i, p := range list {
		ids[i] = p.ID
	}
	reason := strings.TrimSpace(r.reason.Text)
	store, actor := r.b.u.store, r.b.u.actor()
	r.button.Disable()
	r.b.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, readTimeout)
		defer cancel()
		err := store.ReprintBadges(ctx, ids, reason)
		var fresh []data.Participant
		if err == nil {
			// The new issues are read back, so that the badges carry them.
			fresh, _, err = printjob.NewBadges(ctx, store, data.BadgeFilter{IDs: ids})
		}
		return func() {
			if err != nil {
				r.note.SetText(problemText(err))
				r.showCount()
				return
			}
			r.reason.SetText("")
			r.b.start(fresh, r.note)
		}
	})
}
