package printing

import (
	"strings"
	"testing"

	"accred/data"
	"accred/data/demo"
)

// TestBandShowsTheZones prints a VIP's badge, whose category has zones 1,
// 2, 4 and 5 in the demo, and a badge of a category with no zone, in every
// layout, and reads the text back with pdftotext.
func TestBandShowsTheZones(t *testing.T) {
	badges := demoBadges(t, 2)
	badges[0].Participant.Category = "vip"
	badges[1].Participant.Category = "guest"
	for _, layout := range Layouts {
		if text := badgesText(t, demoSheet(layout), badges); strings.Count(text, "1 2 4 5") != 1 {
			t.Errorf("%s: the VIP's zones are not printed once:\n%s", layout, text)
		}
	}
}

// TestZonesReadAtACheckpoint keeps the zones' digits at least 6 mm tall on
// the A6 badge for any number of the demo's zones.
func TestZonesReadAtACheckpoint(t *testing.T) {
	pdf := newDocument(A6)
	pdf.AddPage()
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	d := &drawer{pdf: pdf, w: newWriter(pdf)}
	zones := data.ZoneNumbers(demo.Zones())
	_, size := d.fit(zones, true, zoneSize, 14, (a6Width-2*a6Margin)/2, 0)
	if capitals := size * ptToMM * capHeight; capitals < 6 {
		t.Fatalf("zones %q: digits of %.1f mm", zones, capitals)
	}
}
