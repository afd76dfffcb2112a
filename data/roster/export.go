package roster

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"accred/data"
	"accred/data/atomicfile"
	"accred/data/msg"
)

// Photos gives a participant's photo as a JPEG.
type Photos func(id int64) ([]byte, error)

// Row is a participant's line of the import template, under Columns: read
// back, it registers them as they are, with photo_file naming photo.
func Row(e data.RosterEntry, photo string) []string {
	in := e.Input()
	rank := ""
	if in.Rank > 0 {
		rank = strconv.Itoa(in.Rank)
	}
	cells := map[string]string{
		data.FieldCategory: in.Category, data.FieldTitle: in.Title, data.FieldGivenName: in.GivenName,
		data.FieldFamilyName: in.FamilyName, data.FieldNativeName: in.NativeName, data.FieldNationality: in.Nationality,
		data.FieldDelegation: in.Delegation, data.FieldOrganization: in.Organization, data.FieldOrgKind: in.OrganizationKind,
		data.FieldPosition: in.Position, data.FieldHead: map[bool]string{true: "yes", false: "no"}[in.HeadOfDelegation],
		data.FieldEmail: in.Email, data.FieldDocumentNumber: in.DocumentNumber, data.FieldMediaOutlet: in.MediaOutlet,
		data.FieldPhoto: photo, data.FieldGender: in.Gender, data.FieldRank: rank, data.FieldZones: data.FormatZoneChanges(e.Zones),
		data.FieldDateOfBirth: in.DateOfBirth, data.FieldPlaceOfBirth: in.PlaceOfBirth, data.FieldConsent: in.ConsentOn,
	}
	row := make([]string, len(Columns))
	for i, c := range Columns {
		row[i] = cells[c]
	}
	return row
}

// Table is the import template's header and a line per entry, without
// photos.
func Table(entries []data.RosterEntry) [][]string {
	return table(entries, func(data.RosterEntry) string { return "" })
}

func table(entries []data.RosterEntry, photo func(data.RosterEntry) string) [][]string {
	out := make([][]string, 0, len(entries)+1)
	out = append(out, Columns)
	for _, e := range entries {
		out = append(out, Row(e, photo(e)))
	}
	return out
}

// PhotoFolder is the folder beside an exported file that holds its photos:
// participants-photos for participants.csv.
func PhotoFolder(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + "-photos"
}

// Export writes entries as a new import file at path in format (csv or
// xlsx), with the photos in PhotoFolder(path), one JPEG per participant
// named by their badge number, so that importing the file registers the
// same people with the same photos. Nothing is overwritten: an existing
// file or folder is ECONFLICT before anything is written, and a missing
// folder EINVALID. When writing fails, the photo folder goes too. It
// returns how many photos it wrote.
func Export(path, format string, entries []data.RosterEntry, photos Photos) (int, error) {
	dir := PhotoFolder(path)
	if err := checkNew(path); err != nil {
		return 0, err
	}
	withPhoto := 0
	for _, e := range entries {
		if e.HasPhoto {
			withPhoto++
		}
	}
	if withPhoto > 0 {
		if err := makeFolder(dir); err != nil {
			return 0, err
		}
	}
	err := writePhotos(dir, entries, photos)
	if err == nil {
		err = WriteFile(path, format, table(entries, func(e data.RosterEntry) string {
			if !e.HasPhoto {
				return ""
			}
			return filepath.Base(dir) + "/" + photoName(e)
		}))
	}
	if err != nil && withPhoto > 0 {
		os.RemoveAll(dir)
	}
	return withPhoto, err
}

func photoName(e data.RosterEntry) string { return e.BadgeNumber() + ".jpg" }

func writePhotos(dir string, entries []data.RosterEntry, photos Photos) error {
	for _, e := range entries {
		if !e.HasPhoto {
			continue
		}
		jpeg, err := photos(e.ID)
		if err != nil {
			return err
		}
		file := filepath.Join(dir, photoName(e))
		if err := data.CreateFile(file, func(f *os.File) error { _, err := f.Write(jpeg); return err }); err != nil {
			return err
		}
	}
	return nil
}

// ExportEach writes one file per delegation, organisation or outlet (and
// one for those of none) into the new folder dir, each as Export writes it,
// for their focal points to check. It returns the files' paths.
func ExportEach(dir, format string, entries []data.RosterEntry, photos Photos) ([]string, error) {
	if err := makeFolder(dir); err != nil {
		return nil, err
	}
	var names []string
	groups := map[string][]data.RosterEntry{}
	taken := map[int64]string{}
	used := map[string]bool{}
	for _, e := range entries {
		name, ok := taken[e.Affiliation.ID]
		if !ok {
			name = freeGroupName(groupName(e.Affiliation), used)
			taken[e.Affiliation.ID] = name
			names = append(names, name)
		}
		groups[name] = append(groups[name], e)
	}
	var files []string
	for _, name := range names {
		file := filepath.Join(dir, name+"."+format)
		if _, err := Export(file, format, groups[name], photos); err != nil {
			return files, err
		}
		files = append(files, file)
	}
	return files, nil
}

// groupName names an affiliation's file: a delegation by its country's
// code, another by its name in letters and digits.
func groupName(a data.Affiliation) string {
	if a.Kind == data.AffiliationDelegation && a.Country != "" {
		return a.Country
	}
	var b strings.Builder
	dash := false
	for _, r := range a.Name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	if b.Len() == 0 {
		return "no-affiliation"
	}
	return b.String()
}

// freeGroupName is name, or name-2, name-3… when taken, ignoring case.
func freeGroupName(name string, used map[string]bool) string {
	free := name
	for n := 2; used[strings.ToLower(free)]; n++ {
		free = name + "-" + strconv.Itoa(n)
	}
	used[strings.ToLower(free)] = true
	return free
}

// checkNew refuses a path that is taken (ECONFLICT) or whose folder is
// missing (EINVALID).
func checkNew(path string) error {
	if atomicfile.Exists(path) {
		return data.ExistsError(path)
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || !info.IsDir() {
		return data.NewError(data.EINVALID, msgNoFolder, msg.Args{"Dir": filepath.Dir(path)})
	}
	return nil
}

// makeFolder makes a new folder, readable by its owner only.
func makeFolder(dir string) error {
	if err := checkNew(dir); err != nil {
		return err
	}
	err := os.Mkdir(dir, 0o700)
	switch {
	case errors.Is(err, fs.ErrExist):
		return data.ExistsError(dir)
	case err != nil:
		return data.WriteError(dir, err)
	}
	return nil
}

var msgNoFolder = msg.Define("The folder {{.Dir}} does not exist; make it first, or choose another.")
