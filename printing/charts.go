package printing

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/go-analyze/charts"

	"accred/data"
)

// The overview's charts are drawn once, as PNG images, by a chart library:
// the same image is shown on screen, saved as a file and put in the PDF.

// Translate gives a chart's or a document's words in the reader's
// language; the words are given in English.
type Translate func(english string) string

// English leaves the words as they are.
func English(s string) string { return s }

// Numbers writes a count as the reader's language groups its digits
// ("3,154", "3 154", "3.154").
type Numbers func(n int) string

// PlainNumbers writes a count in digits alone.
func PlainNumbers(n int) string { return strconv.Itoa(n) }

// Chart is a chart of the overview.
type Chart int

// The overview's charts.
const (
	FunnelChart Chart = iota
	ArrivalsChart
	GenderChart
)

// Charts lists the overview's charts in the order they are shown.
var Charts = []Chart{FunnelChart, ArrivalsChart, GenderChart}

// Name is the chart's name in a file's name.
func (c Chart) Name() string { return [...]string{"funnel", "arrivals", "gender"}[c] }

// Title is the chart's title, in English.
func (c Chart) Title() string {
	return [...]string{"Registration funnel", "Arrivals per 15 minutes, per door, today", "Gender balance"}[c]
}

// ChartSize is the size charts are drawn at, in pixels.
const ChartWidth, ChartHeight = 900, 380

// DrawChart draws one of the overview's charts as a PNG image of width by
// height pixels, in the words tr gives and the numbers num writes.
func DrawChart(c Chart, o data.Overview, tr Translate, num Numbers, width, height int) ([]byte, error) {
	var opt charts.BarChartOption
	switch c {
	case FunnelChart:
		opt = funnelBars(o, tr, num)
	case ArrivalsChart:
		opt = arrivalBars(o.Arrivals, num)
	case GenderChart:
		opt = genderBars(o, tr, num)
	default:
		return nil, fmt.Errorf("no chart %d", c)
	}
	opt.Title = charts.TitleOption{Text: tr(c.Title()), FontStyle: charts.NewFontStyleWithSize(14)}
	opt.Padding = charts.Box{Top: 14, Right: 24, Bottom: 10, Left: 14}
	opt.Legend.Offset = charts.OffsetRight
	opt.Legend.FontStyle = charts.NewFontStyleWithSize(11)
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: charts.ChartOutputPNG, Width: width, Height: height})
	if err := p.BarChart(opt); err != nil {
		return nil, fmt.Errorf("draw the %s chart: %w", c.Name(), err)
	}
	return p.Bytes()
}

// The funnel's steps, in order.
var funnelSteps = []string{"Registered", "Approved", "Printed", "Collected"}

// funnelBars is a bar per step, named with its total, of the categories
// with anyone registered stacked in their colours: each bar no longer than
// the one before.
func funnelBars(o data.Overview, tr Translate, num Numbers) charts.BarChartOption {
	var names, colors []string
	var values [][]float64
	for _, f := range o.Funnel {
		if f.Registered == 0 {
			continue
		}
		names, colors = append(names, f.Category.Name), append(colors, f.Category.Colour)
		values = append(values, []float64{float64(f.Registered), float64(f.Approved), float64(f.Printed), float64(f.Collected)})
	}
	if len(names) == 0 {
		return bars(nil, nil, nil, nil, true, true, num)
	}
	steps := translated(funnelSteps, tr)
	for i := range steps { // each step's total beside its name
		total := 0.0
		for _, v := range values {
			total += v[i]
		}
		steps[i] += " " + num(int(total))
	}
	return unlabelled(bars(steps, names, colors, values, true, true, num))
}

// arrivalsShown is the fewest slots the arrivals' chart shows: two hours,
// so that a slot is drawn as wide as a quarter of an hour and no wider.
const arrivalsShown = 8

// arrivalBars stacks each door's arrivals in each slot; fewer slots than
// arrivalsShown are followed by empty ones.
func arrivalBars(a data.Arrivals, num Numbers) charts.BarChartOption {
	a = paddedArrivals(a)
	labels := make([]string, len(a.Slots))
	for i, t := range a.Slots {
		if len(a.Slots) <= 8 || t.Minute() == 0 { // beyond two hours, only the hours
			labels[i] = t.Format("15:04")
		}
	}
	values := make([][]float64, len(a.Doors))
	for i, door := range a.Counts {
		for _, n := range door {
			values[i] = append(values[i], float64(n))
		}
	}
	opt := unlabelled(bars(labels, a.Doors, doorColors, values, true, false, num))
	opt.CategoryAxis.LabelCount = len(labels)
	return opt
}

// paddedArrivals adds empty slots after the last until there are
// arrivalsShown of them.
func paddedArrivals(a data.Arrivals) data.Arrivals {
	if len(a.Slots) == 0 || len(a.Slots) >= arrivalsShown {
		return a
	}
	slots := slices.Clone(a.Slots)
	for len(slots) < arrivalsShown {
		slots = append(slots, slots[len(slots)-1].Add(data.ArrivalSlot))
	}
	counts := make([][]int, len(a.Counts))
	for i, door := range a.Counts {
		counts[i] = append(slices.Clone(door), make([]int, len(slots)-len(door))...)
	}
	return data.Arrivals{Doors: a.Doors, Slots: slots, Counts: counts}
}

// Share is n out of total in per cent; 0 when total is 0.
func Share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) * 100 / float64(total)
}

