package data_test

import (
	"strings"
	"testing"

	"accred/data"
)

// printed registers a delegate and takes them to a printed badge.
func printed(t *testing.T, s *data.Store, in data.ParticipantInput) data.Participant {
	t.Helper()
	p := mustCreate(t, s, in)
	for _, st := range []data.Status{data.StatusApproved, data.StatusPrinted} {
		if _, err := s.SetStatus(ctx, p.ID, st, ""); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// atDesk is a context with an operator at a desk.
var atDesk = data.WithActor(ctx, data.System("lan", "desk-2"))

func TestCollectBadgeChecksTheDocument(t *testing.T) {
	s := newStore(t)
	p := printed(t, s, delegate("Ana", "Silva", "BR", "FX-123 456"))

	_, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: "FX123999"})
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "…999") || !strings.Contains(err.Error(), "…456") ||
		strings.Contains(err.Error(), "FX123") {
		t.Fatalf("the wrong document: %v; want EINVALID naming both numbers by their last 3 characters only", err)
	}
	if got, _ := s.Participant(ctx, p.ID); got.Status != data.StatusPrinted {
		t.Fatalf("a refused collection left the badge %s", got.Status)
	}
	if _, err := s.LastCollection(ctx, p.ID); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("a refused collection was recorded: %v", err)
	}

	got, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: "fx 123-456"})
	if err != nil || got.Status != data.StatusCollected {
		t.Fatalf("the registered document, typed otherwise: %+v %v", got, err)
	}
	c, err := s.LastCollection(ctx, p.ID)
	if err != nil || c.Document != "fx 123-456" || c.By != 0 || c.Station != "desk-2" || c.Operator != "lan" || c.Override || c.At.IsZero() {
		t.Fatalf("collection recorded as %+v, %v", c, err)
	}
	if _, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: "FX123456"}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("collected twice: %v", err)
	}
}

func TestCollectBadgeOverrideIsRecorded(t *testing.T) {
	s := newStore(t)
	p := printed(t, s, delegate("Ana", "Silva", "BR", "B111"))
	if _, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: "N999", Override: true}); err != nil {
		t.Fatal(err)
	}
	c, err := s.LastCollection(ctx, p.ID)
	if err != nil || !c.Override || c.Document != "N999" || c.Operator != "lan" {
		t.Fatalf("an override recorded as %+v, %v", c, err)
	}
	h, _ := s.StatusHistory(ctx, p.ID)
	if last := h[len(h)-1]; last.Status != data.StatusCollected || !strings.Contains(last.Note, "supervisor") {
		t.Errorf("the history reads %+v", last)
	}
}

func TestOnlyAPrintedBadgeIsCollected(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("Ana", "Silva", "BR", "B1"))
	s.SetStatus(ctx, p.ID, data.StatusApproved, "")
	_, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: "B1"})
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "only a printed badge") {
		t.Fatalf("an approved participant's badge: %v", err)
	}
	if _, err := s.CollectBadge(atDesk, 999, data.CollectInput{Document: "B1"}); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("nobody: %v", err)
	}
	if _, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: " - "}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("no document: %v", err)
	}
}

func TestFocalPointCollects(t *testing.T) {
	s := newStore(t)
	focal := printed(t, s, delegate("Ana", "Silva", "BR", "F1"))
	member := printed(t, s, delegate("Rui", "Costa", "BR", "M1"))
	stranger := printed(t, s, delegate("Jan", "Nowak", "PL", "P1"))

	if _, err := s.CollectBadge(atDesk, member.ID, data.CollectInput{Document: "M1", By: focal.ID}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("the member's document shown by the focal point: %v", err)
	}
	if _, err := s.CollectBadge(atDesk, stranger.ID, data.CollectInput{Document: "F1", By: focal.ID}); data.ErrorCode(err) != data.EINVALID ||
		!strings.Contains(err.Error(), "same delegation") {
		t.Fatalf("another delegation's badge: %v", err)
	}
	if got, _ := s.Participant(ctx, focal.ID); got.Status != data.StatusPrinted {
		t.Fatalf("a refused collection handed the focal point's badge over: %s", got.Status)
	}
	got, err := s.CollectBadge(atDesk, member.ID, data.CollectInput{Document: "F1", By: focal.ID})
	if err != nil || got.Status != data.StatusCollected {
		t.Fatalf("collected by the focal point: %+v %v", got, err)
	}
	if c, _ := s.LastCollection(ctx, member.ID); c.By != focal.ID || c.Document != "F1" {
		t.Errorf("the member's collection: %+v", c)
	}
	if c, err := s.LastCollection(ctx, focal.ID); err != nil || c.By != 0 {
		t.Errorf("the focal point, present, was not handed their own badge: %+v %v", c, err)
	}

	unprinted := mustCreate(t, s, delegate("Eva", "Lima", "BR", "E1"))
	other := printed(t, s, delegate("Leo", "Reis", "BR", "L1"))
	if _, err := s.CollectBadge(atDesk, other.ID, data.CollectInput{Document: "E1", By: unprinted.ID}); data.ErrorCode(err) != data.EINVALID ||
		!strings.Contains(err.Error(), "own badge") {
		t.Fatalf("a focal point without a badge: %v", err)
	}
}

