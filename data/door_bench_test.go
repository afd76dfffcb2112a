package data_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
)

// BenchmarkScanToVerdict measures one scan at a door, from the scanned code
// to the verdict committed durably, over the demo. Budget: 1 ms median and
// 5 ms p99 on SQLite, 2 ms and 10 ms on PostgreSQL. It also reports scans
// per second.
func BenchmarkScanToVerdict(b *testing.B) {
	onEachEngine(b, func(b *testing.B, e benchEngine) { scanToVerdict(b, e.new(b), false) })
}

// BenchmarkStationScanToVerdict is BenchmarkScanToVerdict at a station file,
// where each scan is also signed, chained to the one before.
func BenchmarkStationScanToVerdict(b *testing.B) {
	scanToVerdict(b, filepath.Join(b.TempDir(), "demo.db"), true)
}

// printedDemo makes the demo in the database name with every approved
// badge printed, and returns the store and the badges' codes.
func printedDemo(b *testing.B, name string) (*data.Store, []string) {
	s, err := data.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	if err := demo.Create(ctx, s, demo.DefaultParticipants); err != nil {
		b.Fatal(err)
	}
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	var codes []string
	var printed []data.Printed
	for _, p := range list {
		code, _ := s.BadgeCode(ctx, p.ID, 1)
		codes = append(codes, code)
		printed = append(printed, data.Printed{ID: p.ID, Issue: 1})
	}
	if err := s.MarkPrinted(ctx, printed); err != nil {
		b.Fatal(err)
	}
	return s, codes
}

func scanToVerdict(b *testing.B, name string, atStation bool) {
	s, codes := printedDemo(b, name)
	defer s.Close()
	plenary, _ := s.Session(ctx, "PLEN-1")
	if atStation {
		path := filepath.Join(b.TempDir(), "door.station")
		if err := s.ExportStation(ctx, path, []int64{plenary.ID}); err != nil {
			b.Fatal(err)
		}
		var err error
		if s, err = data.Open(path); err != nil {
			b.Fatal(err)
		}
		defer s.Close()
	}
	s.StartClockAt(plenary.Starts)
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		// Entries, then repeats, then exits and re-entries: every path of the door.
		_, err := s.CheckIn(ctx, data.Scan{SessionID: plenary.ID, Code: codes[i%len(codes)], Station: "bench", Exit: (i/len(codes))%3 == 2})
		if err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, took)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "scans/s")
}

// BenchmarkFourDoors measures four doors scanning at once, each the door of
// its own room and with its own connection to the event, every scan
// committed durably. Budget: 1,000 scans per second in all. The verdicts and
// the rooms' counts are checked at the end.
func BenchmarkFourDoors(b *testing.B) {
	onEachEngine(b, func(b *testing.B, e benchEngine) { fourDoors(b, e.new(b)) })
}

func fourDoors(b *testing.B, name string) {
	const doors = 4
	s, codes := printedDemo(b, name)
	defer s.Close()
	plenary, _ := s.Session(ctx, "PLEN-1")
	var rooms []data.Session
	for i := range doors {
		rooms = append(rooms, data.Session{Code: fmt.Sprintf("ROOM-%d", i+1), Title: "Working group", Kind: data.KindMeeting,
			Room: fmt.Sprintf("Room %d", i+1), Starts: plenary.Starts, Ends: plenary.Ends})
	}
	if _, _, err := s.SaveSessions(ctx, rooms); err != nil {
		b.Fatal(err)
	}
	type door struct {
		store    *data.Store
		session  data.Session
		codes    []string // its own badges: every door sees different people
		scans    int
		verdicts map[data.VerdictKind]int
		took     []time.Duration
		err      error
	}
	all := make([]*door, doors)
	for i := range all {
		d := &door{scans: b.N / doors, verdicts: map[data.VerdictKind]int{}}
		if i < b.N%doors {
			d.scans++
		}
		for j := i; j < len(codes); j += doors {
			d.codes = append(d.codes, codes[j])
		}
		var err error
		if d.store, err = data.Open(name); err != nil {
			b.Fatal(err)
		}
		defer d.store.Close()
		if d.session, err = d.store.Session(ctx, rooms[i].Code); err != nil {
			b.Fatal(err)
		}
		d.store.StartClockAt(plenary.Starts)
		all[i] = d
	}
	var wg sync.WaitGroup
	b.ResetTimer()
	for i, d := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range d.scans {
				start := time.Now()
				v, err := d.store.CheckIn(ctx, data.Scan{SessionID: d.session.ID, Code: d.codes[j%len(d.codes)], Station: fmt.Sprintf("door-%d", i+1)})
				if err != nil {
					d.err = err
					return
				}
				d.took = append(d.took, time.Since(start))
				d.verdicts[v.Kind]++
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	report, err := s.AttendanceReport(ctx)
	if err != nil {
		b.Fatal(err)
	}
	admitted := map[string]int{}
	for _, a := range report {
		admitted[a.Session.Code] = a.Admitted + a.Refused
	}
	var took []time.Duration
	for _, d := range all {
		if d.err != nil {
			b.Fatal(d.err)
		}
		in := min(d.scans, len(d.codes))
		want := map[data.VerdictKind]int{data.Accepted: in, data.Already: d.scans - in}
		if d.verdicts[data.Accepted] != want[data.Accepted] || d.verdicts[data.Already] != want[data.Already] || d.verdicts[data.Rejected] != 0 {
			b.Fatalf("%s: verdicts %v, want %v", d.session.Code, d.verdicts, want)
		}
		if admitted[d.session.Code] != in {
			b.Fatalf("%s: %d admitted or refused, want %d admitted", d.session.Code, admitted[d.session.Code], in)
		}
		took = append(took, d.took...)
	}
	reportPercentiles(b, took)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "scans/s")
}
