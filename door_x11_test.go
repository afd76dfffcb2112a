package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needTools fails the test when a tool is missing in CI ('make test'
// installs them), and skips it on a developer's machine without them.
func needTools(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing: make deps installs it", n)
			}
			t.Skipf("%s is missing (make deps installs it)", n)
		}
	}
}

// xServer starts Xvfb at 1280×800 on a free display and returns the
// display's name; the server stops with the test.
func xServer(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb gave no display: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// usKeys are the key codes of a US keyboard (X's evdev codes) that a USB
// scanner presses for each character of a badge's code.
var usKeys = map[rune]int{'A': 38, 'B': 56, 'C': 54, 'D': 40, 'E': 26, 'F': 41, 'G': 42, 'H': 43, 'I': 31, 'J': 44, 'K': 45,
	'L': 46, 'M': 58, 'N': 57, 'O': 32, 'P': 33, 'Q': 24, 'R': 27, 'S': 39, 'T': 28, 'U': 30, 'V': 55, 'W': 25, 'X': 53,
	'Y': 29, 'Z': 52, '1': 10, '2': 11, '3': 12, '4': 13, '5': 14, '6': 15, '7': 16, '8': 17, '9': 18, '0': 19}

// scanKeys are the keystrokes a scanner makes for code: letters with
// Shift, digits without, then Enter, as key codes for xdotool.
func scanKeys(code string) []string {
	var keys []string
	for _, r := range code {
		if r >= 'A' && r <= 'Z' {
			keys = append(keys, fmt.Sprintf("shift+%d", usKeys[r]))
		} else {
			keys = append(keys, fmt.Sprint(usKeys[r]))
		}
	}
	return append(keys, "36")
}

// TestDoorUnderXReadsScansWhateverTheLayoutAndFocus runs the door on a
// station file under Xvfb and scans badges as a USB scanner does, by key
// codes: through a US, a French AZERTY, a Vietnamese and a German QWERTZ
// keyboard layout, and into the open search for a forgotten badge. Each is
// recorded as let in.
func TestDoorUnderXReadsScansWhateverTheLayoutAndFocus(t *testing.T) {
	needTools(t, "Xvfb", "xdotool", "setxkbmap")
	dir := t.TempDir()
	db := filepath.Join(dir, "event.db")
	mustAccred(t, db, "demo", "--participants", "40")
	mustAccred(t, db, "approve", "--all")
	codes := badgeCodes(t, db)
	for i := 3; i < len(codes); i++ { // the fourth, for QWERTZ, holds a Y or a Z for it to swap
		if strings.ContainsAny(codes[i], "YZ") {
			codes[3], codes[i] = codes[i], codes[3]
			break
		}
	}
	station := filepath.Join(dir, "door.station")
	mustAccred(t, db, "station", "export", station, "PLEN-1")

	display := xServer(t)
	x := func(name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}
	home := filepath.Join(dir, "home")
	app := exec.Command(accredBinary(t), "--db", station)
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local"), "ACCRED_NOW="+demoNow, "ACCRED_OPERATOR=")
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Process.Kill(); app.Wait() })
	for i := 0; ; i++ {
		cmd := exec.Command("xdotool", "search", "--name", "Accred")
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		if cmd.Run() == nil {
			break
		}
		if i == 300 {
			t.Fatal("the door's window did not open within a minute")
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(2 * time.Second)   // the window takes the keyboard
	x("xdotool", "key", "Return") // the set-up screen: Enter in the station's name opens the door

	// admitted waits until n scans are recorded as let in.
	admitted := func(n int, what string) {
		t.Helper()
		for i := 0; ; i++ {
			if query(t, station, `SELECT COUNT(*) FROM checkins WHERE verdict = 'accepted'`) == n {
				return
			}
			if i == 150 {
				t.Fatalf("%s: %d let in, want %d", what, query(t, station, `SELECT COUNT(*) FROM checkins WHERE verdict = 'accepted'`), n)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	for i, layout := range []string{"us", "fr", "vn", "de"} {
		x("setxkbmap", layout)
		time.Sleep(300 * time.Millisecond)
		x("xdotool", append([]string{"key", "--delay", "8"}, scanKeys(codes[i])...)...)
		admitted(i+1, "a scan through the "+layout+" layout")
	}
	x("setxkbmap", "us")
	x("xdotool", "key", "F2")
	time.Sleep(500 * time.Millisecond)
	x("xdotool", "key", "--delay", "150", "shift+57", "shift+42") // someone starts a search
	x("xdotool", append([]string{"key", "--delay", "8"}, scanKeys(codes[4])...)...)
	admitted(5, "a scan into the search for a forgotten badge")
	if n := query(t, station, `SELECT COUNT(*) FROM checkins`); n != 5 {
		t.Fatalf("%d scans recorded, want 5", n)
	}
}