func TestFocalPointCollectsTheDelegation(t *testing.T) {
	s := newStore(t)
	focal := printed(t, s, delegate("Ana", "Silva", "BR", "F1"))
	a := printed(t, s, delegate("Rui", "Costa", "BR", "M1"))
	b := printed(t, s, delegate("Eva", "Lima", "BR", "M2"))
	waiting := mustCreate(t, s, delegate("Leo", "Reis", "BR", "M3"))
	stranger := printed(t, s, delegate("Jan", "Nowak", "PL", "P1"))

	if _, err := s.CollectDelegation(atDesk, "PL", data.CollectInput{Document: "F1", By: focal.ID}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("another delegation: %v", err)
	}
	if _, err := s.CollectDelegation(atDesk, "br", data.CollectInput{Document: "M1", By: focal.ID}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("the wrong document: %v", err)
	}
	list, err := s.CollectDelegation(atDesk, "br", data.CollectInput{Document: "F1", By: focal.ID})
	if err != nil || len(list) != 3 || list[0].ID != focal.ID {
		t.Fatalf("the delegation collected: %+v %v", list, err)
	}
	for _, id := range []int64{a.ID, b.ID} {
		if c, _ := s.LastCollection(ctx, id); c.By != focal.ID {
			t.Errorf("%d collected as %+v", id, c)
		}
	}
	for _, p := range []data.Participant{waiting, stranger} {
		if got, _ := s.Participant(ctx, p.ID); got.Status == data.StatusCollected {
			t.Errorf("%s was collected with the delegation", got.FullName())
		}
	}
	if _, err := s.CollectDelegation(atDesk, "Brazil", data.CollectInput{Document: "F1", By: focal.ID}); data.ErrorCode(err) != data.EINVALID ||
		!strings.Contains(err.Error(), "No printed badge") {
		t.Fatalf("nothing left to collect: %v", err)
	}
}

func TestBadgeOfSomeoneRefusedClearanceIsNotHandedOver(t *testing.T) {
	s := newStore(t)
	p := printed(t, s, delegate("Ana", "Silva", "BR", "B1"))
	if err := s.SetSetting(ctx, "clearance_required", "yes"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{{Line: 2, DocumentNumber: "B1", Nationality: "BR", Result: "refused"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: "B1"}); data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "not accredited") {
		t.Fatalf("a refused person's badge: %v", err)
	}
}

// TestFocalPointCannotCollectARefusedBadge: a badge whose holder's
// clearance was refused stays at the desk when a focal point collects for
// the whole delegation, and the focal point's own refused badge too.
func TestFocalPointCannotCollectARefusedBadge(t *testing.T) {
	s := newStore(t)
	focal := printed(t, s, delegate("Ana", "Silva", "BR", "F1"))
	member := printed(t, s, delegate("Rui", "Costa", "BR", "M1"))
	if err := s.SetSetting(ctx, "clearance_required", "yes"); err != nil {
		t.Fatal(err)
	}
	refuse := func(doc string) {
		t.Helper()
		if _, err := s.ImportClearance(ctx, []data.ClearanceAnswer{{Line: 2, DocumentNumber: doc, Nationality: "BR", Result: "refused"}}); err != nil {
			t.Fatal(err)
		}
	}
	refuse("M1")
	if _, err := s.CollectDelegation(atDesk, "BR", data.CollectInput{Document: "F1", By: focal.ID}); data.ErrorCode(err) != data.EINVALID ||
		!strings.Contains(err.Error(), "not accredited") {
		t.Fatalf("a delegation with a refused member: %v", err)
	}
	if got, _ := s.Participant(ctx, member.ID); got.Status != data.StatusPrinted {
		t.Fatalf("the refused member's badge was handed over: %s", got.Status)
	}
	refuse("F1")
	other := printed(t, s, delegate("Eva", "Lima", "BR", "E1"))
	if _, err := s.CollectBadge(atDesk, other.ID, data.CollectInput{Document: "F1", By: focal.ID}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a refused focal point collecting: %v", err)
	}
	if got, _ := s.Participant(ctx, focal.ID); got.Status != data.StatusPrinted {
		t.Fatalf("the refused focal point's own badge was handed over: %s", got.Status)
	}
}
