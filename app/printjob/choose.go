package printjob

import (
	"context"

	"accred/data"
)

// LeftOut counts those a choice names who get no badge from it, by why.
type LeftOut struct {
	Printed     int // printed before: replacing their badge is its own action
	NotPrinted  int // no badge printed yet: nothing to replace
	NotApproved int // not approved (registered, rejected, withdrawn)
	NotCleared  int // refused by security, or not cleared where required
	Waiting     int // still waiting for security clearance, where required
	Unknown     int // badge numbers nobody has
	Held        int // of those chosen for a replacement, badges handed over: in people's hands
}

// The kinds of badge run.
const (
	firstPrint  = iota // a first badge for each
	replacement        // a new issue for each printed badge
)

// NewBadges returns those f names whose first badge may be printed now
// (approved, cleared where the event requires it, never printed), and
// counts the others it names by why they are left out. A delegation, a
// category or everyone gives those not yet printed; named badge numbers
// give the same, counting those printed before apart.
func NewBadges(ctx context.Context, store *data.Store, f data.BadgeFilter) ([]data.Participant, LeftOut, error) {
	f.Printed = true // to count those already printed, whom no first print includes
	return choose(ctx, store, f, firstPrint)
}

// Replacements returns those of ids whose printed badge may be replaced by
// a new issue (the old one then stops working), and counts the others.
func Replacements(ctx context.Context, store *data.Store, ids []int64) ([]data.Participant, LeftOut, error) {
	return choose(ctx, store, data.BadgeFilter{IDs: ids}, replacement)
}

func choose(ctx context.Context, store *data.Store, f data.BadgeFilter, kind int) ([]data.Participant, LeftOut, error) {
	var left LeftOut
	list, err := store.BadgesToPrint(ctx, f)
	if err != nil {
		return nil, left, err
	}
	if len(f.IDs) == 0 {
		if left.Waiting, err = store.AwaitingClearance(ctx, f); err != nil {
			return nil, left, err
		}
	}
	named := map[int64]bool{}
	for _, id := range f.IDs {
		named[id] = true
	}
	left.Unknown = len(named) - len(list)
	var chosen []data.Participant
	for _, p := range list {
		printed := p.Status == data.StatusPrinted || p.Status == data.StatusCollected
		switch {
		case p.Status != data.StatusApproved && !printed:
			left.NotApproved++
		case !p.Cleared():
			left.NotCleared++
		case kind == firstPrint && printed:
			left.Printed++
		case kind == replacement && !printed:
			left.NotPrinted++
		default:
			chosen = append(chosen, p)
			if p.Status == data.StatusCollected {
				left.Held++
			}
		}
	}
	return chosen, left, nil
}
