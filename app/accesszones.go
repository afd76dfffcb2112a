package app

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// askZones lets the desk tick the zones p's badge lets them into: those
// of their category unless changed, each change kept as +4 or -3.
func (v *details) askZones(p data.Participant) {
	zones, own := v.read.zones, v.read.own
	if len(zones) == 0 {
		v.say(lang.L("The event has no zones yet: 'accred zones import' defines them."), widget.MediumImportance, nil)
		return
	}
	checks := container.NewVBox()
	ticked := map[int]*widget.Check{}
	for _, z := range zones {
		label := fmt.Sprintf("%d %s", z.Code, z.Name)
		if slices.Contains(z.Categories, p.Category) {
			label += "  (" + lang.L("the category's") + ")"
		}
		c := widget.NewCheck(label, nil)
		c.SetChecked(data.HasZone(z, p.Category, own))
		ticked[z.Code] = c
		checks.Add(c)
	}
	ask := dialog.NewCustomConfirm(lang.L("Zones of {{.Name}}", map[string]any{"Name": p.ListName()}), lang.L("Save"), lang.L("Cancel"),
		container.NewVScroll(checks), func(ok bool) {
			if ok {
				v.saveZones(p, data.ZoneChangesFor(zones, p.Category, func(z data.Zone) bool { return ticked[z.Code].Checked }))
			}
		}, v.d.u.win)
	ask.Resize(fyne.NewSize(480, min(560, checks.MinSize().Height+160)))
	v.d.u.showConfirm(ask)
}

// saveZones makes changes p's own changes to their category's zones.
func (v *details) saveZones(p data.Participant, changes []data.ZoneChange) {
	ctx, cancel := context.WithTimeout(v.d.u.actor(), readTimeout)
	defer cancel()
	updated, err := v.d.u.store.SetParticipantZones(ctx, p.ID, changes, p.Rev)
	if err != nil {
		v.say(problemText(err), widget.DangerImportance, nil)
		return
	}
	v.showUpdated(updated)
	text := lang.L("The zones of {{.Name}} are their category's.", map[string]any{"Name": updated.ListName()})
	if len(changes) > 0 {
		text = lang.L("The zones of {{.Name}} are their category's, changed: {{.Changes}}.", map[string]any{"Name": updated.ListName(), "Changes": data.FormatZoneChanges(changes)})
	}
	v.say(text, widget.SuccessImportance, nil)
}
