package cli

import (
	"fmt"
)

// runPurge removes the personal data of everyone registered before a date.
func runPurge(e *env, args []string) error {
	fs := flags("purge")
	before := fs.String("before", "", "YYYY-MM-DD")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 || *before == "" {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	report, err := s.Purge(e.ctx, *before)
	if err == nil {
		fmt.Fprintf(e.stdout, "removed the personal data of everyone registered before %s:\n", report.Before)
	}
	for _, c := range report.Counts() {
		if c.Count > 0 || err == nil {
			fmt.Fprintf(e.stdout, "%s\t%d\n", c.Kind, c.Count)
		}
	}
	return err
}
