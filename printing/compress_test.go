package printing

import (
	"bytes"
	"compress/zlib"
	"io"
	"strconv"
	"testing"
)

func TestCompressedDocumentKeepsEveryObject(t *testing.T) {
	var buf bytes.Buffer
	if err := Badges(&buf, demoSheet(A6), demoBadges(t, 30)); err != nil {
		t.Fatal(err)
	}
	doc := buf.Bytes()
	offsets, _, _, ok := xrefTable(doc)
	if !ok {
		t.Fatal("the compressed document's table of objects cannot be read")
	}
	pages := 0
	for number, at := range offsets[1:] {
		head := strconv.Itoa(number+1) + " 0 obj\n"
		if !bytes.HasPrefix(doc[at:], []byte(head)) {
			t.Fatalf("object %d: the table points at %q", number+1, doc[at:at+20])
		}
		const flate = "<</Filter /FlateDecode /Length "
		if !bytes.HasPrefix(doc[at+len(head):], []byte(flate)) {
			continue
		}
		rest := doc[at+len(head)+len(flate):]
		length, _ := strconv.Atoi(string(rest[:bytes.IndexByte(rest, '>')]))
		data := rest[bytes.Index(rest, []byte("stream\n"))+len("stream\n"):][:length]
		z, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("object %d: %v", number+1, err)
		}
		page, err := io.ReadAll(z)
		if err != nil {
			t.Fatalf("object %d: %v", number+1, err)
		}
		if bytes.Contains(page, []byte("BI /IM true")) {
			pages++
		}
	}
	if pages != 30 {
		t.Fatalf("%d compressed pages with a QR code, want 30", pages)
	}
}

func TestUnknownDocumentIsLeftAlone(t *testing.T) {
	for _, doc := range []string{"", "%PDF-1.4\nno table", "startxref\n99999\n%%EOF\n", "xref\n0 2\nstartxref\n0\n%%EOF\n"} {
		if got := compressStreams([]byte(doc)); string(got) != doc {
			t.Errorf("%q became %q", doc, got)
		}
	}
}
