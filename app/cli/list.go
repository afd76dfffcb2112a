package cli

import (
	"errors"
	"fmt"
	"os"

	"accred/app/printjob"
	"accred/data"
	"accred/data/atomicfile"
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
	fmt.Fprintf(e.stdout, "wrote the List of Participants (%d participants) to %s\n", people, *out)
	return nil
}

// createNew writes a new file at path with write, refusing an existing one;
// a refusal of the store's that write returns comes back as it is.
func createNew(path string, write func(f *os.File) error) error {
	err := atomicfile.Create(path, write)
	switch {
	case errors.Is(err, atomicfile.ErrExists):
		return fmt.Errorf("%s already exists and is never overwritten; choose a new file name", path)
	case data.ErrorCode(err) != data.EINTERNAL:
		return err
	case err != nil:
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
