package cli

import "fmt"

// runCopy copies a whole event from one database to another: a SQLite file
// to a PostgreSQL server, or back.
func runCopy(e *env, args []string) error {
	rest, err := parse(flags("copy"), args)
	if err != nil || len(rest) != 2 {
		return errUsage
	}
	srcName, dstName := rest[0], rest[1]
	src, err := openEvent(e.ctx, srcName)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := createDatabase(dstName)
	if err != nil {
		return err
	}
	defer dst.Close()
	rows, err := src.CopyTo(e.ctx, dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "copied %d rows from %s to %s\n", rows, src.Path(), dst.Path())
	return nil
}
