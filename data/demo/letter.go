package demo

import (
	"bytes"
	"fmt"
	"strings"
)

// letter returns a one-page PDF note verbale for a demo nomination, so that
// the desk has a letter to give back: plain text in a standard font.
func letter(reference, date, nominee, focal string) []byte {
	lines := []string{"NOTE VERBALE", reference, "Date: " + date, "",
		"The nominating authority has the honour to nominate the delegation of",
		nominee + " to the " + EventName + ".", "Focal point: " + focal + "."}
	var text strings.Builder
	text.WriteString("BT /F1 12 Tf 72 760 Td 16 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&text, "(%s) '\n", pdfEscape(l))
	}
	text.WriteString("ET")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", text.Len(), text.String()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfEscape writes s as the text of a PDF string in WinAnsi: brackets and
// backslashes escaped, letters beyond Latin-1 left out.
func pdfEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 128:
			b.WriteRune(r)
		case r < 256:
			fmt.Fprintf(&b, "\\%03o", r)
		}
	}
	return b.String()
}
