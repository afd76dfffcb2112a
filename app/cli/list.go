package cli

import (
	"fmt"

	"accred/app/printjob"
	"accred/data"
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
	people, err := printjob.ParticipantsList(e.ctx, s, *out, data.ListFilter{Status: data.Status(*status), Media: *media}, *native)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote the List of Participants (%s) to %s\n", counted(participantsCounted, people), *out)
	return nil
}
