package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// waitForTemporary waits until the print run has begun writing its file in
// dir, and reports false if the program ended first (its output closed).
// The returned channel is closed once the output is.
func waitForTemporary(p *started, dir string) (begun bool, exited chan struct{}) {
	exited = make(chan struct{})
	go func() { io.Copy(io.Discard, p.stdout); close(exited) }()
	for {
		if names, _ := filepath.Glob(filepath.Join(dir, ".*.accred-tmp")); len(names) > 0 {
			return true, exited
		}
		select {
		case <-exited:
			return false, exited
		case <-time.After(time.Millisecond): // poll again; no time is measured
		}
	}
}

// dirNames lists every name in dir, hidden ones included.
func dirNames(dir string) string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// TestPrintRunStoppedOrKilledLeavesNothing: Ctrl-C during a print run stops
// it with nothing written and nobody marked printed; a run killed outright
// leaves a temporary file that the next run in the folder removes.
func TestPrintRunStoppedOrKilledLeavesNothing(t *testing.T) {
	next := demoEvent(t, 3000)
	for _, signal := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		db := next()
		dir := t.TempDir()
		p := start(t, db, "badges", "--out", filepath.Join(dir, "run.pdf"))
		p.stdin.Close()
		begun, exited := waitForTemporary(p, dir)
		if !begun {
			t.Fatalf("%v: the run ended before its file was begun", signal)
		}
		p.cmd.Process.Signal(signal)
		<-exited
		p.cmd.Wait()
		if printed := query(t, db, `SELECT COUNT(*) FROM participants WHERE status = 'printed'`); printed != 0 {
			t.Fatalf("%v: %d marked printed by a stopped run", signal, printed)
		}
		if signal == syscall.SIGINT {
			if code := p.cmd.ProcessState.ExitCode(); code != 1 || dirNames(dir) != "" {
				t.Fatalf("interrupted: exit %d, left %q", code, dirNames(dir))
			}
			continue
		}
		if dirNames(dir) == "" {
			t.Fatal("killed: no temporary file to clean (the kill came too late to test)")
		}
		mustAccred(t, db, "badges", "--out", filepath.Join(dir, "again.pdf"))
		if got := dirNames(dir); got != "again.pdf" {
			t.Fatalf("after the run that followed a kill: %q", got)
		}
	}
}
