package winprint

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"accred/app/printjob/cups"
)

// TestSpoolerOfWindows: the spooler lists Windows' printers by the names
// Windows gives them, with the default one; describes each, or says that
// there is none of a name; and sends a PDF to one through the program
// Windows prints PDF files with, following its job to its end, or refuses
// with the reason when Windows has no such program. Under Wine,
// ACCRED_TEST_PRINTERS names the printers of the test's print service
// (the first is the default), and Wine has no program for PDF files.
func TestSpoolerOfWindows(t *testing.T) {
	ctx := context.Background()
	s := New()
	list, def, err := s.Printers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range list {
		names = append(names, p.Name)
	}
	t.Logf("printers %q, the default %q", names, def)
	if want := os.Getenv("ACCRED_TEST_PRINTERS"); want != "" {
		wanted := strings.Split(want, ",")
		for _, name := range wanted {
			if !slices.Contains(names, name) {
				t.Errorf("Windows has no printer %q: %q", name, names)
			}
		}
		if def != wanted[0] {
			t.Errorf("the default printer is %q, want %q", def, wanted[0])
		}
		if d, err := DefaultPrinter(); d != def || err != nil {
			t.Errorf("DefaultPrinter: %q, %v", d, err)
		}
	}
	if _, err := s.Printer(ctx, "Máy in không có"); !errors.Is(err, cups.ErrNoPrinter) {
		t.Errorf("a printer Windows does not have: %v", err)
	}
	for _, p := range list {
		q, err := s.Printer(ctx, p.Name)
		if err != nil && !errors.Is(err, ErrNoPDFProgram) {
			t.Fatalf("printer %s: %v", p.Name, err)
		}
		if q.Name != p.Name || q.State != p.State || q.Media != p.Media {
			t.Errorf("printer %s described as %+v, listed as %+v", p.Name, q, p)
		}
		t.Logf("%s: %+v (%v)", p.Name, q, err)
	}
	if len(list) == 0 {
		return
	}

	f, err := os.CreateTemp("", "thẻ đại biểu *.pdf")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("%PDF-1.4\n%%EOF\n")
	t.Cleanup(func() { f.Close(); os.Remove(f.Name()) })
	id, err := s.Print(ctx, list[0].Name, f, cups.Options{Title: "thẻ đại biểu.pdf"})
	switch {
	case errors.Is(err, ErrNoPDFProgram):
		t.Logf("not sent: %v", err)
		if err.Error() != "this computer has no program that prints or shows PDF files" {
			t.Errorf("the reason is not said in words: %v", err)
		}
	case err != nil:
		t.Fatalf("not sent, for no known reason: %v", err)
	default:
		deadline := time.Now().Add(time.Minute)
		for {
			j, err := s.Job(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if j.Ended() {
				t.Logf("job %d on %s ended: %+v", id, list[0].Name, j)
				break
			}
			if time.Now().After(deadline) {
				s.Cancel(ctx, id)
				t.Fatalf("job %d did not end within a minute: %+v", id, j)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	if _, err := s.Print(ctx, list[0].Name, strings.NewReader("%PDF-1.4"), cups.Options{}); err == nil {
		t.Error("a PDF without a file was sent")
	}
	if err := Open(f.Name() + " missing.pdf"); err == nil {
		t.Error("a missing file was opened")
	}
}
