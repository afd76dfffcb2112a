package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"accred/data"
	"accred/data/demo"
	"accred/data/roster"
)

func runInit(e *env, args []string) error {
	fs := flags("init")
	name := fs.String("event", "", "event name")
	start := fs.String("start", "", "first day")
	end := fs.String("end", "", "last day")
	zone := fs.String("timezone", data.LocalZone(), "IANA time zone")
	admin := fs.String("admin", "", "the first admin's name; the PIN on standard input, twice")
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 || *name == "" || *start == "" || *end == "" {
		return errUsage
	}
	starts, err1 := time.Parse(data.DateLayout, *start)
	ends, err2 := time.Parse(data.DateLayout, *end)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("give the days as YYYY-MM-DD, for example 2025-10-25")
	}
	if !data.KnownZone(*zone) {
		return fmt.Errorf("%q is not a time zone; give an IANA name such as Asia/Ho_Chi_Minh, Europe/Vienna or UTC", *zone)
	}
	event := data.Event{Name: *name, Starts: starts, Ends: ends, Timezone: *zone}
	if err := event.Validate(); err != nil {
		return err // refused before any file is made
	}
	var pin string
	if *admin != "" {
		var err error
		if pin, err = readNewPIN(e); err != nil {
			return err // refused before any file is made
		}
	}
	s, err := e.create()
	if err != nil {
		return err
	}
	ev, err := s.CreateEvent(e.ctx, event, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %q in %s (time zone %s, signing key %s)\n", ev.Name, s.Path(), ev.Timezone, ev.KeyID)
	if *admin == "" {
		return nil
	}
	if err := s.AddOperator(e.ctx, *admin, data.Roles{data.RoleAdmin}, pin); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s (admin)\n", *admin)
	return nil
}

func runDemo(e *env, args []string) error {
	fs := flags("demo")
	n := fs.Int("participants", demo.DefaultParticipants, "how many participants")
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 || *n < 1 || *n > 1_000_000 {
		return errUsage
	}
	s, err := e.create()
	if err != nil {
		return err
	}
	if err := demo.Create(e.ctx, s, *n); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created the Hanoi demo with %s in %s\n", counted(participantsCounted, *n), s.Path())
	fmt.Fprintln(e.stdout, "its operators, to sign in with (name, role, PIN):")
	for _, o := range demo.Operators {
		fmt.Fprintf(e.stdout, "  %s\t%s\t%s\n", o.Name, o.Roles, o.PIN)
	}
	return nil
}

func runImport(e *env, args []string) error {
	fs := flags("import")
	dryRun := fs.Bool("dry-run", false, "check only")
	confirm := fs.String("confirm-identity", "", "the lines (3,7) that change who someone approved, cleared or printed is, confirmed")
	rest, err := parse(fs, args)
	if err != nil || len(rest) != 1 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	rows, err := roster.Read(rest[0])
	if err != nil {
		return err
	}
	if err := confirmLines(rows, *confirm); err != nil {
		return err
	}
	source, err := data.ImportSourceAt(rest[0])
	if err != nil {
		return err
	}
	rep, err := s.ImportFile(e.ctx, source, rows, *dryRun)
	if changes := data.IdentityChanges(err); len(changes) > 0 {
		lines := make([]string, len(changes))
		for i, c := range changes {
			lines[i] = strconv.Itoa(c.Line)
		}
		return fmt.Errorf("%w\nto import them, confirm each line: --confirm-identity %s", err, strings.Join(lines, ","))
	}
	if err != nil {
		return err
	}
	verb := "imported"
	if *dryRun {
		verb = "checked (dry run, nothing changed)"
	}
	fmt.Fprintf(e.stdout, "%s %s: %d created, %d updated, %d unchanged", verb, counted(rowsCounted, rep.Rows), rep.Created, rep.Updated, rep.Unchanged)
	if rep.Reidentified > 0 {
		fmt.Fprintf(e.stdout, "; %s, registered again", counted(identitiesCounted, rep.Reidentified))
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// confirmLines confirms the identity changes of the rows on the lines
// listed, comma-separated; a line the file does not hold is refused.
func confirmLines(rows []data.ImportRow, list string) error {
	if strings.TrimSpace(list) == "" {
		return nil
	}
	for _, word := range strings.Split(list, ",") {
		line, err := strconv.Atoi(strings.TrimSpace(word))
		i := slices.IndexFunc(rows, func(r data.ImportRow) bool { return r.Line == line })
		if err != nil || i < 0 {
			return fmt.Errorf("--confirm-identity %q: the file has no participant on line %q; nothing was imported", list, strings.TrimSpace(word))
		}
		rows[i].ConfirmIdentity = true
	}
	return nil
}

func runSearch(e *env, args []string) error {
	rest, err := parse(flags("search"), args)
	if err != nil || len(rest) == 0 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	list, _, err := s.FindParticipants(e.ctx, data.ParticipantFilter{Query: strings.Join(rest, " "), Limit: 1 << 30})
	if err != nil {
		return err
	}
	for _, p := range list {
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\n", p.ID, p.FullName(), p.Category, p.Affiliation.Name)
	}
	return nil
}

func runStats(e *env, args []string) error {
	fs := flags("stats")
	by := fs.String("by", "", strings.Join(data.StatsKeys, ", "))
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 || (*by != "" && !slices.Contains(data.StatsKeys, *by)) {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var list []data.Count
	if *by == "" {
		byCategory, byStatus, err := s.Stats(e.ctx)
		if err != nil {
			return err
		}
		list = append(byCategory, byStatus...)
	} else if list, err = s.StatsBy(e.ctx, *by); err != nil {
		return err
	}
	for _, c := range list {
		fmt.Fprintf(e.stdout, "%s\t%d\n", c.Name, c.Count)
	}
	return nil
}

func runApprove(e *env, args []string) error {
	fs := flags("approve")
	all := fs.Bool("all", false, "every registered participant")
	rest, err := parse(fs, args)
	if err != nil || (*all == (len(rest) > 0)) {
		return errUsage
	}
	ids, err := parseIDs(rest)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	n, waiting := len(ids), 0
	if *all {
		n, waiting, err = s.ApproveAll(e.ctx)
	} else {
		err = s.Approve(e.ctx, ids)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "approved %d\n", n)
	if waiting > 0 {
		fmt.Fprintf(e.stdout, "waiting for a nomination %d\n", waiting)
	}
	return nil
}

// parseIDs reads participant ids, given plainly or as badge numbers (000123).
func parseIDs(args []string) ([]int64, error) {
	ids, bad := data.ParseBadgeNumbers(strings.Join(args, " "))
	if bad != "" {
		return nil, fmt.Errorf("%q is not a badge number (a number such as 123 or 000123)", bad)
	}
	return ids, nil
}

func runBackup(e *env, args []string) error {
	rest, err := parse(flags("backup"), args)
	if err != nil || len(rest) != 1 {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if err := s.Backup(e.ctx, rest[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up to %s\n", rest[0])
	return nil
}
