package data_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"accred/data"
	"accred/data/credential"
)

// printBadge prints a participant's badge as a print run does and returns its code.
func printBadge(t *testing.T, s *data.Store, id int64) string {
	t.Helper()
	p, err := s.Participant(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	issue := data.PrintableIssue(p)
	code, err := s.BadgeCode(ctx, id, issue)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPrinted(ctx, []data.Printed{{ID: id, Issue: issue}}); err != nil {
		t.Fatal(err)
	}
	return code
}

func TestPrintReprintVerify(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("Ana", "Silva", "BR", "B1"))
	if _, err := s.SetStatus(ctx, p.ID, data.StatusApproved, ""); err != nil {
		t.Fatal(err)
	}
	unprinted, _ := s.BadgeCode(ctx, p.ID, 1)
	if _, _, err := s.VerifyBadge(ctx, unprinted); !errors.Is(err, data.ErrNotIssued) {
		t.Fatalf("a code never printed: %v", err)
	}
	first := printBadge(t, s, p.ID)
	got, c, err := s.VerifyBadge(ctx, first)
	if err != nil || got.ID != p.ID || c.Issue != 1 || got.Status != data.StatusPrinted {
		t.Fatalf("first badge: %+v %+v %v", got, c, err)
	}
	if _, err := s.Reprint(ctx, p.ID, "  "); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("reprint without reason: %v", err)
	}
	r, err := s.Reprint(ctx, p.ID, "lost at the hotel")
	if err != nil || r.BadgeIssue != 2 || r.Status != data.StatusApproved {
		t.Fatalf("reprint: %+v %v", r, err)
	}
	if _, _, err := s.VerifyBadge(ctx, first); !errors.Is(err, data.ErrSuperseded) {
		t.Fatalf("the lost badge: %v", err)
	}
	second := printBadge(t, s, p.ID)
	if _, c, err := s.VerifyBadge(ctx, second); err != nil || c.Issue != 2 {
		t.Fatalf("the new badge: %v", err)
	}
	if _, err := s.Reprint(ctx, 999, "lost"); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("reprint of nobody: %v", err)
	}
	if _, err := s.SetStatus(ctx, p.ID, data.StatusWithdrawn, ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.VerifyBadge(ctx, second); !errors.Is(err, data.ErrNotAccredited) {
		t.Fatalf("a withdrawn participant's badge: %v", err)
	}
}

func TestReprintNeedsAPrintedBadge(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("Ana", "Silva", "BR", "B1"))
	if _, err := s.Reprint(ctx, p.ID, "lost"); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("reprint before printing: %v", err)
	}
}

func TestMarkPrintedIsAllOrNothing(t *testing.T) {
	s := newStore(t)
	a := mustCreate(t, s, delegate("A", "One", "FR", "1"))
	b := mustCreate(t, s, delegate("B", "Two", "FR", "2"))
	s.Approve(ctx, []int64{a.ID})
	err := s.MarkPrinted(ctx, []data.Printed{{ID: a.ID, Issue: 1}, {ID: b.ID, Issue: 1}})
	if data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("marking an unapproved participant printed: %v", err)
	}
	if p, _ := s.Participant(ctx, a.ID); p.Status != data.StatusApproved || p.BadgeIssue != 0 {
		t.Fatalf("half a batch stayed behind: %+v", p)
	}
}

// TestMarkPrintedRecordsALongRun marks a run longer than the store's
// batches printed: everyone in it is printed, once, with a line in the
// trail each; a run naming someone unknown at its end marks nobody.
func TestMarkPrintedRecordsALongRun(t *testing.T) {
	s := newStore(t)
	const run = 1201
	var ids []int64
	for i := range run {
		ids = append(ids, mustCreate(t, s, delegate("A", fmt.Sprint("Delegate", i), "FR", fmt.Sprint("D", i))).ID)
	}
	if err := s.Approve(ctx, ids); err != nil {
		t.Fatal(err)
	}
	printed := make([]data.Printed, run)
	for i, id := range ids {
		printed[i] = data.Printed{ID: id, Issue: 1, File: "run.pdf"}
	}
	if err := s.MarkPrinted(ctx, append(printed[:run:run], data.Printed{ID: 99999, Issue: 1})); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("a run naming someone unknown: %v", err)
	}
	if p, _ := s.Participant(ctx, ids[0]); p.Status != data.StatusApproved {
		t.Fatalf("a refused run marked %s printed", p.FullName())
	}
	if err := s.MarkPrinted(ctx, printed); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{ids[0], ids[499], ids[500], ids[run-1]} {
		p, err := s.Participant(ctx, id)
		if err != nil || p.Status != data.StatusPrinted || p.BadgeIssue != 1 {
			t.Fatalf("after the run: %+v %v", p, err)
		}
	}
	trail, err := s.AuditTrail(ctx, data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, e := range trail {
		if e.Action == data.AuditPrint && e.New == "run.pdf" {
			lines++
		}
	}
	if lines != run {
		t.Fatalf("%d print lines in the trail for %d badges", lines, run)
	}
	if err := s.MarkPrinted(ctx, printed[run-1:]); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("the same badge marked twice: %v", err)
	}
}

