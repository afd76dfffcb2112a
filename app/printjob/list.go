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

// ParticipantsList writes the List of Participants to a new file at path:
// those f lists, names in their own script too when native is set, under a
// running head with the event's name and document symbol. It returns how
// many people it lists. Nobody to list gives EINVALID and no file; an
// existing file is never replaced (ECONFLICT).
func ParticipantsList(ctx context.Context, store *data.Store, path string, f data.ListFilter, native bool) (int, error) {
	ev, err := store.Event(ctx)
	if err != nil {
		return 0, err
	}
	symbol, err := store.Setting(ctx, data.SettingDocumentSymbol)
	if err != nil {
		return 0, err
	}
	sections, err := store.ParticipantsList(ctx, f)
	if err != nil {
		return 0, err
	}
	people := 0
	for _, sec := range sections {
		for _, g := range sec.Groups {
			people += len(g.People)
		}
	}
	if people == 0 {
		return 0, data.NewError(data.EINVALID, msgNobodyListed, nil)
	}
	list := printing.List{Event: ev, Symbol: symbol, Sections: sections, Native: native}
	err = atomicfile.Create(path, func(out *os.File) error { return printing.ParticipantsList(out, list) })
	switch {
	case errors.Is(err, atomicfile.ErrExists):
		return 0, data.NewError(data.ECONFLICT, msgListExists, msg.Args{"Path": path})
	case err != nil:
		return 0, data.NewError(data.EINVALID, msgCannotWrite, msg.Args{"Path": path, "Err": err})
	}
	return people, nil
}

var (
	msgNobodyListed = msg.Define("Nobody has this status yet: the List of Participants would be empty, and nothing was written.")
	msgListExists   = msg.Define("{{.Path}} already exists and is never overwritten; choose a new file name.")
)
