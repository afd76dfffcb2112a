//go:build !windows

package data

import (
	"os"
	"path/filepath"
)

// dataDir is Accred's folder among the user's data: $XDG_DATA_HOME/accred,
// by default ~/.local/share/accred.
func dataDir() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "accred"), nil
}
