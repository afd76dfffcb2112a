package main

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"accred/data"
)

// BenchmarkBadgesAgainstReportLab runs accred badges end to end, as a user
// runs it (the program started, the demo's database opened, every approved
// badge drawn into one A6 PDF, written, synced and marked printed), and, in
// the same run, the same badges (texts, colours and signed codes) drawn by
// ReportLab (testdata/reportlab_badges.py). It reports both times and how
// many times faster Accred is; the budget is 100.
func BenchmarkBadgesAgainstReportLab(b *testing.B) {
	python := reportLabPython(b)
	dir := b.TempDir()
	template := filepath.Join(dir, "demo.db")
	mustAccred(b, template, "demo")
	badges := badgesCSV(b, template, filepath.Join(dir, "badges.csv"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(dir, "run.db")
		raw, err := os.ReadFile(template)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(db, raw, 0o600); err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(dir, "badges.pdf")
		os.Remove(out)
		b.StartTimer()
		if printed := mustAccred(b, db, "badges", "--out", out); !strings.Contains(printed, "printed ") {
			b.Fatalf("accred badges: %q", printed)
		}
	}
	b.StopTimer()
	accred := b.Elapsed().Seconds() / float64(b.N)
	reportLab := reportLabOnce(b, python, badges, filepath.Join(dir, "reportlab.pdf"))
	b.ReportMetric(float64(badgeCount(b, badges)), "badges")
	b.ReportMetric(accred, "accred-s")
	b.ReportMetric(reportLab, "reportlab-s")
	b.ReportMetric(reportLab/accred, "x-reportlab")
}

var (
	reportLabRun  sync.Once
	reportLabTime float64
)

// reportLabOnce draws the badges with ReportLab once per benchmark run (it
// takes minutes) and returns how long it took.
func reportLabOnce(b *testing.B, python, badges, out string) float64 {
	reportLabRun.Do(func() {
		start := time.Now()
		if msg, err := exec.Command(python, filepath.Join("testdata", "reportlab_badges.py"), badges, out).CombinedOutput(); err != nil {
			b.Fatalf("ReportLab: %v\n%s", err, msg)
		}
		reportLabTime = time.Since(start).Seconds()
	})
	return reportLabTime
}

// reportLabPython is a Python 3 that has ReportLab (Debian's
// python3-reportlab), or the benchmark is skipped.
func reportLabPython(b *testing.B) string {
	for _, python := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(python, "-c", "import reportlab").Run() == nil {
			return python
		}
	}
	b.Skip("no Python 3 with ReportLab: apt-get install python3-reportlab")
	return ""
}

// badgesCSV writes what each badge the demo would print shows, with its
// signed code, for ReportLab to draw the same.
func badgesCSV(b *testing.B, db, path string) string {
	s, err := data.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := data.WithActor(context.Background(), data.System("bench", ""))
	list, err := s.BadgesToPrint(ctx, data.BadgeFilter{})
	if err != nil {
		b.Fatal(err)
	}
	categories, err := s.Categories(ctx)
	if err != nil {
		b.Fatal(err)
	}
	named := map[string]data.Category{}
	for _, c := range categories {
		named[c.Code] = c
	}
	rows := [][]string{{"name", "title", "affiliation", "category", "colour", "number", "zones", "code"}}
	for _, p := range list {
		code, err := s.BadgeCode(ctx, p.ID, data.PrintableIssue(p))
		if err != nil {
			b.Fatal(err)
		}
		zones, _, err := s.ParticipantZones(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		var codes []string
		for _, z := range zones {
			codes = append(codes, strconv.Itoa(z.Code))
		}
		c := named[p.Category]
		rows = append(rows, []string{p.BadgeName(), p.Title, p.Affiliation.Name, c.Name, c.Colour, p.BadgeNumber(), strings.Join(codes, " "), code})
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		b.Fatal(err)
	}
	return path
}

// badgeCount is how many badges the CSV holds.
func badgeCount(b *testing.B, path string) int {
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	return len(rows) - 1
}
