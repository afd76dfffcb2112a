package search

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Entry is one participant as the index knows them: the words they are found
// under, the key that places them in the list, and the group they belong
// to (their delegation or organisation), 0 for none.
type Entry struct {
	ID      int64
	SortKey string
	Words   []string
	Group   int64
}

// Index finds participants whose words begin with every term of a query,
// or who belong to a group whose name's words do. It is safe for
// concurrent use.
type Index struct {
	mu       sync.RWMutex
	slots    map[int64]int32
	entries  []Entry
	ranked   []int32   // slots in SortKey order
	dict     []string  // every word, sorted
	postings [][]int32 // the slots under each word of dict

	groupWords map[string][]int64 // the groups with each word in their name
	groupDict  []string           // the words of groupWords, sorted
	members    map[int64][]int32  // the slots of each group's members
}

// NewIndex returns an index holding entries.
func NewIndex(entries []Entry) *Index {
	x := &Index{slots: make(map[int64]int32, len(entries)), groupWords: map[string][]int64{}, members: map[int64][]int32{}}
	byWord := map[string][]int32{}
	for _, e := range entries {
		slot := int32(len(x.entries))
		x.slots[e.ID] = slot
		x.entries = append(x.entries, e)
		x.ranked = append(x.ranked, slot)
		if e.Group != 0 {
			x.members[e.Group] = append(x.members[e.Group], slot)
		}
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
		if g := x.entries[slot].Group; g != 0 {
			x.members[g] = without(x.members[g], slot)
		}
	} else {
		slot = int32(len(x.entries))
		x.slots[e.ID] = slot
		x.entries = append(x.entries, Entry{})
	}
	x.entries[slot] = e
	if e.Group != 0 {
		x.members[e.Group] = append(x.members[e.Group], slot)
	}
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

// PutGroups names groups, by ID: their members are found by the words of
// their names too (a delegation by its country's names, an organisation by
// its name and acronym). A group's name is given once.
func (x *Index) PutGroups(groups map[int64][]string) {
	if len(groups) == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for id, words := range groups {
		for _, w := range words {
			if len(x.groupWords[w]) == 0 {
				x.groupDict = append(x.groupDict, w)
			}
			x.groupWords[w] = append(x.groupWords[w], id)
		}
	}
	sort.Strings(x.groupDict)
}

// Find returns the IDs of at most limit participants who have a word
// beginning with each term of query, and how many match in all. Those
// found by their own names come first, in SortKey order; then, in SortKey
// order, those found through their group's name (every term beginning a
// word of their own or of their group's name). An empty query matches
// everyone.
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

	// The groups each term begins a word of.
	groups := make([]map[int64]bool, len(terms))
	for i, t := range terms {
		groups[i] = x.groupsPrefixed(t)
	}
	// Start from the rarest term; check the others word by word.
	rarest, rarestCount := 0, -1
	for i, t := range terms {
		if len(terms) == 1 {
			break
		}
		n := x.countPrefixed(t)
		for g := range groups[i] {
			n += len(x.members[g])
		}
		if rarestCount < 0 || n < rarestCount {
			rarest, rarestCount = i, n
		}
	}
	const byName, byGroup = 1, 2
	matched := make([]uint8, len(x.entries))
	counts := [3]int{}
	check := func(slot int32) {
		if matched[slot] != 0 {
			return
		}
		how := uint8(byName)
		for i, t := range terms {
			if x.hasPrefixed(slot, t) {
				continue
			}
			if !groups[i][x.entries[slot].Group] {
				return
			}
			how = byGroup
		}
		matched[slot] = how
		counts[how]++
	}
	t := terms[rarest]
	lo := sort.SearchStrings(x.dict, t)
	for i := lo; i < len(x.dict) && strings.HasPrefix(x.dict[i], t); i++ {
		for _, slot := range x.postings[i] {
			check(slot)
		}
	}
	for g := range groups[rarest] {
		for _, slot := range x.members[g] {
			check(slot)
		}
	}
	total = counts[byName] + counts[byGroup]
	for _, how := range []uint8{byName, byGroup} {
		left := counts[how]
		for _, slot := range x.ranked {
			if left == 0 {
				break
			}
			if len(ids) == limit {
				return ids, total
			}
			if matched[slot] == how {
				ids = append(ids, x.entries[slot].ID)
				left--
			}
		}
	}
	return ids, total
}

// groupsPrefixed returns the groups with a word of their name beginning
// with term, or nil; a term of fewer than three letters must be a whole
// word ("vn", not the "v" of every "Viet Nam" or "Vanuatu" as one types).
func (x *Index) groupsPrefixed(term string) map[int64]bool {
	var found map[int64]bool
	whole := utf8.RuneCountInString(term) < minGroupPrefix
	for i := sort.SearchStrings(x.groupDict, term); i < len(x.groupDict) && strings.HasPrefix(x.groupDict[i], term); i++ {
		if whole && x.groupDict[i] != term {
			break
		}
		if found == nil {
			found = map[int64]bool{}
		}
		for _, id := range x.groupWords[x.groupDict[i]] {
			found[id] = true
		}
	}
	return found
}

// minGroupPrefix is the fewest letters that find a group by the beginning
// of a word of its name.
const minGroupPrefix = 3

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

// hasPrefixed reports whether a word of the participant in slot begins
// with term.
func (x *Index) hasPrefixed(slot int32, term string) bool {
	for _, w := range x.entries[slot].Words {
		if strings.HasPrefix(w, term) {
			return true
		}
	}
	return false
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
