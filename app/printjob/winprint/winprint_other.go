//go:build !windows

package winprint

// Supported says whether Windows' printers can be used here.
const Supported = false

// DefaultPrinter returns ErrUnsupported outside Windows.
func DefaultPrinter() (string, error) { return "", ErrUnsupported }

// Open returns ErrUnsupported outside Windows.
func Open(string) error { return ErrUnsupported }
