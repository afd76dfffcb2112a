package data_test

import (
	"strings"
	"testing"
	"time"

	"accred/data"
)

// TestSecondDeskSavingOverAChangeIsRefused: two desks open the same person;
// the second to save is told who changed them, and when, instead of
// silently undoing the first desk's correction.
func TestSecondDeskSavingOverAChangeIsRefused(t *testing.T) {
	first := newStore(t)
	second := secondProgram(t, first)
	p := mustCreate(t, first, delegate("Anh", "Le", "VN", "C1"))
	seenByFirst, _ := first.Participant(ctx, p.ID)
	seenBySecond, _ := second.Participant(ctx, p.ID)

	at := time.Date(2025, 10, 25, 7, 2, 0, 0, time.UTC)
	first.Now = func() time.Time { return at }
	fix := seenByFirst.Input()
	fix.GivenName = "Anh Thu"
	byDesk3 := data.WithActor(ctx, data.System("desk-3", "counter 3"))
	if _, err := first.UpdateParticipant(byDesk3, p.ID, fix); err != nil {
		t.Fatal(err)
	}

	late := seenBySecond.Input()
	late.Position = "Adviser"
	_, err := second.UpdateParticipant(ctx, p.ID, late)
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "changed at 07:02 by desk-3") {
		t.Fatalf("saving over another desk's change: %v", err)
	}
	if now, _ := second.Participant(ctx, p.ID); now.GivenName != "Anh Thu" || now.Position != "" {
		t.Fatalf("after the refused save: %q, %q", now.GivenName, now.Position)
	}
	reloaded, _ := second.Participant(ctx, p.ID)
	again := reloaded.Input()
	again.Position = "Adviser"
	if saved, err := second.UpdateParticipant(ctx, p.ID, again); err != nil || saved.GivenName != "Anh Thu" || saved.Position != "Adviser" {
		t.Fatalf("saving after reloading: %+v %v", saved, err)
	}
}
