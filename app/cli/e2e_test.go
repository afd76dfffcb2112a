package cli

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"accred/data"
	"accred/data/pgtest"
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
			db := pgtest.EventDB(t)
			if code, _, errs := run(t, db, "demo", "--participants", "600"); code != 0 {
				t.Fatal(errs)
			}
			s, err := data.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			pending, _ := s.BadgesToPrint(ctx, data.BadgeFilter{})
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
			if layout == "a4" {
				cutSheets(t, pngs) // along the crop marks, as the badges are cut
			}
			codes := decodeAll(t, pngs)
			got := map[int64]bool{}
			for _, c := range codes {
				p, _, err := s.VerifyBadge(ctx, c)
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
	db := pgtest.EventDB(t)
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
	if code, _, errs := run(t, db, "verify", altered(second)); code != 1 || !strings.Contains(errs, "REFUSED") {
		t.Fatalf("an altered code: %d %q", code, errs)
	}
}

// altered is a badge code with one letter of its signed part changed.
func altered(code string) string {
	b := []byte(code)
	b[40] = map[bool]byte{true: 'B', false: 'A'}[b[40] == 'A']
	return string(b)
}

// TestEndToEndDoorVerdicts prints badges, scans them back with zbarimg and
// pipes the codes to 'accred checkin' at several doors, checking each verdict.
func TestEndToEndDoorVerdicts(t *testing.T) {
	needTools(t, "pdftoppm", "zbarimg")
	t.Setenv("ACCRED_NOW", "2025-10-25T14:10:00+07:00")
	dir := t.TempDir()
	db := pgtest.EventDB(t)
	run(t, db, "demo", "--participants", "60")
	programme := filepath.Join(dir, "programme.csv")
	os.WriteFile(programme, []byte("code,title,kind,room,starts_at,ends_at,capacity,categories,records_exits\n"+
		"ROOM-A,Open seminar,seminar,Room A,2025-10-25 14:00,2025-10-25 16:00,100,,yes\n"+
		"VIP,Leaders' lunch,meeting,Room V,2025-10-25 14:00,2025-10-25 16:00,,vip,no\n"+
		"SMALL,Small room,side-event,Room S,2025-10-25 14:00,2025-10-25 16:00,1,,no\n"+
		"LATER,Evening event,side-event,Room L,2025-10-25 18:00,2025-10-25 19:00,,,no\n"), 0o600)
	if code, out, errs := run(t, db, "sessions", "import", programme); code != 0 || !strings.Contains(out, "4 created") {
		t.Fatalf("sessions import: %d %q %q", code, out, errs)
	}
	pdf := filepath.Join(dir, "badges.pdf")
	if code, _, errs := run(t, db, "badges", "--out", pdf, "1", "2", "3"); code != 0 {
		t.Fatal(errs)
	}
	codes := scanBadges(t, db, pdf, 3)
	run(t, db, "reprint", "3", "--reason", "lost")
	forged := altered(codes[2])

	checkin := func(session string, lines ...string) []string {
		var out, errb bytes.Buffer
		code := Run(ctx, []string{"--db", db, "checkin", "--session", session, "--station", "door-test"},
			strings.NewReader(strings.Join(lines, "\n")+"\n"), &out, &errb)
		if code != 0 {
			t.Fatalf("checkin %s: %d %s", session, code, errb.String())
		}
		return strings.Split(strings.TrimSpace(out.String()), "\n")
	}
	expect := func(got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("verdicts %q, want %q", got, want)
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("verdict %d: %q, want %q…", i, got[i], want[i])
			}
		}
	}
	expect(checkin("ROOM-A", codes[1], codes[2], codes[1], codes[3], forged, "HELLO WORLD"),
		"ACCEPTED 1 ", "ACCEPTED 2 ", "ALREADY 1 ", "REJECTED 3 superseded", "REJECTED - signature does not match", "REJECTED - not an Accred badge code")
	expect(checkin("VIP", codes[1]), "REJECTED 1 category not admitted")
	expect(checkin("SMALL", codes[1], codes[2]), "ACCEPTED 1 ", "REJECTED 2 room full")
	expect(checkin("LATER", codes[1]), "REJECTED 1 too early")

	code, out, _ := run(t, db, "report", "attendance")
	if code != 0 || !strings.Contains(out, "ROOM-A,Open seminar,Room A,2025-10-25 14:00,100,2,2,3") {
		t.Fatalf("report: %q", out)
	}
	code, out, _ = run(t, db, "report", "attendance", "--session", "ROOM-A")
	if code != 0 || strings.Count(out, "\n") != 3 {
		t.Fatalf("who came: %q", out)
	}
	xlsx := filepath.Join(dir, "attendance.xlsx")
	if code, _, errs := run(t, db, "report", "attendance", "--format", "xlsx", "--out", xlsx); code != 0 {
		t.Fatal(errs)
	}
	if info, err := os.Stat(xlsx); err != nil || info.Size() == 0 || info.Mode().Perm() != 0o600 {
		t.Fatalf("xlsx report: %v", err)
	}
}

// scanBadges rasterises a PDF of one badge a page, reads every code back
// and returns the codes by participant, checking that each page gave one.
func scanBadges(t *testing.T, db, pdf string, pages int) map[int64]string {
	t.Helper()
	pngs := filepath.Join(filepath.Dir(pdf), "pages")
	os.Mkdir(pngs, 0o700)
	rasterise(t, pdf, pngs, pages)
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	codes := map[int64]string{}
	for _, c := range decodeAll(t, pngs) {
		p, _, err := s.VerifyBadge(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		codes[p.ID] = c
	}
	if len(codes) != pages {
		t.Fatalf("%d codes scanned from %d pages", len(codes), pages)
	}
	return codes
}

// cutSheets cuts every A4 page into its four badges: scanners read one badge
// at a time, and zbarimg sometimes misses one of several codes on a page.
func cutSheets(t *testing.T, dir string) {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	for _, page := range pages {
		f, err := os.Open(page)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		w, h := b.Dx()/2, b.Dy()/2
		for i, origin := range []image.Point{{0, 0}, {w, 0}, {0, h}, {w, h}} {
			part := img.(interface {
				SubImage(image.Rectangle) image.Image
			}).SubImage(image.Rectangle{Min: origin, Max: origin.Add(image.Pt(w, h))})
			out, err := os.Create(fmt.Sprintf("%s-%d.png", strings.TrimSuffix(page, ".png"), i))
			if err != nil {
				t.Fatal(err)
			}
			png.Encode(out, part)
			out.Close()
		}
		os.Remove(page)
	}
}
