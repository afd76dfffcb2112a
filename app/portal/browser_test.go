package portal_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"accred/app/portal"
	"accred/data"
)

// chromium is Debian's browser, driven headless: a test that needs it
// fails without it under CI, and is skipped elsewhere.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium to test the portal in: run make deps")
	}
	t.Skip("no chromium: run make deps")
	return ""
}

// browse starts a headless Chromium and returns a context to drive it.
func browse(t *testing.T, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0], chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts,
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", "new"),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.WindowSize(width, height),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// shots is where the screenshots go: ACCRED_SCREENSHOTS, or the test's
// temporary folder.
func shots(t *testing.T) string {
	if dir := os.Getenv("ACCRED_SCREENSHOTS"); dir != "" {
		os.MkdirAll(dir, 0o755)
		return dir
	}
	return t.TempDir()
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// act runs steps, then reads the text of the element with the id sel.
func act(ctx context.Context, sel string, steps ...chromedp.Action[chromedp.Void]) (string, error) {
	if err := chromedp.Do(ctx, steps...); err != nil {
		return "", err
	}
	return chromedp.Run(ctx, chromedp.Text(chromedp.ID(sel)))
}

// TestBrowserFocalPointFlows walks a focal point through the portal in a
// real browser, in English on a laptop and in French on a phone: the link,
// a nominee with mistakes put right, a photo, a filled template, a
// withdrawal; the desk sees each at once, and France's focal point none.
func TestBrowserFocalPointFlows(t *testing.T) {
	f := newFixture(t, portal.Options{})
	dir := shots(t)
	files := t.TempDir()
	photo := filepath.Join(files, "photo.jpg")
	os.WriteFile(photo, photoBytes(t), 0o600)
	list := filepath.Join(files, "delegation.csv")
	os.WriteFile(list, []byte("category,title,given_name,family_name,nationality,document_number,position\n"+
		"delegate,Mr.,Minh,Trần,VN,B7654321,Counsellor\ndelegate,Ms.,Lan,Phạm,VN,B1112223,Attaché\n"), 0o600)
	bad := filepath.Join(files, "bad.csv")
	os.WriteFile(bad, []byte("category,given_name,family_name,nationality,document_number\ndelegate,Hoa,Lê,VN,B3\ndelegate,Tuấn,,Atlantis,\n"), 0o600)

	for _, run := range []struct {
		lang, code   string
		width, high  int
		words        map[string]string
		name, family string
	}{
		{"en", f.vnCode, 1280, 800, map[string]string{"required": "The family name is required.", "country": "Unknown country",
			"registered": "Registered", "withdrawn": "Withdrawn", "line": "Line", "imported": "The file is imported"}, "Văn An", "Nguyễn"},
		{"fr", f.frCode, 390, 844, map[string]string{"required": "Le nom de famille est obligatoire.", "country": "Pays inconnu",
			"registered": "Inscrit", "withdrawn": "Retiré", "line": "Ligne", "imported": "Le fichier est importé"}, "Marie", "Lefèvre"},
	} {
		ctx := browse(t, run.width, run.high)
		nat := map[string]string{"en": "VN", "fr": "FR"}[run.lang]
		w := run.words
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(f.server.URL + "/i/" + run.code), chromedp.WaitVisible(chromedp.ID("group"))}
		if run.lang != "en" {
			steps = append(steps, chromedp.Click(chromedp.CSS(`a[lang="`+run.lang+`"]`)), chromedp.WaitVisible(chromedp.ID("group")))
		}
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: open the link: %v", run.lang, err)
		}
		if address, err := chromedp.Run(ctx, chromedp.Location()); err != nil || strings.Contains(address, run.code) {
			t.Fatalf("%s: the code stays in the address bar: %s %v", run.lang, address, err)
		}
		screenshot(t, ctx, dir, run.lang+"-1-empty")

		// A person with the family name left out and an unknown nationality.
		text, err := act(ctx, "p-family_name",
			chromedp.Click(chromedp.ID("add")),
			chromedp.WaitVisible(chromedp.ID("nominee-form")),
			chromedp.SendKeys(chromedp.ID("f-given_name"), run.name),
			chromedp.SendKeys(chromedp.ID("f-nationality"), "Atlantis"),
			chromedp.SendKeys(chromedp.ID("f-document_number"), "P"+nat+"1234567"),
			chromedp.Click(chromedp.ID("save")),
			chromedp.WaitVisible(chromedp.ID("p-family_name")),
		)
		if err != nil || text != w["required"] {
			t.Fatalf("%s: the family name's problem: %q %v", run.lang, text, err)
		}
		if text, err := act(ctx, "p-nationality"); err != nil || !strings.HasPrefix(text, w["country"]) {
			t.Fatalf("%s: the nationality's problem: %q %v", run.lang, text, err)
		}
		screenshot(t, ctx, dir, run.lang+"-2-problems")
		text, err = act(ctx, "people",
			chromedp.SendKeys(chromedp.ID("f-family_name"), run.family),
			chromedp.SetValue(chromedp.ID("f-nationality"), nat),
			chromedp.Click(chromedp.ID("save")),
			chromedp.WaitVisible(chromedp.ID("flash")),
		)
		if err != nil || !strings.Contains(text, strings.ToUpper(run.family)) || !strings.Contains(text, w["registered"]) {
			t.Fatalf("%s: the list: %q %v", run.lang, text, err)
		}
		// The desk finds them at once, registered, from the portal.
		found, _, err := f.store.FindParticipants(ctx, data.ParticipantFilter{Query: run.family})
		if err != nil || len(found) != 1 || found[0].Status != data.StatusRegistered || found[0].Invitation == 0 {
			t.Fatalf("%s: the desk finds %+v %v", run.lang, found, err)
		}
		id := found[0].ID

		// A photo, then a template with a bad line, then the good one.
		text, err = act(ctx, "problems",
			chromedp.Navigate(fmt.Sprintf("%s/nominees/%d", f.server.URL, id)),
			chromedp.WaitVisible(chromedp.ID("photo-form")),
			chromedp.SetUploadFiles(chromedp.ID("photo-file"), []string{photo}),
			chromedp.Click(chromedp.ID("photo-send")),
			chromedp.WaitVisible(chromedp.ID("flash")),
			chromedp.Click(chromedp.ID("import")),
			chromedp.WaitVisible(chromedp.ID("import-form")),
			chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{bad}),
			chromedp.Click(chromedp.ID("import-send")),
			chromedp.WaitVisible(chromedp.ID("problems")),
		)
		if err != nil || !strings.Contains(text, w["line"]) || !strings.Contains(text, "3") {
			t.Fatalf("%s: the file's problems: %q %v", run.lang, text, err)
		}
		screenshot(t, ctx, dir, run.lang+"-3-import-problems")
		if p, _ := f.store.Participant(ctx, id); !p.HasPhoto {
			t.Fatalf("%s: no photo kept", run.lang)
		}
		if run.lang == "en" {
			text, err = act(ctx, "flash",
				chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{list}),
				chromedp.Click(chromedp.ID("import-send")),
				chromedp.WaitVisible(chromedp.ID("flash")),
			)
			if err != nil || !strings.Contains(text, w["imported"]) {
				t.Fatalf("%s: the good file: %q %v", run.lang, text, err)
			}
		}
		// Withdraw the person added.
		text, err = act(ctx, "people",
			chromedp.Navigate(fmt.Sprintf("%s/nominees/%d", f.server.URL, id)),
			chromedp.WaitVisible(chromedp.ID("withdraw")),
			chromedp.Click(chromedp.ID("withdraw")),
			chromedp.WaitVisible(chromedp.ID("flash")),
		)
		if err != nil || !strings.Contains(text, w["withdrawn"]) {
			t.Fatalf("%s: withdrawing: %q %v", run.lang, text, err)
		}
		screenshot(t, ctx, dir, run.lang+"-4-list")
		if p, _ := f.store.Participant(ctx, id); p.Status != data.StatusWithdrawn {
			t.Fatalf("%s: %s", run.lang, p.Status)
		}
	}
	// Each focal point saw their own group only.
	vn, _ := f.store.PortalNominees(ctx, f.vn)
	fr, _ := f.store.PortalNominees(ctx, f.fr)
	if len(vn) != 3 || len(fr) != 1 {
		t.Fatalf("Viet Nam has %d, France %d", len(vn), len(fr))
	}
	ctx := browse(t, 1280, 800)
	if err := chromedp.Do(ctx, chromedp.Navigate(f.server.URL+"/i/"+f.frCode), chromedp.WaitVisible(chromedp.ID("group"))); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "TRẦN") || strings.Contains(text, "NGUYỄN") {
		t.Fatalf("France's focal point sees Viet Nam's people: %q", text)
	}
	t.Logf("screenshots in %s", dir)
}
