package testproc_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"accred/data/testproc"
)

// TestWaitsUntilTheServerAnswers starts a stand-in server that answers
// (makes a file) after a while, waits for it, and stops it.
func TestWaitsUntilTheServerAnswers(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready")
	p, err := testproc.Start(exec.Command("sh", "-c", "sleep 0.2; touch "+ready+"; exec sleep 60"), syscall.SIGTERM)
	if err != nil {
		t.Fatal(err)
	}
	answers := func() error { _, err := os.Stat(ready); return err }
	if err := p.WaitReady(10*time.Second, answers); err != nil {
		t.Fatalf("the server answered, but: %v", err)
	}
	if killed := p.Stop(syscall.SIGTERM, 10*time.Second); killed {
		t.Error("a server that stops when told was killed")
	}
}

// TestSaysWhyTheServerDoesNotAnswer: a server that stops at start, and one
// that never answers, each get their own error.
func TestSaysWhyTheServerDoesNotAnswer(t *testing.T) {
	never := func() error { return errors.New("connection refused") }
	stops, err := testproc.Start(exec.Command("sh", "-c", "exit 3"), syscall.SIGTERM)
	if err != nil {
		t.Fatal(err)
	}
	if err := stops.WaitReady(10*time.Second, never); !errors.Is(err, testproc.ErrExited) {
		t.Errorf("a server that stopped at start: %v", err)
	}
	silent, err := testproc.Start(exec.Command("sleep", "60"), syscall.SIGTERM)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Stop(syscall.SIGKILL, 10*time.Second)
	if err := silent.WaitReady(100*time.Millisecond, never); err == nil || !strings.Contains(err.Error(), "did not answer within 100ms: connection refused") {
		t.Errorf("a server that never answers: %v", err)
	}
}

// TestKillsWhatDoesNotStop: a server that ignores the signal asked is
// killed after the limit, and Stop says so.
func TestKillsWhatDoesNotStop(t *testing.T) {
	started := filepath.Join(t.TempDir(), "started")
	p, err := testproc.Start(exec.Command("sh", "-c", "trap '' TERM; touch "+started+"; while :; do sleep 0.05; done"), syscall.SIGTERM)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WaitReady(10*time.Second, func() error { _, err := os.Stat(started); return err }); err != nil {
		t.Fatal(err)
	}
	if killed := p.Stop(syscall.SIGTERM, 200*time.Millisecond); !killed {
		t.Error("a server that ignores SIGTERM was not killed")
	}
}

// TestStartKeepsTheUsersAttributes: the death signal is added to what the
// caller set, never in its place.
func TestStartKeepsTheUsersAttributes(t *testing.T) {
	cmd := exec.Command("true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p, err := testproc.Start(cmd, syscall.SIGQUIT)
	if err != nil {
		t.Fatal(err)
	}
	p.Stop(syscall.SIGTERM, 10*time.Second)
	if !cmd.SysProcAttr.Setpgid || cmd.SysProcAttr.Pdeathsig != syscall.SIGQUIT {
		t.Errorf("attributes %+v", cmd.SysProcAttr)
	}
}

// TestOutputIsReadWhileWritten: many writers and a reader at once, under
// the race detector, and nothing lost.
func TestOutputIsReadWhileWritten(t *testing.T) {
	var out testproc.Output
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 100 {
				fmt.Fprintf(&out, "%d.%d\n", i, j)
				_ = out.String()
			}
		}()
	}
	wg.Wait()
	if lines := strings.Count(out.String(), "\n"); lines != 800 {
		t.Errorf("%d lines, want 800", lines)
	}
}
