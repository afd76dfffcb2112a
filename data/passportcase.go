package data

import (
	"strings"
	"unicode"
)

// PassportCase returns a name typed all in lower case as passports write
// it, and whether that differs from what was typed: each word with a
// capital, and each part of a word after a hyphen or an apostrophe
// ("jean-pierre" Jean-Pierre, "o'sullivan" O'Sullivan), the particles
// within a name in lower case ("maria del carmen" Maria del Carmen). A name
// with a capital anywhere is as its owner wrote it, and is left alone.
func PassportCase(name string) (string, bool) {
	if strings.IndexFunc(name, unicode.IsUpper) >= 0 || strings.IndexFunc(name, unicode.IsLower) < 0 {
		return name, false
	}
	words := strings.Fields(name)
	for i, w := range words {
		if i > 0 && i < len(words)-1 && particles[w] || len(words) > 1 && i == 0 && particles[w] {
			continue
		}
		words[i] = capitalParts(w)
	}
	written := strings.Join(words, " ")
	return written, written != name
}

// particles are the small words a name keeps in lower case before a
// family name: de la Fontaine, van der Berg, del Carmen.
var particles = map[string]bool{"de": true, "del": true, "della": true, "der": true, "den": true, "di": true, "da": true,
	"du": true, "des": true, "la": true, "le": true, "van": true, "von": true, "y": true, "dos": true, "das": true, "zu": true, "ter": true}

// capitalParts gives a capital to the word's first letter and to each
// letter after a hyphen or an apostrophe.
func capitalParts(word string) string {
	r := []rune(word)
	start := true
	for i, c := range r {
		if start && unicode.IsLetter(c) {
			r[i] = unicode.ToTitle(c)
		}
		start = c == '-' || c == '\'' || c == '’'
	}
	return string(r)
}
