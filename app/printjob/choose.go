package printjob

import (
	"context"

	"accred/data"
)

// LeftOut counts those a choice names who get no badge from it, by the
// rulebook's reason, and holds them with it.
type LeftOut struct {
	Printed       int // printed before: replacing their badge is its own action
	NotPrinted    int // no badge printed yet: nothing to replace
	NotApproved   int // registered, not approved yet
	NotAccredited int // rejected, withdrawn, or refused by security
	Waiting       int // still waiting for security clearance, where required
	Unknown       int // badge numbers nobody has
	Held          int // of those chosen for a replacement, badges handed over: in people's hands
	// Refused are those the choice names whom the rulebook refuses, each
	// with its reason.
	Refused []data.Decided
}

// NewBadges returns those f names whose first badge the rulebook lets print
// now (approved, cleared where the event requires it, never printed), and
// counts the others it names by why they are left out. A delegation, a
// category or everyone gives those not yet printed (counting those printed
// before when f.Printed is set); named badge numbers give the same,
// counting those printed before apart.
func NewBadges(ctx context.Context, store *data.Store, f data.BadgeFilter) ([]data.Participant, LeftOut, error) {
	return choose(ctx, store, f, data.ActionPrint)
}

// Replacements returns those of ids whose printed badge the rulebook lets
// replace by a new issue (the old one then stops working), and counts the
// others.
func Replacements(ctx context.Context, store *data.Store, ids []int64) ([]data.Participant, LeftOut, error) {
	return choose(ctx, store, data.BadgeFilter{IDs: ids}, data.ActionReprint)
}

// choose asks the store's rulebook about action for each participant f
// names, and keeps those it accepts.
func choose(ctx context.Context, store *data.Store, f data.BadgeFilter, action data.Action) ([]data.Participant, LeftOut, error) {
	var left LeftOut
	decided, err := store.DecideBadges(ctx, f, action)
	if err != nil {
		return nil, left, err
	}
	named := map[int64]bool{}
	for _, id := range f.IDs {
		named[id] = true
	}
	left.Unknown = len(named) - len(decided)
	var chosen []data.Participant
	for _, d := range decided {
		if d.Verdict == data.Accepted {
			chosen = append(chosen, d.Participant)
			if d.Status == data.StatusCollected {
				left.Held++
			}
			continue
		}
		left.Refused = append(left.Refused, d)
		switch d.Reason.Code {
		case data.ReasonAlreadyPrinted:
			left.Printed++
		case data.ReasonNothingToReplace:
			left.NotPrinted++
		case data.ReasonNotApproved:
			left.NotApproved++
		case data.ReasonClearancePending:
			left.Waiting++
		default:
			left.NotAccredited++
		}
	}
	return chosen, left, nil
}
