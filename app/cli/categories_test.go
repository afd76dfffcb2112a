package cli

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEventLookCommands changes the event's days, languages and logo, and a
// category's names and photo frame, from the command line, and checks what
// is refused.
func TestEventLookCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	run(t, db, "init", "--event", "Test Summit", "--start", "2025-10-25", "--end", "2025-10-26", "--timezone", "UTC")
	var logo bytes.Buffer
	png.Encode(&logo, image.NewRGBA(image.Rect(0, 0, 40, 20)))
	logoFile, textFile, hugeFile := filepath.Join(dir, "logo.png"), filepath.Join(dir, "logo.txt"), filepath.Join(dir, "huge.png")
	os.WriteFile(logoFile, logo.Bytes(), 0o600)
	os.WriteFile(textFile, []byte("not an image"), 0o600)
	os.WriteFile(hugeFile, append(logo.Bytes(), make([]byte, 600<<10)...), 0o600)
	for _, args := range [][]string{
		{"settings", "ends_on", "2025-10-27"}, {"settings", "starts_on", "2025-10-24"}, {"settings", "languages", "en fr"},
		{"settings", "logo", logoFile}, {"categories", "set", "delegate", "name.fr", "Délégué"}, {"categories", "set", "media", "photo", "no"},
	} {
		if code, out, errs := run(t, db, args...); code != 0 || out != "" {
			t.Fatalf("%q: %d %q %q", args, code, out, errs)
		}
	}
	_, out, _ := run(t, db, "settings")
	want := "starts_on\t2025-10-24\nends_on\t2025-10-27\ntimezone\tUTC\nlanguages\ten fr\nlogo\t" + strconv.Itoa(logo.Len()) + " bytes\n"
	if !strings.Contains(out, want) {
		t.Fatalf("settings %q lack %q", out, want)
	}
	_, out, _ = run(t, db, "categories")
	if !strings.HasPrefix(out, "delegate\t#1F4E9E\tyes\tDelegate\tfr=Délégué\nobserver\t#2E7D32\tyes\tObserver\t\nmedia\t#E65100\tno\tMedia\t\n") {
		t.Fatalf("categories %q", out)
	}
	for _, r := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"settings", "ends_on", "2025-10-23"}, 1, "dates: The last day comes before the first day."},
		{[]string{"settings", "starts_on", "25/10/2025"}, 1, "starts_on: Give the first and last day as YYYY-MM-DD."},
		{[]string{"settings", "languages", "en fr vi"}, 1, "A badge prints one or two languages."},
		{[]string{"settings", "logo", textFile}, 1, "The logo must be a PNG or JPEG image."},
		{[]string{"settings", "logo", hugeFile}, 1, "512 KB at most"},
		{[]string{"settings", "logo", filepath.Join(dir, "none.png")}, 1, "no such file"},
		{[]string{"categories", "set", "kings", "name", "Kings"}, 1, `there is no category "kings"`},
		{[]string{"categories", "set", "media", "photo", "maybe"}, 2, "usage: accred categories"},
		{[]string{"categories", "set", "media", "name.français", "Médias"}, 1, "name.français: Give languages as codes"},
		{[]string{"categories", "list"}, 2, "usage: accred categories"},
	} {
		if code, out, errs := run(t, db, r.args...); code != r.code || out != "" || !strings.Contains(errs, r.says) {
			t.Errorf("%q: %d %q %q", r.args, code, out, errs)
		}
	}
	if code, _, errs := run(t, db, "settings", "logo", "none"); code != 0 {
		t.Fatal(errs)
	}
	if _, out, _ := run(t, db, "settings"); !strings.Contains(out, "logo\tnone\n") {
		t.Fatalf("none kept the logo: %q", out)
	}
}
