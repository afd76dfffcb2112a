package atomicfile

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A test binary started with ACCRED_TEST_WRITER=path starts writing that
// file and waits to be killed, as a print run killed halfway.
func TestMain(m *testing.M) {
	if path := os.Getenv("ACCRED_TEST_WRITER"); path != "" {
		Create(path, func(f *os.File) error {
			f.WriteString("half a file")
			os.Stdout.WriteString("writing\n")
			time.Sleep(time.Hour) // until killed (a bare select{} would end as a deadlock)
			return nil
		})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestCreateWritesAWholeNewFileForItsOwnerOnly(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "report.csv")
	err := Create(path, func(f *os.File) error {
		if info, _ := f.Stat(); info.Mode().Perm() != 0o600 {
			t.Errorf("the file is %v while written", info.Mode().Perm())
		}
		_, err := f.WriteString("a,b\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("written file: %v %v", info.Mode(), err)
	}
	if got, _ := os.ReadFile(path); string(got) != "a,b\n" {
		t.Fatalf("content %q", got)
	}
	assertOnly(t, filepath.Dir(path), "report.csv")
}

func TestCreateNeverReplacesAFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "badges.pdf")
	os.WriteFile(path, []byte("199 badges"), 0o600)
	err := Create(path, func(f *os.File) error {
		t.Error("write was called for an existing file")
		return nil
	})
	if !errors.Is(err, ErrExists) || !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), path) {
		t.Fatalf("existing file: %v", err)
	}
	// The name is taken while the file is written.
	other := filepath.Join(dir, "late.pdf")
	err = Create(other, func(f *os.File) error {
		return os.WriteFile(other, []byte("someone else's"), 0o600)
	})
	if !errors.Is(err, ErrExists) {
		t.Fatalf("name taken meanwhile: %v", err)
	}
	for name, want := range map[string]string{path: "199 badges", other: "someone else's"} {
		if got, _ := os.ReadFile(name); string(got) != want {
			t.Fatalf("%s now holds %q", name, got)
		}
	}
	assertOnly(t, dir, "badges.pdf", "late.pdf")
}

func TestCreateLeavesNothingWhenWritingFails(t *testing.T) {
	dir := t.TempDir()
	failed := errors.New("cancelled")
	err := Create(filepath.Join(dir, "run.pdf"), func(f *os.File) error {
		f.WriteString("part")
		return failed
	})
	if err != failed {
		t.Fatalf("error %v", err)
	}
	assertOnly(t, dir)
}

// TestKilledWriterLeftoverIsCleanedByTheNextWrite kills a program while it
// writes a file; the next write in that folder removes what it left, but not
// a file another program is still writing.
func TestKilledWriterLeftoverIsCleanedByTheNextWrite(t *testing.T) {
	dir := t.TempDir()
	start := func(name string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "ACCRED_TEST_WRITER="+filepath.Join(dir, name))
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if line, _ := bufio.NewReader(out).ReadString('\n'); line != "writing\n" {
			cmd.Process.Kill()
			t.Fatalf("writer said %q", line)
		}
		return cmd
	}
	killed, alive := start("killed.pdf"), start("alive.pdf")
	defer func() { alive.Process.Kill(); alive.Wait() }()
	killed.Process.Signal(syscall.SIGKILL)
	killed.Wait()
	if left := temporaries(dir); len(left) != 2 {
		t.Fatalf("temporary files before the next write: %v", left)
	}
	if err := Create(filepath.Join(dir, "next.pdf"), func(f *os.File) error { return nil }); err != nil {
		t.Fatal(err)
	}
	left := temporaries(dir)
	if len(left) != 1 || !strings.HasPrefix(left[0], ".alive.pdf.") {
		t.Fatalf("after the next write: %v", left)
	}
}

func temporaries(dir string) []string {
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), tempSuffix) {
			names = append(names, e.Name())
		}
	}
	return names
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Fatalf("%s holds %v, want %v", dir, got, names)
	}
}
