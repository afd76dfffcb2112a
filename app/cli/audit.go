package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"accred/data"
	"accred/data/roster"
)

// auditHeader names the columns of accred audit, on its first line.
var auditHeader = []string{"time", "operator", "station", "participant", "action", "field", "old", "new", "source"}

// runAudit prints the audit trail in the order recorded: a header line, then one
// line an entry, tab-separated (tabs, line breaks and backslashes inside a
// value written \t, \n, \r and \\) or as CSV.
func runAudit(e *env, args []string) error {
	fs := flags("audit")
	participant := fs.String("participant", "", "one participant's badge number or id")
	operator := fs.String("operator", "", "one operator's changes")
	since := fs.String("since", "", "from a date (YYYY-MM-DD, in the event's time zone) or an RFC 3339 time")
	format := fs.String("format", "tab", "tab or csv")
	rest, err := parse(fs, args)
	if err != nil || len(rest) > 0 || (*format != "tab" && *format != "csv") {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	ev, err := s.Event(e.ctx)
	if err != nil {
		return err
	}
	loc := ev.Location()
	filter := data.AuditFilter{Operator: strings.TrimSpace(*operator)}
	if *participant != "" {
		ids, bad := data.ParseBadgeNumbers(*participant)
		if bad != "" || len(ids) != 1 {
			return fmt.Errorf("--participant %q is not one badge number", *participant)
		}
		filter.ParticipantID = ids[0]
		if _, err := s.Participant(e.ctx, ids[0]); err != nil {
			return fmt.Errorf("--participant %s: %w", *participant, err)
		}
	}
	if *since != "" {
		if filter.Since, err = parseSince(*since, loc); err != nil {
			return err
		}
	}
	trail, err := s.AuditTrail(e.ctx, filter)
	if err != nil {
		return err
	}
	table := [][]string{auditHeader}
	for _, a := range trail {
		badge := ""
		if a.ParticipantID != 0 {
			badge = data.BadgeNumber(a.ParticipantID)
		}
		table = append(table, []string{a.At.In(loc).Format(time.RFC3339), a.Operator, a.Station, badge, a.Action, a.Field, a.Old, a.New, a.Source})
	}
	if *format == "csv" {
		return roster.WriteCSV(e.stdout, table)
	}
	return writeTabbed(e.stdout, table)
}

// parseSince reads --since: a date, from its midnight in the event's time
// zone, or an RFC 3339 time.
func parseSince(text string, loc *time.Location) (time.Time, error) {
	text = strings.TrimSpace(text)
	if t, err := time.ParseInLocation(data.DateLayout, text, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, text); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--since %q is neither a date (2025-10-25) nor a time with its zone (2025-10-25T14:00:00+07:00)", text)
}

// tabEscaper keeps a value on its line and in its column.
var tabEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// writeTabbed writes a table one line a row, its cells separated by tabs.
func writeTabbed(w io.Writer, table [][]string) error {
	var b strings.Builder
	for _, row := range table {
		for i, cell := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(tabEscaper.Replace(cell))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
