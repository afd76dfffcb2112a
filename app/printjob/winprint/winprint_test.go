package winprint

import (
	"errors"
	"os"
	"testing"
)

// TestPrintSaysWhyNothingWasSent: a PDF is sent to the default printer or
// refused with a reason a person can act on, never silently; outside
// Windows it is refused. Run as a Windows program under Wine, which has
// neither a default printer nor a program that prints PDF files, it gives
// one of those reasons.
func TestPrintSaysWhyNothingWasSent(t *testing.T) {
	f, err := os.CreateTemp("", "thẻ đại biểu *.pdf") // a file, not a folder: see atomicfile's tempDir
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("%PDF-1.4\n%%EOF\n")
	f.Close()
	pdf := f.Name()
	t.Cleanup(func() { os.Remove(pdf) })
	printer, err := Print(pdf)
	switch {
	case !Supported:
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("outside Windows: %q, %v", printer, err)
		}
	case err == nil:
		if printer == "" {
			t.Fatal("sent to a printer without a name")
		}
		t.Logf("sent to %s", printer)
	case errors.Is(err, ErrNoDefaultPrinter), errors.Is(err, ErrNoPDFProgram):
		t.Logf("not sent: %v", err)
	default:
		t.Fatalf("not sent, for no known reason: %v", err)
	}
	if _, err := Print(pdf + " missing.pdf"); err == nil {
		t.Fatal("a missing file was sent")
	}
}
