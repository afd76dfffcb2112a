package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"accred/data"
)

func TestFormRecordsTheDateOfConsent(t *testing.T) {
	u := newTestUI(t)
	u.store.StartClockAt(time.Date(2025, 10, 20, 9, 0, 0, 0, time.UTC))
	d := u.desk
	showFound(d, "osullivan")
	if !shows(u.win.Content(), "Not recorded") {
		t.Fatal("the details do not say that no consent is recorded")
	}
	press(d.search, fyne.KeyF2)
	f := d.form
	for _, bad := range []string{"15/09/2025", "2025-10-21"} {
		f.entries[data.FieldConsent].SetText("")
		test.Type(f.entries[data.FieldConsent], bad)
		test.Tap(f.save)
		if d.form == nil || !f.problems[data.FieldConsent].Visible() || f.problems[data.FieldConsent].Text == "" {
			t.Fatalf("consent %q was not refused under its field", bad)
		}
	}
	if !strings.Contains(f.problems[data.FieldConsent].Text, "2025-10-20") {
		t.Errorf("a consent in the future is refused with %q", f.problems[data.FieldConsent].Text)
	}
	f.entries[data.FieldConsent].SetText("")
	test.Type(f.entries[data.FieldConsent], "2025-09-15")
	test.Tap(f.save)
	if d.form != nil || d.current.ConsentOn != "2025-09-15" {
		t.Fatalf("saved consent %q", d.current.ConsentOn)
	}
	if !shows(u.win.Content(), "2025-09-15") {
		t.Fatalf("the details do not show the consent: %s", labelTexts(u.win.Content()))
	}
}
