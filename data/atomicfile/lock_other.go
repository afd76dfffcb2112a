//go:build !unix && !windows

package atomicfile

import (
	"errors"
	"os"
)

// lock is not available here: Clean takes no leftover for stale.
func lock(*os.File) error { return errors.New("no file locks") }
