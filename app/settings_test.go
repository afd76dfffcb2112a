package app

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/pgtest"
)

// openSettings shows the settings' tab.
func openSettings(t *testing.T, u *ui) *settings {
	t.Helper()
	u.tabs.Select(u.tab(tabSettings))
	return u.settings
}

// TestSettingsChangeTheEvent renames the event, moves its days (refused
// while they would leave a session outside), and sets its badge languages,
// all from the settings' screen.
func TestSettingsChangeTheEvent(t *testing.T) {
	u := newTestUI(t)
	if _, _, err := u.store.SaveSessions(ctx, []data.Session{plenary()}); err != nil {
		t.Fatal(err)
	}
	s := openSettings(t, u)
	retype(s.name, "Hanoi Review Conference")
	test.Tap(s.rename)
	s = u.settings
	if u.event.Name != "Hanoi Review Conference" || !strings.HasPrefix(u.win.Title(), "Hanoi Review Conference") ||
		s.status.Text != "The event is now called Hanoi Review Conference." || u.tabs.Selected() != u.tab(tabSettings) {
		t.Fatalf("renamed: %q, title %q, status %q", u.event.Name, u.win.Title(), s.status.Text)
	}
	for _, c := range []struct{ starts, ends, says string }{
		{"2025-10-25", "2025-10-24", "The last day comes before the first day."},
		{"2025-10-26", "2025-10-27", "These sessions would fall outside the event's days: PLEN-1 (2025-10-25)."},
		{"25/10/2025", "2025-10-27", "Give the first and last day as YYYY-MM-DD."},
	} {
		retype(s.starts, c.starts)
		retype(s.ends, c.ends)
		test.Tap(s.setDays)
		if !strings.Contains(s.status.Text, c.says) || s.status.Importance != widget.DangerImportance {
			t.Errorf("days %s to %s: %q", c.starts, c.ends, s.status.Text)
		}
	}
	retype(s.starts, "2025-10-24")
	retype(s.ends, "2025-10-26")
	test.Tap(s.setDays)
	s = u.settings
	if u.event.Starts.Format(data.DateLayout) != "2025-10-24" || u.event.Ends.Format(data.DateLayout) != "2025-10-26" ||
		s.status.Importance != widget.SuccessImportance {
		t.Fatalf("days %v to %v: %q", u.event.Starts, u.event.Ends, s.status.Text)
	}
	retype(s.languages, "en fr vi")
	test.Tap(s.setLangs)
	if !strings.Contains(s.status.Text, "one or two languages") {
		t.Fatalf("three languages: %q", s.status.Text)
	}
	retype(s.languages, "en fr")
	test.Tap(s.setLangs)
	if s = u.settings; strings.Join(u.event.Languages, " ") != "en fr" || len(s.categories.rows[0].names) != 2 {
		t.Fatalf("languages %v; the categories' fields %d", u.event.Languages, len(s.categories.rows[0].names))
	}
}

// TestSettingsNameCategoriesInTheLanguages gives the delegates their
// French name and takes the media's photo frame away, then finds the
// category problems named.
func TestSettingsNameCategoriesInTheLanguages(t *testing.T) {
	u := newTestUI(t)
	if err := u.store.SetLanguages(ctx, "en fr"); err != nil {
		t.Fatal(err)
	}
	u.event.Languages = []string{"en", "fr"}
	u.showHome()
	s := openSettings(t, u)
	rows := s.categories.rows
	if rows[0].category.Code != "delegate" || rows[2].category.Code != "media" || !rows[2].photo.Checked {
		t.Fatalf("rows %+v", rows[:3])
	}
	test.Type(rows[0].names["fr"], "Délégué")
	test.Tap(rows[2].photo)
	test.Tap(s.categories.save)
	cats, _ := u.store.Categories(ctx)
	if cats[0].Label(u.event.Languages) != "Delegate / Délégué" || !cats[2].NoPhoto || cats[1].NoPhoto {
		t.Fatalf("saved: %+v", cats[:3])
	}
	if s = u.settings; s.status.Text != "The categories are saved." || s.categories.rows[0].names["fr"].Text != "Délégué" {
		t.Fatalf("status %q", s.status.Text)
	}
	retype(s.categories.rows[1].name, "")
	test.Tap(s.categories.save)
	if !strings.Contains(s.status.Text, "Category observer: The category is not complete. Name: Give the category a name.") {
		t.Fatalf("an empty name: %q", s.status.Text)
	}
}

