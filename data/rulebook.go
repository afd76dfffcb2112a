package data

import (
	"context"

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
	p, err := s.Participant(ctx, id)
	if err != nil {
		return "", Reason{}, err
	}
	decide := map[Action]func(rules.Person) (rules.Verdict, rules.Reason){
		ActionPrint: rules.Print, ActionReprint: rules.Reprint, ActionCollect: rules.Collect,
	}[action]
	if decide == nil {
		return "", Reason{}, NewError(EINVALID, msgUnknownAction, nil)
	}
	verdict, why := decide(p.Person())
	return verdict, why, nil
}
