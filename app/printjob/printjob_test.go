package printjob

import (
	"bytes"
	"context"
	"database/sql"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
	"accred/printing"
)

// ctx acts as the System, with every right, as the unrestricted command line does.
var ctx = data.WithActor(context.Background(), data.System("test", "test-station"))

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
	s.SetStatus(ctx, list[3].ID, data.StatusRejected, "")
	if _, err := (Job{Store: s, Layout: printing.A6}).Print(ctx, list, filepath.Join(dir, "run.pdf")); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("a participant changed during the run: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused run left %v", entries)
	}
}

func TestPrintNeverOverwritesAFile(t *testing.T) {
	s := demoStore(t, 60)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	dir := t.TempDir()
	path := filepath.Join(dir, "run.pdf")
	os.WriteFile(path, []byte("199 printed badges"), 0o600)
	_, err := Job{Store: s, Layout: printing.A6}.Print(ctx, list, path)
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "run (2).pdf") {
		t.Fatalf("existing file: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "199 printed badges" {
		t.Fatalf("the file now holds %q", got)
	}
	// A split run whose second file exists is refused before the first is written.
	os.Remove(path)
	os.WriteFile(filepath.Join(dir, "run-2.pdf"), []byte("5,000 printed badges"), 0o600)
	_, err = Job{Store: s, Layout: printing.A6}.printIn(ctx, list, path, 20)
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "run-2.pdf") {
		t.Fatalf("existing part: %v", err)
	}
	assertFiles(t, dir, "run-2.pdf")
	if left, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(left) != len(list) {
		t.Fatal("a refused run marked badges printed")
	}
	if name := freeName(path, len(list), 20); name != filepath.Join(dir, "run (2).pdf") {
		t.Fatalf("proposed %s", name)
	}
	if name := FreeName(filepath.Join(dir, "new.pdf"), len(list)); name != filepath.Join(dir, "new.pdf") {
		t.Fatalf("proposed %s for a free name", name)
	}
}

func TestPrintCleansWhatAKilledRunLeft(t *testing.T) {
	s := demoStore(t, 30)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	dir := t.TempDir()
	// What a run killed while writing run.pdf leaves (no program holds it).
	os.WriteFile(filepath.Join(dir, ".run.pdf.2741.accred-tmp"), []byte("%PDF-1.3 half"), 0o600)
	if _, err := (Job{Store: s, Layout: printing.A6}).Print(ctx, list, filepath.Join(dir, "again.pdf")); err != nil {
		t.Fatal(err)
	}
	assertFiles(t, dir, "again.pdf")
}

func TestPrintStopsAtAPhotoItCannotRead(t *testing.T) {
	s := demoStore(t, 30)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	var photo bytes.Buffer
	if err := png.Encode(&photo, image.NewGray(image.Rect(0, 0, 120, 160))); err != nil {
		t.Fatal(err)
	}
	victim := list[7]
	if err := s.SetPhoto(ctx, victim.ID, photo.Bytes()); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE photos SET jpeg = ? WHERE participant_id = ?`, []byte("not a picture"), victim.ID); err != nil {
		t.Fatal(err)
	}
	list, _ = s.BadgesToPrint(ctx, data.BadgeFilter{})
	dir := t.TempDir()
	_, err = Job{Store: s, Layout: printing.A6}.Print(ctx, list, filepath.Join(dir, "run.pdf"))
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), victim.FullName()) || !strings.Contains(err.Error(), victim.BadgeNumber()) {
		t.Fatalf("unreadable photo: %v", err)
	}
	assertFiles(t, dir)
	if left, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(left) != len(list) {
		t.Fatal("a run stopped by a photo marked badges printed")
	}
}

func TestPrintStopsWhenItsContextIsCancelled(t *testing.T) {
	s := demoStore(t, 30)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	dir := t.TempDir()
	cancelled, cancel := context.WithCancel(ctx)
	job := Job{Store: s, Layout: printing.A6, Progress: func(done, total int) bool {
		if done == 3 {
			cancel()
		}
		return true
	}}
	if _, err := job.Print(cancelled, list, filepath.Join(dir, "run.pdf")); err != printing.ErrCancelled {
		t.Fatalf("cancelled: %v", err)
	}
	assertFiles(t, dir)
	if left, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(left) != len(list) {
		t.Fatal("a cancelled run marked badges printed")
	}
}

// assertFiles checks that dir holds exactly the named files.
func assertFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	var got []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, "|") != strings.Join(names, "|") {
		t.Fatalf("%s holds %v, want %v", dir, got, names)
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
	s := demoStore(b, 25_000) // some are not approved, or wait for clearance
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	if len(list) < 20_000 {
		b.Fatalf("the demo has %d badges to print, not 20,000", len(list))
	}
	list = list[:20_000]
	var peak uint64
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
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
				s.Reprint(ctx, p.ID, "bench")
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
	<-stopped // peak is read once the sampling has ended
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

// TestPreviewDrawsTheBadgeAndRecordsNothing: the preview is an A6 page's
// image, and nobody is marked printed by it.
func TestPreviewDrawsTheBadgeAndRecordsNothing(t *testing.T) {
	s := demoStore(t, 5)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	raw, err := (Job{Store: s, Layout: printing.A6}).Preview(ctx, list[0], 72)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	// A6 is 105 × 148 mm: 298 × 420 dots at 72 an inch.
	if b := img.Bounds(); b.Dx() < 295 || b.Dx() > 300 || b.Dy() < 417 || b.Dy() > 422 {
		t.Fatalf("the preview is %v", b)
	}
	if again, _ := s.BadgesToPrint(ctx, data.BadgeFilter{}); len(again) != len(list) {
		t.Fatalf("the preview marked %d printed", len(list)-len(again))
	}
}

// TestPreviewFailsWhenThePhotoCannotBeRead: a photo whose read fails is an
// error, not a badge drawn without it; someone without a photo previews.
func TestPreviewFailsWhenThePhotoCannotBeRead(t *testing.T) {
	s := demoStore(t, 5)
	list, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
	var photo bytes.Buffer
	if err := png.Encode(&photo, image.NewGray(image.Rect(0, 0, 120, 160))); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPhoto(ctx, list[0].ID, photo.Bytes()); err != nil {
		t.Fatal(err)
	}
	withPhoto, err := s.Participant(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`ALTER TABLE photos RENAME TO photos_lost`); err != nil {
		t.Fatal(err)
	}
	job := Job{Store: s, Layout: printing.A6}
	if raw, err := job.Preview(ctx, withPhoto, 72); err == nil || raw != nil {
		t.Fatalf("a photo that cannot be read previewed: %d bytes, %v", len(raw), err)
	}
	if _, err := job.Preview(ctx, list[1], 72); err != nil {
		t.Fatalf("someone without a photo: %v", err)
	}
}
