package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"accred/data/msg"
)

// TextKind is a kind of text field: how many characters it may hold and
// whether it keeps line breaks. Every text that comes in (a form, an import
// file, a command line) is checked against its kind before it is stored.
type TextKind struct {
	Max   int  // characters (Unicode code points) at most
	Lines bool // line breaks are kept; in other fields they become spaces

	tooLong msg.Key // why a longer text is refused
}

// The kinds of text fields.
var (
	// NameText is a name: of a person, an organisation, a room, a station,
	// an operator, the event; also codes and document numbers.
	NameText = TextKind{Max: 200, tooLong: msg.Define("The text is too long (200 characters at most).")}
	// TitleText is a session's title.
	TitleText = TextKind{Max: 300, tooLong: msg.Define("The text is too long (300 characters at most).")}
	// SymbolText is a document symbol, such as UNEP/EA.7/INF/1: it fits a
	// page's running head.
	SymbolText = TextKind{Max: 60, tooLong: msg.Define("The text is too long (60 characters at most).")}
	// FreeText is a note or a reason, which may run over several lines.
	FreeText = TextKind{Max: 2000, Lines: true, tooLong: msg.Define("The text is too long (2,000 characters at most).")}
)

// Reasons a text is refused.
var (
	msgNotUTF8 = msg.Define("The text is not valid UTF-8; save the file as UTF-8.")
	msgControl = msg.Define("The text holds a control character (such as Escape or a bell); remove it.")
)

// Clean returns s tidied as Tidy does, or EINVALID with the reason it is
// refused: it is not valid UTF-8, it holds a control character other than a
// tab or a line break, or it is longer than k allows.
func (k TextKind) Clean(s string) (string, error) {
	s = k.Tidy(s)
	if reason := k.Check(s); !reason.IsZero() {
		return "", NewError(EINVALID, reason, nil)
	}
	return s, nil
}

// Tidy trims s and reduces every run of spaces, tabs and direction marks
// inside it to one space; line breaks become spaces too, unless k keeps
// them. Other control characters and invalid bytes are left for Check.
func (k TextKind) Tidy(s string) string {
	if isTidyASCII(s) {
		return s
	}
	if !k.Lines {
		return strings.Join(strings.FieldsFunc(s, isSpace), " ")
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.FieldsFunc(l, func(r rune) bool { return r != '\r' && isSpace(r) }), " ")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// Check returns why a tidied text does not fit k, or the zero key when it
// does.
func (k TextKind) Check(s string) msg.Key {
	if isTidyASCII(s) && len(s) <= k.Max {
		return msg.Key{}
	}
	if !utf8.ValidString(s) {
		return msgNotUTF8
	}
	n := 0
	for _, r := range s {
		if unicode.IsControl(r) && (r != '\n' || !k.Lines) {
			return msgControl
		}
		n++
	}
	if n > k.Max {
		return k.tooLong
	}
	return msg.Key{}
}

// Text adds a field error when value does not fit its kind.
func (v *Problems) Text(field string, k TextKind, value string) {
	if reason := k.Check(value); !reason.IsZero() {
		v.Add(field, reason)
	}
}

// isSpace reports whether r separates words: a space, a tab, a line break
// or a direction mark.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Bidi_Control, r)
}

// isTidyASCII reports whether s is printable ASCII with no space to clean.
func isTidyASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x7f || (c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			return false
		}
	}
	return true
}
