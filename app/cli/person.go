package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"accred/data"
	"accred/data/atomicfile"
)

// Files of a person's export.
const (
	personDataFile  = "person.json"
	personPhotoFile = "photo.jpg"
)

// runExportPerson writes everything held about one person into a new
// folder, readable by its owner only: person.json (their row, field by
// field, and their history, table by table) and photo.jpg when there is one.
func runExportPerson(e *env, args []string) error {
	fs := flags("export person")
	out := fs.String("out", "", "the new folder")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errUsage
	}
	ids, bad := data.ParseBadgeNumbers(rest[0])
	if bad != "" || len(ids) != 1 {
		return fmt.Errorf("%w: %q is not a badge number", errUsage, rest[0])
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	record, err := s.PersonRecord(e.ctx, ids[0])
	if err != nil {
		return err
	}
	folder := *out
	if folder == "" {
		folder = "person-" + record.BadgeNumber
	}
	if err := writePersonFolder(folder, record); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote everything held about %s to %s\n", record.BadgeNumber, folder)
	return nil
}

// writePersonFolder makes folder (refusing one that exists) and writes the
// record's files into it.
func writePersonFolder(folder string, record data.PersonRecord) error {
	if err := os.Mkdir(folder, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; name a new folder with --out", folder)
		}
		return fmt.Errorf("make %s: %w", folder, err)
	}
	text, err := json.MarshalIndent(record, "", "  ")
	if err != nil {
		return fmt.Errorf("write %s: %w", personDataFile, err)
	}
	files := map[string][]byte{personDataFile: append(text, '\n')}
	if record.Photo != nil {
		files[personPhotoFile] = record.Photo
	}
	for name, content := range files {
		err := atomicfile.Create(filepath.Join(folder, name), func(f *os.File) error {
			_, err := f.Write(content)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
