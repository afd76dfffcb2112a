package portal

import (
	"testing"

	"accred/data/msg"
)

// TestRefusalCountsInEachLanguage words the data package's refusal of a
// file, for one problem on one line and two on two, as the portal shows it:
// each count in its language's plural form, as the desktop app says it.
func TestRefusalCountsInEachLanguage(t *testing.T) {
	c, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	refusal := msg.Define("The file was not imported: {{.Problems}} on {{.Lines}}. Nothing was changed.")
	problems := msg.DefinePlural("Count", "{{.Count}} problem", "{{.Count}} problems")
	lines := msg.DefinePlural("Count", "{{.Count}} line", "{{.Count}} lines")
	said := func(lang string, n int) string {
		return c.word(lang, refusal.With(msg.Args{"Problems": problems.With(msg.Args{"Count": n}), "Lines": lines.With(msg.Args{"Count": n})}))
	}
	for _, w := range []struct{ lang, one, two string }{
		{"en", "The file was not imported: 1 problem on 1 line. Nothing was changed.",
			"The file was not imported: 2 problems on 2 lines. Nothing was changed."},
		{"fr", "Le fichier n'a pas été importé : 1 problème sur 1 ligne. Rien n'a été modifié.",
			"Le fichier n'a pas été importé : 2 problèmes sur 2 lignes. Rien n'a été modifié."},
		{"vi", "Tệp chưa được nhập: 1 lỗi trên 1 dòng. Không có gì thay đổi.",
			"Tệp chưa được nhập: 2 lỗi trên 2 dòng. Không có gì thay đổi."},
	} {
		if got := said(w.lang, 1); got != w.one {
			t.Errorf("%s, 1: %q, want %q", w.lang, got, w.one)
		}
		if got := said(w.lang, 2); got != w.two {
			t.Errorf("%s, 2: %q, want %q", w.lang, got, w.two)
		}
	}
}
