package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// askZones lets the desk tick the zones p's badge lets them into: those
// of their category unless changed, each change kept as +4 or -3. A zone
// the rulebook lets only an admin grant is greyed for others, with why.
func (v *details) askZones(p data.Participant) {
	zones, own := v.read.zones, v.read.own
	if len(zones) == 0 {
		v.say(lang.L("The event has no zones yet: an admin defines them in Settings, under Access zones."), widget.MediumImportance, nil)
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
		grant := append(slices.Clone(own), data.ZoneChange{Zone: z.Code, Granted: true})
		if verdict, why := data.GrantZones(p, zones, own, grant, v.d.u.can(data.RoleAdmin)); verdict != data.Accepted && !c.Checked {
			c.Disable() // the rulebook's: beyond the category's, an admin's to grant
			checks.Add(&widget.Label{Text: say(why.Message()), Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true},
				SizeName: theme.SizeNameCaptionText})
		}
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
	store := v.d.u.store
	change(v.d, func(ctx context.Context) (data.Participant, error) {
		return store.SetParticipantZones(ctx, p.ID, changes, p.Rev)
	}, func(updated data.Participant, err error) {
		if err != nil {
			v.say(problemText(err), widget.DangerImportance, nil)
			return
		}
		v.showUpdated(updated)
		if updated.Rev != p.Rev && (updated.Status == data.StatusPrinted || updated.Status == data.StatusCollected) {
			v.offerReprint(updated, []string{data.FieldZones}) // the badge in their hands prints the old zones
			return
		}
		text := lang.L("The zones of {{.Name}} are their category's.", map[string]any{"Name": updated.ListName()})
		if len(changes) > 0 {
			text = lang.L("The zones of {{.Name}} are their category's, changed: {{.Changes}}.", map[string]any{"Name": updated.ListName(), "Changes": data.FormatZoneChanges(changes)})
		}
		v.say(text, widget.SuccessImportance, nil)
	})
}

// zoneEditor is the Settings section where an admin defines the access
// zones: each one's number, name and the categories that have it; a row
// left with no number or name is left out.
type zoneEditor struct {
	s    *settings
	rows []zoneRow
	grid *fyne.Container
	add  *widget.Button
	save *widget.Button
}

// zoneRow is one zone's fields.
type zoneRow struct{ code, name, categories *widget.Entry }

func newZoneEditor(s *settings) *zoneEditor { return &zoneEditor{s: s} }

func (z *zoneEditor) buildUI() fyne.CanvasObject {
	z.grid = container.NewGridWithColumns(3)
	for _, heading := range []string{lang.L("Zone number"), lang.L("Name"), lang.L("Categories that have it")} {
		z.grid.Add(&widget.Label{Text: heading, TextStyle: fyne.TextStyle{Bold: true}})
	}
	z.add = &widget.Button{Text: lang.L("Add a zone"), Icon: theme.ContentAddIcon(), OnTapped: func() { z.addRow(data.Zone{}) }}
	z.save = &widget.Button{Text: lang.L("Save the zones"), Importance: widget.HighImportance, OnTapped: z.onSave}
	note := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("A badge carries its category's zones, changed person by person at the desk; a session or a door may require one. Categories are written by their codes, such as delegate vip.")}
	return readInto(&z.s.work, z.s.u.store.Zones, func(zones []data.Zone) fyne.CanvasObject {
		for _, zone := range zones {
			z.addRow(zone)
		}
		return container.NewVBox(note, z.grid, container.NewHBox(z.add, z.save))
	})
}

// addRow adds a zone's row to the grid.
func (z *zoneEditor) addRow(zone data.Zone) {
	r := zoneRow{code: &widget.Entry{PlaceHolder: lang.L("1 to 99")}, name: &widget.Entry{PlaceHolder: lang.L("Such as Plenary floor")},
		categories: &widget.Entry{Text: strings.Join(zone.Categories, " "), PlaceHolder: lang.L("None: given person by person")}}
	if zone.Code != 0 {
		r.code.SetText(strconv.Itoa(zone.Code))
	}
	r.name.SetText(zone.Name)
	z.rows = append(z.rows, r)
	z.grid.Add(r.code)
	z.grid.Add(r.name)
	z.grid.Add(r.categories)
	z.grid.Refresh()
}

// onSave saves the zones as the rows give them, all or none.
func (z *zoneEditor) onSave() {
	var zones []data.Zone
	z.s.at(noteZones)
	for _, r := range z.rows {
		code, name := strings.TrimSpace(r.code.Text), strings.TrimSpace(r.name.Text)
		if code == "" && name == "" {
			continue
		}
		n, err := strconv.Atoi(code)
		if err != nil {
			z.s.say(errorText(lang.L("Zone number") + " " + code + ": " + lang.L("The zone is a number from 1 to 99, or empty for none.")))
			return
		}
		zones = append(zones, data.Zone{Code: n, Name: name, Categories: strings.Fields(strings.ToLower(r.categories.Text))})
	}
	z.s.change(noteZones, func(ctx context.Context) error { return z.s.u.store.SaveZones(ctx, zones) },
		lang.N("{{.Count}} access zone is saved.", len(zones), map[string]any{"Count": len(zones)}))
}
