package country

import (
	"sort"
	"strings"

	"accred/data/search"
)

// words are the words of every name of each country, by code, for Matching.
var words = map[string][]string{}

func init() {
	for _, c := range all {
		words[c.Code] = search.Words(c.Name("en"), c.CommonName(), c.Name("fr"), c.Name("vi"))
	}
}

// Matching returns at most limit countries for what a person has typed so
// far, to choose from as they type: the country whose code it is first,
// then those one of whose names in English, French or Vietnamese has a word
// beginning with each term typed: those whose name in lang begins with what
// was typed first, then by their name in lang.
func Matching(typed, lang string, limit int) []Country {
	terms := search.Terms(typed)
	if len(terms) == 0 || limit <= 0 {
		return nil
	}
	var coded *Country
	if c, ok := byCode[strings.ToUpper(strings.TrimSpace(typed))]; ok {
		coded = &c
	}
	var found []Country
	for _, c := range all {
		if (coded == nil || c != *coded) && hasEveryTerm(words[c.Code], terms) {
			found = append(found, c)
		}
	}
	// Those whose name in lang begins with what was typed first, then by name.
	key := func(c Country) string {
		name := search.Fold(c.Name(lang))
		if strings.HasPrefix(strings.Join(search.Terms(c.Name(lang)), " "), strings.Join(terms, " ")) {
			return "0" + name
		}
		return "1" + name
	}
	sort.SliceStable(found, func(i, j int) bool { return key(found[i]) < key(found[j]) })
	if coded != nil {
		found = append([]Country{*coded}, found...)
	}
	return found[:min(limit, len(found))]
}

func hasEveryTerm(words, terms []string) bool {
	for _, t := range terms {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, t) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
