package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/printstates"
)

// TestPrintingStationPicksWhomTheRulebookLets puts participants in every
// state a print run meets and chooses them at the printing station as its
// operator does: New badges for everyone, by badge number one by one and
// all at once, and Replace printed badges. The station picks whom
// Store.Decide (the desk's buttons) lets print or replace, and counts the
// others by the rulebook's reasons. The command line's side is
// TestCommandLineAndRulebookPickTheSameBadges, in app/cli.
func TestPrintingStationPicksWhomTheRulebookLets(t *testing.T) {
	u := newTestUI(t)
	ids := printstates.Make(t, ctx, u.store)
	var numbers []string
	var printable, replaceable []int64
	for _, st := range printstates.States {
		id := ids[st.Name]
		numbers = append(numbers, data.BadgeNumber(id))
		if verdict, why, err := u.store.Decide(ctx, id, data.ActionPrint); err != nil || verdict != st.Print || why.Code != st.PrintWhy {
			t.Errorf("%s: Decide(print) = %s %q %v, want %s %q", st.Name, verdict, why.Code, err, st.Print, st.PrintWhy)
		}
		if verdict, why, err := u.store.Decide(ctx, id, data.ActionReprint); err != nil || verdict != st.Reprint || why.Code != st.ReprintWhy {
			t.Errorf("%s: Decide(reprint) = %s %q %v, want %s %q", st.Name, verdict, why.Code, err, st.Reprint, st.ReprintWhy)
		}
		if st.Print == data.Accepted {
			printable = append(printable, id)
		}
		if st.Reprint == data.Accepted {
			replaceable = append(replaceable, id)
		}
	}

	b := u.badges
	var pending []func()
	hold := func(_ time.Duration, f func()) { pending = append(pending, f) }
	b.typing.later, b.replace.typing.later = hold, hold
	flush := func() {
		for _, f := range pending {
			f()
		}
		pending = nil
		b.work.wait()
	}
	u.tabs.Select(u.tab(tabBadges))
	b.work.wait()
	idsOf := func(list []data.Participant) []int64 {
		var out []int64
		for _, p := range list {
			out = append(out, p.ID)
		}
		slices.Sort(out)
		return out
	}
	if got := idsOf(b.selected); !slices.Equal(got, printable) {
		t.Errorf("everyone approved and not yet printed: the station picks %v, the rulebook %v\n%s", got, printable, b.summary.Text)
	}
	choose(b, b.who, whoNumbers)
	for _, st := range printstates.States {
		retype(b.numbers, data.BadgeNumber(ids[st.Name]))
		flush()
		if picked := len(b.selected) == 1; picked != (st.Print == data.Accepted) {
			t.Errorf("%s: the station's New badges picks them: %v\n%s", st.Name, picked, b.summary.Text)
		}
	}
	retype(b.numbers, strings.Join(numbers, " "))
	flush()
	if got := idsOf(b.selected); !slices.Equal(got, printable) {
		t.Errorf("all numbers: the station picks %v, the rulebook %v", got, printable)
	}
	for _, count := range []string{"2 badges to print", "2 already printed, left out", "1 not approved, left out.", "3 not accredited, left out.",
		"1 still waits for security clearance."} {
		if !strings.Contains(b.summary.Text, count) {
			t.Errorf("all numbers: the station says %q, without %q", b.summary.Text, count)
		}
	}
	retype(b.replace.numbers, strings.Join(numbers, " "))
	flush()
	if got := idsOf(b.replace.chosen); !slices.Equal(got, replaceable) {
		t.Errorf("Replace printed badges picks %v, the rulebook %v\n%s", got, replaceable, b.replace.note.Text)
	}
	for _, count := range []string{"2 badges to replace", "1 of the old badges was handed over", "4 have no printed badge yet", "3 not accredited, left out."} {
		if !strings.Contains(b.replace.note.Text, count) {
			t.Errorf("Replace printed badges says %q, without %q", b.replace.note.Text, count)
		}
	}
}
