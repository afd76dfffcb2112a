// Package document reads a file an operator hands to the program, such as
// a delegation's nomination (a PDF), safely and within a size limit.
package document

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// MaxBytes is the largest file read.
const MaxBytes = 15 << 20

// ReadPDF reads the PDF file at path: a plain file (a device such as
// /dev/zero or a pipe would never end) of at most MaxBytes, reading no more
// whatever the file claims, that starts with a PDF's header. Its errors name
// the file and what is wrong with it.
func ReadPDF(path string) ([]byte, error) {
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("%s: there is no such folder", path)
	}
	defer root.Close()
	// Not blocking: opening a pipe would otherwise wait for a writer.
	f, err := root.OpenFile(filepath.Base(path), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: there is no such file", path)
	case err != nil:
		return nil, fmt.Errorf("%s: the file cannot be read", path)
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a plain file (a folder, device or pipe is refused)", path)
	} else if info.Size() > MaxBytes {
		return nil, fmt.Errorf("%s: the file is larger than 15 MB", path)
	}
	raw, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: the file cannot be read", path)
	case len(raw) > MaxBytes:
		return nil, fmt.Errorf("%s: the file is larger than 15 MB", path)
	case !IsPDF(raw):
		return nil, fmt.Errorf("%s: not a PDF file", path)
	}
	return raw, nil
}

// IsPDF reports whether raw starts with a PDF's header.
func IsPDF(raw []byte) bool {
	return len(raw) >= 5 && string(raw[:5]) == "%PDF-"
}
