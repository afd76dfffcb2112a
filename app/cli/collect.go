package cli

import (
	"fmt"
	"strconv"

	"accred/app/printjob"
	"accred/data"
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
	list, err := printjob.Handover(e.ctx, s, delegation, in, out)
	if err != nil {
		return err
	}
	for _, p := range list {
		fmt.Fprintf(e.stdout, "collected\t%d\t%s\n", p.ID, p.FullName())
	}
	fmt.Fprintf(e.stdout, "wrote the list to sign (%s) to %s\n", counted(badgesCounted, len(list)), out)
	return nil
}
