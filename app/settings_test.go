package app

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
		Nationality: "NO", Delegation: "NO", DocumentNumber: "N2"}); err != nil {
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

	// The backup was made the evening before; its last change was the
	// last participant registered before it.
	made := time.Date(2025, 10, 24, 18, 30, 0, 0, u.event.Location())
	if err := os.Chtimes(backup, made, made); err != nil {
		t.Fatal(err)
	}
	sum, err := data.ReadBackup(ctx, backup)
	if err != nil || sum.LastChange.IsZero() {
		t.Fatalf("the backup's last change: %+v, %v", sum, err)
	}
	retype(s.restore.path, backup)
	test.Tap(s.restore.restore)
	ask := u.win.Canvas().Overlays().Top()
	want := "\nBackup: Test Conference, 4 participants, made 2025-10-24 18:30, last changed " + sum.LastChange.In(u.event.Location()).Format("2006-01-02 15:04") + "."
	if ask == nil || !strings.Contains(labelTexts(ask), "Now: Renamed Conference, 5 participants, last changed ") || !strings.Contains(labelTexts(ask), want) {
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

// below reports whether o is shown just under (or beside) the button:
// within three rows of it, not at the foot of the page.
func below(o, button fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	d.CanvasForObject(button).Content().Refresh() // laid out again, as the next frame would
	gap := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(button).Y
	return o.Visible() && gap > 0 && gap < 3*button.Size().Height
}

// TestSettingsSayWhatHappenedBesideTheButton: a PIN too short is said
// under the operator's Add button, an operator added too; the event
// renamed is said under Rename; every other part says nothing.
func TestSettingsSayWhatHappenedBesideTheButton(t *testing.T) {
	u := newTestUI(t)
	s := openSettings(t, u)
	v := s.operators
	test.Type(v.name, "Minh")
	v.roles.SetSelected([]string{"Desk"})
	test.Type(v.pin.pin, "12")
	test.Type(v.pin.again, "12")
	test.Tap(v.add)
	if !below(v.added, v.add) || v.added.Importance != widget.DangerImportance || !strings.Contains(v.added.Text, "digits") || v.managed.Visible() {
		t.Fatalf("a short PIN: %q (shown %v) under Add", v.added.Text, v.added.Visible())
	}
	retype(v.pin.pin, "246810")
	retype(v.pin.again, "246810")
	test.Tap(v.add)
	if !below(v.added, v.add) || v.added.Text != "Minh may now sign in." || v.added.Importance != widget.SuccessImportance {
		t.Fatalf("added: %q", v.added.Text)
	}
	test.Tap(v.setPIN)
	if !below(v.managed, v.setPIN) || v.managed.Text != "Choose an operator first." {
		t.Fatalf("no operator chosen: %q", v.managed.Text)
	}

	retype(s.name, "Hanoi Review Conference")
	test.Tap(s.rename)
	s = u.settings
	if !below(s.notes[noteName], s.rename) || s.notes[noteName].Text != "The event is now called Hanoi Review Conference." {
		t.Fatalf("renamed: %q", s.notes[noteName].Text)
	}
	for part, l := range s.notes {
		if part != noteName && l.Visible() {
			t.Errorf("%s says %q too", part, l.Text)
		}
	}
}

// TestChangingTheLanguageKeepsTheTab: the settings offer no choice of
// language of their own, only the header's, as every screen does; French
// chosen there, the screens speak French and the settings stay in front,
// where they were.
func TestChangingTheLanguageKeepsTheTab(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { useLanguage("en") })
	s := openSettings(t, u)
	if choices := languageChoices(u.win.Content()); len(choices) != 1 {
		t.Fatalf("%d choices of language on the settings' screen, want the header's alone", len(choices))
	}
	if choices := languageChoices(s.scroll); len(choices) != 0 {
		t.Fatal("the settings' page offers a language of its own")
	}
	s.scroll.ScrollToOffset(fyne.NewPos(0, 400))
	test.Tap(languageChoiceIn(t, u.win.Content()))
	tapMenuItem(t, u.win.Canvas(), "Français")
	if u.tabs.Selected() != u.tab(tabSettings) || u.tabs.Selected().Text != "Réglages" {
		t.Fatalf("after French was chosen: the %q tab", u.tabs.Selected().Text)
	}
	if got := u.settings.scroll.Offset.Y; got != 400 {
		t.Fatalf("the settings came back scrolled to %v, not where they were", got)
	}
	if languageChoiceIn(t, u.win.Content()).Selected != "Français" {
		t.Fatal("the header does not show the language chosen")
	}
}

// tapMenuItem taps the item of the open pop-up menu that reads text.
func tapMenuItem(t *testing.T, c fyne.Canvas, text string) {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("no menu open")
	}
	var item fyne.Tappable // the innermost that holds the text
	for _, o := range test.LaidOutObjects(top) {
		tap, ok := o.(fyne.Tappable)
		if !ok {
			continue
		}
		for _, x := range test.LaidOutObjects(o) {
			if l, ok := x.(*canvas.Text); ok && l.Text == text {
				item = tap
			}
		}
	}
	if item == nil {
		t.Fatalf("no item %q in the menu", text)
	}
	item.Tapped(&fyne.PointEvent{})
}

