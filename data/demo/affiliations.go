package demo

import "fmt"

// delegations are the 110 countries in the demo, each with the culture of
// its people's names and the relative size of its delegation.
var delegations = []struct {
	code, culture string
	weight        int
}{
	{"VN", "vi", 12}, {"CN", "zh", 5}, {"JP", "ja", 4}, {"KR", "ko", 4}, {"LA", "th", 4}, {"KH", "th", 4}, {"TH", "th", 3},
	{"MY", "id", 3}, {"SG", "en", 3}, {"ID", "id", 4}, {"PH", "ph", 3}, {"MM", "ph", 2}, {"BN", "id", 2}, {"TL", "pt", 1},
	{"IN", "hi", 4}, {"PK", "hi", 2}, {"BD", "hi", 2}, {"LK", "hi", 1}, {"NP", "hi", 1}, {"MN", "mn", 2}, {"KZ", "mn", 2},
	{"UZ", "mn", 2}, {"KG", "mn", 1}, {"RU", "ru", 5}, {"BY", "ru", 2}, {"UA", "uk", 2}, {"PL", "slav", 2}, {"CZ", "slav", 2},
	{"SK", "slav", 1}, {"HU", "slav", 1}, {"RO", "ro", 2}, {"MD", "ro", 1}, {"BG", "slav", 1}, {"RS", "slav", 1}, {"HR", "slav", 1},
	{"SI", "slav", 1}, {"GR", "el", 1}, {"CY", "el", 1}, {"TR", "tr", 3}, {"AZ", "tr", 1}, {"DE", "de", 3}, {"AT", "de", 2},
	{"CH", "de", 2}, {"FR", "fr", 4}, {"BE", "fr", 2}, {"NL", "nl", 2}, {"LU", "fr", 1}, {"IT", "it", 3}, {"ES", "es", 3},
	{"PT", "pt", 2}, {"IE", "en", 1}, {"GB", "en", 4}, {"DK", "nordic", 1}, {"NO", "nordic", 2}, {"SE", "nordic", 2},
	{"FI", "nordic", 1}, {"IS", "nordic", 1}, {"EE", "nordic", 1}, {"LT", "slav", 1}, {"MT", "en", 1}, {"US", "en", 5},
	{"CA", "en", 3}, {"MX", "es", 2}, {"GT", "es", 1}, {"CR", "es", 1}, {"PA", "es", 1}, {"CU", "es", 2}, {"DO", "es", 1},
	{"CO", "es", 2}, {"VE", "es", 1}, {"EC", "es", 1}, {"PE", "es", 1}, {"BO", "es", 1}, {"CL", "es", 2}, {"AR", "es", 2},
	{"UY", "es", 1}, {"PY", "es", 1}, {"BR", "pt", 3}, {"AU", "en", 3}, {"NZ", "en", 1}, {"FJ", "en", 1}, {"PG", "en", 1},
	{"SA", "ar", 3}, {"AE", "ar", 3}, {"QA", "ar", 2}, {"KW", "ar", 1}, {"BH", "ar", 1}, {"OM", "ar", 1}, {"JO", "ar", 1},
	{"LB", "ar", 1}, {"EG", "ar", 3}, {"MA", "ar", 2}, {"DZ", "ar", 2}, {"TN", "ar", 1}, {"LY", "ar", 1}, {"IQ", "ar", 1},
	{"IR", "fa", 2}, {"NG", "africa-en", 3}, {"GH", "africa-en", 2}, {"KE", "africa-en", 2}, {"ET", "africa-en", 2},
	{"ZA", "africa-en", 3}, {"SN", "africa-fr", 2}, {"CI", "africa-fr", 1}, {"CM", "africa-fr", 1}, {"TZ", "africa-en", 1},
	{"UG", "africa-en", 1}, {"RW", "africa-en", 1}, {"AO", "pt", 1}, {"MZ", "pt", 1},
}

// organisation is an organisation or research institute that sends observers.
type organisation struct {
	name, kind, country string
}

