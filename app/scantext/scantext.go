// Package scantext reads what a badge scanner typed. A USB scanner types a
// badge's code as keystrokes of a US keyboard; a laptop set to another
// layout turns them into other characters. Read gives back the code where
// the layout's mapping is known (French AZERTY, the Vietnamese keyboard) and
// says when a Vietnamese input method (Telex, VNI) changed it beyond
// reading; ReadSigned also reads German QWERTZ back, whose scans keep a
// code's shape. Burst tells a scan from a person's typing by its shape: the
// credential's prefix, typed fast, ending in Enter.
package scantext

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"accred/data/credential"
)

// Layout is the keyboard layout a scan was typed through.
type Layout string

// The layouts Read knows.
const (
	US                 Layout = ""             // as the scanner meant it
	AZERTY             Layout = "azerty"       // French (and Belgian) AZERTY: digits as &é"'(-è, A↔Q, Z↔W, M as ?
	VietnameseKeyboard Layout = "vn-keyboard"  // the Vietnamese keyboard: digits as ă â ê ô and tone marks
	VietnameseIME      Layout = "vn-telex-vni" // a Vietnamese input method (Telex, VNI): cannot be read back
	QWERTZ             Layout = "qwertz"       // German (Austrian, Swiss) QWERTZ: Y↔Z, digits as typed
)

// Reading is what a scanned text says.
type Reading struct {
	// Code is the badge's code as the scanner typed it, read back through
	// Layout; empty when it cannot be read back.
	Code   string
	Layout Layout
}

// Read reads back a scanned text. A text that starts with the credential's
// prefix is taken as it is (the badge's check then decides); one that
// starts with the prefix as a known layout types it is read back through
// that layout; one changed by a Vietnamese input method has no Code. Any
// other text is returned as it is.
func Read(typed string) Reading {
	text := strings.TrimSpace(typed)
	if hasPrefix(text) {
		return Reading{Code: text}
	}
	for _, l := range []struct {
		layout Layout
		back   func(string) string
	}{{AZERTY, fromAZERTY}, {VietnameseKeyboard, fromVietnameseKeyboard}} {
		if code := l.back(text); hasPrefix(code) {
			return Reading{Code: code, Layout: l.layout}
		}
	}
	if changedByIME(text) {
		return Reading{Layout: VietnameseIME}
	}
	return Reading{Code: text}
}

// ReadSigned is Read for a scan that may have come through German QWERTZ,
// which swaps Y and Z only: its scans keep the prefix and a code's shape, so
// that only the signature tells them from a code as typed. Of the text as
// typed and its QWERTZ reading, it gives the one signed finds signed by
// the event's key, else Read's.
func ReadSigned(typed string, signed func(code string) bool) Reading {
	r := Read(typed)
	if r.Layout != US || !hasPrefix(r.Code) || signed(r.Code) {
		return r
	}
	if code := fromQWERTZ(r.Code); signed(code) {
		return Reading{Code: code, Layout: QWERTZ}
	}
	return r
}

// qwertz maps what German QWERTZ types for a US key back to that key's
// character: only Y and Z differ among a code's letters and digits.
var qwertz = map[rune]rune{'Y': 'Z', 'Z': 'Y', 'y': 'z', 'z': 'y'}

// fromQWERTZ reads text typed through QWERTZ as a US keyboard meant it.
func fromQWERTZ(text string) string { return readBack(text, qwertz) }

// IsScan reports whether text has the shape of a scanned badge: it starts
// with the credential's prefix, as typed through any layout Read knows, or
// it is one that a Vietnamese input method changed.
func IsScan(text string) bool {
	r := Read(text)
	return r.Layout == VietnameseIME || (hasPrefix(r.Code) && len(r.Code) >= minScan)
}

// minScan is the fewest characters a scan has: a person typing the prefix
// in a search is no scanner.
const minScan = 24

// hasPrefix reports whether text starts with the credential's prefix,
// whatever its case (a scanner with Caps Lock on types lower case).
func hasPrefix(text string) bool {
	return len(text) >= len(credential.Prefix) && strings.EqualFold(text[:len(credential.Prefix)], credential.Prefix)
}

