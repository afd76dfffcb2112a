package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"accred/data"
)

// TestRestoreReplacesTheFileAndKeepsTheOld backs an event up, changes it,
// then restores the backup: the database holds what the backup held, and
// the replaced file is kept beside it.
func TestRestoreReplacesTheFileAndKeepsTheOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	s := openEvent(t, path)
	mustCreate(t, s, delegate("Ingrid", "Ødegård", "NO", "N1"))
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, delegate("Ola", "Nordmann", "NO", "N2"))
	if err := s.SetSetting(ctx, "name", "Renamed Conference"); err != nil {
		t.Fatal(err)
	}
	if sum, err := data.ReadBackup(ctx, backup); err != nil || sum.Name != "Test Conference" || sum.Participants != 1 || sum.LastChange.IsZero() || sum.Written.IsZero() {
		t.Fatalf("the backup reads %+v, %v", sum, err)
	}
	if _, err := data.Restore(ctx, backup, path); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("restore over a database still open: %v", err)
	}
	s.Close()
	kept, err := data.Restore(ctx, backup, path)
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]data.EventSummary{path: {Name: "Test Conference", Participants: 1}, kept: {Name: "Renamed Conference", Participants: 2}} {
		if sum, err := data.ReadBackup(ctx, file); err != nil || sum.Name != want.Name || sum.Participants != want.Participants || sum.Written.IsZero() {
			t.Errorf("%s holds %+v, %v; want %+v", file, sum, err, want)
		}
	}
	if !strings.HasPrefix(filepath.Base(kept), "event.db.before-restore-") {
		t.Errorf("the old file is kept as %s", kept)
	}
	restored, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if _, err := restored.Participant(ctx, 1); err != nil {
		t.Fatalf("the restored event: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*restoring*")); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}

// TestRestoreRefusesWhatIsNoEvent offers files that are not an event's
// backup: the database stays as it was, and nothing is kept aside.
func TestRestoreRefusesWhatIsNoEvent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "event.db")
	openEvent(t, path).Close()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("not a database\n", 100)), 0o600)
	empty := filepath.Join(dir, "empty.db")
	if s, err := data.Open(empty); err != nil {
		t.Fatal(err)
	} else {
		s.Close()
	}
	pipe := filepath.Join(dir, "pipe.db")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.db")
	os.Symlink("/dev/zero", zero)
	for name, c := range map[string]struct{ file, says string }{
		"a text file":              {text, "is not a backup of an Accred event"},
		"a database without event": {empty, "is not a backup of an Accred event"},
		"a missing file":           {filepath.Join(dir, "none.db"), "There is no file"},
		"no path":                  {" ", "Give the path of a backup file"},
		"a pipe":                   {pipe, "not a plain file"},
		"a device":                 {zero, "not a plain file"},
		"a folder":                 {dir, "not a plain file"},
	} {
		file := c.file
		if _, err := data.ReadBackup(ctx, file); data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), c.says) {
			t.Errorf("reading %s: %v", name, err)
		}
		if _, err := data.Restore(ctx, file, path); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("restoring %s: %v", name, err)
		}
	}
	if sum, err := data.ReadBackup(ctx, path); err != nil || sum.Name != "Test Conference" {
		t.Fatalf("the database after refusals: %+v, %v", sum, err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "event.db*")); len(files) != 1 {
		t.Fatalf("files left: %v", files)
	}
	if _, err := data.Restore(ctx, path, "postgres://localhost/event"); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("restore on a server: %v", err)
	}
}
