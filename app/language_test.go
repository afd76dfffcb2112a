package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"accred/data/msg"
	"accred/resources"
)

// sourceStrings are the strings a person reads: every message declared in
// the catalogue (the data packages' errors and reasons, the print job's) and
// every literal the app hands to lang.L or lang.N, read from its syntax tree.
// Only translate, which words the catalogue's messages, may hand them
// anything but a literal: any other key could not be checked.
func sourceStrings(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, k := range msg.Keys() {
		add(k)
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
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
			return true
		})
	}
	return out
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
	keys := sourceStrings(t)
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
			if m, plural := v.(map[string]any); plural {
				text, _ = m["other"].(string)
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
