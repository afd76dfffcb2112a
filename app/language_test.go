package app

import (
	"encoding/json"
	"go/ast"
	"go/token"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"accred/data/gosource"
	"accred/data/msg"
	"accred/resources"
)

// sourceStrings are the strings a person reads: every message declared in
// the catalogue (the data packages' errors and reasons, the print job's) and
// every literal the app hands to lang.L or lang.N, read from its syntax tree.
// Only translate, which words the catalogue's messages, may hand them
// anything but a literal: any other key could not be checked. Those that
// count (handed to lang.N, or declared with msg.DefinePlural) are also in
// counting.
func sourceStrings(t *testing.T) (out []string, counting map[string]bool) {
	t.Helper()
	seen := map[string]bool{}
	counting = map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, k := range msg.Keys() {
		add(k)
		if _, counts := msg.Count(k, countArgs(k, 1)); counts {
			counting[k] = true
		}
	}
	fset, files := gosource.Files(t, ".")
	for _, f := range files {
		ast.Inspect(f.File, func(n ast.Node) bool {
			if fn, ok := n.(*ast.FuncDecl); ok && fn.Name.Name == "translate" {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			if !isLangCall(call.Fun) {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: lang.%s is given a key that is not a literal", fset.Position(call.Pos()), call.Fun.(*ast.SelectorExpr).Sel.Name)
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
			}
			add(s)
			if call.Fun.(*ast.SelectorExpr).Sel.Name == "N" {
				counting[s] = true
			}
			return true
		})
	}
	return out, counting
}

// isLangCall reports whether fun is lang.L or lang.N.
func isLangCall(fun ast.Expr) bool {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "lang" && (sel.Sel.Name == "L" || sel.Sel.Name == "N")
}

var placeholder = regexp.MustCompile(`{{\.\w+}}`)

func TestEveryStringIsTranslated(t *testing.T) {
	keys, counting := sourceStrings(t)
	if len(keys) < 300 {
		t.Fatalf("found only %d strings; the catalogue or the app's sources were not read", len(keys))
	}
	for _, code := range []string{"en", "fr", "vi"} {
		table := translations(t, code)
		for k := range table {
			if !slices.Contains(keys, k) {
				t.Errorf("%s.json: %q is said nowhere; remove it", code, k)
			}
		}
		for _, k := range keys {
			v, ok := table[k]
			if !ok {
				t.Errorf("%s.json lacks %q", code, k)
				continue
			}
			text, _ := v.(string)
			m, plural := v.(map[string]any)
			if plural {
				text, _ = m["other"].(string)
			}
			// A sentence that counts gives each form its language has, and
			// only those: one way of saying plurals, for the app's sentences
			// and the catalogue's alike.
			switch {
			case counting[k] && !plural:
				t.Errorf("%s.json: %q counts: give its plural forms %v", code, k, pluralForms[code])
			case !counting[k] && plural:
				t.Errorf("%s.json: %q counts nothing: give it one text", code, k)
			case plural && len(m) != len(pluralForms[code]):
				t.Errorf("%s.json: %q gives the forms %v, want %v", code, k, slices.Sorted(maps.Keys(m)), pluralForms[code])
			case plural:
				for _, form := range pluralForms[code] { // the form for one may leave the number out ("the only one")
					text, _ := m[form].(string)
					if text == "" {
						t.Errorf("%s.json: the %s form of %q is empty", code, form, k)
					}
					for _, p := range placeholder.FindAllString(text, -1) {
						if !strings.Contains(k, p) {
							t.Errorf("%s.json: the %s form of %q adds %s", code, form, k, p)
						}
					}
				}
			}
			if text == "" {
				t.Errorf("%s.json: %q is empty", code, k)
			}
			if placeholders(k) != placeholders(text) {
				t.Errorf("%s.json: %q loses or adds a placeholder: %q", code, k, text)
			}
		}
	}
}

// pluralForms are the plural forms each language's file gives a sentence
// that counts, by the CLDR's rules for whole numbers.
var pluralForms = map[string][]string{"en": {"one", "other"}, "fr": {"one", "other"}, "vi": {"other"}}

// translations is the table of one language's file.
func translations(t *testing.T, code string) map[string]any {
	t.Helper()
	raw, err := resources.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var table map[string]any
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return table
}

// placeholders lists the placeholders of a template, sorted: a translation
// may put them in another order, but must keep each.
func placeholders(text string) string {
	found := placeholder.FindAllString(text, -1)
	slices.Sort(found)
	return strings.Join(slices.Compact(found), ",")
}

func TestLanguageCanBeChosen(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	useLanguage("fr")
	if got := lang.L("Registration desk"); got != "Accueil des participants" {
		t.Fatalf("French: %q", got)
	}
	if currentLanguage() != "fr" {
		t.Fatalf("current language %q", currentLanguage())
	}
	useLanguage("vi")
	if got := lang.L("Family name"); got != "Họ" {
		t.Fatalf("Vietnamese: %q", got)
	}
	if got := lang.N("{{.Count}} participant found", 3, map[string]any{"Count": 3}); got != "Tìm thấy 3 đại biểu" {
		t.Fatalf("Vietnamese plural: %q", got)
	}
	useLanguage("en")
	if got := lang.N("{{.Count}} participant found", 3, map[string]any{"Count": 3}); got != "3 participants found" {
		t.Fatalf("English plural: %q", got)
	}
}

func TestNumbersFollowTheLanguage(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	want := map[string]string{"en": "3,170", "fr": "3\u00a0170", "vi": "3.170"}
	for code, w := range want {
		useLanguage(code)
		if got := number(3170); got != w {
			t.Errorf("%s: %q, want %q", code, got, w)
		}
	}
}
