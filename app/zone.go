package app

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// maxZoneChoices bounds the time zones the zone field offers at once.
const maxZoneChoices = 40

// newZoneEntry returns a field for an IANA time zone that offers, as one
// types, the zones whose name holds what is typed (“chi_minh”, “ho chi”,
// “vienna”).
func newZoneEntry(zone string) *widget.SelectEntry {
	e := widget.NewSelectEntry(zoneChoices(""))
	e.PlaceHolder = "Asia/Ho_Chi_Minh"
	e.SetText(zone)
	e.OnChanged = func(text string) { e.SetOptions(zoneChoices(text)) }
	return e
}

// zoneChoices returns the zones whose name holds text, ignoring case and
// taking spaces for underscores.
func zoneChoices(text string) []string {
	want := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(text), " ", "_"))
	var out []string
	for _, z := range data.Timezones {
		if strings.Contains(strings.ToLower(z), want) {
			out = append(out, z)
			if len(out) == maxZoneChoices {
				break
			}
		}
	}
	return out
}
