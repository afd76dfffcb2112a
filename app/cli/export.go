package cli

import "fmt"

// exportSubcommands are what accred export writes, by name.
var exportSubcommands = []struct {
	name string
	run  func(e *env, args []string) error
}{
	{"person", runExportPerson},
}

// runExport runs the export its first argument names.
func runExport(e *env, args []string) error {
	if len(args) == 0 {
		return errUsage
	}
	for _, sub := range exportSubcommands {
		if sub.name == args[0] {
			return sub.run(e, args[1:])
		}
	}
	return fmt.Errorf("%w: unknown export %q", errUsage, args[0])
}
