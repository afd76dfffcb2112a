package data

import (
	"os"
	"path/filepath"
)

// DefaultPath is the database the desktop app and the command line use when
// none is named: $ACCRED_DB, or event.db in Accred's folder among the user's
// data (see dataDir).
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

// defaultFile is event.db in Accred's data folder, or accred.db in the
// working folder when the user has no data folder.
func defaultFile() string {
	dir, err := dataDir()
	if err != nil {
		return "accred.db"
	}
	return filepath.Join(dir, "event.db")
}
