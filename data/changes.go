package data

import (
	"context"
	"time"
)

// ChangeInterval is how often Changes reads the event's revision.
var ChangeInterval = time.Second

// Change tells a screen that participants changed: registered, corrected,
// moved on, by this program or by another on the same database (another
// desk, the portal). Rev is their revision then.
type Change struct {
	Rev int64
}

// Changes sends a Change each time the participants' revision moves, until
// ctx ends, when it closes the channel. It reads the revision every
// ChangeInterval, on a file and on a server alike; a notice the screen has
// not taken yet stands for the next ones too.
func (s *Store) Changes(ctx context.Context) <-chan Change {
	out := make(chan Change, 1)
	go func() {
		defer close(out)
		tick := time.NewTicker(ChangeInterval)
		defer tick.Stop()
		last := int64(-1)
		for {
			var rev int64
			if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(rev), 0) FROM participants`).Scan(&rev); err == nil {
				if last >= 0 && rev != last {
					select {
					case out <- Change{Rev: rev}:
					default:
					}
				}
				last = rev
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return out
}
