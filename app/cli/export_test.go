package cli

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"accred/data"
	"accred/data/pgtest"
)

// ctx acts as the System, with every right, as the unrestricted command line does.
var ctx = data.WithActor(context.Background(), data.System("test", "test-station"))

// openDB opens a database a test made with the command line.
func openDB(t *testing.T, db string) *data.Store {
	t.Helper()
	s, err := data.OpenAt(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// portrait is a PNG picture of w × h pixels.
func portrait(t *testing.T, w, h int, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), shade, uint8(y), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// exportedEvent is a demo event with photos, and a participant whose every
// field is filled, some with text a spreadsheet would run as a formula.
func exportedEvent(t *testing.T, dir string) (db string, s *data.Store) {
	t.Helper()
	db = pgtest.EventDB(t)
	if code, _, errs := run(t, db, "demo", "--participants", "120"); code != 0 {
		t.Fatal(errs)
	}
	s = openDB(t, db)
	for i, id := range []int64{1, 7, 50} {
		if err := s.SetPhoto(ctx, id, portrait(t, 300+i*100, 400+i*300, uint8(40*i))); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "odd.csv")
	os.WriteFile(file, []byte("category,title,given_name,family_name,native_name,nationality,delegation,position,head_of_delegation,rank,gender,"+
		"email,document_number,zones,date_of_birth,place_of_birth\n"+
		"delegate,\"=HYPERLINK(\"\"http://x\"\")\",'@Ann,-Dash,+plus,FR,FR,\"Adviser, \"\"legal\"\"\",no,7,other,ann@example.org,FR-99,+4 -1,1961-02-03,Lyon\n"), 0o600)
	if code, _, errs := run(t, db, "import", file); code != 0 {
		t.Fatal(errs)
	}
	return db, s
}

// sameRoster fails unless two events hold the same people in the same
// order: every field the import file sets, their zones and their photos'
// bytes.
func sameRoster(t *testing.T, from, to *data.Store) {
	t.Helper()
	want, err := from.Roster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := to.Roster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d people came back of %d", len(got), len(want))
	}
	photos := 0
	for i := range want {
		w, g := want[i].Input(), got[i].Input()
		w.Version, g.Version = 0, 0
		if w != g {
			t.Fatalf("line %d came back as\n%+v\nnot\n%+v", i+1, g, w)
		}
		if data.FormatZoneChanges(got[i].Zones) != data.FormatZoneChanges(want[i].Zones) {
			t.Fatalf("%s's zones came back as %v, not %v", w.FamilyName, got[i].Zones, want[i].Zones)
		}
		if got[i].HasPhoto != want[i].HasPhoto {
			t.Fatalf("%s's photo: %v, not %v", w.FamilyName, got[i].HasPhoto, want[i].HasPhoto)
		}
		if want[i].HasPhoto {
			photos++
			a, _ := from.Photo(ctx, want[i].ID)
			b, _ := to.Photo(ctx, got[i].ID)
			if !bytes.Equal(a, b) {
				t.Fatalf("%s's photo came back with other bytes", w.FamilyName)
			}
		}
	}
	if photos != 3 {
		t.Fatalf("%d photos compared", photos)
	}
}

// newEventLike is a new event with the zones of s, ready to import into.
func newEventLike(t *testing.T, s *data.Store) (string, *data.Store) {
	t.Helper()
	db := pgtest.EventDB(t)
	if code, _, errs := run(t, db, "init", "--event", "Next Summit", "--start", "2026-10-25", "--end", "2026-10-26"); code != 0 {
		t.Fatal(errs)
	}
	to := openDB(t, db)
	zones, err := s.Zones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := to.SaveZones(ctx, zones); err != nil {
		t.Fatal(err)
	}
	return db, to
}

func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db, s := exportedEvent(t, dir)
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			os.Mkdir(filepath.Join(dir, format), 0o700)
			out := filepath.Join(dir, format, "everyone."+format)
			code, said, errs := run(t, db, "export", "participants", "--out", out)
			if code != 0 || !strings.Contains(said, "exported 121 participants to "+out+", 3 photos to "+filepath.Join(dir, format, "everyone-photos")) {
				t.Fatalf("export: %d %q %q", code, said, errs)
			}
			if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
				t.Fatalf("the file: %v %v", info, err)
			}
			next, to := newEventLike(t, s)
			if code, said, errs := run(t, next, "import", out); code != 0 || !strings.Contains(said, "121 created") {
				t.Fatalf("import: %d %q %q", code, said, errs)
			}
			sameRoster(t, s, to)
			if code, said, _ := run(t, next, "import", out); code != 0 || !strings.Contains(said, "121 unchanged") {
				t.Fatalf("imported again: %q", said)
			}
		})
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "csv", "everyone.csv"))
	for _, want := range []string{`'=HYPERLINK(""http://x"")`, ",'@Ann,'-Dash,'+plus,", "'-1 +4", "everyone-photos/000007.jpg"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("the CSV file does not read %s", want)
		}
	}
}

