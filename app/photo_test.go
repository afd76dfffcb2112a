package app

import (
	"bytes"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// writePicture writes a PNG picture of w × h pixels to path.
func writePicture(t *testing.T, path string, w, h int) {
	t.Helper()
	var picture bytes.Buffer
	if err := png.Encode(&picture, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, picture.String())
}

// drop drops the file at path on the window, as the desktop does (the
// test driver's window keeps no drop handler of its own).
func drop(u *ui, path string) {
	u.onDropped(fyne.NewPos(600, 400), []fyne.URI{storage.NewFileURI(path)})
}

// shows reports whether a picture is drawn among o's objects.
func showsPicture(o fyne.CanvasObject) bool {
	for _, x := range test.LaidOutObjects(o) {
		if _, ok := x.(*canvas.Image); ok {
			return true
		}
	}
	return false
}

// TestFormTakesAPhotoBeforeSaving: a photo file dropped on the window
// while registering someone is checked and shown in the form, and saved
// with them; a file that is no picture is refused there, keeping nothing.
func TestFormTakesAPhotoBeforeSaving(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	press(d.search, fyne.KeyF3)
	f := d.form
	fill(f, map[string]string{"given_name": "Ana", "family_name": "Silva", "delegation": "BR", "document_number": "B1"})
	f.nationality.fill("BR")
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.png")
	writeFile(t, bad, "not a picture")
	drop(u, bad)
	if !f.photoProblem.Visible() || !strings.Contains(f.photoProblem.Text, "not a JPEG or PNG") || f.photo != nil {
		t.Fatalf("a text file: %q", f.photoProblem.Text)
	}
	good := filepath.Join(dir, "ana.png")
	writePicture(t, good, 300, 400)
	drop(u, good)
	if f.photoProblem.Visible() || f.photo == nil || !showsPicture(f.photoFrame) {
		t.Fatal("the photo dropped is not shown in the form")
	}
	press(f.entries["document_number"], fyne.KeyReturn)
	if d.form != nil || d.current == nil || !d.current.HasPhoto {
		t.Fatalf("saved without the photo: %q", f.notice.Text)
	}
	if jpeg, err := u.store.Photo(ctx, d.current.ID); err != nil || len(jpeg) == 0 {
		t.Fatalf("the stored photo: %v", err)
	}
}

// TestFormPhotoCountsAsTyping: leaving a form whose only change is a
// photo asks first.
func TestFormPhotoCountsAsTyping(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	showFound(d, "osul")
	press(d.search, fyne.KeyF2)
	good := filepath.Join(t.TempDir(), "sean.png")
	writePicture(t, good, 300, 400)
	drop(u, good)
	press(d.form.entries["given_name"], fyne.KeyEscape)
	if !strings.Contains(labelTexts(dialogShown(t, u)), "Discard what you typed?") {
		t.Fatal("a photo chosen is thrown away without asking")
	}
}

// TestPhotoDialogOpensLargeInTheLastFolder: "Choose a photo…", then
// Browse…, opens a file dialog over most of the window, in the folder a file was last chosen in,
// else the event's.
func TestPhotoDialogOpensLargeInTheLastFolder(t *testing.T) {
	u := newTestUI(t)
	if got := u.openFolder(); got != filepath.Dir(u.dbPath) {
		t.Fatalf("first opens in %q, not the event's folder", got)
	}
	last := t.TempDir()
	u.app.Preferences().SetString(prefLastFolder, last)
	if got := u.openFolder(); got != last {
		t.Fatalf("opens in %q, not the last folder %q", got, last)
	}
	u.app.Preferences().SetString(prefLastFolder, filepath.Join(last, "gone"))
	if got := u.openFolder(); got != filepath.Dir(u.dbPath) {
		t.Fatalf("a folder since removed: opens in %q", got)
	}
	u.app.Preferences().SetString(prefLastFolder, last)
	press(u.desk.search, fyne.KeyF3)
	tapButton(t, u.desk.right, "Choose a photo…")
	tapButton(t, dialogShown(t, u), "Browse…") // the path may be typed; Browse… opens the dialog
	shown := dialogShown(t, u).Size()
	if window := u.win.Canvas().Size(); shown.Width < window.Width*0.8 || shown.Height < window.Height*0.8 {
		t.Fatalf("the file dialog is %v in a %v window", shown, window)
	}
	if buttonNaming(dialogShown(t, u), filepath.Base(last)) == nil {
		t.Fatalf("the file dialog is not in %s", last)
	}
}