// azerty maps what an AZERTY keyboard types for a US key back to the US
// key's character: the digits' row unshifted, and the letters that sit
// elsewhere. Belgian AZERTY types § for 6.
var azerty = map[rune]rune{
	'&': '1', 'é': '2', '"': '3', '\'': '4', '(': '5', '-': '6', '§': '6', 'è': '7', '_': '8', 'ç': '9', 'à': '0',
	'Q': 'A', 'A': 'Q', 'W': 'Z', 'Z': 'W', '?': 'M',
	'q': 'a', 'a': 'q', 'w': 'z', 'z': 'w', ',': 'm',
}

// fromAZERTY reads text typed through AZERTY back to what the US keys say.
func fromAZERTY(text string) string { return readBack(text, azerty) }

// readBack maps each character of text that layout changed back to the US
// key's.
func readBack(text string, layout map[rune]rune) string {
	return strings.Map(func(r rune) rune {
		if us, ok := layout[r]; ok {
			return us
		}
		return r
	}, text)
}

// vietnameseDigits are the characters the Vietnamese keyboard's digits'
// row types; the tone marks come as combining marks of their own.
var vietnameseDigits = map[rune]rune{
	'ă': '1', 'â': '2', 'ê': '3', 'ô': '4', '\u0300': '5', '\u0309': '6', '\u0303': '7', '\u0301': '8', '\u0323': '9', 'đ': '0',
	'Ă': '1', 'Â': '2', 'Ê': '3', 'Ô': '4', 'Đ': '0',
}

// fromVietnameseKeyboard reads text typed through the Vietnamese keyboard
// back to what the US keys say. A tone mark that was joined to the letter
// before it (a program may compose them) is taken apart first.
func fromVietnameseKeyboard(text string) string {
	var b strings.Builder
	for _, r := range text {
		if us, ok := vietnameseDigits[r]; ok {
			b.WriteRune(us)
			continue
		}
		for _, part := range norm.NFD.String(string(r)) {
			if us, ok := vietnameseDigits[part]; ok {
				b.WriteRune(us)
			} else {
				b.WriteRune(part)
			}
		}
	}
	return b.String()
}

// changedByIME reports whether text is a scan that a Vietnamese input
// method changed: as long as a scan, it holds Vietnamese letters (đ, ư, ơ,
// marked vowels), and without their marks it is, as a badge's code is,
// capital letters and digits (the input method eats some as tone keys).
func changedByIME(text string) bool {
	if len([]rune(text)) < minScan {
		return false
	}
	marked, plain, all := false, 0, 0
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
			marked = true
			continue
		case r == 'đ' || r == 'Đ':
			marked = true
			r = 'D'
		}
		all++
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			plain++
		}
	}
	return marked && plain*10 >= all*9
}

// Pace is the slowest a scan is typed, on average: a scanner types a
// character every few milliseconds (a busy window takes some of them
// late), a person one every tenth of a second or more, and slower still a
// code of random letters and digits.
const Pace = 60 * time.Millisecond

// maxTyped is how many characters a Burst remembers: a few scans' worth.
const maxTyped = 1024

// Burst remembers what was typed into a field since the last Enter, and
// when, to tell a scan typed into it from a person's typing.
type Burst struct {
	typed []rune
	at    []time.Time
}

// Typed records a character typed at a moment.
func (b *Burst) Typed(r rune, at time.Time) {
	if len(b.typed) == maxTyped {
		b.typed, b.at = b.typed[maxTyped/2:], b.at[maxTyped/2:]
	}
	b.typed, b.at = append(b.typed, r), append(b.at, at)
}

// Enter ends what was typed with Enter pressed at a moment. It returns the
// scan typed last, if there is one: the characters from the first one
// that starts a scan's shape to the end, typed at a scanner's pace. What
// was typed is forgotten.
func (b *Burst) Enter(at time.Time) (string, bool) {
	defer func() { b.typed, b.at = b.typed[:0], b.at[:0] }()
	for i := range b.typed {
		text := string(b.typed[i:])
		if !IsScan(text) {
			continue
		}
		pace := at.Sub(b.at[i]) / time.Duration(len(b.typed)-i)
		return text, pace <= Pace
	}
	return "", false
}