func TestExportToStandardOutputAndByDelegation(t *testing.T) {
	dir := t.TempDir()
	db, s := exportedEvent(t, dir)
	code, csv, errs := run(t, db, "export", "participants")
	if code != 0 || !strings.Contains(errs, "photos are not written to standard output") || strings.Contains(csv, ".jpg") ||
		strings.Count(csv, "\n") != 122 {
		t.Fatalf("to standard output: %d %q", code, errs)
	}
	code, csv, errs = run(t, db, "export", "participants", "--delegation", "france")
	if code != 0 || errs != "" {
		t.Fatalf("the French delegation: %d %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if !strings.HasPrefix(lines[0], "category,title,given_name,family_name,native_name,nationality,delegation,") || len(lines) < 3 {
		t.Fatalf("the French delegation: %q", csv)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, ",FR,FR,") {
			t.Fatalf("not of the French delegation: %q", l)
		}
	}

	folder := filepath.Join(dir, "focal points")
	code, said, errs := run(t, db, "export", "participants", "--by-delegation", "--format", "xlsx", "--out", folder)
	if code != 0 || !strings.Contains(said, "exported 121 participants into") {
		t.Fatalf("by delegation: %d %q %q", code, said, errs)
	}
	for _, name := range []string{"VN.xlsx", "FR.xlsx", "United-Nations-Development-Programme.xlsx", "Tuổi-Trẻ.xlsx"} {
		if _, err := os.Stat(filepath.Join(folder, name)); err != nil {
			t.Errorf("no %s: %v", name, err)
		}
	}
	// Each file of the folder imported gives back everyone.
	next, to := newEventLike(t, s)
	files, _ := filepath.Glob(filepath.Join(folder, "*.xlsx"))
	for _, f := range files {
		if code, _, errs := run(t, next, "import", f); code != 0 {
			t.Fatalf("import %s: %s", f, errs)
		}
	}
	if got, _ := to.Roster(ctx); len(got) != 121 {
		t.Fatalf("%d came back from the delegations' files", len(got))
	}
}

func TestExportRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	db, _ := exportedEvent(t, dir)
	taken := filepath.Join(dir, "taken.csv")
	os.WriteFile(taken, []byte("keep me"), 0o600)
	takenPhotos := filepath.Join(dir, "busy.csv")
	os.Mkdir(filepath.Join(dir, "busy-photos"), 0o700)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"export"}, 2, "usage: accred export participants [--format csv|xlsx]"},
		{[]string{"export", "people"}, 2, "usage: accred export participants"},
		{[]string{"export", "participants", "extra"}, 2, "usage:"},
		{[]string{"export", "participants", "--format", "ods", "--out", filepath.Join(dir, "x.ods")}, 1, `"ods" is not a format`},
		{[]string{"export", "participants", "--format", "xlsx"}, 1, "needs --out"},
		{[]string{"export", "participants", "--by-delegation"}, 1, "needs --out"},
		{[]string{"export", "participants", "--format", "xlsx", "--out", filepath.Join(dir, "x.csv")}, 1, "does not end in .xlsx"},
		{[]string{"export", "participants", "--delegation", "Atlantis"}, 1, `"Atlantis" is not a country`},
		{[]string{"export", "participants", "--delegation", "AQ"}, 1, "nobody is registered in the delegation of Antarctica"},
		{[]string{"export", "participants", "--out", taken}, 1, "never overwritten"},
		{[]string{"export", "participants", "--out", takenPhotos}, 1, "busy-photos already exists and is never overwritten"},
		{[]string{"export", "participants", "--out", filepath.Join(dir, "missing", "x.csv")}, 1, "does not exist"},
		{[]string{"export", "participants", "--by-delegation", "--out", dir}, 1, "never overwritten"},
		{[]string{"export", "participants", "--by-delegation", "--out", filepath.Join(dir, "missing", "each")}, 1, "does not exist"},
	} {
		if code, out, errs := run(t, db, c.args...); code != c.code || out != "" || !strings.Contains(errs, c.says) {
			t.Errorf("%q: %d %q %q", c.args, code, out, errs)
		}
	}
	if raw, _ := os.ReadFile(taken); string(raw) != "keep me" {
		t.Fatal("an existing file was changed")
	}
	for _, gone := range []string{"busy.csv", "missing", "x.ods", "x.csv"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("a refused export left %s", gone)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "busy-photos")); len(entries) != 0 {
		t.Error("photos were written into an existing folder")
	}
}