var namedOrganisations = []organisation{
	{"United Nations Office on Drugs and Crime", "international", "AT"},
	{"International Telecommunication Union", "international", "CH"},
	{"INTERPOL", "international", "FR"},
	{"United Nations Development Programme", "international", "US"},
	{"UNICEF", "international", "US"},
	{"UNESCO", "international", "FR"},
	{"World Intellectual Property Organization", "international", "CH"},
	{"Office of the United Nations High Commissioner for Human Rights", "international", "CH"},
	{"United Nations Institute for Disarmament Research", "international", "CH"},
	{"World Bank Group", "international", "US"},
	{"International Monetary Fund", "international", "US"},
	{"Organisation for Economic Co-operation and Development", "international", "FR"},
	{"Council of Europe", "regional", "FR"},
	{"Association of Southeast Asian Nations", "regional", "ID"},
	{"ASEANAPOL", "regional", "MY"},
	{"African Union Commission", "regional", "ET"},
	{"European Union", "regional", "BE"},
	{"Organization of American States", "regional", "US"},
	{"League of Arab States", "regional", "EG"},
	{"Shanghai Cooperation Organisation", "regional", "CN"},
	{"Commonwealth Secretariat", "regional", "GB"},
	{"Organisation internationale de la Francophonie", "international", "FR"},
	{"Microsoft", "private", "US"},
	{"Google", "private", "US"},
	{"Meta Platforms", "private", "US"},
	{"Kaspersky", "private", "RU"},
	{"Viettel Group", "private", "VN"},
	{"FPT Corporation", "private", "VN"},
	{"VNPT", "private", "VN"},
	{"Cisco Systems", "private", "US"},
	{"Huawei Technologies", "private", "CN"},
	{"Samsung Electronics", "private", "KR"},
	{"Cloudflare", "private", "US"},
	{"Group-IB", "private", "SG"},
	{"Trend Micro", "private", "JP"},
	{"NTT Data", "private", "JP"},
	{"International Committee of the Red Cross", "ngo", "CH"},
	{"Access Now", "ngo", "US"},
	{"ARTICLE 19", "ngo", "GB"},
	{"Human Rights Watch", "ngo", "US"},
	{"Electronic Frontier Foundation", "ngo", "US"},
	{"Privacy International", "ngo", "GB"},
	{"Global Partners Digital", "ngo", "GB"},
	{"CyberPeace Institute", "ngo", "CH"},
	{"Internet Society", "ngo", "US"},
	{"ICANN", "ngo", "US"},
}

var namedInstitutes = []organisation{
	{"Vietnam Academy of Social Sciences", "research", "VN"},
	{"Diplomatic Academy of Viet Nam", "research", "VN"},
	{"Institute of Strategic and International Studies", "research", "MY"},
	{"S. Rajaratnam School of International Studies", "research", "SG"},
	{"Geneva Centre for Security Sector Governance", "research", "CH"},
	{"Max Planck Institute for the Study of Crime, Security and Law", "research", "DE"},
	{"Oxford Internet Institute", "research", "GB"},
	{"Berkman Klein Center for Internet & Society", "research", "US"},
	{"Institut de recherche stratégique de l'École militaire", "research", "FR"},
	{"Moscow State Institute of International Relations", "research", "RU"},
	{"China Institutes of Contemporary International Relations", "research", "CN"},
	{"Korea Institute for National Security Strategy", "research", "KR"},
}

