package portal_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"accred/resources"
)

// portalKeys are the portal's own sentences: those its pages hand to T
// and its code to words.T, t or a flash, and the statuses' words.
func portalKeys(t *testing.T) []string {
	t.Helper()
	patterns := map[string]*regexp.Regexp{
		"templates/*.html": regexp.MustCompile(`\{\{T ("(?:[^"\\]|\\.)*")`),
		"*.go":             regexp.MustCompile(`(?:words\.T\([^,]+,|\bt\(|flash :?= |Status\w*: +)\s*("(?:[^"\\]|\\.)*")`),
	}
	var keys []string
	for glob, re := range patterns {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllSubmatch(src, -1) {
				k, err := strconv.Unquote(string(m[1]))
				if err != nil {
					t.Fatalf("%s: %s", name, m[1])
				}
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
	}
	return keys
}

func TestPortalSentencesAreTranslated(t *testing.T) {
	keys := portalKeys(t)
	if len(keys) < 80 {
		t.Fatalf("found only %d sentences", len(keys))
	}
	for _, code := range []string{"fr", "vi"} {
		raw, err := resources.PortalTranslations.ReadFile("portal/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var table map[string]string
		if err := json.Unmarshal(raw, &table); err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if table[k] == "" {
				t.Errorf("portal/%s.json lacks %q", code, k)
			}
		}
		for k := range table {
			if !slices.Contains(keys, k) {
				t.Errorf("portal/%s.json: %q is said nowhere; remove it", code, k)
			}
		}
	}
}
