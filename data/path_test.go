package data_test

import (
	"path/filepath"
	"testing"

	"accred/data"
)

func TestLocalDirIsAFolderOnThisMachine(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	for _, c := range []struct{ db, want string }{
		{"", filepath.Join(home, "accred")},
		{"/srv/events/hanoi.db", "/srv/events"},
		{"postgres://accred_door:secret@server/hanoi?sslmode=verify-full", filepath.Join(home, "accred")},
	} {
		t.Setenv("ACCRED_DB", c.db)
		if got := data.LocalDir(); got != c.want {
			t.Errorf("ACCRED_DB=%q: local folder %q, want %q", c.db, got, c.want)
		}
	}
}
