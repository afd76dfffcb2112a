package roster

import (
	"path/filepath"
	"strconv"
	"strings"

	"accred/data"
	"accred/data/msg"
)

// ZoneColumns lists the zones file's columns, all required.
var ZoneColumns = []string{"code", "name", "categories"}

// ReadZones reads a zones file (.csv or .xlsx): a zone's number, its name
// and the categories that have it, separated by spaces. Every problem is
// returned at once, by line, as EINVALID; the store checks the categories.
func ReadZones(path string) ([]data.Zone, error) {
	records, lines, err := readTable(path)
	if err != nil {
		return nil, err
	}
	column, err := header(records, lines, ZoneColumns, ZoneColumns)
	if err != nil {
		return nil, err
	}
	var zones []data.Zone
	var problems []data.FieldError
	for i, rec := range records[1:] {
		if isBlank(rec) {
			continue
		}
		cell := func(name string) string {
			if i := column[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		z := data.Zone{Name: cell("name"), Categories: strings.Fields(strings.ToLower(cell("categories")))}
		code, err := strconv.Atoi(cell("code"))
		if err != nil || code < 1 || code > data.MaxZone {
			problems = append(problems, data.FieldError{Line: lines[i+1], Field: "code", Reason: msgZoneNumber.Msg()})
		}
		z.Code = code
		zones = append(zones, z)
	}
	if len(problems) > 0 {
		return nil, &data.Error{Code: data.EINVALID, Message: msgZonesNotImported.Msg(), Fields: problems}
	}
	if len(zones) == 0 {
		return nil, data.NewError(data.EINVALID, msgNoZones, msg.Args{"File": filepath.Base(path)})
	}
	return zones, nil
}

var (
	msgZoneNumber       = msg.Define("A zone is a number from 1 to 99.")
	msgZonesNotImported = msg.Define("The zones were not imported. Nothing was changed.")
	msgNoZones          = msg.Define("{{.File}} holds no zone.")
)
