// Package testproc runs a server a test needs (PostgreSQL, a print
// service) as a child of the test binary, tied to it: a test binary that is
// killed takes its server with it, and the test waits until the server
// answers or says why it does not. It also keeps what a running program
// writes, for a test to read while it runs.
package testproc

import (
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Proc is a server started by Start.
type Proc struct {
	cmd    *exec.Cmd
	exited chan struct{}
}

// ErrExited is WaitReady's answer when the server stopped before it
// answered.
var ErrExited = errors.New("stopped at start")

// Start starts cmd, which the kernel sends deathSignal when the test binary
// ends: the thread that starts it stays locked until it exits, as the
// kernel sends the signal when that thread ends. Any other process
// attribute of cmd (the user it runs as) is kept.
func Start(cmd *exec.Cmd, deathSignal syscall.Signal) (*Proc, error) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = deathSignal
	p := &Proc{cmd: cmd, exited: make(chan struct{})}
	started := make(chan error)
	go func() {
		runtime.LockOSThread()
		err := cmd.Start()
		started <- err
		if err == nil {
			cmd.Wait()
		}
		close(p.exited)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return p, nil
}

// WaitReady asks ready every 20 ms until it returns nil. It returns
// ErrExited when the server stops first, and an error naming ready's last
// answer when limit passes.
func (p *Proc) WaitReady(limit time.Duration, ready func() error) error {
	deadline := time.Now().Add(limit)
	for {
		err := ready()
		if err == nil {
			return nil
		}
		select {
		case <-p.exited:
			return ErrExited
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("did not answer within %v: %w", limit, err)
		}
	}
}

// Stop sends the server sig and waits for it to exit; after limit it is
// killed, and Stop reports that it had to be.
func (p *Proc) Stop(sig syscall.Signal, limit time.Duration) (killed bool) {
	p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
		return false
	case <-time.After(limit):
		p.cmd.Process.Kill()
		<-p.exited
		return true
	}
}

// Output keeps what a running program writes, from any goroutine, for a
// test to read while it runs.
type Output struct {
	mu sync.Mutex
	b  strings.Builder
}

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.Write(p)
}

// String is all that was written so far.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}
