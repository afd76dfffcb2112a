package data

import (
	"errors"
	"os"

	"accred/data/atomicfile"
	"accred/data/msg"
)

// CreateFile writes a new file at path with write, whole or not at all (see
// atomicfile). An existing file is refused (ECONFLICT) and never
// overwritten; a refusal of the store's that write returns comes back as it
// is; any other failure is EINVALID, naming the path.
func CreateFile(path string, write func(f *os.File) error) error {
	err := atomicfile.Create(path, write)
	var refusal *Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, atomicfile.ErrExists):
		return ExistsError(path)
	case errors.As(err, &refusal) && refusal.Code != EINTERNAL:
		return err
	}
	return WriteError(path, err)
}

// ExistsError is ECONFLICT for a file or folder at path that would be
// overwritten.
func ExistsError(path string) error {
	return NewError(ECONFLICT, msgNeverOverwritten, msg.Args{"Path": path})
}

// WriteError is EINVALID for a file or folder at path that cannot be
// written, and why.
func WriteError(path string, err error) error {
	return NewError(EINVALID, msgCannotWrite, msg.Args{"Path": path, "Err": err})
}

var (
	msgNeverOverwritten = msg.Define("{{.Path}} already exists and is never overwritten; choose a new file name.")
	msgCannotWrite      = msg.Define("Cannot write {{.Path}}: {{.Err}}")
)
