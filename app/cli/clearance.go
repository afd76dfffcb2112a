package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"accred/data/roster"
)

// runClearance writes the list the host country's security service is sent,
// or records its answer.
func runClearance(e *env, args []string) error {
	fs := flags("clearance")
	out := fs.String("out", "", "the new file (.csv or .xlsx)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 1 && rest[0] == "export" && *out != "":
		format := strings.ToLower(strings.TrimPrefix(filepath.Ext(*out), "."))
		if format != "csv" && format != "xlsx" {
			return fmt.Errorf("name the list %s.csv or %s.xlsx: the security service's list is a table", strings.TrimSuffix(*out, filepath.Ext(*out)), strings.TrimSuffix(*out, filepath.Ext(*out)))
		}
		s, err := e.store()
		if err != nil {
			return err
		}
		table, err := s.ClearanceRequests(e.ctx)
		if err != nil {
			return err
		}
		if err := roster.WriteFile(*out, format, table); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s pending clearance to %s\n", counted(participantsCounted, len(table)-1), *out)
		return nil
	case len(rest) == 2 && rest[0] == "import" && *out == "":
		answers, err := roster.ReadClearance(rest[1])
		if err != nil {
			return err
		}
		s, err := e.store()
		if err != nil {
			return err
		}
		n, err := s.ImportClearance(e.ctx, answers)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "recorded the clearance of %s\n", counted(participantsCounted, n))
		return nil
	}
	return errUsage
}
