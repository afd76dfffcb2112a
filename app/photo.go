package app

import (
	"context"

	"fyne.io/fyne/v2"

	"accred/data"
)

// photoSlot is a frame whose photo is read in the background, for
// scanTimeout at most: a slow server never holds the window, and only the
// photo asked for last is shown.
type photoSlot struct {
	frame *fyne.Container
	asked int
}

// load empties the frame, then shows the photo of participant id from store
// once read by w.
func (s *photoSlot) load(w *worker, store *data.Store, id int64) {
	s.clear()
	asked := s.asked
	w.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
		defer cancel()
		jpeg, err := store.Photo(ctx, id)
		return func() {
			if s.asked == asked {
				s.frame.Objects = []fyne.CanvasObject{photoOf(jpeg, err)}
				s.frame.Refresh()
			}
		}
	})
}

// clear empties the frame; a photo still being read is not shown.
func (s *photoSlot) clear() {
	s.asked++
	s.frame.Objects = nil
	s.frame.Refresh()
}
