package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"accred/resources"
)

// sourceStrings are the strings a person reads: every lang.L and lang.N
// literal of the app and every fixed problem sentence of the data package.
func sourceStrings(t *testing.T) []string {
	t.Helper()
	patterns := map[string][]*regexp.Regexp{
		"*.go": {regexp.MustCompile(`lang\.[LN]\("((?:[^"\\]|\\.)*)"`)},
		"../data/*.go": {
			regexp.MustCompile(`v\.add\([^,]+, "((?:[^"\\]|\\.)*)"\)`),
			regexp.MustCompile(`Reason: "((?:[^"\\]|\\.)*)"`),
			regexp.MustCompile(`Message: "((?:[^"\\]|\\.)*)"`),
			regexp.MustCompile(`v\.err\("((?:[^"\\]|\\.)*)"\)`),
			regexp.MustCompile(`Err\w+\s*=\s*errors\.New\("((?:[^"\\]|\\.)*)"\)`),
			regexp.MustCompile(`(?m)return (?:Rejected|Already), "((?:[^"\\]|\\.)*)"$`),
			regexp.MustCompile(`(?m)return nil, "([A-Z](?:[^"\\]|\\.)*)"$`),
			regexp.MustCompile(`(?m)^\s*reason\w+\s*=\s*"((?:[^"\\]|\\.)*)"$`),
			regexp.MustCompile(`tooLong: "((?:[^"\\]|\\.)*)"`),
		},
	}
	patterns["../data/*/*.go"] = patterns["../data/*.go"]
	seen := map[string]bool{}
	var out []string
	for glob, res := range patterns {
		files, _ := filepath.Glob(filepath.Join(".", glob))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, re := range res {
				for _, m := range re.FindAllStringSubmatch(string(src), -1) {
					s := strings.ReplaceAll(m[1], `\"`, `"`)
					if !seen[s] {
						seen[s] = true
						out = append(out, s)
					}
				}
			}
		}
	}
	return out
}

var placeholder = regexp.MustCompile(`{{\.\w+}}`)

func TestEveryStringIsTranslated(t *testing.T) {
	keys := sourceStrings(t)
	if len(keys) < 100 {
		t.Fatalf("found only %d strings; the extraction is broken", len(keys))
	}
	for _, code := range []string{"en", "fr", "vi"} {
		raw, err := resources.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var table map[string]any
		if err := json.Unmarshal(raw, &table); err != nil {
			t.Fatalf("%s.json: %v", code, err)
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
			if strings.Join(placeholder.FindAllString(k, -1), ",") != strings.Join(sortedPlaceholders(text, k), ",") {
				t.Errorf("%s.json: %q loses or adds a placeholder: %q", code, k, text)
			}
		}
	}
}

// sortedPlaceholders returns text's placeholders in the order they stand in key.
func sortedPlaceholders(text, key string) []string {
	var out []string
	for _, p := range placeholder.FindAllString(key, -1) {
		if strings.Contains(text, p) {
			out = append(out, p)
		}
	}
	return out
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
