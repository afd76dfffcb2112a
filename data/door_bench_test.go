package data_test

import (
	"path/filepath"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
)

// BenchmarkScanToVerdict measures one scan at a door, from the scanned code
// to the verdict committed to disk (synchronous FULL), over the demo.
// Budget: 1 ms median, 5 ms p99. It also reports scans per second.
func BenchmarkScanToVerdict(b *testing.B) { scanToVerdict(b, false) }

// BenchmarkStationScanToVerdict is BenchmarkScanToVerdict at a station file,
// where each scan is also signed, chained to the one before.
func BenchmarkStationScanToVerdict(b *testing.B) { scanToVerdict(b, true) }

func scanToVerdict(b *testing.B, atStation bool) {
	s, err := data.Open(filepath.Join(b.TempDir(), "demo.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
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
	if err := s.MarkPrinted(ctx, printed, "bench"); err != nil {
		b.Fatal(err)
	}
	plenary, _ := s.Session(ctx, "PLEN-1")
	if atStation {
		path := filepath.Join(b.TempDir(), "door.station")
		if err := s.ExportStation(ctx, path, []int64{plenary.ID}); err != nil {
			b.Fatal(err)
		}
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
