package printing

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// A line holding Hebrew or Arabic is drawn in visual order, as the Unicode
// bidirectional algorithm (UAX #9) lays out one line without explicit
// embeddings: golang.org/x/text/unicode/bidi resolves the runs of each
// direction, levels are given to them (right-to-left runs 1; in a
// right-to-left line the rest 2; in a left-to-right line 0, but digits that
// follow right-to-left letters 2), and the runs are reversed from the
// highest level down. Digits and Latin words inside Arabic so keep their own
// order and sit where they belong, and each mark stays on its letter.

// rightToLeftMark sets the direction of a line that starts with neither
// (U+200F); no face draws it, so it is left out once it has done its work.
const rightToLeftMark = "\u200f"

// hasRightToLeft reports whether s holds letters written right to left.
func hasRightToLeft(s string) bool {
	for _, r := range s {
		if c := bidiClass(r); c == bidi.R || c == bidi.AL {
			return true
		}
	}
	return false
}

func bidiClass(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// visualOrder shapes s and puts it in the left-to-right order it is drawn.
func visualOrder(s string) string {
	if !hasRightToLeft(s) {
		return s
	}
	shaped := string(shapeArabic(s))
	var p bidi.Paragraph
	if _, err := p.SetString(shaped); err != nil {
		return shaped
	}
	order, err := p.Order()
	if err != nil {
		return shaped
	}
	base := paragraphLevel(shaped)
	var clusters []cluster
	afterRightToLeft := false
	for i := range order.NumRuns() {
		run := order.Run(i)
		rs := []rune(run.String())
		rightToLeft := run.Direction() == bidi.RightToLeft
		digits := 0 // digits that follow right-to-left letters in a left-to-right line
		if !rightToLeft && base == 0 && afterRightToLeft {
			digits = leadingNumber(rs)
		}
		for j, r := range rs {
			level := uint8(base * 2) // left to right: 0 in a left-to-right line, 2 otherwise
			switch {
			case rightToLeft:
				level = 1
			case j < digits:
				level = 2
			}
			if unicode.Is(unicode.Mn, r) && len(clusters) > 0 {
				clusters[len(clusters)-1].runes = append(clusters[len(clusters)-1].runes, r)
				continue
			}
			clusters = append(clusters, cluster{level: level, runes: []rune{r}})
		}
		afterRightToLeft = rightToLeft
	}
	reorder(clusters)
	out := make([]rune, 0, len(shaped))
	for _, c := range clusters {
		if c.level%2 == 1 {
			c.runes[0] = mirrored(c.runes[0])
		}
		out = append(out, c.runes...)
	}
	return string(out)
}

// cluster is a letter with the marks that follow it, at its bidi level.
type cluster struct {
	level uint8
	runes []rune
}

// paragraphLevel is 1 when the first strong letter of s is written right
// to left, and 0 otherwise.
func paragraphLevel(s string) int {
	for _, r := range s {
		switch bidiClass(r) {
		case bidi.L:
			return 0
		case bidi.R, bidi.AL:
			return 1
		}
	}
	return 0
}

// leadingNumber counts the runes of the number rs starts with: digits and
// the separators between them.
func leadingNumber(rs []rune) int {
	n := 0
	for i, r := range rs {
		switch bidiClass(r) {
		case bidi.EN, bidi.AN:
			n = i + 1
		case bidi.CS, bidi.ES, bidi.ET:
		default:
			return n
		}
	}
	return n
}

// reorder reverses, from the highest level to the lowest odd one, every
// stretch of clusters at that level or above.
func reorder(clusters []cluster) {
	highest, lowestOdd := uint8(0), uint8(255)
	for _, c := range clusters {
		highest = max(highest, c.level)
		if c.level%2 == 1 {
			lowestOdd = min(lowestOdd, c.level)
		}
	}
	for level := highest; level >= lowestOdd && level > 0; level-- {
		for i := 0; i < len(clusters); {
			if clusters[i].level < level {
				i++
				continue
			}
			j := i
			for j < len(clusters) && clusters[j].level >= level {
				j++
			}
			slices.Reverse(clusters[i:j])
			i = j
		}
	}
}

// mirrored is the bracket a right-to-left run draws for r.
func mirrored(r rune) rune {
	if m, ok := mirrors[r]; ok {
		return m
	}
	return r
}

var mirrors = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}
