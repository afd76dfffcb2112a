package country

import "strings"

// The five regional groups of United Nations Member States.
const (
	African         = "African"
	AsiaPacific     = "Asia-Pacific"
	EasternEuropean = "Eastern European"
	LatinAmerican   = "Latin American and Caribbean"
	WesternEuropean = "Western European and others"
	NoRegion        = "other" // observer States, territories and other countries in no group
)

// Regions lists the regional groups in the order the United Nations names them.
var Regions = []string{African, AsiaPacific, EasternEuropean, LatinAmerican, WesternEuropean}

// groups are the Member States of each regional group, by ISO 3166-1
// alpha-2 code, from the United Nations' published membership (Department
// for General Assembly and Conference Management). Kiribati joined the
// Asia-Pacific group in 2010. Türkiye takes part in the Asia-Pacific group's
// meetings but belongs to the Western European and others group for
// elections, and is counted there; the United States of America sits with
// that group as an observer and counts as its member for elections, and is
// counted there too. Together the groups hold all 193 Member States.
var groups = map[string]string{
	African: "DZ AO BJ BW BF BI CV CM CF TD KM CG CI CD DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU " +
		"MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TG TN UG TZ ZM ZW",
	AsiaPacific: "AF BH BD BT BN KH CN CY KP FJ IN ID IR IQ JP JO KZ KI KW KG LA LB MY MV MH FM MN MM NR NP OM PK PW PG " +
		"PH QA KR WS SA SG SB LK SY TJ TH TL TO TM TV AE UZ VU VN YE",
	EasternEuropean: "AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME MK PL MD RO RU RS SK SI UA",
	LatinAmerican:   "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE",
	WesternEuropean: "AD AU AT BE CA DK FI FR DE GR IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US",
}

var regionOf = map[string]string{}

func init() {
	for name, codes := range groups {
		for _, code := range strings.Fields(codes) {
			regionOf[code] = name
		}
	}
}

// Region returns the United Nations regional group of the country with
// alpha-2 code code, or NoRegion for a country in none.
func Region(code string) string {
	if r, ok := regionOf[code]; ok {
		return r
	}
	return NoRegion
}

// Members returns the alpha-2 codes of a regional group's Member States.
func Members(region string) []string { return strings.Fields(groups[region]) }

// observerStates are the non-member States with a standing invitation to
// take part as observers: the Holy See and the State of Palestine.
var observerStates = map[string]bool{"VA": true, "PS": true}

// IsObserverState reports whether the country with alpha-2 code code is a
// non-member observer State of the United Nations.
func IsObserverState(code string) bool { return observerStates[code] }
