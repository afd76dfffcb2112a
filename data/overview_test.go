package data_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"accred/data"
)

// hanoi is the time zone of the overview's test event.
var hanoi, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

// overviewEvent is a small event in Hanoi's time zone: three delegations
// and a journalist at every step from registered to collected, a programme
// on the first day and one session on the second, and scans at two doors,
// one of them before midnight UTC but on the event's local day. It is
// 08:20 on the first day when it returns.
func overviewEvent(t *testing.T) *data.Store {
	t.Helper()
	s := newStore(t)
	if err := s.SetTimezone(ctx, "Asia/Ho_Chi_Minh", ""); err != nil {
		t.Fatal(err)
	}
	local := func(day, h, m int) time.Time { return time.Date(2025, 10, day, h, m, 0, 0, hanoi) }
	session := func(code string, day, h, m int, length time.Duration) data.Session {
		return newSession(t, s, data.Session{Code: code, Title: "Session " + code, Kind: data.KindPlenary, Room: "Hall " + code,
			Starts: local(day, h, m), Ends: local(day, h, m).Add(length), EarlyMinutes: 30, Capacity: 3})
	}
	brief, plenary := session("BRIEF-1", 25, 6, 30, time.Hour), session("PLEN-1", 25, 8, 0, 2*time.Hour)
	for i, h := range []int{11, 14, 16, 17} {
		session(fmt.Sprintf("SEM-%d", i+2), 25, h, 0, time.Hour)
	}
	second := session("DAY2-1", 26, 9, 0, time.Hour)

	head := func(in data.ParticipantInput) data.ParticipantInput { in.HeadOfDelegation = true; return in }
	gender := func(g string, in data.ParticipantInput) data.ParticipantInput { in.Gender = g; return in }
	lan := printed(t, s, gender("female", head(delegate("Lan", "Nguyễn", "VN", "V1"))))
	minh := mustCreate(t, s, gender("male", delegate("Minh", "Trần", "VN", "V2")))
	hoa := mustCreate(t, s, gender("female", delegate("Hoa", "Lê", "VN", "V3")))
	jean := mustCreate(t, s, gender("male", head(delegate("Jean", "Dupont", "FR", "F1"))))
	marie := printed(t, s, gender("female", delegate("Marie", "Curie", "FR", "F2")))
	ade := printed(t, s, delegate("Ade", "Okafor", "NG", "N1"))
	silva := mustCreate(t, s, gender("female", data.ParticipantInput{Category: "media", FamilyName: "Silva", Nationality: "BR", MediaOutlet: "Globo", DocumentNumber: "M1"}))
	for _, p := range []data.Participant{lan, ade} {
		if _, err := s.CollectBadge(atDesk, p.ID, data.CollectInput{Document: map[int64]string{lan.ID: "V1", ade.ID: "N1"}[p.ID]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Approve(ctx, []int64{minh.ID, silva.ID}); err != nil {
		t.Fatal(err)
	}
	printBadge(t, s, minh.ID) // a door lets in only someone whose badge was printed
	if _, err := s.SetStatus(ctx, hoa.ID, data.StatusRejected, "duplicate"); err != nil {
		t.Fatal(err)
	}

	for _, scan := range []struct {
		at      time.Time
		session data.Session
		who     data.Participant
		door    string
	}{
		{local(25, 6, 10), brief, lan, "Door North"}, // 23:10 UTC the day before
		{local(25, 7, 40), plenary, minh, "Door North"},
		{local(25, 7, 50), plenary, marie, "Door South"},
		{local(25, 7, 55), plenary, jean, "Door South"}, // not approved: refused
		{local(25, 8, 5), plenary, ade, "Door North"},
		{local(25, 8, 10), plenary, lan, "Door North"}, // the room is full: refused
		{local(26, 8, 50), second, minh, "Door West"},  // another day
	} {
		s.Now = func() time.Time { return scan.at }
		if _, err := s.CheckIn(data.WithActor(ctx, data.System("door", "")), data.Scan{SessionID: scan.session.ID, ParticipantID: scan.who.ID, Station: scan.door}); err != nil {
			t.Fatal(err)
		}
	}
	s.Now = func() time.Time { return local(25, 8, 20) }
	return s
}

func TestOverviewCountsTheEvent(t *testing.T) {
	s := overviewEvent(t)
	o, err := s.Overview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if o.At.Location().String() != "Asia/Ho_Chi_Minh" || o.At.Format("15:04") != "08:20" {
		t.Errorf("read at %v", o.At)
	}
	funnel := func(f data.FunnelCount) string {
		return fmt.Sprintf("%s %d %d %d %d", f.Category.Code, f.Registered, f.Approved, f.Printed, f.Collected)
	}
	if got := funnel(o.Funnel[0]) + ", " + funnel(o.Funnel[2]); got != "delegate 5 4 4 2, media 1 1 0 0" {
		t.Errorf("funnel: %s", got)
	}
	if len(o.Funnel) != 7 || o.Funnel[1].Registered != 0 {
		t.Errorf("funnel of %d categories: %+v", len(o.Funnel), o.Funnel)
	}
	if o.PrintQueue != 1 || o.PrintedNotCollected != 2 || o.AwaitingClearance != 0 {
		t.Errorf("queue %d, printed not collected %d, awaiting clearance %d", o.PrintQueue, o.PrintedNotCollected, o.AwaitingClearance)
	}

	var delegations []string
	for _, d := range o.Delegations {
		delegations = append(delegations, fmt.Sprintf("%s %d/%d/%d/%d %v", d.Country, d.Registered, d.Heads, d.HeadsReady, d.Collected, d.StandsOut()))
	}
	if got := strings.Join(delegations, ", "); got != "FR 2/1/0/0 true, NG 1/0/0/1 true, VN 2/1/1/1 false" {
		t.Errorf("delegations: %s", got)
	}
	if !o.Delegations[0].NoHead() || !o.Delegations[0].NoneCollected() || !o.Delegations[1].NoHead() || o.Delegations[1].NoneCollected() {
		t.Errorf("flags: %+v", o.Delegations)
	}

	if len(o.Now) != 1 || o.Now[0].Session.Code != "PLEN-1" || o.Now[0].Session.Present != 3 || o.Now[0].Refused != 2 {
		t.Fatalf("sessions now: %+v", o.Now)
	}
	var last []string
	for _, l := range o.Now[0].Last {
		last = append(last, fmt.Sprintf("%s %s %s %s", l.At.Format("15:04"), l.Verdict, l.Station, l.Name))
	}
	if got := strings.Join(last, "; "); got != "08:10 REJECTED Door North NGUYỄN Lan; 08:05 ACCEPTED Door North Ade OKAFOR; "+
		"07:55 REJECTED Door South Jean DUPONT; 07:50 ACCEPTED Door South Marie CURIE; 07:40 ACCEPTED Door North TRẦN Minh" {
		t.Errorf("last scans: %s", got)
	}
	var next []string
	for _, n := range o.Next {
		next = append(next, n.Session.Code)
	}
	if strings.Join(next, " ") != "SEM-2 SEM-3 SEM-4" {
		t.Errorf("next: %v", next)
	}

	a := o.Arrivals
	if strings.Join(a.Doors, ", ") != "Door North, Door South" || len(a.Slots) != 9 || a.Slots[0].Format("15:04") != "06:00" ||
		a.Slots[8].Format("15:04") != "08:00" || a.Total() != 4 {
		t.Fatalf("arrivals: %+v", a)
	}
	if fmt.Sprint(a.Counts) != "[[1 0 0 0 0 0 1 0 1] [0 0 0 0 0 0 0 1 0]]" {
		t.Errorf("arrivals per door: %v", a.Counts)
	}

	if fmt.Sprint(o.Gender[0].Counts, o.Gender[2].Counts, o.HeadsGender.Counts) != "[2 2 0 1] [1 0 0 0] [1 1 0 0]" {
		t.Errorf("gender: %v %v, heads %v", o.Gender[0], o.Gender[2], o.HeadsGender)
	}
	if o.Gender[0].Name != "Delegate" || o.Gender[0].Total() != 5 || strings.Join(data.GenderNames(), ",") != "female,male,other,not stated" {
		t.Errorf("gender names: %+v %v", o.Gender[0], data.GenderNames())
	}
}

// TestOverviewOfAnEmptyEvent reads the overview of an event with nobody and
// no programme: zeros, not errors.
func TestOverviewOfAnEmptyEvent(t *testing.T) {
	s := newStore(t)
	o, err := s.Overview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Funnel) != 7 || o.Funnel[0].Registered != 0 || len(o.Delegations) != 0 || len(o.Now)+len(o.Next) != 0 ||
		o.Arrivals.Total() != 0 || len(o.Arrivals.Slots) != 0 || o.HeadsGender.Total() != 0 {
		t.Fatalf("empty overview: %+v", o)
	}
}

// TestOverviewQueueLeavesOutThoseAwaitingClearance counts an approved
// participant whose clearance is pending apart from the print queue, where
// the event requires clearance.
func TestOverviewQueueLeavesOutThoseAwaitingClearance(t *testing.T) {
	s := newStore(t)
	p := mustCreate(t, s, delegate("Ana", "Silva", "BR", "B1"))
	if err := s.Approve(ctx, []int64{p.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "clearance_required", "yes"); err != nil {
		t.Fatal(err)
	}
	o, err := s.Overview(ctx)
	if err != nil || o.PrintQueue != 0 || o.AwaitingClearance != 1 {
		t.Fatalf("queue %d, awaiting clearance %d, %v", o.PrintQueue, o.AwaitingClearance, err)
	}
}

// TestDelegationStandsOutOnlyWhenACoordinatorMustAct: red flags a missing
// head of delegation at any time, and badges nobody came for only once the
// doors have opened; before that, nobody's badge collected is the rule.
func TestDelegationStandsOutOnlyWhenACoordinatorMustAct(t *testing.T) {
	for name, c := range map[string]struct {
		d    data.DelegationCount
		want bool
	}{
		"before the event, head accredited, nothing collected": {data.DelegationCount{Registered: 5, Heads: 1, HeadsReady: 1, Waiting: 5}, false},
		"before the event, no head accredited":                 {data.DelegationCount{Registered: 5, Heads: 1, Waiting: 4}, true},
		"underway, badges waiting, nobody came":                {data.DelegationCount{Registered: 5, Heads: 1, HeadsReady: 1, Waiting: 5, Underway: true}, true},
		"underway, nothing printed yet":                        {data.DelegationCount{Registered: 5, Heads: 1, HeadsReady: 1, Underway: true}, false},
		"underway, someone came":                               {data.DelegationCount{Registered: 5, Heads: 1, HeadsReady: 1, Waiting: 4, Collected: 1, Underway: true}, false},
		"underway, no head accredited":                         {data.DelegationCount{Registered: 5, Collected: 5, Underway: true}, true},
	} {
		if got := c.d.StandsOut(); got != c.want {
			t.Errorf("%s: stands out %v, want %v", name, got, c.want)
		}
	}
}
