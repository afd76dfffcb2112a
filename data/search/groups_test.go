package search

import (
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestPassportSpellingsOfGermanAndNordicNames(t *testing.T) {
	x := NewIndex([]Entry{
		{ID: 1, SortKey: "muller", Words: Words("Jürgen", "Müller")},
		{ID: 2, SortKey: "gotz", Words: Words("Käthe", "Götz")},
		{ID: 3, SortKey: "strasser", Words: Words("Heinz", "Straßer")},
		{ID: 4, SortKey: "odegard", Words: Words("Søren", "Ødegård")},
		{ID: 5, SortKey: "mueller", Words: Words("Anna", "Mueller")},
		{ID: 6, SortKey: "muller", Words: Words("Paul", norm.NFD.String("Müller-Lüdenscheidt"))},
		{ID: 7, SortKey: "samuel", Words: Words("Samuel", "Jones")},
	})
	cases := map[string][]int64{
		"mueller":             {5, 1, 6}, // by sort key, then id
		"muller":              {1, 6},
		"müller":              {1, 6},
		"MUELLER JUERGEN":     {1},
		"goetz":               {2},
		"gotz kathe":          {2},
		"kaethe":              {2},
		"strasser":            {3},
		"straßer":             {3},
		"oedegaard soeren":    {4},
		"odegard":             {4},
		"muellerluedenscheid": {6},
		"luedenscheidt":       {6},
		"samul":               nil, // no spelling is taken away from names without those letters
	}
	for q, want := range cases {
		got, total := x.Find(q, 10)
		if !reflect.DeepEqual(got, want) || total != len(want) {
			t.Errorf("Find(%q) = %v (total %d), want %v", q, got, total, want)
		}
	}
}

func TestWordsWithoutSpecialLettersAreUnchanged(t *testing.T) {
	if got := Words("Anna", "Mueller"); !reflect.DeepEqual(got, []string{"anna", "mueller"}) {
		t.Fatalf("Words = %q", got)
	}
}

// groupIndex holds a delegation (10), an organisation (20) and people in
// them, one named like the delegation's country.
func groupIndex() *Index {
	x := NewIndex([]Entry{
		{ID: 1, SortKey: "nguyen van an", Words: Words("Văn An", "Nguyễn"), Group: 10},
		{ID: 2, SortKey: "tran thi", Words: Words("Thị", "Trần"), Group: 10},
		{ID: 3, SortKey: "kowalski", Words: Words("Paweł", "Kowalski"), Group: 20},
		{ID: 4, SortKey: "nam", Words: Words("Viet", "Nam")}, // a person, not the delegation
		{ID: 5, SortKey: "smith", Words: Words("John", "Smith")},
	})
	x.PutGroups(map[int64][]string{
		10: Words("Viet Nam", "Vietnam", "VN", "VNM"),
		20: append(Words("United Nations Office on Drugs and Crime"), Acronym("United Nations Office on Drugs and Crime")),
	})
	return x
}

func TestFindByGroupListsMembersAfterNames(t *testing.T) {
	x := groupIndex()
	cases := map[string][]int64{
		"viet nam":       {4, 1, 2}, // the person named so first, then the delegation
		"vietnam":        {1, 2},
		"việt nam":       {4, 1, 2},
		"unodc":          {3},
		"united nations": {3},
		"drugs crime":    {3},
		"nguyen viet":    {1}, // a name and the delegation
		"kowalski viet":  nil,
		"vi":             {4}, // two letters find a group only by a whole word
		"vn":             {1, 2},
		"v":              {4, 1}, // Văn
		"smith":          {5},
		"zzz":            nil,
	}
	for q, want := range cases {
		got, total := x.Find(q, 10)
		if !reflect.DeepEqual(got, want) || total != len(want) {
			t.Errorf("Find(%q) = %v (total %d), want %v", q, got, total, want)
		}
	}
	if got, total := x.Find("viet", 1); !reflect.DeepEqual(got, []int64{4}) || total != 3 {
		t.Errorf("limited: %v total %d", got, total)
	}
}

func TestPutMovesBetweenGroups(t *testing.T) {
	x := groupIndex()
	x.Put(Entry{ID: 1, SortKey: "nguyen van an", Words: Words("Văn An", "Nguyễn"), Group: 20})
	if got, _ := x.Find("vietnam", 10); !reflect.DeepEqual(got, []int64{2}) {
		t.Fatalf("old group still lists the member: %v", got)
	}
	if got, _ := x.Find("unodc", 10); !reflect.DeepEqual(got, []int64{3, 1}) {
		t.Fatalf("new group does not list the member: %v", got)
	}
	x.Put(Entry{ID: 6, SortKey: "zz", Words: Words("Zoë", "Zimmer"), Group: 30})
	if got, _ := x.Find("zimmer", 10); !reflect.DeepEqual(got, []int64{6}) {
		t.Fatalf("a member of a group not yet named: %v", got)
	}
	x.PutGroups(map[int64][]string{30: Words("Viet Nam News Agency"), 31: Words("Vietnam Television")})
	if got, _ := x.Find("viet nam", 10); !reflect.DeepEqual(got, []int64{4, 2, 6}) {
		t.Fatalf("after naming more groups, viet nam found %v", got)
	}
}

func TestAcronym(t *testing.T) {
	cases := map[string]string{
		"United Nations Office on Drugs and Crime":               "unodc",
		"Organisation for Economic Co-operation and Development": "oecd",
		"United States of America":                               "usa",
		"INTERPOL":                                               "",
		"Viettel Group":                                          "vg",
		"":                                                       "",
		"Ủy ban Nhân dân":                                        "un",
	}
	for name, want := range cases {
		if got := Acronym(name); got != want {
			t.Errorf("Acronym(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSimilarFindsTypos(t *testing.T) {
	x := sampleIndex()
	cases := map[string][]int64{
		"osulivan":       {2},
		"osullivna":      {2},
		"osulivn":        {2},
		"kowalsky":       {7},
		"fontane ebrard": {3},
		"odegaard":       {6}, // a letter too many
		"zz":             nil, // too short to guess
		"vn1235":         nil, // digits are not guessed
		"qqqqqqqq":       nil,
	}
	for q, want := range cases {
		if got := x.Similar(q, 5); !reflect.DeepEqual(got, want) {
			t.Errorf("Similar(%q) = %v, want %v", q, got, want)
		}
	}
	if got := x.Similar("an", 1); len(got) != 1 {
		t.Errorf("Similar keeps to its limit: %v", got)
	}
}

func TestSimilarHostileInput(t *testing.T) {
	x := sampleIndex()
	long := string(make([]rune, 5000)) + "osullivan"
	for _, q := range []string{"", "\x00", long, "' OR 1=1 --", "%_%"} {
		if got := x.Similar(q, 5); len(got) > 5 {
			t.Errorf("Similar(%.20q) = %v", q, got)
		}
	}
}

func TestPrefixDistance(t *testing.T) {
	cases := []struct {
		term, word string
		want       int
	}{
		{"osulivan", "osullivan", 1},
		{"osul", "osullivan", 0},
		{"osuli", "osullivan", 1},
		{"kowalsky", "kowalski", 1},
		{"abc", "xyz", 3},
		{"nguyen", "ngyuen", 2},
	}
	for _, c := range cases {
		var s distanceScratch
		if got := s.prefixDistance([]rune(c.term), c.word, 3); got != c.want {
			t.Errorf("prefixDistance(%q, %q) = %d, want %d", c.term, c.word, got, c.want)
		}
	}
}
