//go:build !windows

package app

import (
	"os"
	"os/exec"
	"path/filepath"

	"accred/data"
)

var (
	soundFiles  = map[data.VerdictKind]string{}
	soundPlayer string
)

// prepareSounds finds the system's player and writes the verdicts' sounds
// for it.
func prepareSounds() {
	for _, p := range []string{"aplay", "paplay"} {
		if _, err := exec.LookPath(p); err == nil {
			soundPlayer = p
			break
		}
	}
	if soundPlayer == "" {
		return
	}
	dir, err := os.MkdirTemp("", "accred-sounds")
	if err != nil {
		return
	}
	for k, tones := range verdictTones {
		path := filepath.Join(dir, string(k)+".wav")
		if os.WriteFile(path, toneWAV(tones), 0o600) == nil {
			soundFiles[k] = path
		}
	}
}

// play starts the system's player on a verdict's sound.
func play(k data.VerdictKind) {
	if soundPlayer == "" || soundFiles[k] == "" {
		return
	}
	cmd := exec.Command(soundPlayer, soundFiles[k])
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
