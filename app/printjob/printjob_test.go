package printjob

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
	"accred/printing"
)

var ctx = context.Background()

func demoStore(t testing.TB, n int) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := demo.Create(ctx, s, n); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPrintSplitsLargeRunsAndMarksEveryone(t *testing.T) {
	s := demoStore(t, 60)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	path := filepath.Join(t.TempDir(), "run.pdf")
	files, err := Job{Store: s, Layout: printing.A6, Operator: "printer"}.printIn(ctx, list, path, 20)
	if err != nil {
		t.Fatal(err)
	}
	want := (len(list) + 19) / 20
	if len(files) != want || files[0] != path || filepath.Base(files[1]) != "run-2.pdf" {
		t.Fatalf("files %v, want %d", files, want)
	}
	for _, f := range files {
		if info, err := os.Stat(f); err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if left, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(left) != 0 {
		t.Fatalf("%d still waiting", len(left))
	}
}

func TestPrintLeavesNothingWhenItFails(t *testing.T) {
	s := demoStore(t, 30)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	if _, err := (Job{Store: s, Layout: printing.A6}).Print(ctx, list, "/nonexistent/folder/run.pdf"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("unwritable folder: %v", err)
	}
	if left, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(left) != len(list) {
		t.Fatal("a failed run marked badges printed")
	}
	dir := t.TempDir()
	cancel := Job{Store: s, Layout: printing.A6, Progress: func(done, total int) bool { return done < 5 }}
	if _, err := cancel.Print(ctx, list, filepath.Join(dir, "run.pdf")); err != printing.ErrCancelled {
		t.Fatalf("cancel: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a cancelled run left %v", entries)
	}
	if left, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(left) != len(list) {
		t.Fatal("a cancelled run marked badges printed")
	}
	// Someone approved in the list but rejected before the run ends.
	s.SetStatus(ctx, list[3].ID, data.StatusRejected, "desk", "")
	if _, err := (Job{Store: s, Layout: printing.A6}).Print(ctx, list, filepath.Join(dir, "run.pdf")); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("a participant changed during the run: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused run left %v", entries)
	}
}

func TestCheckWarnsOfLettersNoFontHas(t *testing.T) {
	list := []data.Participant{{ID: 1, FamilyName: "Srisuk", NativeName: "สมชาย ศรีสุข"}, {ID: 2, FamilyName: "Nguyễn"},
		{ID: 3, FamilyName: "Kumar", NativeName: "राजेश कुमार"}, {ID: 4, FamilyName: "Cohen", NativeName: "דוד כהן"}}
	w := Check(list)
	if len(w) != 2 || w[0].Participant.ID != 1 || w[1].Participant.ID != 3 {
		t.Fatalf("warnings %v", w)
	}
	// Every letter is named, vowel signs and marks included: none is printed.
	if string(w[0].Missing) != "สมชายศรีสุข" || string(w[1].Missing) != "राजेशकुमार" {
		t.Fatalf("missing %q and %q", string(w[0].Missing), string(w[1].Missing))
	}
}

// BenchmarkPrintRun20k prints 20,000 demo badges through a print run (four
// files) and reports the peak heap: it stays that of one file, whatever the
// size of the run.
func BenchmarkPrintRun20k(b *testing.B) {
	s := demoStore(b, 22_000)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	list = list[:20_000]
	var peak uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if i > 0 { // the first run marked them printed: make them wait again
			for _, p := range list {
				s.Reprint(ctx, p.ID, "bench", "bench")
			}
			list, _ = s.BadgesToPrint(ctx, data.BadgeFilter{IDs: ids(list)})
		}
		b.StartTimer()
		if _, err := (Job{Store: s, Layout: printing.A6}).Print(ctx, list, filepath.Join(b.TempDir(), "run.pdf")); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	close(stop)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(len(list))*float64(b.N)/b.Elapsed().Seconds(), "badges/s")
}

func ids(list []data.Participant) []int64 {
	out := make([]int64, len(list))
	for i, p := range list {
		out[i] = p.ID
	}
	return out
}
