package winprint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Supported says whether Print can send a file here.
const Supported = true

var getDefaultPrinter = windows.NewLazySystemDLL("winspool.drv").NewProc("GetDefaultPrinterW")

// DefaultPrinter names Windows' default printer, or returns
// ErrNoDefaultPrinter.
func DefaultPrinter() (string, error) {
	if getDefaultPrinter.Find() != nil {
		return "", ErrNoDefaultPrinter
	}
	size := uint32(256)
	for {
		buf := make([]uint16, size)
		ok, _, err := getDefaultPrinter.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)))
		switch {
		case ok != 0:
			return windows.UTF16ToString(buf), nil
		case errors.Is(err, windows.ERROR_INSUFFICIENT_BUFFER) && int(size) > len(buf):
			continue
		default:
			return "", ErrNoDefaultPrinter
		}
	}
}

// Print sends the PDF file at path to the default printer and returns its
// name. Windows hands the file to its PDF program, which prints it in the
// background: Print returns once the program has it, not once the paper is
// out.
func Print(path string) (string, error) {
	printer, err := DefaultPrinter()
	if err != nil {
		return "", err
	}
	if err := shell("print", path, windows.SW_HIDE); err != nil {
		return "", err
	}
	return printer, nil
}

// Open shows the PDF file at path in the program Windows opens PDF files
// with.
func Open(path string) error { return shell("open", path, windows.SW_SHOWNORMAL) }

// shell asks Windows to do verb to the file at path, as Explorer's menu
// does.
func shell(verb, path string, show int32) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return err
	}
	verb16, _ := windows.UTF16PtrFromString(verb)
	file, err := windows.UTF16PtrFromString(abs)
	if err != nil {
		return err
	}
	dir, _ := windows.UTF16PtrFromString(filepath.Dir(abs))
	err = windows.ShellExecute(0, verb16, file, nil, dir, show)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, windows.ERROR_NO_ASSOCIATION), errors.Is(err, windows.ERROR_FILE_NOT_FOUND):
		return ErrNoPDFProgram
	default:
		return fmt.Errorf("%s %s: %w", verb, filepath.Base(abs), err)
	}
}
