package data_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"accred/data"
	"accred/data/demo"
	"accred/data/pgtest"
	"accred/data/roster"
)

const benchParticipants = 100_000

// benchEngine is a kind of event database the benchmarks run on.
type benchEngine struct {
	name   string
	new    func(testing.TB) string // a new, empty event database, removed when the run ends
	shared func(testing.TB) string // a new, empty event database, kept for every run
}

// benchEngines are SQLite files and the throwaway PostgreSQL server.
var benchEngines = []benchEngine{
	{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "event.db") }, sharedFile},
	{"postgres", pgtest.Database, pgtest.SharedDatabase},
}

// onEachEngine runs bench as a sub-benchmark on each engine.
func onEachEngine(b *testing.B, bench func(b *testing.B, e benchEngine)) {
	for _, e := range benchEngines {
		b.Run(e.name, func(b *testing.B) { bench(b, e) })
	}
}

// sharedFile is a new SQLite file in a folder of its own, kept for every run.
func sharedFile(t testing.TB) string {
	dir, err := os.MkdirTemp("", "accred-bench")
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "demo.db")
}

// bigDemos are the Hanoi demos with 100,000 participants, one per engine.
var bigDemos = map[string]*struct {
	once sync.Once
	name string
	err  error
}{"sqlite": {}, "postgres": {}}

// bigDemo returns the name of a Hanoi demo database with 100,000
// participants on engine e, made once for all benchmarks.
func bigDemo(b *testing.B, e benchEngine) string {
	big := bigDemos[e.name]
	big.once.Do(func() {
		big.name = e.shared(b)
		s, err := data.Open(big.name)
		if err != nil {
			big.err = err
			return
		}
		defer s.Close()
		big.err = demo.Create(ctx, s, benchParticipants)
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.name
}

// keystrokes are what desk staff type, one letter at a time.
var keystrokes = func() []string {
	var qs []string
	for _, name := range []string{"nguyen van", "osullivan", "fontaine ebrard", "zhang", "ødegård", "al-farsi",
		"смирнова", "田中", "müller", "VN1000", "000123", "garcia lopez", "kowal", "tran thi"} {
		r := []rune(name)
		for i := 1; i <= len(r); i++ {
			qs = append(qs, string(r[:i]))
		}
	}
	return qs
}()

// BenchmarkSearchAsYouType measures one keystroke at the desk over 100,000
// participants: the search and the reading of the 100 rows the desk lists.
// Budget: 5 ms p99 on either engine.
func BenchmarkSearchAsYouType(b *testing.B) { onEachEngine(b, searchAsYouType) }

func searchAsYouType(b *testing.B, e benchEngine) {
	s, err := data.Open(bigDemo(b, e))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.LoadSearch(ctx); err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, _, err := s.FindParticipants(ctx, data.ParticipantFilter{Query: keystrokes[i%len(keystrokes)], Limit: 100}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportPercentiles(b, took)
}

// BenchmarkImport100k measures reading a 100,000-line CSV file and importing
// it in one transaction into a new event. Budget: 3 s on SQLite, 10 s on
// PostgreSQL.
func BenchmarkImport100k(b *testing.B) { onEachEngine(b, import100k) }

func import100k(b *testing.B, e benchEngine) {
	dir := b.TempDir()
	path := filepath.Join(dir, "participants.csv")
	writeCSV(b, path, demo.Participants(benchParticipants))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := data.Open(e.new(b))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.CreateEvent(ctx, data.Event{Name: "Bench", Starts: time.Now(), Ends: time.Now()}, nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rows, err := roster.Read(path)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := s.ImportParticipants(ctx, rows, false)
		if err != nil || rep.Created != benchParticipants {
			b.Fatalf("%+v %v", rep, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkOpenApp100k measures what the desktop app does before its window
// is usable: open the database, read the event and categories, load the
// search and list the first participants. Budget: 1 s on SQLite, 2 s on
// PostgreSQL.
func BenchmarkOpenApp100k(b *testing.B) { onEachEngine(b, openApp100k) }

func openApp100k(b *testing.B, e benchEngine) {
	path := bigDemo(b, e)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := data.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Event(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Categories(ctx); err != nil {
			b.Fatal(err)
		}
		list, total, err := s.FindParticipants(ctx, data.ParticipantFilter{Limit: 200})
		if err != nil || total != benchParticipants || len(list) != 200 {
			b.Fatalf("%d %d %v", len(list), total, err)
		}
		s.Close()
	}
}

func writeCSV(b *testing.B, path string, rows []data.ImportRow) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write([]string{"category", "title", "given_name", "family_name", "native_name", "nationality", "delegation",
		"organization", "organization_kind", "media_outlet", "position", "head_of_delegation", "email", "document_number"})
	for _, r := range rows {
		in := r.Input
		head := "no"
		if in.HeadOfDelegation {
			head = "yes"
		}
		w.Write([]string{in.Category, in.Title, in.GivenName, in.FamilyName, in.NativeName, in.Nationality, in.Delegation,
			in.Organization, in.OrganizationKind, in.MediaOutlet, in.Position, head, in.Email, in.DocumentNumber})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		b.Fatal(err)
	}
}

// reportPercentiles adds the median and 99th percentile of took, in ms.
func reportPercentiles(b *testing.B, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
