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
