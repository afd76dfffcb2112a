package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"accred/data"
	"accred/data/country"
	"accred/data/roster"
)

// exportCommands are export's subcommands: add one with a line here.
var exportCommands = []command{
	{"participants", "[--format csv|xlsx] [--out FILE] [--delegation CODE] [--by-delegation]", "the import template with every field, photos beside it", runExportParticipants},
	{"person", "ID [--out FOLDER]", "everything held about one person (person.json, photo.jpg), for their request to see it", runExportPerson},
}

// exportUsage is every subcommand's usage, for the command list.
func exportUsage() string {
	var usages []string
	for _, c := range exportCommands {
		usages = append(usages, c.name+" "+c.usage)
	}
	return strings.Join(usages, " | ")
}

// runExport runs the export subcommand args name.
func runExport(e *env, args []string) error {
	if len(args) == 0 {
		return errUsage
	}
	for _, c := range exportCommands {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	return errUsage
}

// runExportParticipants writes the roster as the import template: to
// standard output as CSV without photos, to a file with its photos beside
// it, or to a folder with a file per delegation or organisation.
func runExportParticipants(e *env, args []string) error {
	fs := flags("export participants")
	format := fs.String("format", "", "csv or xlsx; by default the --out file's ending, else csv")
	out := fs.String("out", "", "file, or folder with --by-delegation; standard output when empty (csv only, no photos)")
	delegation := fs.String("delegation", "", "only this country's delegation: its code or name")
	each := fs.Bool("by-delegation", false, "one file per delegation or organisation, in the folder --out names")
	rest, err := parse(fs, args)
	if err != nil || len(rest) > 0 {
		return errUsage
	}
	if *format == "" {
		*format = map[bool]string{true: "xlsx", false: "csv"}[strings.EqualFold(filepath.Ext(*out), ".xlsx") && !*each]
	}
	if *format != "csv" && *format != "xlsx" {
		return fmt.Errorf("%q is not a format: give csv or xlsx", *format)
	}
	if *out == "" && (*format == "xlsx" || *each) {
		return fmt.Errorf("an xlsx file, or a file per delegation, needs --out")
	}
	if *out != "" && !*each && !strings.EqualFold(filepath.Ext(*out), "."+*format) {
		return fmt.Errorf("%s does not end in .%s; name the file for its format, or give --format", *out, *format)
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	entries, err := s.Roster(e.ctx)
	if err != nil {
		return err
	}
	if *delegation != "" {
		if entries, err = ofDelegation(entries, *delegation); err != nil {
			return err
		}
	}
	photos := func(id int64) ([]byte, error) { return s.Photo(e.ctx, id) }
	switch {
	case *out == "":
		if slices.ContainsFunc(entries, func(x data.RosterEntry) bool { return x.HasPhoto }) {
			fmt.Fprintln(e.stderr, "photos are not written to standard output: give --out FILE to have them beside the file")
		}
		return roster.WriteCSV(e.stdout, roster.Table(entries))
	case *each:
		files, err := roster.ExportEach(*out, *format, entries, photos)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "exported %s into %s in %s\n", counted(participantsCounted, len(entries)), counted(filesCounted, len(files)), *out)
		return nil
	}
	n, err := roster.Export(*out, *format, entries, photos)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "exported %s to %s", counted(participantsCounted, len(entries)), *out)
	if n > 0 {
		fmt.Fprintf(e.stdout, ", %s to %s", counted(photosCounted, n), roster.PhotoFolder(*out))
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// ofDelegation keeps the entries of the delegation of the country named
// (code or name), refusing an unknown country and a delegation of nobody.
func ofDelegation(entries []data.RosterEntry, name string) ([]data.RosterEntry, error) {
	c, ok := country.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%q is not a country: give a delegation's country code (VN) or name", name)
	}
	kept := slices.DeleteFunc(entries, func(x data.RosterEntry) bool {
		return x.Affiliation.Kind != data.AffiliationDelegation || x.Affiliation.Country != c.Code
	})
	if len(kept) == 0 {
		return nil, fmt.Errorf("nobody is registered in the delegation of %s", c.Name("en"))
	}
	return kept, nil
}
