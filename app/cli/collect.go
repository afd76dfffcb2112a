package cli

import (
	"fmt"
	"os"
	"strconv"

	"accred/data"
	"accred/printing"
)

func runCollect(e *env, args []string) error {
	fs := flags("collect")
	document := fs.String("document", "", "the number of the document shown")
	by := fs.Int64("by", 0, "the focal point collecting, by badge number")
	override := fs.Bool("override", false, "a supervisor allows a document other than the one registered")
	delegation := fs.String("delegation", "", "collect every printed badge of this delegation (country code) or organisation")
	out := fs.String("out", "", "the list to sign, with --delegation")
	rest, err := parse(fs, args)
	if err != nil || *document == "" || *by < 0 {
		return errUsage
	}
	in := data.CollectInput{Document: *document, By: *by, Override: *override}
	if *delegation != "" {
		if len(rest) > 0 || *by == 0 || *out == "" {
			return errUsage
		}
		return collectDelegation(e, *delegation, in, *out)
	}
	if len(rest) != 1 || *out != "" {
		return errUsage
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%q is not a badge number", rest[0])
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	p, err := s.CollectBadge(e.ctx, id, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "collected\t%d\t%s\n", p.ID, p.FullName())
	return nil
}

// collectDelegation hands the delegation's printed badges over to the focal
// point and writes the list they sign; an existing file is refused before
// anything is handed over.
func collectDelegation(e *env, delegation string, in data.CollectInput, out string) error {
	s, err := e.store()
	if err != nil {
		return err
	}
	ev, err := s.Event(e.ctx)
	if err != nil {
		return err
	}
	collected := false
	var list []data.Participant
	err = data.CreateFile(out, func(f *os.File) error {
		if list, err = s.CollectDelegation(e.ctx, delegation, in); err != nil {
			return err
		}
		collected = true
		focal, err := s.Participant(e.ctx, in.By)
		if err != nil {
			return err
		}
		c, err := s.LastCollection(e.ctx, list[len(list)-1].ID)
		if err != nil {
			return err
		}
		at := c.At.In(ev.Location())
		return printing.HandoverList(f, printing.Handover{Event: ev, Delegation: focal.Affiliation.Name, FocalPoint: focal,
			At: at.Format("2006-01-02 15:04") + " (" + ev.Location().String() + ")", Station: c.Station, People: list})
	})
	switch {
	case err != nil && collected:
		return fmt.Errorf("the %d badges were handed over, but the list to sign could not be written: %w", len(list), err)
	case err != nil:
		return err
	}
	for _, p := range list {
		fmt.Fprintf(e.stdout, "collected\t%d\t%s\n", p.ID, p.FullName())
	}
	fmt.Fprintf(e.stdout, "wrote the list to sign (%d badges) to %s\n", len(list), out)
	return nil
}