// generatedOrganisations completes the named organisations with plausible
// regional networks and national institutes, up to the counts of the event.
func generatedOrganisations(kind string, count int, named []organisation) []organisation {
	out := append([]organisation(nil), named...)
	seen := map[string]bool{}
	regions := []string{"Asia-Pacific", "African", "Latin American", "Nordic", "Mediterranean", "Gulf", "Central Asian",
		"Pacific Islands", "Caribbean", "Balkan", "Mekong", "Baltic", "Andean", "Sahel", "Indian Ocean"}
	bodies := []string{"Network", "Alliance", "Forum", "Centre", "Council", "Partnership"}
	topics := []string{"for Cyber Security", "on Digital Rights", "for Online Child Protection", "against Financial Crime",
		"on Internet Governance", "for Digital Forensics", "on Data Protection", "for Cyber Resilience"}
	kinds := []string{"regional", "ngo", "private", "international"}
	cities := []string{"Hanoi", "Ho Chi Minh City", "Bangkok", "Nairobi", "Lagos", "São Paulo", "Bogotá", "Tallinn", "Warsaw",
		"Canberra", "Seoul", "Tokyo", "Cairo", "Rabat", "Dakar", "Almaty", "Delhi", "Manila", "Jakarta", "Vienna", "Lisbon",
		"Montréal", "Santiago", "Accra", "Kigali", "Tbilisi", "Riyadh", "Doha", "Prague", "Helsinki", "Leiden", "Edinburgh",
		"Kraków", "Toulouse", "Bologna", "Osaka", "Bengaluru", "Johannesburg", "Cape Town", "Monterrey"}
	fields := []string{"Cybercrime Studies", "Digital Policy", "Criminal Justice", "Information Security", "International Law",
		"Technology and Society"}
	for i := 0; len(out) < count; i++ {
		var o organisation
		if kind == "research" {
			city := cities[i%len(cities)]
			o = organisation{fmt.Sprintf("%s Institute for %s", city, fields[(i/len(cities)+i)%len(fields)]), "research", ""}
		} else {
			r, b, t := regions[i%len(regions)], bodies[(i/len(regions))%len(bodies)], topics[(i/(len(regions)*len(bodies))+i)%len(topics)]
			o = organisation{fmt.Sprintf("%s %s %s", r, b, t), kinds[i%len(kinds)], ""}
		}
		if !seen[o.name] {
			seen[o.name] = true
			out = append(out, o)
		}
	}
	return out[:count]
}

// namedAgencies are press agencies and outlets; the rest are made up from
// the delegations' countries.
var namedAgencies = []struct{ name, country string }{
	{"Vietnam News Agency", "VN"}, {"Nhân Dân", "VN"}, {"Tuổi Trẻ", "VN"}, {"VnExpress", "VN"}, {"Thanh Niên", "VN"},
	{"Vietnam Television (VTV)", "VN"}, {"Voice of Vietnam", "VN"}, {"Quân đội Nhân dân", "VN"}, {"Hà Nội Mới", "VN"},
	{"Reuters", "GB"}, {"Agence France-Presse", "FR"}, {"Associated Press", "US"}, {"Xinhua News Agency", "CN"},
	{"Kyodo News", "JP"}, {"Yonhap News Agency", "KR"}, {"TASS", "RU"}, {"Agencia EFE", "ES"}, {"ANSA", "IT"},
	{"Deutsche Presse-Agentur", "DE"}, {"BBC World Service", "GB"}, {"Al Jazeera", "QA"}, {"CNN International", "US"},
	{"NHK World", "JP"}, {"Bernama", "MY"}, {"Antara", "ID"}, {"Philippine News Agency", "PH"}, {"The Straits Times", "SG"},
	{"Bangkok Post", "TH"}, {"Le Monde", "FR"}, {"The Guardian", "GB"}, {"The New York Times", "US"}, {"Folha de S.Paulo", "BR"},
	{"El País", "ES"}, {"Press Trust of India", "IN"}, {"Anadolu Agency", "TR"}, {"Middle East News Agency", "EG"},
	{"Saudi Press Agency", "SA"}, {"Emirates News Agency", "AE"}, {"Agência Lusa", "PT"}, {"Prensa Latina", "CU"},
	{"News Agency of Nigeria", "NG"}, {"Kenya News Agency", "KE"}, {"Australian Broadcasting Corporation", "AU"},
	{"CBC/Radio-Canada", "CA"}, {"RTÉ", "IE"}, {"Ukrinform", "UA"}, {"Polish Press Agency", "PL"}, {"Česká tisková kancelář", "CZ"},
}
