package printing

import (
	"slices"
	"unicode"
)

// The PDF library draws glyphs one by one, left to right, without the
// shaping a text engine does. Arabic script is shaped here instead: each
// letter takes the presentation form that joins it to its neighbours, lam
// and alef become their ligature, and right-to-left runs are put in the
// order they are seen.

// arabicForms gives a letter's isolated, final, initial and medial forms;
// a right-joining letter has only the first two.
var arabicForms = map[rune][]rune{
	0x0621: {0xFE80}, 0x0622: {0xFE81, 0xFE82}, 0x0623: {0xFE83, 0xFE84}, 0x0624: {0xFE85, 0xFE86},
	0x0625: {0xFE87, 0xFE88}, 0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C}, 0x0627: {0xFE8D, 0xFE8E},
	0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92}, 0x0629: {0xFE93, 0xFE94}, 0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98},
	0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C}, 0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0},
	0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4}, 0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8}, 0x062F: {0xFEA9, 0xFEAA},
	0x0630: {0xFEAB, 0xFEAC}, 0x0631: {0xFEAD, 0xFEAE}, 0x0632: {0xFEAF, 0xFEB0}, 0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4},
	0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8}, 0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC},
	0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0}, 0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4},
	0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8}, 0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC},
	0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0}, 0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4},
	0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8}, 0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC},
	0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0}, 0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4},
	0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8}, 0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC}, 0x0648: {0xFEED, 0xFEEE},
	0x0649: {0xFEEF, 0xFEF0}, 0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
	0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59}, 0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D}, 0x0698: {0xFB8A, 0xFB8B},
	0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91}, 0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95}, 0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF},
}

// lamAlef gives the isolated and final ligature of lam with each alef.
var lamAlef = map[rune][2]rune{0x0622: {0xFEF5, 0xFEF6}, 0x0623: {0xFEF7, 0xFEF8}, 0x0625: {0xFEF9, 0xFEFA}, 0x0627: {0xFEFB, 0xFEFC}}

const lam, tatweel = 0x0644, 0x0640

func isArabicMark(r rune) bool { return unicode.Is(unicode.Mn, r) && (r >= 0x0610 && r <= 0x06ED) }

// joinsBoth reports whether r connects to the letters on both sides.
func joinsBoth(r rune) bool { return len(arabicForms[r]) == 4 || r == tatweel }

// joinsPrevious reports whether r connects to the letter before it.
func joinsPrevious(r rune) bool { return len(arabicForms[r]) >= 2 || r == tatweel }

// hasRightToLeft reports whether s holds Arabic script.
func hasRightToLeft(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// shapeArabic returns s with Arabic letters in their joined forms, still in
// logical order.
func shapeArabic(s string) []rune {
	in := []rune(s)
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(in); j += step {
			if !isArabicMark(in[j]) {
				return in[j]
			}
		}
		return 0
	}
	out := make([]rune, 0, len(in))
	for i := 0; i < len(in); i++ {
		r := in[i]
		forms, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		prev, next := neighbour(i, -1), neighbour(i, 1)
		joinedBefore := joinsBoth(prev)
		if lig, ok := lamAlef[next]; r == lam && ok {
			if joinedBefore {
				out = append(out, lig[1])
			} else {
				out = append(out, lig[0])
			}
			for i++; isArabicMark(in[i]); i++ { // skip to the alef, keeping marks
				out = append(out, in[i])
			}
			continue
		}
		joinedAfter := len(forms) == 4 && joinsPrevious(next)
		switch {
		case joinedBefore && joinedAfter:
			out = append(out, forms[3])
		case joinedBefore && len(forms) >= 2:
			out = append(out, forms[1])
		case joinedAfter:
			out = append(out, forms[2])
		default:
			out = append(out, forms[0])
		}
	}
	return out
}

// visualOrder shapes s and puts it in the left-to-right order it is drawn:
// in a line holding Arabic, the runs go right to left, and each Arabic run
// reads right to left while digits and Latin runs keep their own order.
func visualOrder(s string) string {
	if !hasRightToLeft(s) {
		return s
	}
	shaped := shapeArabic(s)
	var runs [][]rune
	var rtl []bool
	for _, r := range shaped {
		isRTL := unicode.Is(unicode.Arabic, r) || (unicode.IsSpace(r) && len(rtl) > 0 && rtl[len(rtl)-1])
		if len(runs) == 0 || rtl[len(rtl)-1] != isRTL {
			runs = append(runs, nil)
			rtl = append(rtl, isRTL)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], r)
	}
	var out []rune
	for i := len(runs) - 1; i >= 0; i-- {
		if rtl[i] {
			out = append(out, reverseClusters(runs[i])...)
		} else {
			out = append(out, runs[i]...)
		}
	}
	return string(out)
}

// reverseClusters reverses letters, keeping each mark after its letter.
func reverseClusters(rs []rune) []rune {
	var clusters [][]rune
	for _, r := range rs {
		if isArabicMark(r) && len(clusters) > 0 {
			clusters[len(clusters)-1] = append(clusters[len(clusters)-1], r)
			continue
		}
		clusters = append(clusters, []rune{r})
	}
	slices.Reverse(clusters)
	var out []rune
	for _, c := range clusters {
		out = append(out, c...)
	}
	return out
}
