package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"accred/app/printjob"
	"accred/data"
	"accred/data/pgtest"
	"accred/data/printstates"
)

// printStatesDB makes an event database, by the command line, holding a
// participant in each of printstates.States; it returns the database, its
// store and their ids by state.
func printStatesDB(t *testing.T) (string, *data.Store, map[string]int64) {
	t.Helper()
	db := pgtest.EventDB(t)
	if code, _, errs := run(t, db, "init", "--event", "Print states", "--start", "2025-10-25", "--end", "2025-10-26"); code != 0 {
		t.Fatal(errs)
	}
	s := openDB(t, db)
	return db, s, printstates.Make(t, ctx, s)
}

// TestCommandLineAndRulebookPickTheSameBadges puts participants in every
// state a print run meets and asks who may have a first badge and whose
// badge may be replaced, by every path but the screen: Store.Decide (the
// desk's buttons), the printing station's choice (printjob.NewBadges and
// Replacements, which its screen shows: see
// TestPrintingStationPicksWhomTheRulebookLets in app), and the command
// line's accred badges, by number and --pending, and accred reprint. Every
// path picks the same people, and a refusal gives the rulebook's reason; on
// PostgreSQL too (ACCRED_TEST_ENGINE=postgres).
func TestCommandLineAndRulebookPickTheSameBadges(t *testing.T) {
	db, s, ids := printStatesDB(t)
	dir := t.TempDir()
	for _, st := range printstates.States {
		id := ids[st.Name]
		for _, c := range []struct {
			action data.Action
			want   data.VerdictKind
			why    data.ReasonCode
			choose func() ([]data.Participant, printjob.LeftOut, error)
		}{
			{data.ActionPrint, st.Print, st.PrintWhy, func() ([]data.Participant, printjob.LeftOut, error) {
				return printjob.NewBadges(ctx, s, data.BadgeFilter{IDs: []int64{id}})
			}},
			{data.ActionReprint, st.Reprint, st.ReprintWhy, func() ([]data.Participant, printjob.LeftOut, error) {
				return printjob.Replacements(ctx, s, []int64{id})
			}},
		} {
			verdict, why, err := s.Decide(ctx, id, c.action)
			if err != nil || verdict != c.want || why.Code != c.why {
				t.Errorf("%s: Decide(%s) = %s %q %v, want %s %q", st.Name, c.action, verdict, why.Code, err, c.want, c.why)
			}
			chosen, left, err := c.choose()
			switch {
			case err != nil:
				t.Fatal(err)
			case (len(chosen) == 1) != (verdict == data.Accepted):
				t.Errorf("%s: the printing station's choice for %s picks %d; the rulebook says %s", st.Name, c.action, len(chosen), verdict)
			case verdict != data.Accepted && (len(left.Refused) != 1 || left.Refused[0].Reason.Code != why.Code):
				t.Errorf("%s: the printing station's choice for %s leaves out %+v; the rulebook says %q", st.Name, c.action, left.Refused, why.Code)
			}
		}
		_, why, _ := s.Decide(ctx, id, data.ActionPrint)
		code, _, errs := run(t, db, "badges", "--out", filepath.Join(dir, fmt.Sprintf("%d.pdf", id)), fmt.Sprint(id))
		if (code == 0) != (st.Print == data.Accepted) || (code != 0 && !strings.Contains(errs, why.String())) {
			t.Errorf("%s: accred badges %d: exit %d, %q; the rulebook says %s %q", st.Name, id, code, errs, st.Print, why)
		}
	}

	// accred badges --pending and accred reprint, each on a database of its
	// own in the same states.
	pendingDB, pending, pendingIDs := printStatesDB(t)
	before := map[string]data.Participant{}
	for _, st := range printstates.States {
		p, err := pending.Participant(ctx, pendingIDs[st.Name])
		if err != nil {
			t.Fatal(err)
		}
		before[st.Name] = p
	}
	if code, out, errs := run(t, pendingDB, "badges", "--pending", "--out", filepath.Join(dir, "pending.pdf")); code != 0 ||
		!strings.Contains(out, "1 approved participant still waits for security clearance") {
		t.Fatalf("accred badges --pending: %d %q %s", code, out, errs)
	}
	reprintDB, reprint, reprintIDs := printStatesDB(t)
	for _, st := range printstates.States {
		p, err := pending.Participant(ctx, pendingIDs[st.Name])
		if err != nil {
			t.Fatal(err)
		}
		if printed := p.Rev != before[st.Name].Rev; printed != (st.Print == data.Accepted) || printed && p.Status != data.StatusPrinted {
			t.Errorf("%s: accred badges --pending made them %s from %s; the rulebook says %s", st.Name, p.Status, before[st.Name].Status, st.Print)
		}
		id := reprintIDs[st.Name]
		_, why, _ := reprint.Decide(ctx, id, data.ActionReprint)
		code, _, errs := run(t, reprintDB, "reprint", fmt.Sprint(id), "--reason", "lost")
		if (code == 0) != (st.Reprint == data.Accepted) || (code != 0 && !strings.Contains(errs, why.String())) {
			t.Errorf("%s: accred reprint %d: exit %d, %q; the rulebook says %s %q", st.Name, id, code, errs, st.Reprint, why)
		}
	}
}
