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
