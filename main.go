// Accred registers the participants of a conference, prints their badges
// and checks them in at the doors. With no command it opens the desktop app;
// with one, it runs it headless (see 'accred help').
package main

import (
	"context"
	"os"

	"accred/app"
	"accred/app/cli"
	"accred/data/roster"
)

func main() {
	args := os.Args[1:]
	roster.RemoveLeftovers()
	if cli.Is(args) {
		os.Exit(cli.Run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(app.Run(cli.DBPath(args)))
}
