// Package search folds names into comparable words and finds participants by
// any part of any of their names, in memory, as fast as a person types.
package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFolds spells the letters that do not decompose under Unicode
// normalisation the way a person typing on an English keyboard would.
var letterFolds = map[rune]string{
	'đ': "d", 'ð': "d", 'ø': "o", 'ł': "l", 'æ': "ae", 'œ': "oe",
	'ß': "ss", 'þ': "th", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "n",
	'ĸ': "k", 'ſ': "s", 'ƒ': "f", 'ɨ': "i", 'ʉ': "u",
}

// icaoLetters are the letters that machine-readable zones of passports
// spell otherwise than Fold does (ICAO Doc 9303, part 3): Müller is MUELLER
// there, Ødegård OEDEGAARD. Fold's spellings (ß→ss, æ→ae, þ→th) already
// agree.
var icaoLetters = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "å", "aa", "ø", "oe",
	"Ä", "AE", "Ö", "OE", "Ü", "UE", "Å", "AA", "Ø", "OE")

// icaoSpelling is text as a passport's machine-readable zone spells it, or
// "" when that is no different.
func icaoSpelling(text string) string {
	if isPlainASCII(text) {
		return ""
	}
	text = norm.NFC.String(text)
	if !strings.ContainsAny(text, "äöüåøÄÖÜÅØ") {
		return ""
	}
	return icaoLetters.Replace(text)
}

// joiners are punctuation marks that glue one name together: O'Sullivan is
// found as "osullivan" as well as "sullivan".
func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '`', '´', '‘', '-', '‐', '‑', '–', '.', '·':
		return true
	}
	return false
}

// Fold lowercases s, strips accents and spells special letters in plain
// Latin, leaving punctuation in place. NFC and NFD input fold alike.
func Fold(s string) string {
	if isPlainASCII(s) {
		return strings.ToLower(s)
	}
	return folds.get(s, fold)
}

func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := letterFolds[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// Words returns the words under which a text is found: every part of every
// name, each compound name also whole (de la Fontaine-Ébrard gives "de",
// "la", "fontaine", "ebrard" and "fontaineebrard"), every tail of a run of
// Chinese or Japanese characters, which are written without spaces, and
// the spelling of passports' machine-readable zones where it differs
// (Müller is also "mueller").
func Words(texts ...string) []string {
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	spellings := texts
	for _, text := range texts {
		if icao := icaoSpelling(text); icao != "" {
			spellings = append(spellings[:len(spellings):len(spellings)], icao)
		}
	}
	for _, text := range spellings {
		for _, chunk := range chunks(Fold(text)) {
			parts := strings.FieldsFunc(chunk, isJoiner)
			for _, p := range parts {
				add(p)
				for _, tail := range ideographTails(p) {
					add(tail)
				}
			}
			if len(parts) > 1 {
				add(strings.Join(parts, ""))
			}
		}
	}
	return words
}

// Terms splits what a person typed into the terms that must each begin one
// of a participant's words.
func Terms(query string) []string {
	var terms []string
	for _, chunk := range chunks(Fold(query)) {
		if t := strings.Join(strings.FieldsFunc(chunk, isJoiner), ""); t != "" {
			terms = append(terms, t)
		}
	}
	return terms
}

// chunks splits folded text on everything that is neither a letter, a digit
// nor a joiner.
func chunks(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isJoiner(r)
	})
}

func ideographTails(word string) []string {
	runes := []rune(word)
	if len(runes) < 2 || !isIdeographic(runes[0]) {
		return nil
	}
	var tails []string
	for i := 1; i < len(runes); i++ {
		tails = append(tails, string(runes[i:]))
	}
	return tails
}

func isIdeographic(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldCache remembers recent folds: names repeat a great deal (a thousand
// Nguyễn), and normalising Unicode is the costly part of an import.
type foldCache struct {
	mu sync.Mutex
	m  map[string]string
}

var folds = &foldCache{m: map[string]string{}}

func (c *foldCache) get(s string, fn func(string) string) string {
	c.mu.Lock()
	v, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = fn(s)
	c.mu.Lock()
	if len(c.m) >= 100_000 {
		c.m = map[string]string{}
	}
	c.m[s] = v
	c.mu.Unlock()
	return v
}

// Acronym is the initials of a name's capitalised words, folded, as an
// organisation is often called ("unodc" for United Nations Office on Drugs
// and Crime), or "" for a name of fewer than two such words.
func Acronym(name string) string {
	var initials []rune
	for _, word := range strings.Fields(name) {
		if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) {
			initials = append(initials, r)
		}
	}
	if len(initials) < 2 {
		return ""
	}
	return Fold(string(initials))
}
