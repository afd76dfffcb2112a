package demo

import (
	"context"
	"fmt"
	"time"

	"accred/data"
)

// TimeZone is the demo's local time.
const TimeZone = "Asia/Ho_Chi_Minh"

var seminarTopics = []string{
	"International cooperation in the investigation of cybercrime",
	"Electronic evidence across borders",
	"Protecting children online",
	"Capacity building for developing countries",
	"Human rights safeguards in the Convention",
	"Public–private partnership against online fraud",
	"Ransomware and critical infrastructure",
	"Asset recovery and crypto-assets",
}

var sideEventTopics = []string{
	"Cyber diplomacy in ASEAN", "Women in cybersecurity", "Youth and digital safety", "Cross-border data requests",
	"Cybercrime legislation in Africa", "Pacific islands resilience", "Latin American cooperation networks",
	"Open-source intelligence for investigators", "AI-generated abuse material", "Financial intelligence units",
	"Victim support services", "Training judges on e-evidence", "CERT cooperation", "Interpol operations update",
	"Model laws and the Convention", "Digital forensics laboratories", "Online scams in Southeast Asia",
	"Protecting journalists online", "Cloud providers and lawful access", "Mutual legal assistance in practice",
	"Darknet markets", "Election security", "Cyber insurance", "Research on cybercrime statistics",
	"Telecommunications fraud", "Child protection hotlines", "Academic network on cyber law", "Cyber hygiene campaigns",
	"Capacity building in the Mekong", "Regional 24/7 networks", "Private sector transparency reports",
	"Civil society and implementation", "Smart cities and security", "Crypto tracing tools", "Gulf cooperation",
	"Implementation roadmap", "Closing reception of the side events",
}

// programme returns the Hanoi programme of 25–26 October 2025: the opening
// and signing ceremony, the plenary of the high-level meeting, a heads of
// delegation meeting, 8 thematic seminars and 37 side events.
func programme(loc *time.Location) []data.Session {
	at := func(day, hour, minute int) time.Time { return time.Date(2025, 10, day, hour, minute, 0, 0, loc) }
	diplomats := []string{"delegate", "vip", "un", "organizer", "security"}
	list := []data.Session{
		{Code: "OPEN", Title: "Opening and signing ceremony", Kind: data.KindCeremony, Room: "Grand Hall, National Convention Centre",
			Starts: at(25, 9, 0), Ends: at(25, 11, 30), Capacity: 2800, EarlyMinutes: 60},
		{Code: "PLEN-1", Title: "High-level meeting, plenary 1 (general statements)", Kind: data.KindPlenary, Room: "Plenary Hall",
			Starts: at(25, 14, 0), Ends: at(25, 18, 0), Capacity: 2200, RecordsExits: true, EarlyMinutes: 30},
		{Code: "PLEN-2", Title: "High-level meeting, plenary 2 (general statements)", Kind: data.KindPlenary, Room: "Plenary Hall",
			Starts: at(26, 9, 0), Ends: at(26, 12, 30), Capacity: 2200, RecordsExits: true, EarlyMinutes: 30},
		{Code: "PLEN-3", Title: "High-level meeting, plenary 3 and closing", Kind: data.KindPlenary, Room: "Plenary Hall",
			Starts: at(26, 14, 0), Ends: at(26, 17, 30), Capacity: 2200, RecordsExits: true, EarlyMinutes: 30},
		{Code: "HOD", Title: "Meeting of heads of delegation", Kind: data.KindMeeting, Room: "Room 301",
			Starts: at(25, 12, 30), Ends: at(25, 13, 30), Capacity: 130, InvitationOnly: true, EarlyMinutes: 15},
	}
	for i, topic := range seminarTopics {
		day, slot := 25+i/4, i%4
		start := at(day, 14+2*(slot/2), 0)
		if day == 26 {
			start = at(day, 9+2*(slot/2), 30)
		}
		s := data.Session{Code: fmt.Sprintf("SEM-%d", i+1), Title: "Thematic seminar: " + topic, Kind: data.KindSeminar,
			Room: fmt.Sprintf("Seminar Room %c", 'A'+slot%2+2*(i%2)), Starts: start, Ends: start.Add(90 * time.Minute),
			Capacity: 150 + 50*(i%3), EarlyMinutes: 20}
		if i%3 == 2 {
			s.Categories = append([]string{"observer"}, diplomats...)
		}
		list = append(list, s)
	}
	for i, topic := range sideEventTopics {
		day := 25 + i%2
		start := at(day, 8+(i/2)%5*2, 0)
		if start.Hour() == 12 {
			start = start.Add(-30 * time.Minute)
		}
		s := data.Session{Code: fmt.Sprintf("SIDE-%d", i+1), Title: topic, Kind: data.KindSideEvent,
			Room: fmt.Sprintf("Side Room %d", 1+i%8), Starts: start, Ends: start.Add(75 * time.Minute),
			Capacity: 40 + 20*(i%5), EarlyMinutes: 15}
		switch {
		case i%6 == 5:
			s.InvitationOnly = true
		case i%4 == 3:
			s.Categories = diplomats
		}
		list = append(list, s)
	}
	for i := range list {
		list[i].Zone = zoneRequired[list[i].Code]
	}
	return list
}

// createProgramme saves the programme and invites the heads of delegation to
// their meeting and a few participants to each invitation-only side event.
func createProgramme(ctx context.Context, s *data.Store, loc *time.Location, participants int) error {
	sessions := programme(loc)
	if _, _, err := s.SaveSessions(ctx, sessions); err != nil {
		return fmt.Errorf("save programme: %w", err)
	}
	saved, err := s.Sessions(ctx)
	if err != nil {
		return err
	}
	all, _, err := s.FindParticipants(ctx, data.ParticipantFilter{Limit: participants})
	if err != nil {
		return err
	}
	for _, x := range saved {
		if !x.InvitationOnly {
			continue
		}
		var ids []int64
		for i, p := range all {
			if (x.Code == "HOD" && p.HeadOfDelegation) || (x.Code != "HOD" && int64(i)%int64(7+x.ID%5) == 0) {
				ids = append(ids, p.ID)
			}
		}
		if err := s.Invite(ctx, x.ID, ids); err != nil {
			return err
		}
	}
	return nil
}
