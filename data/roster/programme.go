package roster

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"accred/data"
	"accred/data/msg"
)

// ProgrammeColumns lists the programme template's columns.
var ProgrammeColumns = []string{"code", "title", "kind", "room", "starts_at", "ends_at", "capacity", "categories", "records_exits", "zone"}

var programmeRequired = []string{"code", "title", "kind", "room", "starts_at", "ends_at"}

// ReadProgramme reads a programme file (.csv or .xlsx) with times in loc,
// and checks every session against the event's categories. Every problem is
// returned at once, by line, as EINVALID.
func ReadProgramme(path string, loc *time.Location, categories []data.Category) ([]data.Session, error) {
	records, lines, err := readTable(path)
	if err != nil {
		return nil, err
	}
	column, err := header(records, lines, ProgrammeColumns, programmeRequired)
	if err != nil {
		return nil, err
	}
	var sessions []data.Session
	var problems []data.FieldError
	for i, rec := range records[1:] {
		line := lines[i+1]
		if isBlank(rec) {
			continue
		}
		cell := func(name string) string {
			if i, ok := column[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		bad := func(field string, reason msg.Message) {
			problems = append(problems, data.FieldError{Line: line, Field: field, Reason: reason})
		}
		s := data.Session{Code: cell("code"), Title: cell("title"), Kind: strings.ToLower(cell("kind")), Room: cell("room"),
			Categories: strings.Fields(strings.ToLower(cell("categories"))), EarlyMinutes: 30}.Tidy()
		for field, t := range map[string]*time.Time{"starts_at": &s.Starts, "ends_at": &s.Ends} {
			v, err := time.ParseInLocation(data.SessionTimeLayout, cell(field), loc)
			if err != nil {
				bad(field, msgTimeLayout.Msg())
			}
			*t = v
		}
		if c := cell("capacity"); c != "" {
			n, err := strconv.Atoi(c)
			if err != nil || n <= 0 {
				bad("capacity", msgCapacity.Msg()) // said once: Validate is given no capacity
			} else {
				s.Capacity = n
			}
		}
		if z := cell("zone"); z != "" {
			n, err := strconv.Atoi(z)
			if err != nil || n < 1 || n > data.MaxZone {
				bad("zone", msgZone.Msg())
			} else {
				s.Zone = n
			}
		}
		exits, ok := parseYesNo(cell("records_exits"))
		if !ok {
			bad("records_exits", msgYesNo.Msg())
		}
		s.RecordsExits = exits
		for _, f := range data.ErrorFields(s.Validate(categories)) {
			if f.Field == "starts_at" || f.Field == "ends_at" && (s.Starts.IsZero() || s.Ends.IsZero()) {
				continue // already said
			}
			bad(f.Field, f.Reason)
		}
		sessions = append(sessions, s)
	}
	if len(problems) > 0 {
		return nil, &data.Error{Code: data.EINVALID, Message: msgProgrammeNotImported.Msg(), Fields: problems}
	}
	if len(sessions) == 0 {
		return nil, data.NewError(data.EINVALID, msgNoSession, msg.Args{"File": filepath.Base(path)})
	}
	return sessions, nil
}

// header maps the first record's column names to their positions, refusing
// unknown, repeated and missing columns.
func header(records [][]string, lines []int, known, required []string) (map[string]int, error) {
	if len(records) == 0 {
		return nil, data.NewError(data.EINVALID, msgEmptyFile, msg.Args{"Columns": strings.Join(known, ", ")})
	}
	column := map[string]int{}
	var problems []data.FieldError
	for i, name := range records[0] {
		key := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(name, " ", "_")))
		_, repeated := column[key]
		switch {
		case key == "":
		case !slices.Contains(known, key):
			if !data.NameText.Check(name).IsZero() {
				name = strconv.QuoteToASCII(name) // shown as written, control characters and all
			}
			problems = append(problems, data.FieldError{Line: lines[0], Field: name, Reason: msgUnknownColumn.Msg()})
		case repeated:
			problems = append(problems, data.FieldError{Line: lines[0], Field: name, Reason: msgColumnTwice.Msg()})
		default:
			column[key] = i
		}
	}
	for _, name := range required {
		if _, ok := column[name]; !ok {
			problems = append(problems, data.FieldError{Line: lines[0], Field: name, Reason: msgColumnMissing.Msg()})
		}
	}
	if len(problems) > 0 {
		return nil, &data.Error{Code: data.EINVALID, Message: msgBadHeader.Msg(), Fields: problems}
	}
	return column, nil
}

var (
	msgProgrammeNotImported = msg.Define("The programme was not imported. Nothing was changed.")
	msgNoSession            = msg.Define("{{.File}} holds no session.")
	msgTimeLayout           = msg.Define("Write the time as YYYY-MM-DD HH:MM.")
	msgCapacity             = msg.Define("The capacity is a number of seats, or empty for no limit.")
	msgZone                 = msg.Define("The zone is a number from 1 to 99, or empty for none.")
	msgEmptyFile            = msg.Define("The file is empty. The first line must name the columns: {{.Columns}}.")
	msgUnknownColumn        = msg.Define("Unknown column; see the import template for the column names.")
	msgColumnTwice          = msg.Define("This column appears twice.")
	msgColumnMissing        = msg.Define("This required column is missing.")
	msgBadHeader            = msg.Define("The first line of the file must name the template's columns.")
)
