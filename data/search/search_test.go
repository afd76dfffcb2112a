package search

import (
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFoldSpecialLetters(t *testing.T) {
	cases := map[string]string{
		"Nguyễn Đức Thắng": "nguyen duc thang",
		"Søren Ødegård":    "soren odegard",
		"Łukasz Wałęsa":    "lukasz walesa",
		"Ærøskøbing":       "aeroskobing",
		"Œuvre":            "oeuvre",
		"Straße":           "strasse",
		"ÉBRARD":           "ebrard",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldNFCAndNFDAlike(t *testing.T) {
	name := "Trần Thị Hồng Nhung"
	if Fold(norm.NFC.String(name)) != Fold(norm.NFD.String(name)) {
		t.Fatalf("NFC and NFD fold differently: %q vs %q", Fold(norm.NFC.String(name)), Fold(norm.NFD.String(name)))
	}
}

func TestWordsOfCompoundNames(t *testing.T) {
	got := Words("Marie-Claire", "de la Fontaine-Ébrard", "O'Sullivan")
	want := []string{"marie", "claire", "marieclaire", "de", "la", "fontaine", "ebrard", "fontaineebrard", "o", "sullivan", "osullivan"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Words = %q\nwant   %q", got, want)
	}
}

func TestTermsJoinPunctuation(t *testing.T) {
	if got := Terms("  O'Sullivan, fontaine-ÉBRARD "); !reflect.DeepEqual(got, []string{"osullivan", "fontaineebrard"}) {
		t.Fatalf("Terms = %q", got)
	}
	if got := Terms("'-.,;"); len(got) != 0 {
		t.Fatalf("punctuation alone should give no terms, got %q", got)
	}
}

func sampleIndex() *Index {
	people := []struct {
		id    int64
		names []string
	}{
		{1, []string{"Nguyễn Văn", "An", "VN123456"}},
		{2, []string{"Seán", "O'Sullivan"}},
		{3, []string{"Anne-Sophie", "de la Fontaine-Ébrard"}},
		{4, []string{"Đặng Thị", "Ngọc"}},
		{5, []string{"Wei", "Zhang", "张伟"}},
		{6, []string{"Søren", "Ødegård"}},
		{7, []string{"Paweł", "Kowalski"}},
	}
	var entries []Entry
	for _, p := range people {
		entries = append(entries, Entry{ID: p.id, SortKey: Fold(p.names[1]), Words: Words(p.names...)})
	}
	return NewIndex(entries)
}

func TestFind(t *testing.T) {
	x := sampleIndex()
	cases := []struct {
		query string
		want  []int64
	}{
		{"osullivan", []int64{2}},
		{"o'sullivan", []int64{2}},
		{"sullivan", []int64{2}},
		{"fontaine ebrard", []int64{3}},
		{"ebrard fontaine", []int64{3}},
		{"FONTAINE-ÉBRARD", []int64{3}},
		{"dang ngoc", []int64{4}},
		{"đặng", []int64{4}},
		{norm.NFD.String("Đặng"), []int64{4}},
		{"nguyen an", []int64{1}},
		{"vn1234", []int64{1}},
		{"soren odegard", []int64{6}},
		{"pawel", []int64{7}},
		{"伟", []int64{5}},
		{"张", []int64{5}},
		{"an", []int64{1, 3}},
		{"nobody", nil},
		{"an nobody", nil},
	}
	for _, c := range cases {
		got, total := x.Find(c.query, 10)
		if !reflect.DeepEqual(got, c.want) || total != len(c.want) {
			t.Errorf("Find(%q) = %v (total %d), want %v", c.query, got, total, c.want)
		}
	}
}

func TestFindLimitsAndCounts(t *testing.T) {
	x := sampleIndex()
	ids, total := x.Find("", 3)
	if len(ids) != 3 || total != 7 {
		t.Fatalf("empty query: %v total %d", ids, total)
	}
	ids, total = x.Find("an", 1)
	if len(ids) != 1 || total != 2 {
		t.Fatalf("limited query: %v total %d", ids, total)
	}
}

func TestPutReplacesAndOrders(t *testing.T) {
	x := sampleIndex()
	x.Put(Entry{ID: 2, SortKey: "aaa", Words: Words("Seán", "Murphy")})
	if ids, _ := x.Find("sullivan", 10); len(ids) != 0 {
		t.Fatalf("old name still found: %v", ids)
	}
	if ids, _ := x.Find("murphy", 10); !reflect.DeepEqual(ids, []int64{2}) {
		t.Fatalf("new name not found: %v", ids)
	}
	x.Put(Entry{ID: 99, SortKey: "zzz", Words: Words("Zoë", "Zimmermann")})
	ids, total := x.Find("", 100)
	if total != 8 || ids[0] != 2 || ids[len(ids)-1] != 99 {
		t.Fatalf("order after puts: %v total %d", ids, total)
	}
}

func TestFindHostileInput(t *testing.T) {
	x := sampleIndex()
	// Input with no letter or digit is no query at all: the whole list.
	for _, q := range []string{"%", "_", "\x00", string(make([]byte, 10000)), "\u202e"} {
		if _, total := x.Find(q, 10); total != x.Len() {
			t.Errorf("Find(%.20q) total %d, want the whole list", q, total)
		}
	}
	for _, q := range []string{"' OR 1=1 --", "Robert'); DROP TABLE participants;--"} {
		if ids, _ := x.Find(q, 10); len(ids) > 0 {
			t.Errorf("Find(%q) matched %v", q, ids)
		}
	}
	// SQL wildcards are not wildcards here.
	want, _ := x.Find("an", 10)
	if got, _ := x.Find("%an_", 10); !reflect.DeepEqual(got, want) {
		t.Errorf("Find(%%an_) = %v, want %v", got, want)
	}
}
