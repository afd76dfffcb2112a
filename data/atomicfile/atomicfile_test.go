package atomicfile

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

func TestCreateWritesAWholeNewFile(t *testing.T) {
	path := filepath.Join(tempDir(t), "report.csv")
	err := Create(path, func(f *os.File) error {
		_, err := f.WriteString("a,b\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "a,b\n" {
		t.Fatalf("content %q", got)
	}
	assertOnly(t, filepath.Dir(path), "report.csv")
}

// TestCreateInAFolderWithSpacesAndVietnameseLetters writes where a
// Windows desk keeps its event, and reports success for a file written:
// on Windows a folder cannot be synced, which once failed every write
// after its file was in place.
func TestCreateInAFolderWithSpacesAndVietnameseLetters(t *testing.T) {
	dir := filepath.Join(tempDir(t), "Nguyễn", "Sự kiện")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "thẻ dự hội nghị.pdf")
	if err := Create(path, func(f *os.File) error { _, err := f.WriteString("%PDF"); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "%PDF" {
		t.Fatalf("content %q", got)
	}
	if err := SyncDir(dir); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "thẻ dự hội nghị.pdf")
}

// TestMoveNewNeverReplacesAFile is the way a file gets its name on a drive
// that takes no links (a FAT memory stick).
func TestMoveNewNeverReplacesAFile(t *testing.T) {
	dir := tempDir(t)
	taken := filepath.Join(dir, "badges.pdf")
	os.WriteFile(taken, []byte("199 badges"), 0o600)
	tmp, err := os.CreateTemp(dir, ".badges.pdf.*"+tempSuffix)
	if err != nil {
		t.Fatal(err)
	}
	defer tmp.Close()
	tmp.WriteString("new")
	if err := moveNew(tmp, taken); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("taken name: %v", err)
	}
	if got, _ := os.ReadFile(taken); string(got) != "199 badges" {
		t.Fatalf("the taken file now holds %q", got)
	}
	free := filepath.Join(dir, "badges-2.pdf")
	if err := moveNew(tmp, free); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(free); string(got) != "new" {
		t.Fatalf("moved file holds %q", got)
	}
	assertOnly(t, dir, "badges-2.pdf", "badges.pdf")
}

func TestCreateNeverReplacesAFile(t *testing.T) {
	dir := tempDir(t)
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
	dir := tempDir(t)
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
	dir := tempDir(t)
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
	killed.Process.Kill()
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

// tempDir is t.TempDir, whose files are removed one by one at the end
// first: the tests run under Wine too, which refuses the way Go removes a
// whole folder ("Invalid function") but removes files and empty folders.
func tempDir(t *testing.T) string {
	dir := t.TempDir()
	t.Cleanup(func() {
		var names []string
		filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
			names = append(names, path)
			return nil
		})
		for i := len(names) - 1; i >= 0; i-- {
			os.Remove(names[i])
		}
	})
	return dir
}