// TestSettingsShowTheLogo shows the event's logo once it has one, and
// brings Accred's back.
func TestSettingsShowTheLogo(t *testing.T) {
	u := newTestUI(t)
	var logo bytes.Buffer
	png.Encode(&logo, image.NewRGBA(image.Rect(0, 0, 30, 10)))
	if err := u.store.SetLogo(ctx, logo.Bytes()); err != nil {
		t.Fatal(err)
	}
	u.showHome()
	s := openSettings(t, u)
	if !bytes.Equal(s.logo.Resource.Content(), logo.Bytes()) {
		t.Fatal("the screen does not show the event's logo")
	}
	test.Tap(s.dropLogo)
	if img, _ := u.store.Logo(ctx); img != nil || u.settings.status.Text != "The badges print Accred's logo." {
		t.Fatalf("Accred's logo back: %d bytes, %q", len(img), u.settings.status.Text)
	}
}

// TestSettingsRestoreABackup restores a backup made by the store's Backup
// after a participant was added: the screen names both events and their
// counts before anything is replaced, and the database then holds what the
// backup held; a file that is no backup is refused and changes nothing.
func TestSettingsRestoreABackup(t *testing.T) {
	u := newTestUI(t)
	dir := filepath.Dir(u.dbPath)
	backup := filepath.Join(dir, "backup.db")
	if err := u.store.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := u.store.CreateParticipant(ctx, data.ParticipantInput{Category: "delegate", GivenName: "Ola", FamilyName: "Nordmann",
		Nationality: "NO", Delegation: "NO", DocumentNumber: "N2"}, "test"); err != nil {
		t.Fatal(err)
	}
	if err := u.store.SetSetting(ctx, "name", "Renamed Conference"); err != nil {
		t.Fatal(err)
	}
	u.event.Name = "Renamed Conference"
	u.showHome()
	s := openSettings(t, u)

	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("not a database"), 0o600)
	test.Type(s.restore.path, notes)
	test.Tap(s.restore.restore)
	if u.win.Canvas().Overlays().Top() != nil || !strings.Contains(s.status.Text, "is not a backup of an Accred event") {
		t.Fatalf("a text file: %q", s.status.Text)
	}

	retype(s.restore.path, backup)
	test.Tap(s.restore.restore)
	ask := u.win.Canvas().Overlays().Top()
	want := "Now: Renamed Conference, 5 participants.\nBackup: Test Conference, 4 participants."
	if ask == nil || !strings.Contains(labelTexts(ask), want) {
		t.Fatalf("the question does not say %q:\n%s", want, labelTexts(ask))
	}
	if participantsNamed(t, u, "nordmann") != 1 {
		t.Fatal("the database changed before the answer")
	}
	test.Tap(findButton(ask, "Restore"))
	if u.event.Name != "Test Conference" || participantsNamed(t, u, "nordmann") != 0 || participantsNamed(t, u, "nguyen") != 2 {
		t.Fatalf("after the restore: %q", u.event.Name)
	}
	status := u.settings.status.Text
	kept, _ := filepath.Glob(u.dbPath + ".before-restore-*")
	if len(kept) != 1 || !strings.Contains(status, "is restored; the database it replaced is kept as "+kept[0]) {
		t.Fatalf("status %q, kept %v", status, kept)
	}
	if sum, err := data.ReadBackup(ctx, kept[0]); err != nil || sum.Participants != 5 {
		t.Fatalf("the file kept aside: %+v, %v", sum, err)
	}
}

// TestSettingsOnAServerRestoreThere opens an event on a PostgreSQL server:
// the settings say a backup is restored on the server, and offer no file.
func TestSettingsOnAServerRestoreThere(t *testing.T) {
	u := newTestUIOn(t, pgtest.Database(t))
	s := openSettings(t, u)
	if s.restore.path != nil || !strings.Contains(labelTexts(u.win.Content()), "This event is kept on a PostgreSQL server: restore it there, with pg_restore.") {
		t.Fatal("an event on a server offers to restore a file")
	}
}
