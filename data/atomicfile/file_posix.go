//go:build !windows

package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// removeUnused removes a temporary file no program holds locked: its
// writer was killed.
func removeUnused(name string) {
	f, err := os.Open(name)
	if err != nil {
		return
	}
	defer f.Close()
	if lock(f) == nil {
		os.Remove(name)
	}
}

// linkUnsupported reports whether a link failed because the folder takes
// none, rather than for a reason a move would meet too.
func linkUnsupported(err error) bool {
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EXDEV)
}

// moveNew renames the written file to path after a last check that path is
// free: such folders offer no rename that refuses a taken name.
func moveNew(tmp *os.File, path string) error {
	if Exists(path) {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	return os.Rename(tmp.Name(), path)
}

// syncNamed makes the name just given to the file in dir survive a power
// cut: the folder is synced.
func syncNamed(_ *os.File, dir string) error { return SyncDir(dir) }

// SyncDir writes a folder's entries to disk: a file created in it is then
// found there after a power cut.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
