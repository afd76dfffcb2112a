package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Similar returns the IDs of at most limit participants whose names come
// close to query, for a search that found nobody: every term begins one of
// their words but for a letter or two (one for terms of up to four
// letters, two for longer ones), the closest first. Only words beginning
// with a term's first or second letter are compared, so a typo costs a
// few thousand short comparisons at most; terms of fewer than three letters
// and terms with digits must match exactly.
func (x *Index) Similar(query string, limit int) []int64 {
	terms := Terms(query)
	if len(terms) == 0 || limit <= 0 {
		return nil
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	// For each term, the slots of the words close to it and how close.
	near := make([]map[int32]int, len(terms))
	for i, t := range terms {
		near[i] = map[int32]int{}
		x.eachNearWord(t, func(word int, distance int) {
			for _, slot := range x.postings[word] {
				if d, ok := near[i][slot]; !ok || distance < d {
					near[i][slot] = distance
				}
			}
		})
	}
	fewest := 0
	for i := range near {
		if len(near[i]) < len(near[fewest]) {
			fewest = i
		}
	}
	type candidate struct {
		slot     int32
		distance int
	}
	var found []candidate
	for slot := range near[fewest] {
		sum := 0
		for i := range near {
			d, ok := near[i][slot]
			if !ok {
				sum = -1
				break
			}
			sum += d
		}
		if sum >= 0 {
			found = append(found, candidate{slot, sum})
		}
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].distance != found[j].distance {
			return found[i].distance < found[j].distance
		}
		return x.before(found[i].slot, found[j].slot)
	})
	var ids []int64
	for _, c := range found[:min(limit, len(found))] {
		ids = append(ids, x.entries[c.slot].ID)
	}
	return ids
}

// eachNearWord calls fn with each word of the dictionary that a term
// begins but for a few letters, and how many.
func (x *Index) eachNearWord(term string, fn func(word, distance int)) {
	runes := []rune(term)
	if len(runes) < 3 || strings.IndexFunc(term, unicode.IsDigit) >= 0 {
		lo := sort.SearchStrings(x.dict, term)
		for i := lo; i < len(x.dict) && strings.HasPrefix(x.dict[i], term); i++ {
			fn(i, 0)
		}
		return
	}
	most := 1
	if len(runes) > 4 {
		most = 2
	}
	starts := []string{string(runes[0])}
	if runes[1] != runes[0] {
		starts = append(starts, string(runes[1])) // a letter too many at the start
	}
	for _, start := range starts {
		lo := sort.SearchStrings(x.dict, start)
		for i := lo; i < len(x.dict) && strings.HasPrefix(x.dict[i], start); i++ {
			w := x.dict[i]
			if utf8.RuneCountInString(w) < len(runes)-most || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
				continue
			}
			if d := prefixDistance(runes, w, most); d <= most {
				fn(i, d)
			}
		}
	}
}

// prefixDistance is the fewest letters to add, remove or change in term
// for it to begin word, or more than most when that is more than most.
func prefixDistance(term []rune, word string, most int) int {
	w := []rune(word)
	prev := make([]int, len(w)+1)
	cur := make([]int, len(w)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(term); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(w); j++ {
			cost := 1
			if term[i-1] == w[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > most {
			return most + 1
		}
		prev, cur = cur, prev
	}
	return min(most+1, minOf(prev))
}

func minOf(list []int) int {
	m := list[0]
	for _, v := range list[1:] {
		m = min(m, v)
	}
	return m
}
