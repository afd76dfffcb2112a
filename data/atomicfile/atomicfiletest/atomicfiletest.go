//go:build linux

// Package atomicfiletest checks in tests that files are readable by their
// owner only from their first byte.
package atomicfiletest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// OwnerOnlyFromCreation watches dir and returns a check to call once the
// files are written. The check fails t when a file left in dir is not 0600,
// or when any file in dir had its mode changed after it was created: with a
// final mode of 0600 and no change since creation, the file was 0600 from
// its first byte. SQLite's own journal files are left out: SQLite creates
// them with their database's mode and, run as root, gives them its owner,
// which shows as the same kind of change. The umask is 0 until the check, so that a file created
// without an explicit mode would be readable by all.
func OwnerOnlyFromCreation(t testing.TB, dir string) (check func()) {
	t.Helper()
	fd, err := syscall.InotifyInit1(syscall.IN_NONBLOCK | syscall.IN_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syscall.InotifyAddWatch(fd, dir, syscall.IN_CREATE|syscall.IN_ATTRIB); err != nil {
		t.Fatal(err)
	}
	umask := syscall.Umask(0)
	return func() {
		t.Helper()
		syscall.Umask(umask)
		defer syscall.Close(fd)
		buf := make([]byte, 1<<16)
		for {
			n, err := syscall.Read(fd, buf)
			if err != nil || n <= 0 {
				break
			}
			for off := 0; off < n; {
				ev := (*syscall.InotifyEvent)(unsafe.Pointer(&buf[off]))
				name := bytes.TrimRight(buf[off+syscall.SizeofInotifyEvent:off+syscall.SizeofInotifyEvent+int(ev.Len)], "\x00")
				if ev.Mask&syscall.IN_ATTRIB != 0 && !sqliteSideFile(string(name)) {
					t.Errorf("%s: its mode was changed after it was created", name)
				}
				off += syscall.SizeofInotifyEvent + int(ev.Len)
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := os.Lstat(filepath.Join(dir, e.Name())); err == nil && info.Mode().Perm() != 0o600 {
				t.Errorf("%s is %v, not readable by its owner only", e.Name(), info.Mode().Perm())
			}
		}
	}
}

func sqliteSideFile(name string) bool {
	for _, suffix := range []string{"-journal", "-wal", "-shm"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
