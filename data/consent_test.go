package data_test

import (
	"testing"
	"time"

	"accred/data"
)

func TestConsentIsARealDateNotInTheFuture(t *testing.T) {
	s := newStore(t)
	s.StartClockAt(time.Date(2025, 10, 20, 9, 0, 0, 0, time.UTC))
	for _, bad := range []string{"20/10/2025", "2025-02-30", "1999-12-31", "yesterday", "2025-10-21", "2030-01-01"} {
		in := delegate("Ana", "Silva", "BR", "B1")
		in.ConsentOn = bad
		_, err := s.CreateParticipant(ctx, in)
		if f := data.ErrorFields(err); len(f) != 1 || f[0].Field != data.FieldConsent {
			t.Errorf("consent %q: %v", bad, err)
		}
	}
	in := delegate("Ana", "Silva", "BR", "B1")
	in.ConsentOn = " 2025-10-20 "
	p := mustCreate(t, s, in)
	if p.ConsentOn != "2025-10-20" {
		t.Fatalf("consent today: %q", p.ConsentOn)
	}
	in = p.Input()
	in.Position = "Minister"
	p, err := s.UpdateParticipant(ctx, p.ID, in)
	if err != nil || p.ConsentOn != "2025-10-20" {
		t.Fatalf("a correction lost the consent: %q %v", p.ConsentOn, err)
	}
	in = p.Input()
	in.ConsentOn = "2025-10-22"
	if _, err := s.UpdateParticipant(ctx, p.ID, in); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("a correction to a future consent: %v", err)
	}
	if got := mustParticipant(t, s, p.ID).ConsentOn; got != "2025-10-20" {
		t.Fatalf("a refused correction changed the consent to %q", got)
	}
}
