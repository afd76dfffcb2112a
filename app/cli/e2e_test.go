package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"accred/data"
)

// needTools returns the paths of external programs, skipping the test on a
// developer's machine without them; in CI ('make test' installs them) a
// missing tool fails the test.
func needTools(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed; 'make deps' installs it", n)
			}
			t.Skipf("%s is not installed; 'make deps' installs it", n)
		}
	}
}

// rasterise turns a PDF into PNG pages with pdftoppm, on every core.
func rasterise(t *testing.T, pdf, dir string, pages int) {
	t.Helper()
	workers := 2
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	per := (pages + workers - 1) / workers
	for w := 0; w < workers; w++ {
		first, last := w*per+1, min((w+1)*per, pages)
		if first > last {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := exec.Command("pdftoppm", "-r", "110", "-gray", "-png", "-f", fmt.Sprint(first), "-l", fmt.Sprint(last),
				pdf, filepath.Join(dir, "page")).CombinedOutput()
			if err != nil {
				errs <- fmt.Errorf("pdftoppm: %v: %s", err, out)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// decodeAll reads every QR code on the PNG pages with zbarimg.
func decodeAll(t *testing.T, dir string) []string {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	out, err := exec.Command("zbarimg", append([]string{"-q", "--raw", "-Sdisable", "-Sqrcode.enable"}, pages...)...).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	return strings.Fields(string(out))
}

// TestEndToEndPrintedBadgesScanBack prints the Hanoi demo's badges with the
// command line, rasterises every page, decodes every QR code with zbarimg
// and verifies each code: every printed participant comes back, once.
func TestEndToEndPrintedBadgesScanBack(t *testing.T) {
	needTools(t, "pdftoppm", "zbarimg")
	for _, layout := range []string{"a6", "id1", "a4"} {
		t.Run(layout, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "demo.db")
			if code, _, errs := run(t, db, "demo", "--participants", "600"); code != 0 {
				t.Fatal(errs)
			}
			s, err := data.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			pending, _ := s.BadgesToPrint(context.Background(), data.BadgeFilter{})
			var ids []string
			want := map[int64]bool{}
			for _, p := range pending[:min(len(pending), map[string]int{"a6": len(pending), "id1": 40, "a4": 40}[layout])] {
				ids = append(ids, fmt.Sprint(p.ID))
				want[p.ID] = true
			}
			pdf := filepath.Join(dir, layout+".pdf")
			if code, out, errs := run(t, db, append([]string{"badges", "--layout", layout, "--out", pdf}, ids...)...); code != 0 {
				t.Fatalf("badges: %s %s", out, errs)
			}
			pages := len(ids)
			if layout == "a4" {
				pages = (len(ids) + 3) / 4
			}
			pngs := filepath.Join(dir, layout)
			os.Mkdir(pngs, 0o700)
			rasterise(t, pdf, pngs, pages)
			codes := decodeAll(t, pngs)
			got := map[int64]bool{}
			for _, c := range codes {
				p, _, err := s.VerifyBadge(context.Background(), c)
				if err != nil {
					t.Errorf("scanned code %q refused: %v", c, err)
					continue
				}
				if got[p.ID] {
					t.Errorf("badge %s scanned twice", p.BadgeNumber())
				}
				got[p.ID] = true
			}
			if len(got) != len(want) {
				t.Fatalf("%d badges printed, %d scanned back", len(want), len(got))
			}
			for id := range want {
				if !got[id] {
					t.Errorf("badge %s did not scan back", data.BadgeNumber(id))
				}
			}
		})
	}
}

// TestEndToEndReprintRefusesTheLostBadge prints a badge, reprints it, and
// checks with 'accred verify' that the scanned old badge is refused and the
// new one accepted.
func TestEndToEndReprintRefusesTheLostBadge(t *testing.T) {
	needTools(t, "pdftoppm", "zbarimg")
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	run(t, db, "demo", "--participants", "50")
	scan := func(name string) string {
		pdf := filepath.Join(dir, name+".pdf")
		if code, out, errs := run(t, db, "badges", "--out", pdf, "1"); code != 0 {
			t.Fatalf("badges: %s %s", out, errs)
		}
		pngs := filepath.Join(dir, name)
		os.Mkdir(pngs, 0o700)
		rasterise(t, pdf, pngs, 1)
		codes := decodeAll(t, pngs)
		if len(codes) != 1 {
			t.Fatalf("%d codes on the badge", len(codes))
		}
		return codes[0]
	}
	first := scan("first")
	if code, out, _ := run(t, db, "verify", first); code != 0 || !strings.HasPrefix(out, "VALID\t1\t") {
		t.Fatalf("first badge: %d %q", code, out)
	}
	if code, _, errs := run(t, db, "badges", "--out", filepath.Join(dir, "again.pdf"), "1"); code != 1 || !strings.Contains(errs, "already printed") {
		t.Fatalf("printing the same badge again: %d %q", code, errs)
	}
	if code, out, errs := run(t, db, "reprint", "1", "--reason", "lost at the hotel"); code != 0 || !strings.Contains(out, "issue 2") {
		t.Fatalf("reprint: %d %q %q", code, out, errs)
	}
	second := scan("second")
	if code, _, errs := run(t, db, "verify", first); code != 1 || !strings.Contains(errs, "superseded") {
		t.Fatalf("the lost badge: %d %q", code, errs)
	}
	if code, out, _ := run(t, db, "verify", second); code != 0 || !strings.Contains(out, "issue 2") {
		t.Fatalf("the new badge: %d %q", code, out)
	}
	forged := []byte(second)
	sort.Slice(forged[10:20], func(i, j int) bool { return forged[10+i] < forged[10+j] })
	if string(forged) != second {
		if code, _, errs := run(t, db, "verify", string(forged)); code != 1 || !strings.Contains(errs, "REFUSED") {
			t.Fatalf("an altered code: %d %q", code, errs)
		}
	}
}
