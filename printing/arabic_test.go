package printing

import "testing"

func TestShapeArabic(t *testing.T) {
	cases := map[string]string{
		// محمد: initial mim, medial hah, medial mim, final dal; drawn right to left.
		"محمد": "\uFEAA\uFEE4\uFEA4\uFEE3",
		// علي: initial ain, medial lam, final yeh.
		"علي": "\uFEF2\uFEE0\uFECB",
		// الفارسي: alef isolated, lam initial, feh medial, alef final, reh isolated, seen initial, yeh final.
		"الفارسي": "\uFEF2\uFEB3\uFEAD\uFE8E\uFED4\uFEDF\uFE8D",
		// لا alone is the lam-alef ligature.
		"لا": "\uFEFB",
		// سلام: seen initial, lam-alef final ligature, mim isolated.
		"سلام":  "\uFEE1\uFEFC\uFEB3",
		"Ahmed": "Ahmed",
	}
	for in, want := range cases {
		if got := visualOrder(in); got != want {
			t.Errorf("visualOrder(%q) = %U, want %U", in, []rune(got), []rune(want))
		}
	}
}

func TestVisualOrderOfWordsAndDigits(t *testing.T) {
	// Two words: the second word is drawn first (leftmost).
	got := []rune(visualOrder("أحمد علي"))
	if got[0] != '\uFEF2' || got[len(got)-1] != '\uFE83' {
		t.Fatalf("word order: %U", got)
	}
	// Digits inside Arabic keep their order.
	if got := visualOrder("غرفة 12"); got[:2] != "12" {
		t.Fatalf("digits: %q", got)
	}
}

func TestBidiOrderOfArabicDigitsAndLatin(t *testing.T) {
	ghurfa := visualOrder("غرفة") // shaped and reversed
	cases := map[string]string{
		// An Arabic line reads from the right: the word, then the number, then the Latin words.
		"غرفة 12 Room B": "Room B 12 " + ghurfa,
		"غرفة 2025":      "2025 " + ghurfa,
		// A Latin line keeps its order; the Arabic word reads right to left in its place.
		"Room غرفة B": "Room " + ghurfa + " B",
		// Digits after right-to-left letters in a Latin line stay with them.
		"Room שלום 123 B": "Room 123 םולש B",
		// Brackets face the right way in right-to-left text.
		"(שלום)": "(םולש)",
		"שלום":   "םולש",
	}
	for in, want := range cases {
		if got := visualOrder(in); got != want {
			t.Errorf("visualOrder(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarksStayOnTheirLetter(t *testing.T) {
	// Hebrew with points: each point follows its letter once reversed.
	if got, want := visualOrder("שָׁלוֹם"), "ם"+"וֹ"+"ל"+"שָׁ"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWrappedLinesKeepTheirDirection(t *testing.T) {
	if got, want := visualOrder(rightToLeftMark+"- UNODC 2025"), "UNODC 2025 -"+rightToLeftMark; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	if segs := segments(rightToLeftMark); len(segs) != 0 {
		t.Errorf("the mark is drawn: %v", segs)
	}
}
