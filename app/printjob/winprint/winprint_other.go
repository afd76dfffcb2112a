//go:build !windows

package winprint

// Supported says whether Print can send a file here.
const Supported = false

// DefaultPrinter returns ErrUnsupported outside Windows.
func DefaultPrinter() (string, error) { return "", ErrUnsupported }

// Print returns ErrUnsupported outside Windows.
func Print(string) (string, error) { return "", ErrUnsupported }

// Open returns ErrUnsupported outside Windows.
func Open(string) error { return ErrUnsupported }
