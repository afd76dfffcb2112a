package printing

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"accred/data"
)

// sampleOverview is an overview at 08:20 in Hanoi: two categories, a
// session open with its last scans, one next, two doors, and 60
// delegations, one with no head and one with nobody collected.
func sampleOverview() data.Overview {
	hanoi, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	at := time.Date(2025, 10, 25, 8, 20, 0, 0, hanoi)
	cats := data.DefaultCategories()
	o := data.Overview{At: at, PrintQueue: 12, AwaitingClearance: 3, PrintedNotCollected: 40,
		Funnel: []data.FunnelCount{{Category: cats[0], Registered: 120, Approved: 100, Printed: 80, Collected: 45},
			{Category: cats[1]}, {Category: cats[2], Registered: 30, Approved: 20, Printed: 10, Collected: 5}},
		Gender:      []data.GenderCount{{Name: "Delegate", Counts: []int{50, 60, 1, 9}}, {Name: "Media", Counts: []int{15, 15, 0, 0}}},
		HeadsGender: data.GenderCount{Name: "heads", Counts: []int{7, 21, 0, 2}},
	}
	plenary := data.Session{Code: "PLEN-1", Title: "Plenary", Room: "Hall", Starts: at.Add(-20 * time.Minute), Ends: at.Add(2 * time.Hour), Capacity: 100, Present: 95}
	o.Now = []data.SessionNow{{Session: plenary, Refused: 4, Last: []data.ScanLine{
		{At: at.Add(-time.Minute), Name: "Thị Hồng Nguyễn", Verdict: data.Accepted, Station: "Cửa Bắc"},
		{At: at.Add(-2 * time.Minute), Verdict: data.Rejected, Station: "Door South"}}}}
	o.Next = []data.SessionNow{{Session: data.Session{Code: "SEM-2", Title: "Seminar", Room: "Room A", Starts: at.Add(3 * time.Hour), Ends: at.Add(4 * time.Hour)}}}
	o.Arrivals = data.Arrivals{Doors: []string{"Cửa Bắc", "Door South"}, Slots: []time.Time{at.Add(-45 * time.Minute), at.Add(-30 * time.Minute), at.Add(-15 * time.Minute)},
		Counts: [][]int{{5, 12, 3}, {0, 7, 9}}}
	o.Delegations = append(o.Delegations, data.DelegationCount{Name: "Côte d'Ivoire", Country: "CI", Registered: 3, Heads: 1}, data.DelegationCount{Name: "Nigeria", Country: "NG", Registered: 2, Heads: 1, HeadsReady: 1, Waiting: 2, Underway: true})
	for i := range 58 {
		o.Delegations = append(o.Delegations, data.DelegationCount{Name: "Delegation " + string(rune('A'+i%26)) + string(rune('a'+i/26)), Registered: 5, Heads: 1, HeadsReady: 1, Collected: 2, Underway: true})
	}
	return o
}

func TestOverviewChartsArePNGs(t *testing.T) {
	o := sampleOverview()
	for _, c := range Charts {
		for _, ov := range []data.Overview{o, {}} {
			raw, err := DrawChart(c, ov, English, PlainNumbers, 600, 300)
			if err != nil {
				t.Fatalf("%s: %v", c.Name(), err)
			}
			img, err := png.Decode(bytes.NewReader(raw))
			if err != nil || img.Bounds().Dx() != 600 || img.Bounds().Dy() != 300 {
				t.Fatalf("%s: %v %v", c.Name(), img.Bounds(), err)
			}
		}
	}
}

func TestOverviewPDFReadsBack(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils, make deps) is not installed")
		}
		t.Skip("pdftotext (poppler-utils, make deps) is not installed")
	}
	var doc bytes.Buffer
	ev := data.Event{Name: "Hanoi Convention", Starts: time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)}
	if err := OverviewPDF(&doc, OverviewPage{Event: ev, Overview: sampleOverview()}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "overview.pdf")
	if err := os.WriteFile(path, doc.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Hanoi Convention", "Overview", "2025-10-25 08:20 (Asia/Ho_Chi_Minh)", "Print queue: 12", "Awaiting clearance: 3",
		"Printed, not collected: 40", "Sessions now", "PLEN-1", "Inside 95 / 100", "Refused scans: 4", "Thị Hồng Nguyễn", "(Cửa Bắc)",
		"unknown badge", "Next sessions", "SEM-2", "Need attention: 2", "Côte d'Ivoire", "not accredited"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}
	if !regexpLine(text, `Delegate\s+120\s+100\s+80\s+45`) || regexpLine(text, `Observer\s+0`) {
		t.Error("the funnel's table is not as counted, or shows an empty category")
	}
	// Those that stand out come first, as given; the last delegation is on the second page or later.
	if strings.Index(text, "Côte d'Ivoire") > strings.Index(text, "Nigeria") || !strings.Contains(text, "Delegation Fb") {
		t.Error("the delegations are not all listed in their order")
	}
	var again bytes.Buffer
	OverviewPDF(&again, OverviewPage{Event: ev, Overview: sampleOverview()})
	if !bytes.Equal(doc.Bytes(), again.Bytes()) {
		t.Error("the same overview gave another file")
	}
}

// regexpLine reports whether a line of text matches pattern.
func regexpLine(text, pattern string) bool {
	return regexp.MustCompile(`(?m)^\s*` + pattern).MatchString(text)
}
