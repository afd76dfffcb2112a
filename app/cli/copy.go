package cli

import (
	"fmt"
	"os"

	"accred/data"
)

// runCopy copies a whole event from one database to another: a SQLite file
// to a PostgreSQL server, or back. A file the copy made is removed when the
// copy fails, so that no empty database is left behind.
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
	if err := e.actIn(src); err != nil {
		return err
	}
	_, statErr := os.Stat(dstName)
	made := !data.IsServerURL(dstName) && os.IsNotExist(statErr)
	dst, err := createDatabase(dstName)
	if err == nil {
		var rows int
		rows, err = src.CopyTo(e.ctx, dst)
		dst.Close()
		if err == nil {
			fmt.Fprintf(e.stdout, "copied %s from %s to %s\n", counted(rowsCounted, rows), src.Path(), dst.Path())
			return nil
		}
	}
	if made {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(dstName + suffix)
		}
	}
	return err
}
