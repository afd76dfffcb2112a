package app

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// labelTexts is the text of every label among o and what it holds.
func labelTexts(o fyne.CanvasObject) string {
	var texts []string
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	return strings.Join(texts, "\n")
}

// TestUnreadableDatabaseSaysWhy opens a database whose event cannot be read:
// the window says so and names the file, instead of offering to create an
// event in it.
func TestUnreadableDatabaseSaysWhy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "event.db")
	s, _ := newEventDB(t, path)
	s.Close()
	// The file is damaged: its event table is gone.
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`ALTER TABLE event RENAME TO lost`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	test.NewTempApp(t)
	useLanguage("en")
	u := &ui{app: fyne.CurrentApp(), win: test.NewTempWindow(t, nil), dbPath: path}
	t.Cleanup(func() { u.store.Close() })
	if u.load() {
		t.Fatal("a damaged database loaded")
	}
	content := u.win.Content()
	text := labelTexts(content)
	for _, want := range []string{"Accred cannot use this database.", path, "no such table: event"} {
		if !strings.Contains(text, want) {
			t.Errorf("the screen does not say %q:\n%s", want, text)
		}
	}
	if findButton(content, "Create the event") != nil || u.tabs != nil {
		t.Fatal("a damaged database is offered as a new one, or opens the stations")
	}
}

func TestNewerDatabaseSaysWhy(t *testing.T) {
	test.NewTempApp(t)
	useLanguage("en")
	path := filepath.Join(t.TempDir(), "event.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	u := &ui{app: fyne.CurrentApp(), win: test.NewTempWindow(t, nil), dbPath: path}
	if u.load() || u.store != nil {
		t.Fatal("a newer database loaded")
	}
	if text := labelTexts(u.win.Content()); !strings.Contains(text, "newer version of Accred") {
		t.Fatalf("the screen says:\n%s", text)
	}
}
