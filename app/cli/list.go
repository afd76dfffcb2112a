package cli

import (
	"fmt"
	"os"

	"accred/data"
	"accred/printing"
)

func runParticipantsList(e *env, args []string) error {
	fs := flags("participants-list")
	out := fs.String("out", "", "PDF file")
	status := fs.String("status", string(data.StatusApproved), "approved, printed or collected: the least status listed")
	media := fs.Bool("media", false, "list the media too")
	native := fs.Bool("native", false, "names in their own script too")
	rest, err := parse(fs, args)
	if err != nil || *out == "" || len(rest) > 0 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	ev, err := s.Event(e.ctx)
	if err != nil {
		return err
	}
	sections, err := s.ParticipantsList(e.ctx, data.ListFilter{Status: data.Status(*status), Media: *media})
	if err != nil {
		return err
	}
	if len(sections) == 0 {
		return fmt.Errorf("nobody is %s yet: the list would be empty, and nothing was written", *status)
	}
	list := printing.List{Event: ev, Sections: sections, Native: *native}
	if err := createNew(*out, func(f *os.File) error { return printing.ParticipantsList(f, list) }); err != nil {
		return err
	}
	people := 0
	for _, sec := range sections {
		for _, g := range sec.Groups {
			people += len(g.People)
		}
	}
	fmt.Fprintf(e.stdout, "wrote the List of Participants (%d participants) to %s\n", people, *out)
	return nil
}

// createNew writes a new file at path with write, refusing an existing one.
var createNew = data.CreateFile
