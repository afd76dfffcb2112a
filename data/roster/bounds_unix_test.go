//go:build unix

package roster_test

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accred/data/roster"
)

// readFileVariable names the file TestReadOneFileAlone reads, in a process
// of its own, so that its memory can be measured.
const readFileVariable = "ACCRED_TEST_READ_FILE"

// TestReadOneFileAlone reads the file $ACCRED_TEST_READ_FILE names and
// prints what the read said; without it, it does nothing.
func TestReadOneFileAlone(t *testing.T) {
	path := os.Getenv(readFileVariable)
	if path == "" {
		return
	}
	started := time.Now()
	_, err := roster.Read(path)
	took := time.Since(started)
	status, _ := os.ReadFile("/proc/self/status") // VmHWM: the peak of the process's memory
	var peak int64
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Sscanf(strings.TrimPrefix(line, "VmHWM:"), "%d", &peak)
		}
	}
	fmt.Printf("read: %v\npeak: %d KB\ntook: %d ms\n", err, peak, took.Milliseconds())
}

// Bounds every import file must be refused within.
const (
	mostMemory = 512 << 20
	mostTime   = 10 * time.Second
)

// TestImportRefusesHostileFilesWithinBounds: a small XLSX file whose one
// 9.9 MB shared string fills 6,000 cells, an XLSX file with a cell in
// column XFD on every row, and 50 MB of commas in a CSV file are each
// refused, saying why, in a process that never holds 512 MB nor takes 10
// seconds (measured: the process's peak memory and its time).
func TestImportRefusesHostileFilesWithinBounds(t *testing.T) {
	dir := t.TempDir()
	sharedCell := filepath.Join(dir, "shared.xlsx")
	xlsxBomb(t, sharedCell, func(w io.Writer) {
		io.WriteString(w, headerRow)
		for n := 2; n < 6_002; n++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>delegate</t></is></c><c r="B%d" t="s"><v>0</v></c></row>`, n, n, n)
		}
	}, func(w io.Writer) {
		io.WriteString(w, `<si><t>`+strings.Repeat("A", 9_900_000)+`</t></si>`)
	})
	farColumn := filepath.Join(dir, "xfd.xlsx")
	xlsxBomb(t, farColumn, func(w io.Writer) {
		io.WriteString(w, headerRow)
		for n := 2; n < 20_000; n++ {
			fmt.Fprintf(w, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, n, n)
		}
	}, func(io.Writer) {})
	commas := filepath.Join(dir, "commas.csv")
	if err := os.WriteFile(commas, []byte(strings.Repeat(",", 50<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, reason := range map[string]string{sharedCell: "a cell of more than 128 KB", farColumn: "beyond column 100 (XFD2)",
		commas: "more than 100 cells"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReadOneFileAlone$")
		cmd.Env = append(os.Environ(), readFileVariable+"="+path)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v %s", filepath.Base(path), err, out)
		}
		var peak int64
		var ms int
		if i := strings.Index(string(out), "peak: "); i < 0 {
			t.Fatalf("%s: %s", filepath.Base(path), out)
		} else {
			fmt.Sscanf(string(out[i:]), "peak: %d KB\ntook: %d ms", &peak, &ms)
		}
		peak <<= 10
		took := time.Duration(ms) * time.Millisecond
		if !strings.Contains(string(out), reason) {
			t.Errorf("%s: %s, want a reason with %q", filepath.Base(path), out, reason)
		}
		if peak > mostMemory || took > mostTime {
			t.Errorf("%s: refused with %d MB at the peak, in %v", filepath.Base(path), peak>>20, took)
		}
		t.Logf("%s (%d KB): %d MB at the peak, %v", filepath.Base(path), size(t, path)>>10, peak>>20, took.Round(time.Millisecond))
	}
}

func size(t *testing.T, path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// TestLeftoverTemporaryFoldersAreRemoved: the folders an import killed
// midway left in the temporary folder are removed at the next start.
func TestLeftoverTemporaryFoldersAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, name := range []string{"accred-xlsx-123", "accred-xlsx-456/inner"} {
		if err := os.MkdirAll(filepath.Join(tmp, name), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(tmp, "other"), nil, 0o600)
	roster.RemoveLeftovers()
	left, _ := os.ReadDir(tmp)
	if len(left) != 1 || left[0].Name() != "other" {
		t.Fatalf("left: %v", left)
	}
}
