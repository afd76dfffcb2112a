package printjob

import (
	"context"
	"errors"
	"os"

	"accred/data"
	"accred/data/atomicfile"
	"accred/data/msg"
	"accred/printing"
)

// Handover hands every printed badge of a delegation or organisation over to
// its focal point (data.Store.CollectDelegation: ctx names who acts and
// where) and writes the list they sign to path, a new PDF. A file at path
// is refused before anything is handed over. It returns those whose badges
// were handed over; when the list cannot be written after that, it returns
// them too, with an error that says so.
func Handover(ctx context.Context, s *data.Store, delegation string, in data.CollectInput, path string) ([]data.Participant, error) {
	ev, err := s.Event(ctx)
	if err != nil {
		return nil, err
	}
	var list []data.Participant
	var refused error
	err = atomicfile.Create(path, func(f *os.File) error {
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
	case errors.Is(err, atomicfile.ErrExists):
		return nil, data.NewError(data.ECONFLICT, msgListExists, msg.Args{"Path": path})
	}
	return nil, data.NewError(data.EINVALID, msgCannotWrite, msg.Args{"Path": path, "Err": err})
}

var (
	msgListExists     = msg.Define("{{.Path}} already exists and is never overwritten; nothing was handed over. Choose a new name for the list to sign.")
	msgListNotWritten = msg.Define("The {{.Count}} badges were handed over, but the list to sign could not be written to {{.Path}}: {{.Err}}")
)
