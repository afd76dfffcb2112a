package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"accred/data/atomicfile"
	"accred/data/msg"
)

// EventSummary names an event database's event, counts its participants
// and says how recent it is: what a restore says it replaces, and with
// what.
type EventSummary struct {
	Name         string
	Participants int
	LastChange   time.Time // the newest change its audit trail records; zero when it records none
	Written      time.Time // when a backup's file was last written; zero for the event's database
}

// Summary names this store's event and counts its participants.
func (s *Store) Summary(ctx context.Context) (EventSummary, error) {
	return readSummary(ctx, s.db)
}

func readSummary(ctx context.Context, q querier) (EventSummary, error) {
	var sum EventSummary
	err := q.QueryRowContext(ctx, `SELECT name, (SELECT COUNT(*) FROM participants) FROM event WHERE id = 1`).Scan(&sum.Name, &sum.Participants)
	if errors.Is(err, sql.ErrNoRows) {
		return sum, errNoEvent()
	}
	if err != nil {
		return sum, err
	}
	// A backup older than the audit trail has none: no time to tell.
	var last sql.NullString
	if q.QueryRowContext(ctx, `SELECT MAX(at) FROM audit`).Scan(&last) == nil && last.Valid {
		sum.LastChange = parseTime(last.String)
	}
	return sum, nil
}

// ReadBackup names the event of the backup file at path and counts its
// participants, reading the file without changing it. It returns EINVALID
// when the file is not an Accred event database.
func ReadBackup(ctx context.Context, path string) (EventSummary, error) {
	if err := checkBackupFile(path); err != nil {
		return EventSummary{}, err
	}
	db, err := openSQLiteToRead(path, true)
	if err != nil {
		return EventSummary{}, NewError(EINVALID, msgNotBackup, msg.Args{"Path": path, "Err": err})
	}
	defer db.Close()
	sum, err := readSummary(ctx, db)
	if err != nil {
		return EventSummary{}, NewError(EINVALID, msgNotBackup, msg.Args{"Path": path, "Err": err})
	}
	if info, err := os.Stat(path); err == nil {
		sum.Written = info.ModTime()
	}
	return sum, nil
}

// Restore puts the backup file in place of the event database file at
// dbPath, which no program may have open (close the store first). The
// backup is first copied beside the database and checked there: an Accred
// event database (brought up to this program's schema), whole, and not a
// door's station file; only then does it replace the database, in one
// rename. The database that was there is kept beside it, under a name
// that says when it was replaced, which Restore returns. It returns
// EINVALID for a backup that is not an event database, and ECONFLICT when
// the database is still open.
func Restore(ctx context.Context, backup, dbPath string) (kept string, err error) {
	if IsServerURL(dbPath) {
		return "", NewError(ECONFLICT, msgRestoreServer, nil)
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		return "", NewError(ECONFLICT, msgRestoreInUse, msg.Args{"Path": dbPath})
	}
	if err := checkBackupFile(backup); err != nil {
		return "", err
	}
	stamp := time.Now().Format("20060102-150405")
	staged := dbPath + ".restoring-" + stamp
	err = atomicfile.Create(staged, func(f *os.File) error {
		src, err := os.Open(backup)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(f, src)
		return err
	})
	if err != nil {
		return "", NewError(EINVALID, msgNotBackup, msg.Args{"Path": backup, "Err": err})
	}
	defer os.Remove(staged)
	if err := checkBackup(ctx, staged); err != nil {
		return "", NewError(EINVALID, msgNotBackup, msg.Args{"Path": backup, "Err": err})
	}
	kept = dbPath + ".before-restore-" + stamp
	if err := keepAside(dbPath, kept); err != nil {
		return "", fmt.Errorf("keep the database aside: %w", err)
	}
	if err := os.Rename(staged, dbPath); err != nil {
		return "", fmt.Errorf("put the backup in place: %w", err)
	}
	return kept, atomicfile.SyncDir(filepath.Dir(dbPath))
}

// checkBackupFile refuses a backup path that names nothing, or no plain
// file: a pipe would hold the restore for ever, and a device such as
// /dev/zero would fill the disk.
func checkBackupFile(path string) error {
	if strings.TrimSpace(path) == "" {
		return NewError(EINVALID, msgNoBackupPath, nil)
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return NewError(EINVALID, msgNoSuchBackup, msg.Args{"Path": path})
	case err != nil:
		return NewError(EINVALID, msgNotBackup, msg.Args{"Path": path, "Err": err})
	case !info.Mode().IsRegular():
		return NewError(EINVALID, msgBackupNotPlain, msg.Args{"Path": path})
	}
	return nil
}

// checkBackup opens a staged copy of a backup as an event database and
// checks it whole.
func checkBackup(ctx context.Context, path string) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Summary(ctx); err != nil {
		return err
	}
	if station, err := s.IsStation(ctx); err != nil || station {
		return errors.Join(err, errors.New(msgStationFile.String()))
	}
	var check string
	if err := s.db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil || check != "ok" {
		return errors.Join(err, fmt.Errorf("damaged: %s", check))
	}
	return nil
}

// keepAside keeps the file at path under the name kept too: a second link
// where the file system has them, a copy where it has not.
func keepAside(path, kept string) error {
	if os.Link(path, kept) == nil {
		return atomicfile.SyncDir(filepath.Dir(kept))
	}
	return atomicfile.Create(kept, func(f *os.File) error {
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(f, src)
		return err
	})
}

var (
	msgNotBackup      = msg.Define("{{.Path}} is not a backup of an Accred event: {{.Err}}")
	msgNoBackupPath   = msg.Define("Give the path of a backup file, or choose one.")
	msgNoSuchBackup   = msg.Define("There is no file {{.Path}}.")
	msgBackupNotPlain = msg.Define("{{.Path}} is not a plain file: a folder, a device or a pipe is no backup.")
	msgStationFile    = msg.Define("it is a door's station file, not an event database")
	msgRestoreServer  = msg.Define("This event is kept on a PostgreSQL server: restore it there, with pg_restore.")
	msgRestoreInUse   = msg.Define("{{.Path}} is still open in a program: close Accred wherever it uses this file, then restore.")
)
