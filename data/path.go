package data

import (
	"os"
	"path/filepath"
)

// DefaultPath is the database the desktop app and the command line use when
// none is named: $ACCRED_DB, or accred/event.db in the user's data folder.
func DefaultPath() string {
	if p := os.Getenv("ACCRED_DB"); p != "" {
		return p
	}
	return defaultFile()
}

// LocalDir is the folder for this machine's own files, such as the station
// files a door keeps: the default database's folder when it is a file, or
// the user's accred data folder when the event is on a server.
func LocalDir() string {
	if p := DefaultPath(); !IsServerURL(p) {
		return filepath.Dir(p)
	}
	return filepath.Dir(defaultFile())
}

// defaultFile is accred/event.db in the user's data folder.
func defaultFile() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "accred.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "accred", "event.db")
}
