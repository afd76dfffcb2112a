package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Similar returns the IDs of at most limit participants whose names come
// close to query, for a search that found nobody: every term begins one of
// their words but for a letter or two (one for terms of up to five
// letters, two for longer ones), the closest first. Only the words
// beginning with a term's first letter are compared, so a typo costs a few
// thousand short comparisons at most; terms of fewer than three letters
// and terms with digits must match exactly.
func (x *Index) Similar(query string, limit int) []int64 {
	terms := Terms(query)
	if len(terms) == 0 || limit <= 0 {
		return nil
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	// For each term, the words close to it and how close; the candidates
	// come from the term whose words hold the fewest participants.
	near := make([]map[string]int, len(terms))
	fewest, fewestCount := 0, -1
	for i, t := range terms {
		near[i] = map[string]int{}
		count := 0
		x.eachNearWord(t, func(word int, distance int) {
			near[i][x.dict[word]] = distance
			count += len(x.postings[word])
		})
		if fewestCount < 0 || count < fewestCount {
			fewest, fewestCount = i, count
		}
	}
	type candidate struct {
		slot     int32
		distance int
	}
	var found []candidate
	seen := map[int32]bool{}
	for word := range near[fewest] {
		i, _ := x.word(word)
		for _, slot := range x.postings[i] {
			if seen[slot] {
				continue
			}
			seen[slot] = true
			if d, ok := x.closeness(slot, near); ok {
				found = append(found, candidate{slot, d})
			}
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

// closeness is how far the participant in slot is from every term, given
// the words close to each: the sum of each term's closest word, or not ok
// when a term has none among theirs.
func (x *Index) closeness(slot int32, near []map[string]int) (sum int, ok bool) {
	for _, words := range near {
		best := -1
		for _, w := range x.entries[slot].Words {
			if d, close := words[w]; close && (best < 0 || d < best) {
				best = d
			}
		}
		if best < 0 {
			return 0, false
		}
		sum += best
	}
	return sum, true
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
	if len(runes) > 5 {
		most = 2
	}
	start := string(runes[0])
	var scratch distanceScratch
	lo := sort.SearchStrings(x.dict, start)
	for i := lo; i < len(x.dict) && strings.HasPrefix(x.dict[i], start); i++ {
		w := x.dict[i]
		if utf8.RuneCountInString(w) < len(runes)-most || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		if d := scratch.prefixDistance(runes, w, most); d <= most {
			fn(i, d)
		}
	}
}

// distanceScratch holds what prefixDistance computes with, kept from one
// word to the next.
type distanceScratch struct {
	word      []rune
	prev, cur []int
}

// prefixDistance is the fewest letters to add, remove or change in term
// for it to begin word, or more than most when that is more than most.
func (s *distanceScratch) prefixDistance(term []rune, word string, most int) int {
	s.word = append(s.word[:0], []rune(word)...)
	w := s.word
	if cap(s.prev) < len(w)+1 {
		s.prev, s.cur = make([]int, len(w)+1), make([]int, len(w)+1)
	}
	prev, cur := s.prev[:len(w)+1], s.cur[:len(w)+1]
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
