package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/app/printjob"
	"accred/data"
)

// listStatuses are the least statuses the List of Participants is offered
// for, in the order offered.
var listStatuses = []data.Status{data.StatusApproved, data.StatusPrinted, data.StatusCollected}

// listTimeout bounds the writing of the List of Participants: a second for
// the demo's 3,000, far less than this.
const listTimeout = time.Minute

// onParticipantsList asks whom the List of Participants lists and where to
// write it, as accred participants-list does.
func (b *badges) onParticipantsList() {
	status := widget.NewSelect([]string{lang.L("Approved, printed or collected"), lang.L("Printed or collected"), lang.L("Collected")}, nil)
	status.SetSelectedIndex(0)
	media := widget.NewCheck(lang.L("The media too"), nil)
	native := widget.NewCheck(lang.L("Names in their own script too"), nil)
	b.u.askNewFile(lang.L("List of Participants"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Who"), status),
		widget.NewFormItem("", media),
		widget.NewFormItem("", native),
	}, "participants-list-"+time.Now().Format("20060102-1504")+".pdf", func(path string) {
		b.writeParticipantsList(path, data.ListFilter{Status: listStatuses[max(0, status.SelectedIndex())], Media: media.Checked}, native.Checked)
	})
}

// writeParticipantsList writes the list in the background, then offers to
// open or print it.
func (b *badges) writeParticipantsList(path string, f data.ListFilter, native bool) {
	b.list.Disable()
	b.listNote.SetText(lang.L("Writing the List of Participants…"))
	store, actor := b.u.store, b.u.actor()
	b.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, listTimeout)
		defer cancel()
		people, err := printjob.ParticipantsList(ctx, store, path, f, native)
		return func() {
			b.list.Enable()
			if err != nil {
				b.listNote.SetText(problemText(err))
				return
			}
			b.listNote.SetText(lang.N("Wrote the List of Participants ({{.Count}} participants) to {{.Path}}.", people, map[string]any{"Count": number(people), "Path": path}))
			b.listFile = path
			b.listOpen.Enable()
		}
	})
}