// typeFile answers the file question open over the window: the path typed
// in its field, then Open.
func typeFile(t *testing.T, u *ui, path string) {
	t.Helper()
	ask := u.win.Canvas().Overlays().Top()
	var field *widget.Entry
	for _, o := range test.LaidOutObjects(ask) {
		if e, ok := o.(*widget.Entry); ok && field == nil {
			field = e
		}
	}
	if field == nil || !strings.HasPrefix(field.Text, u.fileFolder()) {
		t.Fatalf("the file question does not start in the event's folder %s", u.fileFolder())
	}
	retype(field, path)
	tapButton(t, ask, "Open")
}

// TestSettingsSetZonesColoursAndClearance: an admin defines the access
// zones, changes a category's colour and writes the security service's
// list, all in the app; problems are said in words, never
// as a command to type.
func TestSettingsSetZonesColoursAndClearance(t *testing.T) {
	u := newTestUI(t)
	s := openSettings(t, u)
	test.Tap(s.zones.add)
	r := s.zones.rows[len(s.zones.rows)-1]
	test.Type(r.code, "1")
	test.Type(r.name, "Plenary floor")
	test.Type(r.categories, "delegate vip")
	test.Tap(s.zones.save)
	s = u.settings
	if zones, _ := u.store.Zones(ctx); len(zones) != 1 || zones[0].Name != "Plenary floor" || s.notes[noteZones].Text != "1 access zone is saved." {
		t.Fatalf("zones %+v: %q", zones, s.notes[noteZones].Text)
	}
	retype(s.zones.rows[0].categories, "spies")
	test.Tap(s.zones.save)
	if text := s.notes[noteZones].Text; s.notes[noteZones].Importance != widget.DangerImportance || strings.Contains(text, "accred ") {
		t.Fatalf("an unknown category: %q", text)
	}

	retype(s.categories.rows[0].colour, "#123abc")
	test.Tap(s.categories.save)
	if cats, _ := u.store.Categories(ctx); cats[0].Colour != "#123ABC" {
		t.Fatalf("the colour: %s (%q)", cats[0].Colour, u.settings.status.Text)
	}
	s = u.settings
	retype(s.categories.rows[0].colour, "blue")
	test.Tap(s.categories.save)
	if !strings.Contains(s.status.Text, "Category delegate") || s.status.Importance != widget.DangerImportance {
		t.Fatalf("a colour that is not one: %q", s.status.Text)
	}

	if err := u.store.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	test.Tap(s.requests)
	tapButton(t, u.win.Canvas().Overlays().Top(), "Save")
	list := filepath.Join(u.fileFolder(), "clearance-requests.xlsx")
	if _, err := os.Stat(list); err != nil || !strings.Contains(s.notes[noteClearance].Text, "pending clearance written to "+list) {
		t.Fatalf("the list: %v, %q", err, s.notes[noteClearance].Text)
	}
}

// TestFileQuestionsStartInTheEventsFolder: choosing a file to import asks
// for its path, typed, in the event's folder; Browse… opens a dialog large
// enough to see a folder.
func TestFileQuestionsStartInTheEventsFolder(t *testing.T) {
	u := newTestUI(t)
	im := newImporter(u, nil)
	u.win.SetContent(im.buildUI())
	path := filepath.Join(u.fileFolder(), "people.csv")
	writeRoster(t, path, "delegate,Ingrid,Ødegård,NO,NO,N1")
	test.Tap(im.choose)
	typeFile(t, u, path)
	im.work.wait()
	if im.path.Text != path || im.commit.Text != "Import 1 line" {
		t.Fatalf("the file typed: %q, %q", im.path.Text, im.commit.Text)
	}
	test.Tap(im.choose)
	tapButton(t, u.win.Canvas().Overlays().Top(), "Browse…")
	// The dialog's largest box: the dialog itself, as large as it was made.
	var size fyne.Size
	for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
		if c, ok := o.(*fyne.Container); ok && c.Size().Width < u.win.Canvas().Size().Width && c.Size().Width > size.Width {
			size = c.Size()
		}
	}
	if size.Width < 900 || size.Height < 600 {
		t.Fatalf("the file dialog opens %v", size)
	}
}

// TestSettingsOpenOnTheStationsSection: the page opens on a section named
// like every other, "This station", its idle lock a short field said in
// words; each of the operators' two forms is named; and Back up the
// database now, tapped by the admin signed in, writes the backup beside
// the database rather than refusing as if nobody were signed in.
func TestSettingsOpenOnTheStationsSection(t *testing.T) {
	u := newTestUI(t)
	s := openSettings(t, u)
	var labels []string
	for _, o := range test.LaidOutObjects(s.scroll.Content) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
			labels = append(labels, l.Text)
		}
	}
	if len(labels) < 2 || labels[0] != "This station" || labels[1] != "minutes without a key, a click or a scroll; 0 never locks" {
		t.Fatalf("the settings open on %q", labels[:min(len(labels), 3)])
	}
	if w := s.idle.Size().Width; w > 100 {
		t.Fatalf("the idle minutes' field is %v wide", w)
	}
	for _, want := range []string{"Add an operator", "Change an operator: disable them, give a new PIN, link a staff badge"} {
		if !slices.Contains(labels, want) {
			t.Errorf("the operators' forms are not named %q", want)
		}
	}

	test.Tap(s.backup)
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(u.dbPath), "backup-*.db"))
	if len(backups) != 1 || !strings.HasPrefix(s.notes[noteBackup].Text, "Backed up to "+backups[0]) {
		t.Fatalf("backed up: %v, %q", backups, s.notes[noteBackup].Text)
	}
	if sum, err := data.ReadBackup(ctx, backups[0]); err != nil || sum.Name != u.event.Name {
		t.Fatalf("the backup holds %+v, %v", sum, err)
	}
}
