package roster

import (
	"strings"
	"testing"

	"accred/data"
)

func TestGroupNamesAreSafeFileNames(t *testing.T) {
	used := map[string]bool{}
	for _, c := range []struct {
		a    data.Affiliation
		want string
	}{
		{data.Affiliation{Kind: data.AffiliationDelegation, Country: "VN", Name: "Viet Nam"}, "VN"},
		{data.Affiliation{Kind: data.AffiliationOrganization, Name: "../../etc/passwd"}, "etc-passwd"},
		{data.Affiliation{Kind: data.AffiliationOrganization, Name: "ETC passwd"}, "ETC-passwd-2"},
		{data.Affiliation{Kind: data.AffiliationMedia, Name: "Tuổi Trẻ / Youth"}, "Tuổi-Trẻ-Youth"},
		{data.Affiliation{Kind: data.AffiliationOrganization, Name: "...\x00"}, "no-affiliation"},
		{data.Affiliation{}, "no-affiliation-2"},
		{data.Affiliation{Kind: data.AffiliationOrganization, Name: strings.Repeat("long name ", 40)}, ""},
	} {
		got := freeGroupName(groupName(c.a), used)
		if c.want != "" && got != c.want {
			t.Errorf("%q: %q, not %q", c.a.Name, got, c.want)
		}
		if strings.ContainsAny(got, `/\.`) || len(got) > 90 {
			t.Errorf("%q gives the file name %q", c.a.Name, got)
		}
	}
}
