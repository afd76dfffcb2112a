package data_test

import (
	"path/filepath"
	"testing"

	"accred/data"
	"accred/data/atomicfile/atomicfiletest"
)

// TestBackupIsOwnerOnlyFromItsFirstByte checks that a backup, which holds
// the event's signing key, is never readable by others, not even while it
// is written.
func TestBackupIsOwnerOnlyFromItsFirstByte(t *testing.T) {
	s := newStore(t)
	mustCreate(t, s, delegate("A", "One", "FR", "1"))
	dir := t.TempDir()
	check := atomicfiletest.OwnerOnlyFromCreation(t, dir)
	if err := s.Backup(ctx, filepath.Join(dir, "copy.db")); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, filepath.Join(dir, "copy.db")); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("backup over an existing file: %v", err)
	}
	check()
}
