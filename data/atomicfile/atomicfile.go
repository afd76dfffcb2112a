// Package atomicfile writes new files whole or not at all, readable by their
// owner only from the first byte, and never in place of an existing file.
//
// A file is written to a temporary file in the target's folder (created
// 0600), synced to disk, then linked under its name, which fails when the
// name is taken; the folder is synced last, so that a file reported written
// survives a power cut. The temporary file is removed when writing fails;
// one left by a program that was killed is removed by the next write in the
// same folder.
//
// Windows has no file modes and cannot sync a folder: there a file is
// readable by whom its folder lets read (a user's own folders: that user),
// the link is made on the open file, which is flushed again once named, and
// where a drive takes no links the file is moved under its name by a move
// that refuses a taken name and returns once it is on the disk. A file
// another program still holds open cannot be removed there, which is how a
// leftover is told from a file being written.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrExists is returned, wrapped with the path, when the file to create is
// there already; it matches fs.ErrExist too.
var ErrExists = fmt.Errorf("the file already exists: %w", fs.ErrExist)

// tempSuffix ends the name of every temporary file this package makes.
const tempSuffix = ".accred-tmp"

// Create writes a new file at path with write, which gets the temporary
// file (write to it, or name it to a program that fills it in place). The
// file appears at path whole, synced to disk, or not at all. Create returns
// an error matching ErrExists when path exists, before write is called.
func Create(path string, write func(f *os.File) error) error {
	dir := filepath.Dir(path)
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	Clean(dir)
	tmp, err := createLocked(dir, filepath.Base(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := publish(tmp, path); err != nil {
		return err
	}
	return syncNamed(tmp, dir)
}

// Exists reports whether something is at path already.
func Exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// createLocked makes the temporary file and holds its lock, so that no other
// program's Clean takes it for a leftover while it is written.
func createLocked(dir, base string) (*os.File, error) {
	for {
		f, err := os.CreateTemp(dir, "."+strings.TrimPrefix(base, ".")+".*"+tempSuffix)
		if err != nil {
			return nil, fmt.Errorf("cannot write in %s: %w", dir, err)
		}
		lock(f)
		// Another program's Clean may have removed it before it was locked.
		held, err1 := f.Stat()
		named, err2 := os.Lstat(f.Name())
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, nil
		}
		f.Close()
	}
}

// publish gives the written temporary file its name without replacing a
// file that appeared meanwhile. A folder that takes no hard links (a FAT
// memory stick) gets a move instead (moveNew).
func publish(tmp *os.File, path string) error {
	err := os.Link(tmp.Name(), path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", path, ErrExists)
	case !linkUnsupported(err):
		return fmt.Errorf("write %s: %w", path, err)
	}
	err = moveNew(tmp, path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", path, ErrExists)
	default:
		return fmt.Errorf("write %s: %w", path, err)
	}
}

// Clean removes the temporary files that writes in dir left behind when
// their program was killed; files still being written are kept. The
// journal SQLite keeps beside a backup being written goes with its file.
func Clean(dir string) {
	journals, _ := filepath.Glob(filepath.Join(dir, ".*"+tempSuffix+"-journal"))
	names, _ := filepath.Glob(filepath.Join(dir, ".*"+tempSuffix))
	for _, name := range names {
		removeUnused(name)
	}
	for _, journal := range journals {
		if !Exists(strings.TrimSuffix(journal, "-journal")) {
			os.Remove(journal)
		}
	}
}
