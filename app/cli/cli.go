// Package cli is Accred's command line: the same program, run without a
// window by operators, scripts, tests and benchmarks. It never imports Fyne.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"

	"accred/data"
)

// env is what a command works with.
type env struct {
	ctx      context.Context // carries the actor: who acts, where, with which roles
	dbPath   string
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	operator string      // the name recorded with every change
	station  string      // the station recorded with every change
	named    bool        // operator names one of the event's operators, whose roles apply
	opened   *data.Store // once a command asked for it; closed when it ends
}

type command struct {
	name, usage, summary string
	run                  func(e *env, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"init", "--event NAME --start YYYY-MM-DD --end YYYY-MM-DD [--timezone ZONE] [--admin NAME]", "new event database with its signing key, and its first admin (PIN on standard input, twice)", runInit},
		{"demo", "[--participants N]", "the built-in Hanoi demo", runDemo},
		{"import", "FILE.csv|FILE.xlsx [--dry-run] [--confirm-identity LINE,…]", "participants; all or nothing; errors name the line", runImport},
		{"search", "QUERY", "one line per match: id, full name, category, affiliation", runSearch},
		{"stats", "[--by category|status|gender|region|delegation]", "name and count, one line each; without --by per category, then per status", runStats},
		{"approve", "--all | ID...", "approve participants", runApprove},
		{"badges", "--out FILE.pdf [--layout a6|id1|a4] [--pending] [ID...]", "print badges; without IDs, everyone approved and not yet printed", runBadges},
		{"participants-list", "--out FILE.pdf [--status approved|printed|collected] [--media] [--native]", "the UN List of Participants", runParticipantsList},
		{"collect", "ID --document NUMBER [--by ID] [--override] | --delegation CODE --by ID --document NUMBER --out LIST.pdf", "hand a printed badge over, or a delegation's to its focal point with a list to sign", runCollect},
		{"reprint", "ID --reason TEXT", "new issue; the old badge is refused from then on", runReprint},
		{"verify", "CODE", "who this badge belongs to, or why it is not valid", runVerify},
		{"sessions", "[import FILE.csv]", "the programme", runSessions},
		{"checkin", "--session ID [--station NAME] [--exit] [--manual ID]", "codes on stdin, one per line, or --manual someone found by search without their badge; one verdict line each; the station's door rule applies", runCheckin},
		{"doors", "[set STATION --zone N]", "the zones doors require whatever the session, by station name (0: none)", runDoors},
		{"export", exportUsage(), "the roster as the import template (photos as files), or everything held about one person", runExport},
		{"report", "attendance [--session ID] [--format csv|xlsx] [--out FILE]", "attendance per session, or who came to one", runReport},
		{"station", "export FILE SESSION... | merge FILE", "a door's file for working offline, and merging its scans back", runStation},
		{"backup", "FILE", "online copy of the database", runBackup},
		{"settings", "[KEY VALUE]", "the event's settings: name, starts_on, ends_on, timezone, languages, logo (FILE or none), clearance_required, nominations_required, document_symbol, registration_closes", runSettings},
		{"categories", "[set CODE KEY VALUE]", "the categories (code, colour, photo, name, names in other languages), or change one: name, name.LANG, colour, photo yes|no", runCategories},
		{"clearance", "export --out FILE | import FILE", "security clearance: the list for the host country, or its answer", runClearance},
		{"nominations", "[add NAME --reference REF --date YYYY-MM-DD [--focal-point NAME] [--email ADDRESS] [--file FILE.pdf] | file NAME --out FILE.pdf]", "delegations' and organisations' nominations, or one's file back; NAME: a country's code or name, or an organisation's name", runNominations},
		{"zones", "[import FILE.csv]", "the access zones (code, name, categories), or define them from a file", runZones},
		{"operators", "[list] | add NAME --role ROLE[,ROLE] | disable NAME | pin NAME | badge NAME ID|none", "who signs in, with which roles; PINs on standard input, twice", runOperators},
		{"copy", "SRC DST", "a whole event between a SQLite file and a PostgreSQL database", runCopy},
		{"purge", "--before YYYY-MM-DD", "removes the personal data of everyone registered before the date, keeping the counts", runPurge},
		{"audit", "[--participant ID] [--operator NAME] [--since DATE|TIME] [--format tab|csv]", "the audit trail: time, operator, station, participant, action, field, old, new", runAudit},
		{"serve", "--listen ADDR [--cert F --key F]", "the nominations portal and its API for focal points, until SIGTERM", runServe},
		{"portal", portalUsage(), "invitations to the nominations portal: list, make one (prints its link and code), revoke one", runPortal},
		{"server", "init URL", "a venue's PostgreSQL event server: schema, and the accred_desk, accred_door, accred_print and accred_portal logins (passwords on stdin, one line each, in that order)", runServer},
	}
}

// errUsage marks a command line that is wrong in form; its message is the usage.
var errUsage = errors.New("usage")

// Is reports whether args ask for a command rather than the desktop app.
func Is(args []string) bool {
	return len(splitGlobal(args).rest) > 0
}

// DBPath returns the database named by --db in args, or the default.
func DBPath(args []string) string {
	return splitGlobal(args).db
}

// global is what the flags valid before or after any command say.
type global struct {
	db       string // --db, else the default database
	operator string // --operator, else ACCRED_OPERATOR; empty for none
	station  string // --station, else the host name
	rest     []string
}

