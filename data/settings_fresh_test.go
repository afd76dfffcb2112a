package data_test

import (
	"testing"
	"time"

	"accred/data"
)

// TestSettingsReachAnotherStation: a door and a desk work on one event
// through stores of their own, as two stations do. A time zone or a door
// rule changed at the desk applies at the running door within 2 seconds,
// on either engine.
func TestSettingsReachAnotherStation(t *testing.T) {
	desk := newStore(t)
	door, err := data.Open(desk.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer door.Close()
	room := newSession(t, desk, seminar("SEM-1", "A", 14))
	p, q := mustCreate(t, desk, delegate("A", "Punctual", "VN", "1")), mustCreate(t, desk, delegate("B", "Later", "VN", "2"))
	desk.Approve(ctx, []int64{p.ID, q.ID})
	code, other := printBadge(t, desk, p.ID), printBadge(t, desk, q.ID)
	hanoi, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	door.Now = func() time.Time { return time.Date(2025, 10, 25, 14, 5, 0, 0, hanoi) }
	// In UTC, 14:05 in Hanoi is 07:05, before the door opens.
	if v, err := door.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: code, Station: "door-1"}); err != nil || v.Reason.Code != data.ReasonTooEarly {
		t.Fatalf("before the change: %s %s %v", v.Kind, v.Reason, err)
	}
	if err := desk.SetTimezone(ctx, "Asia/Ho_Chi_Minh", "the venue is in Hanoi"); err != nil {
		t.Fatal(err)
	}
	changed := time.Now()
	for {
		v, err := door.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: code, Station: "door-1"})
		if err != nil {
			t.Fatal(err)
		}
		if v.Kind == data.Accepted {
			break
		}
		if time.Since(changed) > 2*time.Second {
			t.Fatalf("2 s after the desk changed the time zone, the door still says %s %s", v.Kind, v.Reason)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := desk.SaveZones(ctx, []data.Zone{{Code: 7, Name: "Hall"}}); err != nil {
		t.Fatal(err)
	}
	if err := desk.SetDoorZone(ctx, "door-1", 7); err != nil {
		t.Fatal(err)
	}
	if v, err := door.CheckIn(ctx, data.Scan{SessionID: room.ID, Code: other, Station: "door-1"}); err != nil || v.Reason.Code != data.ReasonZone {
		t.Fatalf("the door's rule changed at the desk: %s %s %v", v.Kind, v.Reason, err)
	}
}
