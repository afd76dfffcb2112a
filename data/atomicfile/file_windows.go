package atomicfile

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lock has nothing to do on Windows: the open file itself keeps other
// programs from removing it (see removeUnused).
func lock(*os.File) error { return nil }

// removeUnused removes a temporary file unless a program holds it open:
// Windows refuses to remove a file opened without leave to delete it, as
// every file this package writes is.
func removeUnused(name string) { os.Remove(name) }

// linkUnsupported reports whether a link failed because the drive takes
// none (FAT, exFAT, some network shares) or is another drive.
func linkUnsupported(err error) bool {
	return errors.Is(err, windows.ERROR_INVALID_FUNCTION) || errors.Is(err, windows.ERROR_NOT_SUPPORTED) ||
		errors.Is(err, windows.ERROR_NOT_SAME_DEVICE) || errors.Is(err, windows.ERROR_ACCESS_DENIED)
}

// moveNew closes the written file and moves it to path with a move that
// refuses a taken name (it fails with an error matching fs.ErrExist) and
// returns once the move is on the disk.
func moveNew(tmp *os.File, path string) error {
	if err := tmp.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		return err
	}
	from, err := windows.UTF16PtrFromString(tmp.Name())
	if err != nil {
		return err
	}
	to, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	if err := windows.MoveFileEx(from, to, windows.MOVEFILE_WRITE_THROUGH); err != nil {
		return &os.LinkError{Op: "move", Old: tmp.Name(), New: path, Err: err}
	}
	return nil
}

// syncNamed makes the name just given to the file survive a power cut.
// A folder cannot be synced on Windows; flushing the file again writes
// NTFS's journal, which holds the new name, to the disk. A file moved
// under its name (moveNew) was written through already.
func syncNamed(f *os.File, _ string) error {
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrClosed) {
		return err
	}
	return nil
}

// SyncDir does nothing on Windows, which cannot sync a folder (opening one
// to flush it is refused: "Access denied"); the files written in it were
// flushed on their own (see syncNamed).
func SyncDir(string) error { return nil }
