package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"accred/data"
	"accred/data/roster"
)

func runSessions(e *env, args []string) error {
	rest, err := parse(flags("sessions"), args)
	if err != nil {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 2 && rest[0] == "import":
		ev, err := s.Event(e.ctx)
		if err != nil {
			return err
		}
		cats, err := s.Categories(e.ctx)
		if err != nil {
			return err
		}
		sessions, err := roster.ReadProgramme(rest[1], ev.Location(), cats)
		if err != nil {
			return err
		}
		created, updated, err := s.SaveSessions(e.ctx, sessions)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "imported %s: %d created, %d updated\n", counted(sessionsCounted, len(sessions)), created, updated)
		programme, err := s.Sessions(e.ctx)
		if err != nil {
			return err
		}
		for _, o := range data.Overlaps(programme, sessions) {
			fmt.Fprintf(e.stderr, "warning: %s\n", o)
		}
		return nil
	case len(rest) > 0:
		return errUsage
	}
	sessions, err := s.Sessions(e.ctx)
	if err != nil {
		return err
	}
	for _, x := range sessions {
		capacity := "-"
		if x.Capacity > 0 {
			capacity = strconv.Itoa(x.Capacity)
		}
		who := strings.Join(x.Categories, " ")
		if who == "" {
			who = "all"
		}
		if x.InvitationOnly {
			who = "invited"
		}
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", x.ID, x.Code, x.Starts.Format(data.SessionTimeLayout),
			x.Ends.Format("15:04"), x.Kind, x.Room, capacity, who, x.Title)
	}
	return nil
}

// runCheckin checks in the codes read from standard input, one verdict
// line each, or with --manual the participant a door found by search for
// someone who forgot their badge (the door's F2).
func runCheckin(e *env, args []string) error {
	fs := flags("checkin")
	sessionID := fs.String("session", "", "session id or code")
	exit := fs.Bool("exit", false, "scan people out")
	manual := fs.String("manual", "", "badge number of someone found by search, without their badge")
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 || *sessionID == "" {
		return errUsage
	}
	var person int64
	if *manual != "" {
		ids, err := parseIDs([]string{*manual})
		if err != nil {
			return err
		}
		if len(ids) != 1 {
			return errUsage
		}
		person = ids[0]
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	session, err := s.Session(e.ctx, *sessionID)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	check := func(scan data.Scan) error {
		scan.SessionID, scan.Station, scan.Exit = session.ID, e.station, *exit
		v, err := checkInRetrying(e, out, s, scan)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, verdictLine(v))
		return out.Flush()
	}
	if person != 0 {
		return check(data.Scan{ParticipantID: person})
	}
	return eachLine(e.stdin, maxCodeLine, func(line string) error {
		if code := strings.TrimSpace(line); code != "" {
			return check(data.Scan{Code: code})
		}
		return nil
	})
}

// verdictLine is a door's verdict as the command line prints it: the
// verdict, the badge number (- for none) and the name, or the reason of a
// refusal.
func verdictLine(v data.Verdict) string {
	who, what := "-", v.Reason.String()
	if v.Participant.ID != 0 {
		who = strconv.FormatInt(v.Participant.ID, 10)
	}
	if v.Kind != data.Rejected {
		what = v.Participant.FullName()
	}
	return fmt.Sprintf("%s %s %s", v.Kind, who, what)
}

// Waits between tries of a scan the database did not record: doubling from
// the first to the last, and the last from then on.
const (
	firstRetry = 250 * time.Millisecond
	lastRetry  = 5 * time.Second
)

// checkInRetrying records a scan, trying again while the database cannot
// be reached (a server stopped, a network cut) until it is: the code in hand
// is reported NOT RECORDED once, with why, and its verdict follows when it
// is recorded; the lines after it wait their turn. A refusal of the store
// itself (an unknown session, a station that is not a name) ends the door.
func checkInRetrying(e *env, out *bufio.Writer, s *data.Store, scan data.Scan) (data.Verdict, error) {
	wait := firstRetry
	for told := false; ; told = true {
		v, err := s.CheckIn(e.ctx, scan)
		if !data.Unreachable(err) || e.ctx.Err() != nil {
			return v, err
		}
		if !told {
			fmt.Fprintf(out, "NOT RECORDED - %s: %s; trying again\n", short(scan.Code), plainOutage(err))
			if err := out.Flush(); err != nil {
				return v, err
			}
		}
		select {
		case <-time.After(wait):
		case <-e.ctx.Done():
			return v, e.ctx.Err()
		}
		wait = min(2*wait, lastRetry)
	}
}

