// Package printstates puts participants in every state a print run meets
// (registered, approved and not printed, clearance pending or refused,
// printed, superseded by a reprint, collected, withdrawn, rejected) and
// says what the rulebook answers for each, for the tests that check every
// path (the rulebook, the printing station, the command line) picks the
// same people.
package printstates

import (
	"context"
	"fmt"
	"testing"

	"accred/data"
)

// State is a state a print run meets, with the rulebook's answers to
// printing a first badge and to replacing a printed one.
type State struct {
	Name                 string
	Print, Reprint       data.VerdictKind
	PrintWhy, ReprintWhy data.ReasonCode
}

// States are every state, in the order Make adds them.
var States = []State{
	{"registered", data.Rejected, data.Rejected, data.ReasonNotApproved, data.ReasonNothingToReplace},
	{"approved, not printed", data.Accepted, data.Rejected, "", data.ReasonNothingToReplace},
	{"clearance pending", data.Rejected, data.Rejected, data.ReasonClearancePending, data.ReasonNothingToReplace},
	{"clearance refused", data.Rejected, data.Rejected, data.ReasonNotAccredited, data.ReasonNotAccredited},
	{"printed", data.Already, data.Accepted, data.ReasonAlreadyPrinted, ""},
	{"superseded", data.Accepted, data.Rejected, "", data.ReasonNothingToReplace},
	{"collected", data.Already, data.Accepted, data.ReasonAlreadyPrinted, ""},
	{"withdrawn", data.Rejected, data.Rejected, data.ReasonNotAccredited, data.ReasonNotAccredited},
	{"rejected", data.Rejected, data.Rejected, data.ReasonNotAccredited, data.ReasonNotAccredited},
}

// Make makes the event of s require clearance and adds a delegate of France
// in each of States, acting as ctx's actor (one with every right). It
// returns their ids by state name.
func Make(t testing.TB, ctx context.Context, s *data.Store) map[string]int64 {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SetSetting(ctx, data.SettingClearanceRequired, "yes"))
	ids := map[string]int64{}
	var answers []data.ClearanceAnswer
	for i, st := range States {
		document := fmt.Sprintf("ST%02d", i)
		p, err := s.CreateParticipant(ctx, data.ParticipantInput{Category: "delegate", GivenName: "Người", FamilyName: fmt.Sprintf("Trạng %02d", i),
			Nationality: "FR", Delegation: "FR", DocumentNumber: document})
		must(err)
		ids[st.Name] = p.ID
		switch st.Name {
		case "clearance pending":
		case "clearance refused":
			answers = append(answers, data.ClearanceAnswer{Line: i + 2, DocumentNumber: document, Nationality: "FR", Result: "refused", Reason: "listed"})
		default:
			answers = append(answers, data.ClearanceAnswer{Line: i + 2, DocumentNumber: document, Nationality: "FR", Result: "cleared"})
		}
	}
	_, err := s.ImportClearance(ctx, answers)
	must(err)
	for i, st := range States {
		id := ids[st.Name]
		if st.Name != "registered" && st.Name != "rejected" {
			must(s.Approve(ctx, []int64{id}))
		}
		switch st.Name {
		case "printed", "superseded", "collected":
			must(s.MarkPrinted(ctx, []data.Printed{{ID: id, Issue: 1}}))
		case "withdrawn":
			_, err = s.SetStatus(ctx, id, data.StatusWithdrawn, "left the delegation")
		case "rejected":
			_, err = s.SetStatus(ctx, id, data.StatusRejected, "not of the delegation")
		}
		must(err)
		switch st.Name {
		case "superseded":
			_, err = s.Reprint(ctx, id, "lost")
		case "collected":
			_, err = s.CollectBadge(ctx, id, data.CollectInput{Document: fmt.Sprintf("ST%02d", i)})
		}
		must(err)
	}
	return ids
}
