//go:build !windows

package printjob

import "accred/app/printjob/cups"

// DefaultService is the print service of this computer: CUPS, found as its
// own tools find it (cups.Default).
func DefaultService() Service { return cups.Default() }
