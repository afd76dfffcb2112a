package printing

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// PageImage draws the first page of pdf as a PNG image of dpi dots an inch,
// with Poppler's pdftoppm.
func PageImage(pdf []byte, dpi int) ([]byte, error) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return nil, fmt.Errorf("pdftoppm (poppler-utils) is not installed")
	}
	dir, err := os.MkdirTemp("", "accred-page")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "page.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "page")
	if said, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-singlefile", in, out).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %s", said)
	}
	return os.ReadFile(out + ".png")
}
