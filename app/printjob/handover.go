package printjob

import (
	"context"
	"os"

	"accred/data"
	"accred/data/msg"
	"accred/printing"
)

// Handover hands every printed badge of a delegation or organisation over to
// its focal point (data.Store.CollectDelegation: ctx names who acts and
// where) and writes the list they sign to path, a new PDF (data.CreateFile).
// A file at path is refused before anything is handed over. It returns those whose badges
// were handed over; when the list cannot be written after that, it returns
// them too, with an error that says so.
func Handover(ctx context.Context, s *data.Store, delegation string, in data.CollectInput, path string) ([]data.Participant, error) {
	ev, err := s.Event(ctx)
	if err != nil {
		return nil, err
	}
	var list []data.Participant
	var refused error
	err = data.CreateFile(path, func(f *os.File) error {
		if list, refused = s.CollectDelegation(ctx, delegation, in); refused != nil {
			return refused
		}
		focal, err := s.Participant(ctx, in.By)
		if err != nil {
			return err
		}
		c, err := s.LastCollection(ctx, list[len(list)-1].ID)
		if err != nil {
			return err
		}
		at := c.At.In(ev.Location())
		return printing.HandoverList(f, printing.Handover{Event: ev, Delegation: focal.Affiliation.Name, FocalPoint: focal,
			At: at.Format("2006-01-02 15:04") + " (" + ev.Location().String() + ")", Station: c.Station, People: list})
	})
	switch {
	case err == nil:
		return list, nil
	case refused != nil:
		return nil, refused
	case len(list) > 0:
		return list, data.NewError(data.EINTERNAL, msgListNotWritten, msg.Args{"Count": len(list), "Path": path, "Err": err})
	}
	return nil, err // an existing file, or one that cannot be written
}

var msgListNotWritten = msg.DefinePlural("Count", "{{.Count}} badge was handed over, but the list to sign could not be written to {{.Path}}: {{.Err}}", "The {{.Count}} badges were handed over, but the list to sign could not be written to {{.Path}}: {{.Err}}")
