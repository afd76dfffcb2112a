package app

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// showRule reads, in the background, the zone the door of the station named
// requires of every badge (set with 'accred doors set'), and says it under
// the station's name and beside it in the scan view.
func (d *door) showRule() {
	station, store := d.station.Text, d.store()
	d.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
		defer cancel()
		zone, err := store.DoorZone(ctx, station)
		var zones []data.Zone
		if err == nil && zone != 0 {
			zones, err = store.Zones(ctx)
		}
		return func() {
			if d.station.Text != station {
				return // the name changed meanwhile: its own reading follows
			}
			long, short := ruleText(zone, zones), ""
			if zone != 0 {
				short = lang.L("Zone {{.Zone}} required", map[string]any{"Zone": zone})
			}
			if err != nil {
				long, short = problemText(err), ""
			}
			showText(d.rule, long)
			if d.ruleNote != nil {
				showText(d.ruleNote, short)
			}
		}
	})
}

// ruleText words the zone a door requires, by number and name; nothing when
// it requires none.
func ruleText(zone int, zones []data.Zone) string {
	if zone == 0 {
		return ""
	}
	for _, z := range zones {
		if z.Code == zone {
			return lang.L("This door requires zone {{.Zone}} ({{.Name}}) of every badge.", map[string]any{"Zone": zone, "Name": z.Name})
		}
	}
	return lang.L("This door requires zone {{.Zone}} of every badge.", map[string]any{"Zone": zone})
}

// showText sets a label's text and shows it, or hides it when there is none,
// so that it takes no room then.
func showText(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
