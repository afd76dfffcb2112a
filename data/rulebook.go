package data

import (
	"context"
	"fmt"
	"strings"

	"accred/data/msg"
	"accred/data/rules"
)

var msgUnknownAction = msg.Define("The rulebook decides approval, printing, reprinting and collection only.")

// Action is something the desk or the printing station does to a
// participant, which the rulebook decides.
type Action string

// The actions the rulebook decides for a screen.
const (
	ActionApprove Action = "approve" // approve, after the nomination where one is required
	ActionPrint   Action = "print"   // print a first badge
	ActionReprint Action = "reprint" // replace a printed badge
	ActionCollect Action = "collect" // hand a printed badge over
)

// Decide tells what the rulebook answers now for action on participant
// id, without doing it: a screen greys a button and shows the reason when
// the answer is not Accepted. The store asks the same rulebook, in the
// same words, when the action is done. It returns ENOTFOUND for an unknown
// participant.
func (s *Store) Decide(ctx context.Context, id int64, action Action) (VerdictKind, Reason, error) {
	if action == ActionApprove {
		var p rules.Person
		var n rules.Nomination
		err := s.db.QueryRowContext(ctx, `SELECT `+approvalColumns+` FROM participants p WHERE p.id = ?`, id).
			Scan(&p.Status, &p.Clearance, &p.Category, &p.Issue, &n.Awaited)
		if err != nil {
			return "", Reason{}, notFoundParticipant(err, "read status", id)
		}
		verdict, why := rules.Approve(p, n)
		return verdict, why, nil
	}
	if decidedAlone[action] == nil {
		return "", Reason{}, NewError(EINVALID, msgUnknownAction, nil)
	}
	p, err := s.Participant(ctx, id)
	if err != nil {
		return "", Reason{}, err
	}
	verdict, why := decidedAlone[action](p.Person())
	return verdict, why, nil
}

// decidedAlone are the rules of the actions the rulebook decides from the
// participant alone.
var decidedAlone = map[Action]func(rules.Person) (rules.Verdict, rules.Reason){
	ActionPrint: rules.Print, ActionReprint: rules.Reprint, ActionCollect: rules.Collect,
}

// Decided is a participant with the rulebook's answer to an action on them.
type Decided struct {
	Participant
	Verdict VerdictKind
	Reason  Reason // why not, when the verdict is not Accepted
}

// DecideBadges asks the rulebook, for each participant the filter names,
// whether their badge may be printed now (ActionPrint) or replaced
// (ActionReprint), as Decide does for one, in delegation and name order.
// Without IDs the filter names those approved (and, with Printed, those
// printed or collected) of its category or affiliation; with IDs, those
// participants, whatever their status, leaving out numbers nobody has. It
// returns EINVALID for another action.
func (s *Store) DecideBadges(ctx context.Context, f BadgeFilter, action Action) ([]Decided, error) {
	if action != ActionPrint && action != ActionReprint {
		return nil, NewError(EINVALID, msgUnknownAction, nil)
	}
	where, args := f.where()
	rows, err := s.db.QueryContext(ctx, s.selectParticipants()+`WHERE `+strings.Join(where, " AND ")+badgeOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("find badges to decide: %w", err)
	}
	list, err := scanParticipants(rows)
	if err != nil {
		return nil, err
	}
	decided := make([]Decided, len(list))
	for i, p := range list {
		verdict, why := decidedAlone[action](p.Person())
		decided[i] = Decided{Participant: p, Verdict: verdict, Reason: why}
	}
	return decided, nil
}
