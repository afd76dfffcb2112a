package app

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"

	"accred/data"
)

// watchChanges brings the desk's list up to date whenever participants
// change anywhere (another desk, the nominations portal), until the program
// ends.
func (u *ui) watchChanges() {
	for range u.store.Changes(context.Background()) {
		fyne.Do(u.onChange)
	}
}

// onChange shows a change made elsewhere on the screens that list people.
func (u *ui) onChange() {
	if u.desk != nil {
		u.desk.onChanged()
	}
}

// onChanged runs the desk's search again after a change made elsewhere.
// The list moves only when whom it lists changed; otherwise its rows are
// drawn again where they are, so that nobody loses their place. A search
// typed meanwhile has the last word.
func (d *desk) onChanged() {
	asked, query := d.searches, d.search.Text
	store := d.u.store
	d.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
		defer cancel()
		list, total, err := store.FindParticipants(ctx, data.ParticipantFilter{Query: query, Limit: resultLimit})
		return func() {
			if err != nil || asked != d.searches {
				return // the next change tries again; a fault is no change to show
			}
			if total != d.total || !slices.Equal(ids(list), ids(d.results)) {
				d.refresh()
				return
			}
			d.results = list
			d.list.Refresh()
		}
	})
}

// ids are the participants' ids, in their order.
func ids(list []data.Participant) []int64 {
	out := make([]int64, len(list))
	for i, p := range list {
		out[i] = p.ID
	}
	return out
}