// PercentText writes a share in whole per cent, as the charts and the
// screens write it: 55.49 is 55 %, 55.5 is 56 %.
func PercentText(share float64) string { return fmt.Sprintf("%.0f%%", math.Round(share)) }

// unlabelled leaves the bars without numbers: the axis gives them.
func unlabelled(opt charts.BarChartOption) charts.BarChartOption {
	for i := range opt.SeriesList {
		opt.SeriesList[i].Label.Show = charts.Ptr(false)
	}
	return opt
}

// doorColors tell doors apart.
var doorColors = []string{"#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#7F7F7F", "#BCBD22", "#17BECF"}

// The genders' names and colours, in data.GenderNames' order.
var (
	genderWords  = []string{"Female", "Male", "Other gender", "Not stated"}
	genderColors = []string{"#8E44AD", "#16A085", "#F39C12", "#B0BEC5"}
	genderInk    = []string{"#FFFFFF", "#FFFFFF", "#000000", "#000000"} // the shares written on them
)

// genderLabelRoom is how far back from a segment's end its share is
// written, in pixels: inside the segment, where "100%" fits.
const genderLabelRoom = 32

// genderLabelShare is the narrowest share written on its segment.
const genderLabelShare = 8.0

// genderBars stacks each category's share of each gender, in per cent,
// then that of the heads of delegation; each share is written inside its
// own segment.
func genderBars(o data.Overview, tr Translate, num Numbers) charts.BarChartOption {
	var labels []string
	values := make([][]float64, len(genderWords))
	rows := append([]data.GenderCount{}, o.Gender...)
	heads := o.HeadsGender
	heads.Name = tr("Heads of delegation")
	rows = append(rows, heads)
	for _, g := range rows {
		total := g.Total()
		if total == 0 {
			continue
		}
		labels = append(labels, g.Name)
		for i, n := range g.Counts {
			values[i] = append(values[i], Share(n, total))
		}
	}
	opt := bars(labels, translated(genderWords, tr), genderColors, values, true, true, num)
	opt.ValueAxis[0].Max, opt.ValueAxis[0].LabelCount = charts.Ptr(100.0), 5
	opt.ValueAxis[0].ValueFormatter = func(f float64) string { return fmt.Sprintf("%.0f%%", f) }
	for i := range opt.SeriesList {
		label := &opt.SeriesList[i].Label
		label.ValueFormatter = func(f float64) string {
			if f < genderLabelShare { // too narrow a segment to write in
				return ""
			}
			return PercentText(f)
		}
		label.Offset = charts.OffsetInt{Left: -genderLabelRoom}
		label.FontStyle.FontColor = charts.ColorFromHex(genderInk[i])
	}
	return opt
}

// bars is a bar chart of values (per series, then per label), the series'
// numbers written on their bars by num; stacked or side by side, and
// horizontal ones with their first label on top.
func bars(labels, series, colors []string, values [][]float64, stacked, horizontal bool, num Numbers) charts.BarChartOption {
	if len(labels) == 0 { // nothing yet: an empty chart
		labels, values, series = []string{""}, [][]float64{{0}}, []string{""}
	}
	if horizontal { // the library draws the first label at the bottom
		labels = slices.Clone(labels)
		slices.Reverse(labels)
		for i := range values {
			values[i] = slices.Clone(values[i])
			slices.Reverse(values[i])
		}
	}
	opt := charts.NewBarChartOptionWithData(values)
	opt.Horizontal = horizontal
	opt.ValueAxis = []charts.ValueAxisOption{wholeAxis(values, stacked, num)}
	opt.StackSeries = charts.Ptr(stacked)
	opt.CategoryAxis.Labels = labels
	opt.Legend.SeriesNames = series
	palette := make([]charts.Color, len(colors))
	for i, c := range colors {
		palette[i] = charts.ColorFromHex(c)
	}
	opt.Theme = charts.GetDefaultTheme().WithSeriesColors(palette)
	narrow := *opt.ValueAxis[0].Max / 25 // too narrow a bar to write on
	whole := func(f float64) string {
		if f < narrow {
			return ""
		}
		return num(int(math.Round(f)))
	}
	for i := range opt.SeriesList {
		opt.SeriesList[i].Label.Show = charts.Ptr(true)
		opt.SeriesList[i].Label.ValueFormatter = whole
		opt.SeriesList[i].Label.FontStyle = charts.NewFontStyleWithSize(9)
	}
	return opt
}

// wholeAxis is a value axis from 0 in whole steps of 1, 2 or 5 times a
// power of ten, about five of them, up to the largest value or stack,
// written by num.
func wholeAxis(values [][]float64, stacked bool, num Numbers) charts.ValueAxisOption {
	top := 0.0
	for j := range values[0] {
		total := 0.0
		for i := range values {
			if stacked {
				total += values[i][j]
			} else {
				total = max(total, values[i][j])
			}
		}
		top = max(top, total)
	}
	step := 1.0
	for top/step > 5 {
		switch s := step / math.Pow(10, math.Floor(math.Log10(step))); s {
		case 2:
			step *= 2.5
		default:
			step *= 2
		}
	}
	steps := max(1, math.Ceil(top/step))
	return charts.ValueAxisOption{Min: charts.Ptr(0.0), Max: charts.Ptr(steps * step), LabelCount: int(steps) + 1,
		PreferNiceIntervals: charts.Ptr(false), ValueFormatter: func(f float64) string { return num(int(math.Round(f))) }}
}

func translated(words []string, tr Translate) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = tr(w)
	}
	return out
}