// splitGlobal takes --db, --operator and --station (each NAME or =NAME)
// out of args, wherever they stand, except a flag of the command's own
// after it (audit's --operator, which chooses whose changes it shows).
func splitGlobal(args []string) global {
	g := global{db: data.DefaultPath(), operator: os.Getenv("ACCRED_OPERATOR")}
	g.station, _ = os.Hostname()
	flags := map[string]*string{"db": &g.db, "operator": &g.operator, "station": &g.station}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		target, ok := flags[name]
		if len(g.rest) > 0 && slices.Contains(ownFlags[g.rest[0]], name) {
			ok = false
		}
		switch {
		case !strings.HasPrefix(a, "-") || !ok:
			g.rest = append(g.rest, a)
		case hasValue:
			*target = value
		case i+1 < len(args):
			*target = args[i+1]
			i++
		default:
			g.rest = append(g.rest, a)
		}
	}
	return g
}

// ownFlags are the commands' flags that share a global flag's name: after
// the command, they are the command's.
var ownFlags = map[string][]string{"audit": {"operator"}}

// osUser is who runs the command line, recorded when no operator is named.
func osUser() string {
	if name := os.Getenv("USER"); name != "" {
		return name
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "cli"
}

// Run runs the command in args and returns the exit status: 0 on success,
// 1 when the command was refused, 2 when the command line is wrong.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := splitGlobal(args)
	rest := g.rest
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "--help" || rest[0] == "-h" {
		printHelp(stdout)
		return 0
	}
	e := &env{dbPath: g.db, stdin: stdin, stdout: stdout, stderr: stderr, operator: strings.TrimSpace(g.operator), station: g.station}
	e.named = e.operator != ""
	if !e.named {
		e.operator = osUser()
	}
	// Without --operator, whoever holds the database holds every right: the
	// command line acts as the System. With it, the operator's roles apply
	// once they are found (e.store), and nothing is allowed before.
	actor := data.System(e.operator, e.station)
	if e.named {
		actor = data.Actor{Operator: e.operator, Station: e.station}
	}
	e.ctx = data.WithActor(ctx, actor)
	for _, c := range commands {
		if c.name != rest[0] {
			continue
		}
		err := c.run(e, rest[1:])
		if e.opened != nil {
			e.opened.Close()
		}
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
			fmt.Fprintf(stderr, "usage: accred %s %s\n", c.name, c.usage)
			return 2
		default:
			fmt.Fprintln(stderr, "accred "+c.name+": "+err.Error())
			return 1
		}
	}
	fmt.Fprintf(stderr, "accred: unknown command %q\n\n", rest[0])
	printHelp(stderr)
	return 2
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "usage: accred [--db PATH|URL] [--operator NAME] [--station NAME] COMMAND [ARGUMENTS]")
	fmt.Fprintln(w, "With no command, opens the desktop app.")
	fmt.Fprintln(w)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %-50s %s\n", c.name, c.usage, c.summary)
	}
	fmt.Fprintf(w, "\nThe database is %s unless --db or ACCRED_DB names another:\n", data.Redacted(data.DefaultPath()))
	fmt.Fprintln(w, "a file (SQLite) or a postgres:// URL (a venue's PostgreSQL server).")
	fmt.Fprintln(w, "Changes are recorded with the operator named by --operator or ACCRED_OPERATOR, whose roles")
	fmt.Fprintln(w, "then apply (PIN-less: the command line is whoever holds the database), else the system user;")
	fmt.Fprintln(w, "and with the station named by --station, else the host name.")
}

// flags returns a flag set that reports its errors through errUsage.
func flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args with fs, allowing flags after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// store opens the database, which must exist and hold an event; the
// command's run closes it. When the command names an operator, it runs
// with their roles from then on; an unknown or disabled one is refused.
func (e *env) store() (*data.Store, error) {
	if e.opened != nil {
		return e.opened, nil
	}
	s, err := openEvent(e.ctx, e.dbPath)
	e.opened = s
	if err != nil {
		return s, err
	}
	return s, e.actIn(s)
}

// actIn makes the operator the command names, if it names one, act with
// their roles in s; an unknown or disabled one is refused.
func (e *env) actIn(s *data.Store) error {
	if !e.named {
		return nil
	}
	o, err := s.OperatorNamed(e.ctx, e.operator)
	if err != nil {
		return err
	}
	e.operator = o.Name
	e.ctx = data.WithActor(e.ctx, data.Actor{Operator: o.Name, Station: e.station, Roles: o.Roles})
	return nil
}

// create opens a new database for a new event; the command's run closes it.
func (e *env) create() (*data.Store, error) {
	s, err := createDatabase(e.dbPath)
	e.opened = s
	return s, err
}

// openEvent opens the database name, which must exist and hold an event.
func openEvent(ctx context.Context, name string) (*data.Store, error) {
	if _, err := os.Stat(name); err != nil && !data.IsServerURL(name) {
		return nil, fmt.Errorf("no database at %s; make one with 'accred init' or 'accred demo', or name one with --db", name)
	}
	s, err := data.OpenAt(name)
	if err != nil {
		return nil, err
	}
	if _, err := s.Event(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// createDatabase opens the database name for a new event, making a file's
// folder first.
func createDatabase(name string) (*data.Store, error) {
	if !data.IsServerURL(name) {
		if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
			return nil, fmt.Errorf("make the database's folder: %w", err)
		}
	}
	return data.OpenAt(name)
}
