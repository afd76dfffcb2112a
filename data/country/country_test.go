package country

import (
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	cases := map[string]string{
		"VN": "VN", "vnm": "VN", "Viet Nam": "VN", "Vietnam": "VN", "Việt Nam": "VN",
		"Russian Federation": "RU", "Russia": "RU", "fr": "FR", "Côte d'Ivoire": "CI", "cote divoire": "CI",
		"Allemagne": "DE", "Türkiye": "TR", "united states of america": "US",
	}
	for in, want := range cases {
		c, ok := Lookup(in)
		if !ok || c.Code != want {
			t.Errorf("Lookup(%q) = %v %v, want %s", in, c.Code, ok, want)
		}
	}
	for _, bad := range []string{"", "XX", "Atlantis", "'; DROP TABLE", "V"} {
		if c, ok := Lookup(bad); ok {
			t.Errorf("Lookup(%q) = %v, want no country", bad, c.Code)
		}
	}
}

func TestNames(t *testing.T) {
	vn, _ := Lookup("VN")
	if vn.Name("en") != "Viet Nam" || vn.Name("fr") != "Vietnam" || vn.Name("vi") != "Việt Nam" {
		t.Fatalf("names: %q %q %q", vn.Name("en"), vn.Name("fr"), vn.Name("vi"))
	}
	if len(all) != 249 {
		t.Fatalf("%d countries, want 249", len(all))
	}
	for _, c := range all {
		if c.Name("en") == "" || c.Name("fr") == "" || c.Name("vi") == "" || len(c.Alpha3) != 3 {
			t.Errorf("%s lacks a name or alpha-3 code", c.Code)
		}
	}
}

func TestMatching(t *testing.T) {
	codes := func(list []Country) string {
		var s []string
		for _, c := range list {
			s = append(s, c.Code)
		}
		return strings.Join(s, " ")
	}
	cases := []struct {
		typed, lang, want string
	}{
		{"viet", "en", "VN"},
		{"VN", "en", "VN"},
		{"vnm", "en", "VN"},
		{"united", "en", "AE GB TZ US"},
		{"united st", "en", "US"},
		{"hoa ky", "vi", "US UM"},
		{"allem", "fr", "DE"},
		{"korea", "en", "KP KR"},
		{"deu", "en", "DE"},
		{"", "en", ""},
		{"zzz", "en", ""},
		{"'; DROP", "en", ""},
	}
	for _, c := range cases {
		if got := codes(Matching(c.typed, c.lang, 4)); got != c.want {
			t.Errorf("Matching(%q, %s) = %q, want %q", c.typed, c.lang, got, c.want)
		}
	}
	if got := Matching("a", "en", 5); len(got) != 5 {
		t.Errorf("Matching keeps to its limit: %d", len(got))
	}
}

// TestEveryNameIsOffered: a country's name in any language, typed whole,
// offers that country.
func TestEveryNameIsOffered(t *testing.T) {
	for _, c := range all {
		for _, lang := range []string{"en", "fr", "vi"} {
			found := false
			for _, m := range Matching(c.Name(lang), lang, len(all)) {
				found = found || m == c
			}
			if !found {
				t.Errorf("Matching(%q) does not offer %s", c.Name(lang), c.Code)
			}
		}
	}
}
