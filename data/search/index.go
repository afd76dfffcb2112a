package search

import (
	"sort"
	"strings"
	"sync"
)

// Entry is one participant as the index knows them: the words they are found
// under and the key that places them in the list.
type Entry struct {
	ID      int64
	SortKey string
	Words   []string
}

// Index finds participants whose words begin with every term of a query.
// It is safe for concurrent use.
type Index struct {
	mu       sync.RWMutex
	slots    map[int64]int32
	entries  []Entry
	ranked   []int32   // slots in SortKey order
	dict     []string  // every word, sorted
	postings [][]int32 // the slots under each word of dict
}

// NewIndex returns an index holding entries.
func NewIndex(entries []Entry) *Index {
	x := &Index{slots: make(map[int64]int32, len(entries))}
	byWord := map[string][]int32{}
	for _, e := range entries {
		slot := int32(len(x.entries))
		x.slots[e.ID] = slot
		x.entries = append(x.entries, e)
		x.ranked = append(x.ranked, slot)
		for _, w := range e.Words {
			if _, ok := byWord[w]; !ok {
				x.dict = append(x.dict, w)
			}
			byWord[w] = append(byWord[w], slot)
		}
	}
	sort.Strings(x.dict)
	x.postings = make([][]int32, len(x.dict))
	for i, w := range x.dict {
		x.postings[i] = byWord[w]
	}
	sort.Slice(x.ranked, func(i, j int) bool { return x.before(x.ranked[i], x.ranked[j]) })
	return x
}

// Len reports how many participants the index holds.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.entries)
}

// Put adds an entry, or replaces the one with the same ID.
func (x *Index) Put(e Entry) {
	x.mu.Lock()
	defer x.mu.Unlock()
	slot, ok := x.slots[e.ID]
	if ok {
		for _, w := range x.entries[slot].Words {
			if i, found := x.word(w); found {
				x.postings[i] = without(x.postings[i], slot)
			}
		}
		x.ranked = without(x.ranked, slot)
	} else {
		slot = int32(len(x.entries))
		x.slots[e.ID] = slot
		x.entries = append(x.entries, Entry{})
	}
	x.entries[slot] = e
	for _, w := range e.Words {
		i, known := x.word(w)
		if !known {
			x.dict = append(x.dict, "")
			copy(x.dict[i+1:], x.dict[i:])
			x.dict[i] = w
			x.postings = append(x.postings, nil)
			copy(x.postings[i+1:], x.postings[i:])
			x.postings[i] = nil
		}
		x.postings[i] = append(x.postings[i], slot)
	}
	i := sort.Search(len(x.ranked), func(i int) bool { return x.before(slot, x.ranked[i]) })
	x.ranked = append(x.ranked, 0)
	copy(x.ranked[i+1:], x.ranked[i:])
	x.ranked[i] = slot
}

// Find returns, in SortKey order, the IDs of at most limit participants who
// have a word beginning with each term of query, and how many match in all.
// An empty query matches everyone.
func (x *Index) Find(query string, limit int) (ids []int64, total int) {
	terms := Terms(query)
	x.mu.RLock()
	defer x.mu.RUnlock()
	if len(terms) == 0 {
		for _, slot := range x.ranked {
			if len(ids) == limit {
				break
			}
			ids = append(ids, x.entries[slot].ID)
		}
		return ids, len(x.entries)
	}

	// Start from the rarest term; check the others word by word.
	rarest := 0
	if len(terms) > 1 {
		rarestCount := -1
		for i, t := range terms {
			if n := x.countPrefixed(t); rarestCount < 0 || n < rarestCount {
				rarest, rarestCount = i, n
			}
		}
	}
	others := append(append([]string(nil), terms[:rarest]...), terms[rarest+1:]...)
	matched := make([]bool, len(x.entries))
	lo := sort.SearchStrings(x.dict, terms[rarest])
	for i := lo; i < len(x.dict) && strings.HasPrefix(x.dict[i], terms[rarest]); i++ {
		for _, slot := range x.postings[i] {
			if !matched[slot] && x.hasAll(slot, others) {
				matched[slot] = true
				total++
			}
		}
	}
	for _, slot := range x.ranked {
		if len(ids) == limit || len(ids) == total {
			break
		}
		if matched[slot] {
			ids = append(ids, x.entries[slot].ID)
		}
	}
	return ids, total
}

func (x *Index) countPrefixed(term string) int {
	n := 0
	lo := sort.SearchStrings(x.dict, term)
	for i := lo; i < len(x.dict) && strings.HasPrefix(x.dict[i], term); i++ {
		n += len(x.postings[i])
	}
	return n
}

// word returns where w stands in the dictionary, or would stand.
func (x *Index) word(w string) (int, bool) {
	i := sort.SearchStrings(x.dict, w)
	return i, i < len(x.dict) && x.dict[i] == w
}

func (x *Index) hasAll(slot int32, terms []string) bool {
	for _, t := range terms {
		found := false
		for _, w := range x.entries[slot].Words {
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

func (x *Index) before(a, b int32) bool {
	ka, kb := x.entries[a].SortKey, x.entries[b].SortKey
	if ka != kb {
		return ka < kb
	}
	return x.entries[a].ID < x.entries[b].ID
}

func without(list []int32, v int32) []int32 {
	for i, s := range list {
		if s == v {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}
