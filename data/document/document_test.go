package document_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"accred/data/document"
)

func TestReadPDF(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, raw []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("note.pdf", []byte("%PDF-1.7\nnote verbale"))
	if raw, err := document.ReadPDF(good); err != nil || string(raw) != "%PDF-1.7\nnote verbale" {
		t.Fatalf("a PDF: %q %v", raw, err)
	}
	pipe := filepath.Join(dir, "pipe.pdf")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	big.WriteString("%PDF-1.7")
	big.Truncate(document.MaxBytes + 1)
	big.Close()
	for path, says := range map[string]string{
		write("note.docx", []byte("PK\x03\x04 a word file")): "not a PDF file",
		write("empty.pdf", nil):                              "not a PDF file",
		big.Name():                                           "larger than 15 MB",
		pipe:                                                 "not a plain file",
		dir:                                                  "not a plain file",
		"/dev/zero":                                          "not a plain file",
		filepath.Join(dir, "missing.pdf"):                    "no such file",
		filepath.Join(dir, "nowhere", "note.pdf"): "no such folder",
	} {
		if _, err := document.ReadPDF(path); err == nil || !strings.Contains(err.Error(), says) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v", path, err)
		}
	}
}
