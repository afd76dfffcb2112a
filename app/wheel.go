package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// newWheelScroll scrolls content up and down with the mouse wheel wherever
// the pointer is over it, over an entry too (whose own scroller would
// otherwise keep the wheel), and counts the wheel as use of the station.
func newWheelScroll(content fyne.CanvasObject) *container.Scroll {
	w := &wheel{}
	w.ExtendBaseWidget(w)
	w.scroll = container.NewVScroll(container.NewStack(content, w))
	return w.scroll
}

// wheel lies over a scroll's content and takes only the wheel: taps,
// clicks and the pointer go to what is below it.
type wheel struct {
	widget.BaseWidget
	scroll *container.Scroll
}

// Scrolled scrolls the scroll the wheel lies in.
func (w *wheel) Scrolled(ev *fyne.ScrollEvent) {
	inUse()
	w.scroll.Scrolled(ev)
}

func (w *wheel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
