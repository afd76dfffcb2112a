package data

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scrubber removes one person's values from free text: a note, a reason, an
// audit entry. Each value is replaced wherever it stands as whole words
// (not inside a longer word), longest first.
type scrubber struct {
	values []scrubValue
}

type scrubValue struct{ text, with string }

// minScrubRunes is the shortest value scrubbed from free text: a one-letter
// given name would take letters out of every sentence.
const minScrubRunes = 2

// add makes the scrubber replace text by with.
func (s *scrubber) add(text, with string) {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) < minScrubRunes || text == with {
		return
	}
	for _, v := range s.values {
		if v.text == text {
			return
		}
	}
	s.values = append(s.values, scrubValue{text, with})
	sort.SliceStable(s.values, func(i, j int) bool { return len(s.values[i].text) > len(s.values[j].text) })
}

// scrub returns text without the scrubber's values.
func (s *scrubber) scrub(text string) string {
	for _, v := range s.values {
		text = replaceWords(text, v.text, v.with)
	}
	return text
}

// replaceWords replaces each occurrence of old in text that is not part of
// a longer word by with.
func replaceWords(text, old, with string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, old)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		end := i + len(old)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if isWordRune(before) || isWordRune(after) {
			b.WriteString(text[:end])
		} else {
			b.WriteString(text[:i])
			b.WriteString(with)
		}
		text = text[end:]
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}
