package printjob

import "accred/app/printjob/winprint"

// DefaultService is the print service of this computer: Windows' spooler.
func DefaultService() Service { return winprint.New() }
