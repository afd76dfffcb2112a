package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// askCollect asks for the number of the document shown before the shown
// participant's printed badge is handed over.
func (d *desk) askCollect() {
	if d.current == nil {
		return
	}
	if d.details.refuses(data.ActionCollect) {
		return
	}
	document := newKeyEntry(lang.L("Passport or ID card number"))
	ask := dialog.NewForm(lang.L("Hand over the badge of {{.Name}}?", map[string]any{"Name": d.current.ListName()}),
		lang.L("Hand over"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(lang.L("Document shown"), document)}, func(ok bool) {
			if ok {
				d.collect(strings.TrimSpace(document.Text), false)
			}
		}, d.u.win)
	ask.Resize(fyne.NewSize(520, ask.MinSize().Height))
	d.u.showForm(ask, document)
}

// collect hands the shown participant's badge over on the document shown;
// a document other than the one registered is refused, and a supervisor
// may then hand it over anyway.
func (d *desk) collect(document string, override bool) {
	before, id, store := d.current.Status, d.current.ID, d.u.store
	change(d, func(ctx context.Context) (data.Participant, error) {
		return store.CollectBadge(ctx, id, data.CollectInput{Document: document, Override: override})
	}, func(p data.Participant, err error) {
		switch {
		case data.IsDocumentMismatch(err):
			d.details.say(problemText(err), widget.DangerImportance, nil)
			refusal := dialog.NewConfirm(lang.L("Not the document registered"), problemText(err), func(anyway bool) {
				if anyway {
					d.collect(document, true)
				}
			}, d.u.win)
			refusal.SetConfirmText(lang.L("Hand over anyway (supervisor)"))
			refusal.SetDismissText(lang.L("Do not hand over"))
			d.u.showConfirm(refusal)
		case err != nil:
			d.details.say(problemText(err), widget.DangerImportance, nil)
		default:
			d.showStatus(p, func() { d.undoStatus(p, before) })
		}
	})
}
