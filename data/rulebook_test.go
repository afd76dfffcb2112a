package data_test

import (
	"fmt"
	"slices"
	"testing"

	"accred/data"
	"accred/data/printstates"
)

// TestDecideAnswersAsTheStoreActs: for every state a print run meets, on
// an event that requires the delegations' nominations, what Store.Decide
// answers for approval and hand-over (what the desk's buttons show) is what
// the store does when asked to act: the action is done when Accepted, left
// as it is when Already, and refused with an error when Rejected. On
// PostgreSQL too (ACCRED_TEST_ENGINE=postgres).
func TestDecideAnswersAsTheStoreActs(t *testing.T) {
	s := newStore(t)
	ids := printstates.Make(t, ctx, s)
	if err := s.SetSetting(ctx, data.SettingNominationsRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	approve := map[string]struct {
		verdict data.VerdictKind
		why     data.ReasonCode
	}{
		"registered": {data.Rejected, data.ReasonAwaitingNomination},
		"withdrawn":  {data.Rejected, data.ReasonNotApprovable}, "rejected": {data.Rejected, data.ReasonNotApprovable},
	}
	collect := map[string]struct {
		verdict data.VerdictKind
		why     data.ReasonCode
	}{
		"printed": {data.Accepted, ""}, "collected": {data.Already, data.ReasonAlreadyCollected},
		"clearance refused": {data.Rejected, data.ReasonNotAccredited}, "withdrawn": {data.Rejected, data.ReasonNotAccredited},
		"rejected": {data.Rejected, data.ReasonNotAccredited},
	}
	for i, st := range printstates.States {
		id := ids[st.Name]
		wantApprove, ok := approve[st.Name]
		if !ok {
			wantApprove.verdict, wantApprove.why = data.Already, data.ReasonAlreadyApproved
		}
		wantCollect, ok := collect[st.Name]
		if !ok {
			wantCollect.verdict, wantCollect.why = data.Rejected, data.ReasonNotPrinted
		}
		for _, c := range []struct {
			action  data.Action
			verdict data.VerdictKind
			why     data.ReasonCode
			act     func() error
		}{
			{data.ActionApprove, wantApprove.verdict, wantApprove.why, func() error { return s.Approve(ctx, []int64{id}) }},
			{data.ActionCollect, wantCollect.verdict, wantCollect.why, func() error {
				_, err := s.CollectBadge(ctx, id, data.CollectInput{Document: fmt.Sprintf("ST%02d", i)})
				return err
			}},
		} {
			verdict, why, err := s.Decide(ctx, id, c.action)
			if err != nil || verdict != c.verdict || why.Code != c.why {
				t.Errorf("%s: Decide(%s) = %s %q %v, want %s %q", st.Name, c.action, verdict, why.Code, err, c.verdict, c.why)
			}
			before, _ := s.Participant(ctx, id)
			err = c.act()
			after, _ := s.Participant(ctx, id)
			done := after.Status != before.Status
			switch {
			case verdict == data.Accepted && (err != nil || !done):
				t.Errorf("%s: %s accepted by Decide, but the store did not do it: %v", st.Name, c.action, err)
			case verdict == data.Rejected && (err == nil || done):
				t.Errorf("%s: %s refused by Decide (%s), but the store did it: %s → %s", st.Name, c.action, why, before.Status, after.Status)
			case verdict == data.Already && done:
				t.Errorf("%s: %s already done by Decide, but the store changed them: %s → %s", st.Name, c.action, before.Status, after.Status)
			}
		}
	}

	if _, _, err := s.Decide(ctx, 9999, data.ActionApprove); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("an unknown participant: %v", err)
	}
	for _, a := range []data.Action{"zones", data.ActionCollect, data.ActionApprove} {
		if _, err := s.DecideBadges(ctx, data.BadgeFilter{IDs: []int64{ids["printed"]}}, a); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("DecideBadges(%s): %v, want EINVALID: it decides printing and reprinting only", a, err)
		}
	}
	if _, _, err := s.Decide(ctx, ids["printed"], "zones"); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("Decide of an action the rulebook does not decide: %v", err)
	}
	decided, err := s.DecideBadges(ctx, data.BadgeFilter{IDs: []int64{ids["printed"], ids["registered"], 9999}}, data.ActionPrint)
	if err != nil || len(decided) != 2 || !slices.ContainsFunc(decided, func(d data.Decided) bool { return d.Reason.Code == data.ReasonAlreadyPrinted }) {
		t.Errorf("DecideBadges by number: %+v %v", decided, err)
	}
}
