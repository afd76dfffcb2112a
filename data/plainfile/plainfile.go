// Package plainfile opens a file an operator names for reading, refusing
// what is not a plain file: a pipe (opening one would wait for a writer), a
// device such as /dev/zero (reading one would never end) or a folder.
package plainfile

import (
	"errors"
	"os"
	"syscall"
)

// ErrNotPlain is returned for a pipe, a device or a folder.
var ErrNotPlain = errors.New("not a plain file (a folder, device or pipe is refused)")

// Open opens the file at path for reading without waiting, as a pipe would
// make it, and returns it with what it is; ErrNotPlain when it is not a
// plain file, which is then closed.
func Open(path string) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, ErrNotPlain
	}
	return f, info, nil
}
