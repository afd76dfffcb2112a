package cli

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"accred/data"
	"accred/data/msg"
)

// runOperators adds, lists, disables operators, gives one a new PIN or
// links their staff badge. PINs are read from standard input, twice,
// never from the command line, where others could read them.
func runOperators(e *env, args []string) error {
	fs := flags("operators")
	role := fs.String("role", "", "roles, comma-separated")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		rest = []string{"list"}
	}
	verb, rest := rest[0], rest[1:]
	if verb == "list" && len(rest) == 0 {
		return listOperators(e)
	}
	if len(rest) == 0 {
		return errUsage
	}
	name := rest[0]
	if verb == "badge" {
		return linkBadge(e, name, rest[1:])
	}
	if len(rest) > 1 {
		if isDigits(rest[1]) {
			return data.NewError(data.EINVALID, msgPINArgument, nil)
		}
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	switch verb {
	case "add":
		roles, err := data.ParseRoles(*role)
		if err != nil {
			return err
		}
		pin, err := readNewPIN(e)
		if err != nil {
			return err
		}
		if err := s.AddOperator(e.ctx, name, roles, pin); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s (%s)\n", name, roles)
	case "disable":
		if err := s.DisableOperator(e.ctx, name); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "disabled %s\n", name)
	case "pin":
		pin, err := readNewPIN(e)
		if err != nil {
			return err
		}
		if err := s.SetOperatorPIN(e.ctx, name, pin); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "new PIN for %s\n", name)
	default:
		return errUsage
	}
	return nil
}

// listOperators prints one line an operator: name, roles, disabled or
// active, and the badge that signs them in.
func listOperators(e *env) error {
	s, err := e.store()
	if err != nil {
		return err
	}
	ops, err := s.Operators(e.ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, o := range ops {
		state, badge := "active", "-"
		if o.Disabled {
			state = "disabled"
		}
		if o.ParticipantID != 0 {
			badge = data.BadgeNumber(o.ParticipantID)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", o.Name, o.Roles, state, badge)
	}
	return w.Flush()
}

// linkBadge makes a participant's badge sign the operator in: ID, or none.
func linkBadge(e *env, name string, args []string) error {
	if len(args) != 1 {
		return errUsage
	}
	var id int64
	if args[0] != "none" {
		ids, bad := data.ParseBadgeNumbers(args[0])
		if bad != "" || len(ids) != 1 {
			return errUsage
		}
		id = ids[0]
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if err := s.LinkOperatorBadge(e.ctx, name, id); err != nil {
		return err
	}
	if id == 0 {
		fmt.Fprintf(e.stdout, "%s signs in by name only\n", name)
	} else {
		fmt.Fprintf(e.stdout, "badge %s signs in %s\n", data.BadgeNumber(id), name)
	}
	return nil
}

// readNewPIN reads a new PIN from standard input twice, one line each, and
// returns it when both agree and it is a PIN.
func readNewPIN(e *env) (string, error) {
	lines := bufio.NewScanner(e.stdin)
	var pins []string
	for len(pins) < 2 && lines.Scan() {
		pins = append(pins, strings.TrimSpace(lines.Text()))
	}
	if len(pins) < 2 {
		return "", data.NewError(data.EINVALID, msgPINTwice, nil)
	}
	if pins[0] != pins[1] {
		return "", data.NewError(data.EINVALID, msgPINsDiffer, nil)
	}
	return pins[0], data.CheckPIN(pins[0])
}

func isDigits(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

var (
	msgPINTwice    = msg.Define("Type the PIN on standard input twice, one line each.")
	msgPINsDiffer  = msg.Define("The two PINs differ; nothing was changed.")
	msgPINArgument = msg.Define("A PIN is never given on the command line, where others can read it: type it on standard input, twice.")
)
