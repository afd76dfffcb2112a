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
		os.Exit(runUnlocked(func() int {
			return cli.Run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr)
		}))
	}
	os.Exit(app.Run(cli.DBPath(args)))
}

// runUnlocked runs a command on a goroutine of its own. The window's driver
// locks the main goroutine to the main thread; a command has no window, and
// on a locked goroutine every wait it makes (on the disk, the database)
// hands the thread over and back, which costs a print run of thousands of
// badges a third of its time.
func runUnlocked(command func() int) int {
	done := make(chan int)
	go func() { done <- command() }()
	return <-done
}