func TestVerifyRefusesForeignAndForgedCodes(t *testing.T) {
	s := newStore(t)
	other := newStore(t)
	p := mustCreate(t, s, delegate("A", "One", "FR", "1"))
	s.Approve(ctx, []int64{p.ID})
	code := printBadge(t, s, p.ID)
	o := mustCreate(t, other, delegate("A", "One", "FR", "1"))
	other.Approve(ctx, []int64{o.ID})
	foreign := printBadge(t, other, o.ID)
	altered := []byte(code)
	altered[30] = map[bool]byte{true: 'B', false: 'A'}[altered[30] == 'A']
	cases := map[string]error{
		foreign:            credential.ErrOtherKey,
		string(altered):    credential.ErrForged,
		"HELLO":            credential.ErrMalformed,
		code[:len(code)-1]: credential.ErrMalformed,
	}
	for c, want := range cases {
		if _, _, err := s.VerifyBadge(ctx, c); !errors.Is(err, want) {
			t.Errorf("%q: %v, want %v", c, err, want)
		}
	}
	// A genuine code for a participant this database does not hold.
	ghost, _ := s.BadgeCode(ctx, 4242, 1)
	if _, _, err := s.VerifyBadge(ctx, ghost); !errors.Is(err, data.ErrUnknownBadge) {
		t.Fatalf("unknown participant: %v", err)
	}
}

func TestBadgesToPrint(t *testing.T) {
	s := newStore(t)
	a := mustCreate(t, s, delegate("A", "One", "FR", "1"))
	b := mustCreate(t, s, delegate("B", "Two", "DE", "2"))
	mustCreate(t, s, delegate("C", "Three", "DE", "3"))
	s.Approve(ctx, []int64{a.ID, b.ID})
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	if len(list) != 2 {
		t.Fatalf("pending: %d", len(list))
	}
	printBadge(t, s, a.ID)
	if list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(list) != 1 || list[0].ID != b.ID {
		t.Fatalf("pending after printing one: %v", list)
	}
	if list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{Printed: true}); len(list) != 2 {
		t.Fatalf("with printed: %v", list)
	}
	if list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{Affiliation: b.Affiliation.ID, Printed: true}); len(list) != 1 {
		t.Fatalf("one delegation: %v", list)
	}
}

func TestReprintBadgesIsAllOrNothing(t *testing.T) {
	s := newStore(t)
	a := mustCreate(t, s, delegate("A", "One", "FR", "1"))
	b := mustCreate(t, s, delegate("B", "Two", "FR", "2"))
	c := mustCreate(t, s, delegate("C", "Three", "FR", "3"))
	if err := s.Approve(ctx, []int64{a.ID, b.ID, c.ID}); err != nil {
		t.Fatal(err)
	}
	first := printBadge(t, s, a.ID)
	printBadge(t, s, c.ID)
	// b was never printed: the batch is refused whole, naming b.
	err := s.ReprintBadges(ctx, []int64{a.ID, b.ID, c.ID}, "printed again")
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), b.BadgeNumber()) {
		t.Fatalf("a batch with an unprinted badge: %v", err)
	}
	for _, id := range []int64{a.ID, c.ID} {
		if p, _ := s.Participant(ctx, id); p.BadgeIssue != 1 || p.Status != data.StatusPrinted {
			t.Fatalf("half a batch stayed behind: %s is %s, issue %d", p.BadgeNumber(), p.Status, p.BadgeIssue)
		}
	}
	if _, _, err := s.VerifyBadge(ctx, first); err != nil {
		t.Fatalf("a refused batch made a badge invalid: %v", err)
	}
	if err := s.ReprintBadges(ctx, []int64{a.ID, c.ID}, "printed again"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{a.ID, c.ID} {
		if p, _ := s.Participant(ctx, id); p.BadgeIssue != 2 || p.Status != data.StatusApproved {
			t.Fatalf("after the batch %s is %s, issue %d", p.BadgeNumber(), p.Status, p.BadgeIssue)
		}
	}
	if _, _, err := s.VerifyBadge(ctx, first); !errors.Is(err, data.ErrSuperseded) {
		t.Fatalf("the replaced badge: %v", err)
	}
}
