package cli

import (
	"bufio"
	"fmt"
	"strings"

	"accred/data"
	"accred/data/msg"
)

// runServer prepares a venue's PostgreSQL event server: the schema, and the
// logins of desks, doors, printing stations and the nominations portal,
// whose passwords are read from standard input, one line each in that
// order, never from the command line.
func runServer(e *env, args []string) error {
	rest, err := parse(flags("server"), args)
	if err != nil || len(rest) != 2 || rest[0] != "init" {
		return errUsage
	}
	url := rest[1]
	if !data.IsServerURL(url) {
		return data.InitServer(e.ctx, url) // the store refuses the address before anyone types a password
	}
	lines := bufio.NewScanner(e.stdin)
	var passwords []string
	for len(passwords) < len(data.ServerLogins) && lines.Scan() {
		passwords = append(passwords, strings.TrimRight(lines.Text(), "\r"))
	}
	if len(passwords) < len(data.ServerLogins) {
		return data.NewError(data.EINVALID, msgPasswords, msg.Args{"Logins": strings.Join(data.ServerLogins, ", ")})
	}
	if err := data.InitServer(e.ctx, url, passwords...); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "the event server %s is ready: logins %s\n", data.Redacted(url), strings.Join(data.ServerLogins, ", "))
	return nil
}

var msgPasswords = msg.Define("Give the passwords on standard input, one line each, in this order: {{.Logins}}.")
