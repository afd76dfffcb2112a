package country

import "testing"

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
