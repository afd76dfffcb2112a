//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

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
