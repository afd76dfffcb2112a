package data_test

import (
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
)

// BenchmarkOverview measures one reading of the overview, which the
// Overview tab does every two seconds, over the demo (3,170 participants)
// at 13:50 on its first day, after 3,000 admissions at four doors. Budget:
// 20 ms median on either engine: a hundredth of the two seconds between
// readings, so that the doors and desks sharing the database do not feel it.
func BenchmarkOverview(b *testing.B) { onEachEngine(b, overview) }

func overview(b *testing.B, e benchEngine) {
	s, err := data.Open(e.new(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := demo.Create(ctx, s, demo.DefaultParticipants); err != nil {
		b.Fatal(err)
	}
	admitAtFourDoors(b, s)
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		o, err := s.Overview(ctx)
		if err != nil || o.Arrivals.Total() == 0 {
			b.Fatalf("%v, %d arrivals", err, o.Arrivals.Total())
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, took)
}

// admitAtFourDoors lets the approved demo participants into the morning's
// opening ceremony, then into the afternoon's plenary until 13:50, by hand at four doors, a
// few seconds apart; the clock is left at 13:50.
func admitAtFourDoors(b *testing.B, s *data.Store) {
	list, err := s.BadgesToPrint(ctx, data.BadgeFilter{})
	if err != nil {
		b.Fatal(err)
	}
	doors := []string{"North 1", "North 2", "South 1", "South 2"}
	for _, code := range []string{"OPEN", "PLEN-1"} {
		x, err := s.Session(ctx, code)
		if err != nil {
			b.Fatal(err)
		}
		at := x.Opens()
		for i, p := range list[:min(len(list), 1500)] {
			at = at.Add(800 * time.Millisecond)
			s.Now = func() time.Time { return at }
			if _, err := s.CheckIn(data.WithActor(ctx, data.System("bench", "")), data.Scan{SessionID: x.ID, ParticipantID: p.ID, Station: doors[i%len(doors)]}); err != nil {
				b.Fatal(err)
			}
		}
	}
	loc, _ := time.LoadLocation(demo.TimeZone)
	now := time.Date(2025, 10, 25, 13, 50, 0, 0, loc)
	s.Now = func() time.Time { return now }
}