// short is the start of a badge code, enough for the operator to know it.
func short(code string) string {
	if len(code) > 12 {
		return code[:12] + "…"
	}
	return code
}

// plainOutage words why a scan was not recorded for the operator, without
// the driver's words.
func plainOutage(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "the database does not answer"
	}
	return "the database cannot be reached"
}

// maxCodeLine is far longer than any badge code: a longer line is cut there,
// and refused as the garbage it is.
const maxCodeLine = 4096

// eachLine calls fn with each line of r, cut to at most limit bytes (the rest
// of a longer line is read and dropped), so that one long line cannot stop
// the lines after it.
func eachLine(r io.Reader, limit int, fn func(string) error) error {
	in := bufio.NewReaderSize(r, limit)
	for {
		line, err := in.ReadSlice('\n')
		text := string(line)
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = in.ReadSlice('\n')
		}
		if text != "" {
			if err := fn(text); err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read codes: %w", err)
		}
	}
}

func runReport(e *env, args []string) error {
	fs := flags("report")
	sessionID := fs.String("session", "", "one session: who came")
	format := fs.String("format", "csv", "csv or xlsx")
	outPath := fs.String("out", "", "file; standard output when empty (csv only)")
	rest, err := parse(fs, args)
	if err != nil || len(rest) != 1 || rest[0] != "attendance" || (*format != "csv" && *format != "xlsx") {
		return errUsage
	}
	if *format == "xlsx" && *outPath == "" {
		return fmt.Errorf("an xlsx report needs --out FILE.xlsx")
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var table [][]string
	if *sessionID == "" {
		report, err := s.AttendanceReport(e.ctx)
		if err != nil {
			return err
		}
		table = append(table, []string{"code", "title", "room", "starts_at", "capacity", "admitted", "present", "refused"})
		for _, a := range report {
			table = append(table, []string{a.Session.Code, a.Session.Title, a.Session.Room, a.Session.Starts.Format(data.SessionTimeLayout),
				strconv.Itoa(a.Session.Capacity), strconv.Itoa(a.Admitted), strconv.Itoa(a.Present), strconv.Itoa(a.Refused)})
		}
	} else {
		session, err := s.Session(e.ctx, *sessionID)
		if err != nil {
			return err
		}
		attendees, err := s.Attendees(e.ctx, session.ID)
		if err != nil {
			return err
		}
		ev, err := s.Event(e.ctx)
		if err != nil {
			return err
		}
		table = append(table, []string{"badge", "name", "category", "affiliation", "first_in", "inside"})
		for _, a := range attendees {
			table = append(table, []string{a.Participant.BadgeNumber(), a.Participant.FullName(), a.Participant.Category,
				a.Participant.Affiliation.Name, a.FirstIn.In(ev.Location()).Format(data.SessionTimeLayout), map[bool]string{true: "yes", false: "no"}[a.Inside]})
		}
	}
	return writeTable(e, table, *format, *outPath)
}

// writeTable writes rows as CSV to standard output, or to a new file as CSV
// or XLSX.
func writeTable(e *env, table [][]string, format, path string) error {
	if path == "" {
		return roster.WriteCSV(e.stdout, table)
	}
	return roster.WriteFile(path, format, table)
}

func runStation(e *env, args []string) error {
	rest, err := parse(flags("station"), args)
	if err != nil || len(rest) < 2 || (rest[0] != "export" && rest[0] != "merge") || (rest[0] == "merge" && len(rest) != 2) ||
		(rest[0] == "export" && len(rest) < 3) {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if rest[0] == "merge" {
		added, err := s.MergeStation(e.ctx, rest[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "merged %s from %s\n", counted(newScansCounted, added), rest[1])
		return nil
	}
	var ids []int64
	for _, code := range rest[2:] {
		x, err := s.Session(e.ctx, code)
		if err != nil {
			return err
		}
		ids = append(ids, x.ID)
	}
	if err := s.ExportStation(e.ctx, rest[1], ids); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote the station file %s for %s\n", rest[1], counted(sessionsCounted, len(ids)))
	return nil
}
