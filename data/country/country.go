// Package country names the countries of ISO 3166-1 in English (the United
// Nations short name), French and Vietnamese, and recognises them by code or
// by name.
package country

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"accred/data/search"
)

// Country is one ISO 3166-1 country.
type Country struct {
	Code   string // alpha-2, upper case
	Alpha3 string
}

// codes lists every ISO 3166-1 alpha-2 code.
const codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
	"UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

// unNames are the United Nations short names where they differ from the
// common English name.
var unNames = map[string]string{
	"BO": "Bolivia (Plurinational State of)", "BN": "Brunei Darussalam", "CD": "Democratic Republic of the Congo",
	"CG": "Congo", "CI": "Côte d'Ivoire", "CV": "Cabo Verde", "CZ": "Czechia", "FM": "Micronesia (Federated States of)",
	"GB": "United Kingdom of Great Britain and Northern Ireland", "IR": "Iran (Islamic Republic of)",
	"KP": "Democratic People's Republic of Korea", "KR": "Republic of Korea", "LA": "Lao People's Democratic Republic",
	"MD": "Republic of Moldova", "MK": "North Macedonia", "NL": "Netherlands (Kingdom of the)", "PS": "State of Palestine",
	"RU": "Russian Federation", "SY": "Syrian Arab Republic", "SZ": "Eswatini", "TL": "Timor-Leste", "TR": "Türkiye",
	"TZ": "United Republic of Tanzania", "US": "United States of America", "VA": "Holy See",
	"VE": "Venezuela (Bolivarian Republic of)", "VN": "Viet Nam", "MM": "Myanmar", "TW": "Taiwan",
}

var (
	all    []Country
	byKey  = map[string]Country{}
	byCode = map[string]Country{} // upper-case alpha-2 and alpha-3 codes
	namers = map[string]display.Namer{
		"en": display.Regions(language.English),
		"fr": display.Regions(language.French),
		"vi": display.Regions(language.Vietnamese),
	}
)

func init() {
	for _, code := range strings.Fields(codes) {
		r := language.MustParseRegion(code)
		c := Country{Code: code, Alpha3: r.ISO3()}
		all = append(all, c)
		byCode[c.Code], byCode[c.Alpha3] = c, c
		for _, key := range []string{code, c.Alpha3, c.Name("en"), namers["en"].Name(r), c.Name("fr"), c.Name("vi")} {
			if k := strings.Join(search.Terms(key), " "); k != "" {
				if _, taken := byKey[k]; !taken {
					byKey[k] = c
				}
			}
		}
	}
}

// Lookup finds a country by alpha-2 or alpha-3 code or by its English,
// French or Vietnamese name, ignoring case, accents and punctuation.
func Lookup(s string) (Country, bool) {
	if c, ok := byCode[s]; ok {
		return c, true
	}
	c, ok := byKey[strings.Join(search.Terms(s), " ")]
	return c, ok
}

// Name returns the country's name in lang ("en", "fr" or "vi"); English
// names are the United Nations short names.
func (c Country) Name(lang string) string {
	if lang == "en" || namers[lang] == nil {
		if n, ok := unNames[c.Code]; ok {
			return n
		}
		lang = "en"
	}
	return namers[lang].Name(language.MustParseRegion(c.Code))
}

// CommonName returns the everyday English name ("Vietnam" rather than "Viet Nam").
func (c Country) CommonName() string {
	return namers["en"].Name(language.MustParseRegion(c.Code))
}
