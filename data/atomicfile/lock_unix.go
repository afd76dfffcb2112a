//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// lock takes f's lock without waiting; the system lets it go when the
// program ends, however it ends.
func lock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
