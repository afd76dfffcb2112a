package app

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob"
	"accred/data"
	"accred/data/search"
)

// handoverTimeout bounds a whole delegation's handover with its list to sign.
const handoverTimeout = 30 * time.Second

// countThen counts, in the background, the participants of p's delegation
// or organisation with the status, then hands the count on to then on the
// interface's goroutine, or says why it could not.
func (v *details) countThen(p data.Participant, status data.Status, then func(n int)) {
	store := v.d.u.store
	v.work.run(func() func() {
		ctx, cancel := context.WithTimeout(v.d.u.actor(), readTimeout)
		defer cancel()
		n, err := store.CountInAffiliation(ctx, p.Affiliation.ID, status)
		return func() {
			if err != nil {
				v.say(problemText(err), widget.DangerImportance, nil)
				return
			}
			then(n)
		}
	})
}

// askApproveDelegation asks, naming how many wait, before every registered
// member of p's delegation or organisation is approved at once.
func (v *details) askApproveDelegation(p data.Participant) {
	name := affiliationText(p.Affiliation)
	v.countThen(p, data.StatusRegistered, func(n int) {
		if n == 0 {
			v.say(lang.L("Nobody in {{.Name}} waits for approval.", map[string]any{"Name": name}), widget.MediumImportance, nil)
			return
		}
		ask := dialog.NewConfirm(lang.L("Approve the whole delegation?"),
			lang.N("Approve the {{.Count}} registered participant of {{.Name}}?", n, map[string]any{"Count": n, "Name": name}),
			func(yes bool) {
				if yes {
					v.approveDelegation(p)
				}
			}, v.d.u.win)
		ask.SetConfirmText(lang.L("Approve"))
		ask.SetDismissText(lang.L("Cancel"))
		v.d.u.showConfirm(ask)
	})
}

// approveDelegation approves every registered member of p's delegation or
// organisation at once, and offers to take them all back.
func (v *details) approveDelegation(p data.Participant) {
	store, name := v.d.u.store, affiliationText(p.Affiliation)
	change(v.d, func(ctx context.Context) ([]int64, error) {
		return store.ApproveDelegation(ctx, p.Affiliation.ID)
	}, func(ids []int64, err error) {
		if err != nil {
			v.say(problemText(err), widget.DangerImportance, nil)
			return
		}
		v.showAgain(p, func() {
			v.d.offerUndo(lang.N("{{.Count}} approved in {{.Name}}.", len(ids), map[string]any{"Count": len(ids), "Name": name}), widget.SuccessImportance, func() {
				change(v.d, func(ctx context.Context) (int, error) {
					return store.SetStatuses(ctx, ids, data.StatusApproved, data.StatusRegistered, lang.L("Undo"))
				}, func(n int, err error) {
					if err != nil {
						v.say(problemText(err), widget.DangerImportance, nil)
						return
					}
					v.showAgain(p, func() {
						v.say(lang.N("{{.Count}} back to Registered in {{.Name}}.", n, map[string]any{"Count": n, "Name": name}), widget.WarningImportance, nil)
					})
				})
			})
		})
	})
}

// showAgain reads p again in the background and shows them, with the
// search's list refreshed, then does what comes after (say what changed);
// it says why not when p cannot be read.
func (v *details) showAgain(p data.Participant, after func()) {
	store := v.d.u.store
	storeJob(&v.work, v.d.u.acting(), readTimeout, func(ctx context.Context) (data.Participant, error) {
		return store.Participant(ctx, p.ID)
	}, func(updated data.Participant, err error) {
		if err != nil {
			v.say(problemText(err), widget.DangerImportance, nil)
			return
		}
		v.showUpdated(updated)
		if after != nil {
			after()
		}
	})
}

// showUpdated shows p as just changed, with the search's list refreshed.
func (v *details) showUpdated(p data.Participant) {
	v.d.current = &p
	v.d.refresh()
	v.d.show(p)
}

// askHandover asks the focal point p for their document and where to write
// the list they sign, then hands over every printed badge of their
// delegation or organisation.
func (v *details) askHandover(p data.Participant) {
	name := affiliationText(p.Affiliation)
	v.countThen(p, data.StatusPrinted, func(n int) {
		if n == 0 && p.Status != data.StatusPrinted {
			v.say(lang.L("No printed badge of {{.Name}} waits to be handed over.", map[string]any{"Name": name}), widget.MediumImportance, nil)
			return
		}
		document := newKeyEntry(lang.L("Passport or ID card number"))
		out := newKeyEntry("")
		out.SetText(printjob.FreeName(filepath.Join(v.d.u.fileFolder(), "handover-"+fileSafe(affiliationCode(p.Affiliation))+"-"+
			v.d.u.store.Now().Format("20060102-1504")+".pdf"), 1))
		waiting := &widget.Label{Text: lang.N("{{.Count}} printed badge of {{.Name}} waits.", n, map[string]any{"Count": n, "Name": name}), Wrapping: fyne.TextWrapWord}
		ask := dialog.NewForm(lang.L("Hand over the delegation's badges to {{.Name}}?", map[string]any{"Name": p.ListName()}),
			lang.L("Hand over"), lang.L("Cancel"), []*widget.FormItem{
				widget.NewFormItem("", waiting),
				widget.NewFormItem(lang.L("Document shown"), document),
				widget.NewFormItem(lang.L("List to sign"), out),
			}, func(ok bool) {
				if ok {
					v.handover(p, data.CollectInput{Document: strings.TrimSpace(document.Text), By: p.ID}, strings.TrimSpace(out.Text))
				}
			}, v.d.u.win)
		ask.Resize(fyne.NewSize(640, ask.MinSize().Height))
		v.d.u.showForm(ask, document, out)
	})
}

// handover hands the delegation's printed badges over to the focal point p
// and writes the list they sign; a document other than p's registered one
// is refused, and a supervisor may then hand them over anyway.
func (v *details) handover(p data.Participant, in data.CollectInput, path string) {
	store, actor := v.d.u.store, v.d.u.actor()
	v.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, handoverTimeout)
		defer cancel()
		list, err := printjob.Handover(ctx, store, p.Affiliation.Name, in, path)
		return func() {
			said := func() {
				switch {
				case data.IsDocumentMismatch(err):
					v.say(problemText(err), widget.DangerImportance, nil)
					refusal := dialog.NewConfirm(lang.L("Not the document registered"), problemText(err), func(anyway bool) {
						if anyway {
							in.Override = true
							v.handover(p, in, path)
						}
					}, v.d.u.win)
					refusal.SetConfirmText(lang.L("Hand over anyway (supervisor)"))
					refusal.SetDismissText(lang.L("Do not hand over"))
					v.d.u.showConfirm(refusal)
				case err != nil:
					v.say(problemText(err), widget.DangerImportance, nil)
				default:
					v.say(lang.N("{{.Count}} badge handed over to {{.Name}}. The list to sign is {{.Path}}.", len(list),
						map[string]any{"Count": len(list), "Name": p.ListName(), "Path": path}), widget.SuccessImportance, nil)
				}
			}
			if len(list) > 0 {
				v.showAgain(p, said)
				return
			}
			said()
		}
	})
}

// affiliationCode is a short name of an affiliation for a file's name: a
// delegation's country code, or the affiliation's name.
func affiliationCode(a data.Affiliation) string {
	if a.Kind == data.AffiliationDelegation && a.Country != "" {
		return a.Country
	}
	return a.Name
}

// fileSafe keeps the letters (without their accents) and digits of a name,
// other runs of characters becoming one dash, so that it makes a file's
// name anywhere.
func fileSafe(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range search.Fold(name) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
