package cups

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The IPP operations Accred uses (RFC 8011 and CUPS's own).
const (
	opPrintJob          = 0x0002
	opCancelJob         = 0x0008
	opGetJobAttributes  = 0x0009
	opGetPrinterAttribs = 0x000B
	opCUPSGetDefault    = 0x4001
	opCUPSGetPrinters   = 0x4002
)

// Attribute group and value tags.
const (
	tagOperation   = 0x01
	tagJob         = 0x02
	tagEnd         = 0x03
	tagPrinter     = 0x04
	tagInteger     = 0x21
	tagBoolean     = 0x22
	tagEnum        = 0x23
	tagText        = 0x41
	tagName        = 0x42
	tagKeyword     = 0x44
	tagURI         = 0x45
	tagCharset     = 0x47
	tagLanguage    = 0x48
	tagMimeType    = 0x49
	tagBegCollect  = 0x34
	tagEndCollect  = 0x37
	tagMemberName  = 0x4A
	statusNotFound = 0x0406
)

// attr is one attribute of a request: its tag, name and values.
type attr struct {
	tag    byte
	name   string
	values []any // string, or int32 for integers and enums, or bool
}

// request is an IPP request: an operation with its operation and job
// attributes.
type request struct {
	op        uint16
	operation []attr
	job       []attr
}

// encode writes the request as IPP 2.0.
func (r request) encode(id uint32) []byte {
	var b bytes.Buffer
	b.Write([]byte{2, 0})
	binary.Write(&b, binary.BigEndian, r.op)
	binary.Write(&b, binary.BigEndian, id)
	group := func(tag byte, attrs []attr) {
		if len(attrs) == 0 {
			return
		}
		b.WriteByte(tag)
		for _, a := range attrs {
			for i, v := range a.values {
				name := a.name
				if i > 0 {
					name = "" // a further value of the same attribute
				}
				b.WriteByte(a.tag)
				binary.Write(&b, binary.BigEndian, uint16(len(name)))
				b.WriteString(name)
				switch v := v.(type) {
				case string:
					binary.Write(&b, binary.BigEndian, uint16(len(v)))
					b.WriteString(v)
				case int32:
					binary.Write(&b, binary.BigEndian, uint16(4))
					binary.Write(&b, binary.BigEndian, v)
				case bool:
					binary.Write(&b, binary.BigEndian, uint16(1))
					if v {
						b.WriteByte(1)
					} else {
						b.WriteByte(0)
					}
				}
			}
		}
	}
	group(tagOperation, r.operation)
	group(tagJob, r.job)
	b.WriteByte(tagEnd)
	return b.Bytes()
}

// response is a decoded IPP response: its status and the attributes of each
// group it holds, in order (one group per printer for CUPS-Get-Printers).
type response struct {
	status uint16
	groups []group
}

// group is one attribute group of a response; values are strings, int32 or
// bool.
type group struct {
	tag   byte
	attrs map[string][]any
}

func (g group) text(name string) string {
	if v := g.attrs[name]; len(v) > 0 {
		if s, ok := v[0].(string); ok {
			return s
		}
	}
	return ""
}

func (g group) texts(name string) []string {
	var list []string
	for _, v := range g.attrs[name] {
		if s, ok := v.(string); ok {
			list = append(list, s)
		}
	}
	return list
}

func (g group) integer(name string) int {
	if v := g.attrs[name]; len(v) > 0 {
		if n, ok := v[0].(int32); ok {
			return int(n)
		}
	}
	return 0
}

func (g group) boolean(name string) bool {
	if v := g.attrs[name]; len(v) > 0 {
		b, _ := v[0].(bool)
		return b
	}
	return false
}

var errShort = errors.New("the print service's answer is cut short")

// decode reads an IPP response. Collections are skipped.
func decode(r io.Reader) (response, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 8<<20))
	if err != nil {
		return response{}, err
	}
	if len(raw) < 9 {
		return response{}, errShort
	}
	resp := response{status: binary.BigEndian.Uint16(raw[2:4])}
	pos := 8
	var cur *group
	var last string
	depth := 0
	for pos < len(raw) {
		tag := raw[pos]
		pos++
		if tag == tagEnd {
			return resp, nil
		}
		if tag < 0x10 { // a new group
			resp.groups = append(resp.groups, group{tag: tag, attrs: map[string][]any{}})
			cur = &resp.groups[len(resp.groups)-1]
			continue
		}
		if pos+2 > len(raw) {
			return resp, errShort
		}
		n := int(binary.BigEndian.Uint16(raw[pos:]))
		pos += 2
		if pos+n+2 > len(raw) {
			return resp, errShort
		}
		name := string(raw[pos : pos+n])
		pos += n
		m := int(binary.BigEndian.Uint16(raw[pos:]))
		pos += 2
		if pos+m > len(raw) {
			return resp, errShort
		}
		value := raw[pos : pos+m]
		pos += m
		switch {
		case tag == tagBegCollect:
			depth++
			if name != "" {
				last = name
			}
			continue
		case tag == tagEndCollect:
			depth--
			continue
		case depth > 0 || cur == nil:
			continue
		}
		if name != "" {
			last = name
		}
		var v any
		switch tag {
		case tagInteger, tagEnum:
			if len(value) != 4 {
				return resp, fmt.Errorf("attribute %s: integer of %d bytes", last, len(value))
			}
			v = int32(binary.BigEndian.Uint32(value))
		case tagBoolean:
			v = len(value) == 1 && value[0] != 0
		default:
			if tag < 0x40 {
				continue // dates, resolutions, ranges: not used
			}
			v = string(value)
		}
		cur.attrs[last] = append(cur.attrs[last], v)
	}
	return resp, errShort
}
