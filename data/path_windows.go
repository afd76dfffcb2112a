package data

import (
	"os"
	"path/filepath"
)

// dataDir is Accred's folder among the user's data on Windows:
// %APPDATA%\Accred, which roams with the user's profile where the
// organisers set profiles to roam, and which only that user (and the
// machine's administrators) can read.
func dataDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "Accred"), nil
}
