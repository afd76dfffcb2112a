package printing

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strconv"
	"testing"
	"time"

	"accred/data"
)

// decodePNG reads a chart back as an image.
func decodePNG(t *testing.T, raw []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// sameColour reports whether c is the colour written #RRGGBB.
func sameColour(c color.Color, hex string) bool {
	r, g, b, _ := c.RGBA()
	want := parseHex(hex)
	return uint8(r>>8) == want[0] && uint8(g>>8) == want[1] && uint8(b>>8) == want[2]
}

func parseHex(hex string) [3]uint8 {
	var v [3]uint8
	for i := range v {
		var n uint8
		for _, c := range hex[1+2*i : 3+2*i] {
			n <<= 4
			switch {
			case c >= '0' && c <= '9':
				n |= uint8(c - '0')
			default:
				n |= uint8(c-'A') + 10
			}
		}
		v[i] = n
	}
	return v
}

// widestRun is the most pixels of the colour side by side on one row of
// the image.
func widestRun(img image.Image, hex string) int {
	b := img.Bounds()
	best := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		run := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			if sameColour(img.At(x, y), hex) {
				run++
				best = max(best, run)
			} else {
				run = 0
			}
		}
	}
	return best
}

// TestArrivalsOneSlotIsAQuarterHourWide: a single slot of arrivals is a
// bar as wide as a quarter of an hour on a two-hour axis, not one bar
// across the chart.
func TestArrivalsOneSlotIsAQuarterHourWide(t *testing.T) {
	hanoi, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	o := data.Overview{Arrivals: data.Arrivals{Doors: []string{"Door North"},
		Slots: []time.Time{time.Date(2025, 10, 25, 13, 30, 0, 0, hanoi)}, Counts: [][]int{{12}}}}
	raw, err := DrawChart(ArrivalsChart, o, English, PlainNumbers, ChartWidth, ChartHeight)
	if err != nil {
		t.Fatal(err)
	}
	if w := widestRun(decodePNG(t, raw), doorColors[0]); w == 0 || w > ChartWidth/arrivalsShown {
		t.Fatalf("the one slot's bar is %d pixels wide in a chart of %d", w, ChartWidth)
	}
	if a := paddedArrivals(o.Arrivals); len(a.Slots) != arrivalsShown || a.Slots[1].Format("15:04") != "13:45" || a.Counts[0][0] != 12 || a.Counts[0][1] != 0 {
		t.Fatalf("padded: %+v", a)
	}
}

// TestGenderShareIsWrittenInItsOwnSegment: the women's share is written
// inside the women's segment, none of its ink in the men's.
func TestGenderShareIsWrittenInItsOwnSegment(t *testing.T) {
	o := data.Overview{Gender: []data.GenderCount{{Name: "Delegate", Counts: []int{5549, 4451, 0, 0}}}}
	raw, err := DrawChart(GenderChart, o, English, PlainNumbers, ChartWidth, ChartHeight)
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, raw)
	women, men := genderColors[0], genderColors[1]
	// Every row of the bar: the ink of the share (pixels of neither
	// colour) lies before the boundary of the segments, not after it.
	b := img.Bounds()
	found := false
	for y := b.Min.Y; y < b.Max.Y; y++ {
		first, boundary, last, painted := -1, -1, -1, 0
		for x := b.Min.X; x < b.Max.X; x++ {
			switch c := img.At(x, y); {
			case sameColour(c, women):
				painted++
				if first < 0 {
					first = x
				}
			case sameColour(c, men):
				if boundary < 0 {
					boundary = x
				}
				last = x
			}
		}
		if painted < 100 || boundary < 0 { // not the bar (the legend's swatches are small)
			continue
		}
		inkInWomen, inkInMen := 0, 0
		for x := first; x <= last; x++ {
			c := img.At(x, y)
			if sameColour(c, women) || sameColour(c, men) {
				continue
			}
			if x < boundary {
				inkInWomen++
			} else if x < boundary+genderLabelRoom {
				inkInMen++
			}
		}
		if inkInMen > 0 {
			t.Fatalf("row %d: %d pixels of ink in the men's segment just after the women's", y, inkInMen)
		}
		found = found || inkInWomen > 0
	}
	if !found {
		t.Fatal("the women's share is not written in their segment")
	}
}

// TestChartAndTextRoundTheShareAlike: 55.49 % is 55 % on the chart's
// segment as in the screen's text, which both write with PercentText.
func TestChartAndTextRoundTheShareAlike(t *testing.T) {
	o := data.Overview{Gender: []data.GenderCount{{Name: "Delegate", Counts: []int{5549, 4451, 0, 0}}}}
	opt := genderBars(o, English, PlainNumbers)
	got := opt.SeriesList[0].Label.ValueFormatter(opt.SeriesList[0].Values[0])
	if want := PercentText(Share(5549, 10000)); got != want || got != "55%" {
		t.Fatalf("the chart writes %q, the text %q", got, want)
	}
	for share, want := range map[float64]string{55.5: "56%", 0: "0%", 100: "100%", 12.49: "12%"} {
		if got := PercentText(share); got != want {
			t.Errorf("%v: %q, want %q", share, got, want)
		}
	}
}

// TestChartsWriteNumbersAsTheyAreGiven: the funnel's totals beside its
// steps, the numbers on its bars and its axis are written by the caller's
// Numbers, so that they group digits as the language does.
func TestChartsWriteNumbersAsTheyAreGiven(t *testing.T) {
	grouped := func(n int) string { // thousands after a narrow space, as in French
		s := strconv.Itoa(n)
		if len(s) > 3 {
			s = s[:len(s)-3] + "\u202f" + s[len(s)-3:]
		}
		return s
	}
	cats := data.DefaultCategories()
	o := data.Overview{Funnel: []data.FunnelCount{{Category: cats[0], Registered: 3154, Approved: 2488, Printed: 2000, Collected: 1500}}}
	opt := funnelBars(o, English, grouped)
	if got := opt.CategoryAxis.Labels; !slices.Contains(got, "Registered 3\u202f154") || !slices.Contains(got, "Approved 2\u202f488") {
		t.Fatalf("the funnel's steps: %q", got)
	}
	if got := opt.SeriesList[0].Label.ValueFormatter(3154); got != "3\u202f154" {
		t.Fatalf("a bar's number: %q", got)
	}
	if got := opt.ValueAxis[0].ValueFormatter(2000); got != "2\u202f000" {
		t.Fatalf("the axis: %q", got)
	}
}
