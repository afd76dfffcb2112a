package country

import "testing"

func TestRegionalGroups(t *testing.T) {
	want := map[string]int{African: 54, AsiaPacific: 54, EasternEuropean: 23, LatinAmerican: 33, WesternEuropean: 29}
	seen := map[string]string{}
	total := 0
	for _, r := range Regions {
		members := Members(r)
		if len(members) != want[r] {
			t.Errorf("%s group: %d members, want %d", r, len(members), want[r])
		}
		for _, code := range members {
			if _, ok := byCode[code]; !ok {
				t.Errorf("%s group: %q is no ISO 3166-1 code", r, code)
			}
			if other, twice := seen[code]; twice {
				t.Errorf("%s is in both the %s and the %s group", code, other, r)
			}
			seen[code] = r
		}
		total += len(members)
	}
	if total != 193 {
		t.Errorf("the groups hold %d States, want the 193 Member States", total)
	}
	for code, region := range map[string]string{
		"NG": African, "EG": African, "CV": African, "SS": African, "ZA": African,
		"VN": AsiaPacific, "CN": AsiaPacific, "CY": AsiaPacific, "SA": AsiaPacific, "KI": AsiaPacific, "FJ": AsiaPacific,
		"RU": EasternEuropean, "UA": EasternEuropean, "EE": EasternEuropean, "GE": EasternEuropean, "MD": EasternEuropean,
		"BR": LatinAmerican, "MX": LatinAmerican, "CU": LatinAmerican, "KN": LatinAmerican, "SR": LatinAmerican,
		"FR": WesternEuropean, "AU": WesternEuropean, "IL": WesternEuropean, "TR": WesternEuropean, "US": WesternEuropean,
		"NZ": WesternEuropean, "CA": WesternEuropean,
		"VA": NoRegion, "PS": NoRegion, "TW": NoRegion, "HK": NoRegion, "PR": NoRegion, "XX": NoRegion, "": NoRegion,
	} {
		if got := Region(code); got != region {
			t.Errorf("Region(%q) = %q, want %q", code, got, region)
		}
	}
}
