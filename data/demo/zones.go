package demo

import "accred/data"

// Zones returns Hanoi's access zones and the categories that have each.
// Heads of delegation have the bilateral rooms besides their category's.
func Zones() []data.Zone {
	staff := []string{"un", "organizer", "security"}
	with := func(categories ...string) []string { return append(categories, staff...) }
	return []data.Zone{
		{Code: 1, Name: "Plenary floor", Categories: with("delegate", "observer", "vip")},
		{Code: 2, Name: "Delegates' lounge", Categories: with("delegate", "vip")},
		{Code: 3, Name: "Media centre", Categories: with("media")},
		{Code: 4, Name: "Bilateral rooms", Categories: with("vip")},
		{Code: 5, Name: "VIP", Categories: []string{"vip", "organizer", "security"}},
	}
}

// zoneRequired is the zone each session requires, by code: the plenary
// floor for the plenaries, the bilateral rooms for the heads of delegation.
var zoneRequired = map[string]int{"PLEN-1": 1, "PLEN-2": 1, "PLEN-3": 1, "HOD": 4}

// grantHeadsZones gives every head of delegation the bilateral rooms.
func grantHeadsZones(rows []data.ImportRow) {
	for i := range rows {
		if rows[i].Input.HeadOfDelegation {
			rows[i].Zones = &[]data.ZoneChange{{Zone: 4, Granted: true}}
		}
	}
}
