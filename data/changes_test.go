package data_test

import (
	"context"
	"testing"
	"time"

	"accred/data"
	"accred/data/pgtest"
)

// TestChangesReachEveryStation opens the same event twice, as two stations
// do, and registers someone at one: the other is told within a few
// readings, on either engine.
func TestChangesReachEveryStation(t *testing.T) {
	name := pgtest.EventDB(t)
	desk := openEvent(t, name)
	desk.Now = func() time.Time { return time.Date(2025, 9, 20, 10, 0, 0, 0, time.UTC) }
	portal, err := data.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer portal.Close()
	portal.Now = desk.Now
	data.ChangeInterval = 20 * time.Millisecond
	defer func() { data.ChangeInterval = time.Second }()
	watch, stop := context.WithCancel(ctx)
	changes := desk.Changes(watch)
	time.Sleep(50 * time.Millisecond) // the first reading
	vn, _ := mustInvite(t, portal, data.AffiliationDelegation, "VN")
	p, err := portal.SaveNominee(ctx, vn, 0, data.ParticipantInput{FamilyName: "Nguyễn", Nationality: "VN", DocumentNumber: "B1"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-changes:
		if c.Rev < p.Rev {
			t.Fatalf("told of revision %d, the change is %d", c.Rev, p.Rev)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the other station was not told")
	}
	if found, _, err := desk.FindParticipants(ctx, data.ParticipantFilter{Query: "nguyen"}); err != nil || len(found) != 1 || found[0].Invitation != vn.ID {
		t.Fatalf("the desk finds %+v %v", found, err)
	}
	stop()
	for range changes { // closed once the watch ends
	}
}
