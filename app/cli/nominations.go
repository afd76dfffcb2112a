package cli

import (
	"fmt"
	"os"

	"accred/data"
	"accred/data/document"
)

// runNominations lists the recorded nominations, or records one.
func runNominations(e *env, args []string) error {
	if len(args) > 0 && args[0] == "add" {
		return runNominationsAdd(e, args[1:])
	}
	if len(args) > 0 && args[0] == "file" {
		return runNominationsFile(e, args[1:])
	}
	rest, err := parse(flags("nominations"), args)
	if err != nil || len(rest) > 0 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	list, err := s.Nominations(e.ctx)
	if err != nil {
		return err
	}
	for _, n := range list {
		file := "-"
		if n.FileSize > 0 {
			file = fmt.Sprintf("%d bytes", n.FileSize)
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%s\t%s\n", n.Affiliation.Name, n.Reference, n.Date, n.FocalPoint, n.Email, file)
	}
	return nil
}

// runNominationsAdd records a delegation's or organisation's nomination.
func runNominationsAdd(e *env, args []string) error {
	fs := flags("nominations add")
	var in data.NominationInput
	fs.StringVar(&in.Reference, "reference", "", "the note verbale's or letter's reference")
	fs.StringVar(&in.Date, "date", "", "its date, YYYY-MM-DD")
	fs.StringVar(&in.FocalPoint, "focal-point", "", "the focal point's name")
	fs.StringVar(&in.Email, "email", "", "the focal point's e-mail address")
	file := fs.String("file", "", "the nomination, a PDF")
	rest, err := parse(fs, args)
	if err != nil || len(rest) != 1 {
		return errUsage
	}
	in.Name = rest[0]
	if *file != "" {
		if in.File, err = document.ReadPDF(*file); err != nil {
			return err
		}
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	n, err := s.RecordNomination(e.ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "recorded the nomination of %s\n", n.Affiliation.Name)
	return nil
}

// runNominationsFile writes the PDF kept with a nomination to a new file.
func runNominationsFile(e *env, args []string) error {
	fs := flags("nominations file")
	out := fs.String("out", "", "the new file, FILE.pdf")
	rest, err := parse(fs, args)
	if err != nil || len(rest) != 1 || *out == "" {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	n, file, err := s.NominationNamed(e.ctx, rest[0])
	if err != nil {
		return err
	}
	if file == nil {
		return fmt.Errorf("the nomination of %s was recorded without its file", n.Affiliation.Name)
	}
	if err := data.CreateFile(*out, func(f *os.File) error {
		_, err := f.Write(file)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote the nomination of %s (%s) to %s\n", n.Affiliation.Name, counted(bytesCounted, len(file)), *out)
	return nil
}
