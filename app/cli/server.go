package cli

import (
	"bufio"
	"fmt"
	"strings"

	"accred/data"
	"accred/data/msg"
)

// runServer prepares a venue's PostgreSQL event server: the schema, and the
// desks' and doors' logins, whose passwords are read from standard input,
// one line each (desks first), never from the command line.
func runServer(e *env, args []string) error {
	rest, err := parse(flags("server"), args)
	if err != nil || len(rest) != 2 || rest[0] != "init" {
		return errUsage
	}
	url := rest[1]
	if !data.IsServerURL(url) {
		return data.InitServer(e.ctx, url, "", "") // the store refuses the address before anyone types a password
	}
	lines := bufio.NewScanner(e.stdin)
	var passwords []string
	for len(passwords) < 2 && lines.Scan() {
		passwords = append(passwords, strings.TrimRight(lines.Text(), "\r"))
	}
	if len(passwords) < 2 {
		return data.NewError(data.EINVALID, msgPasswords, msg.Args{"Desk": data.DeskRole, "Door": data.DoorRole})
	}
	if err := data.InitServer(e.ctx, url, passwords[0], passwords[1]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "the event server %s is ready: logins %s and %s\n", data.Redacted(url), data.DeskRole, data.DoorRole)
	return nil
}

var msgPasswords = msg.Define("Give the passwords on standard input, one line each: the desks' login ({{.Desk}}) first, then the doors' ({{.Door}}).")
