package printing

import (
	"bytes"
	"compress/zlib"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// The PDF library compresses pages one after the other while it writes the
// document, which takes longer than drawing all the badges. Documents are
// written without compression instead, and compressStreams then compresses
// their page streams on every core and moves the cross-reference table to
// match.

// stream is an uncompressed stream object found in a document.
type stream struct {
	number     int // object number
	start, end int // the object's header, and the end of its data
	data       []byte
	compressed []byte
}

// compressStreams returns doc with each uncompressed stream compressed with
// zlib, and the table of object offsets rewritten. A document it does not
// recognise is returned unchanged: it is still a valid PDF, only larger.
func compressStreams(doc []byte) []byte {
	offsets, tableAt, trailerAt, ok := xrefTable(doc)
	if !ok {
		return doc
	}
	order := byOffset(offsets)
	var streams []*stream // in the order of the document
	for _, number := range order {
		if s, ok := plainStream(doc, number, offsets[number]); ok {
			streams = append(streams, s)
		}
	}
	deflateAll(streams)

	out := make([]byte, 0, len(doc)/2)
	moved := make([]int, len(offsets)) // each object's new offset
	next := 0                          // the next stream, in the order of the document
	copied := 0                        // how much of doc is in out
	for _, number := range order {
		at := offsets[number]
		for next < len(streams) && streams[next].start < at {
			out = appendStream(append(out, doc[copied:streams[next].start]...), streams[next])
			copied = streams[next].end
			next++
		}
		moved[number] = at - copied + len(out)
	}
	for ; next < len(streams); next++ {
		out = appendStream(append(out, doc[copied:streams[next].start]...), streams[next])
		copied = streams[next].end
	}
	out = append(out, doc[copied:tableAt]...)
	xref := len(out)
	out = append(out, "xref\n0 "...)
	out = strconv.AppendInt(out, int64(len(offsets)), 10)
	out = append(out, "\n0000000000 65535 f \n"...)
	for _, at := range moved[1:] {
		entry := strconv.AppendInt(make([]byte, 0, 10), int64(at), 10)
		out = append(out, "0000000000"[len(entry):]...)
		out = append(append(out, entry...), " 00000 n \n"...)
	}
	out = append(out, doc[trailerAt:bytes.LastIndex(doc, []byte("startxref\n"))]...)
	out = append(out, "startxref\n"...)
	out = strconv.AppendInt(out, int64(xref), 10)
	return append(out, "\n%%EOF\n"...)
}

// xrefTable reads the document's table of object offsets (written by the
// PDF library as one section of fixed-width entries), where the table starts
// and where the trailer after it starts.
func xrefTable(doc []byte) (offsets []int, tableAt, trailerAt int, ok bool) {
	at := bytes.LastIndex(doc, []byte("startxref\n"))
	if at < 0 {
		return nil, 0, 0, false
	}
	rest := doc[at+len("startxref\n"):]
	tableAt, err := strconv.Atoi(string(rest[:max(0, bytes.IndexByte(rest, '\n'))]))
	if err != nil || tableAt < 0 || tableAt >= at || !bytes.HasPrefix(doc[tableAt:], []byte("xref\n0 ")) {
		return nil, 0, 0, false
	}
	line := doc[tableAt+len("xref\n0 "):]
	count, err := strconv.Atoi(string(line[:max(0, bytes.IndexByte(line, '\n'))]))
	entries := tableAt + len("xref\n0 ") + bytes.IndexByte(line, '\n') + 1
	const entrySize = 20
	if err != nil || count < 1 || entries+count*entrySize > at {
		return nil, 0, 0, false
	}
	offsets = make([]int, count)
	for i := 1; i < count; i++ {
		e := doc[entries+i*entrySize : entries+(i+1)*entrySize]
		n, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || n >= tableAt {
			return nil, 0, 0, false
		}
		offsets[i] = n
	}
	return offsets, tableAt, entries + count*entrySize, true
}

// plainStream recognises object number at offset at when it is a stream
// with no other key than its length, as the library writes pages.
func plainStream(doc []byte, number, at int) (*stream, bool) {
	head := strconv.AppendInt(nil, int64(number), 10)
	head = append(head, " 0 obj\n<</Length "...)
	if !bytes.HasPrefix(doc[at:], head) {
		return nil, false
	}
	rest := doc[at+len(head):]
	end := bytes.IndexByte(rest, '>')
	length, err := strconv.Atoi(string(rest[:max(0, end)]))
	if err != nil || !bytes.HasPrefix(rest[end:], []byte(">>\nstream\n")) {
		return nil, false
	}
	dataAt := at + len(head) + end + len(">>\nstream\n")
	if length < 0 || dataAt+length > len(doc) || !bytes.HasPrefix(doc[dataAt+length:], []byte("\nendstream")) {
		return nil, false
	}
	return &stream{number: number, start: at, end: dataAt + length, data: doc[dataAt : dataAt+length]}, true
}

// deflateAll compresses the streams on every core, each worker reusing
// one compressor.
func deflateAll(streams []*stream) {
	work := make(chan *stream, len(streams))
	for _, s := range streams {
		work <- s
	}
	close(work)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			z, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for s := range work {
				buf.Reset()
				z.Reset(&buf)
				z.Write(s.data)
				z.Close()
				if buf.Len() < len(s.data) {
					s.compressed = bytes.Clone(buf.Bytes())
				}
			}
		})
	}
	wg.Wait()
}

// appendStream writes a stream object, compressed when that made it smaller.
func appendStream(out []byte, s *stream) []byte {
	out = strconv.AppendInt(out, int64(s.number), 10)
	if s.compressed == nil {
		out = append(out, " 0 obj\n<</Length "...)
		out = strconv.AppendInt(out, int64(len(s.data)), 10)
		return append(append(out, ">>\nstream\n"...), s.data...)
	}
	out = append(out, " 0 obj\n<</Filter /FlateDecode /Length "...)
	out = strconv.AppendInt(out, int64(len(s.compressed)), 10)
	return append(append(out, ">>\nstream\n"...), s.compressed...)
}

// byOffset lists the object numbers in the order they appear.
func byOffset(offsets []int) []int {
	numbers := make([]int, 0, len(offsets))
	for n := 1; n < len(offsets); n++ {
		numbers = append(numbers, n)
	}
	slices.SortFunc(numbers, func(a, b int) int { return offsets[a] - offsets[b] })
	return numbers
}
