package data_test

import (
	"reflect"
	"testing"

	"accred/data"
	"accred/data/pgtest"
)

// found is the family names a search lists, in order.
func found(t *testing.T, s *data.Store, query string) []string {
	t.Helper()
	list, total, err := s.FindParticipants(ctx, data.ParticipantFilter{Query: query})
	if err != nil || total != len(list) {
		t.Fatalf("search %q: %d of %d, %v", query, len(list), total, err)
	}
	var names []string
	for _, p := range list {
		names = append(names, p.FamilyName)
	}
	return names
}

func TestSearchFindsPassportSpellingsAndAffiliations(t *testing.T) {
	s := newStore(t)
	mustCreate(t, s, delegate("Jürgen", "Müller", "DE", "D1"))
	mustCreate(t, s, delegate("Käthe", "Götz", "DE", "D2"))
	mustCreate(t, s, delegate("Văn An", "Nguyễn", "VN", "V1"))
	mustCreate(t, s, delegate("Thị", "Trần", "VN", "V2"))
	mustCreate(t, s, delegate("John", "Smith", "US", "U1"))
	mustCreate(t, s, delegate("Nam", "Viet", "FR", "F1")) // named like a delegation, in another one
	mustCreate(t, s, data.ParticipantInput{Category: "observer", GivenName: "Ana", FamilyName: "Ruiz", Nationality: "ES",
		Organization: "United Nations Office on Drugs and Crime", OrganizationKind: "international", DocumentNumber: "E1"})
	cases := map[string][]string{
		"mueller":         {"Müller"},
		"MUELLER juergen": {"Müller"},
		"goetz":           {"Götz"},
		"muller":          {"Müller"},
		"viet nam":        {"Viet", "Nguyễn", "Trần"}, // by name first, then the delegation's members
		"vietnam":         {"Nguyễn", "Trần"},
		"việt nam":        {"Viet", "Nguyễn", "Trần"},
		"vnm":             {"Nguyễn", "Trần"},
		"united states":   {"Smith"},
		"hoa ky":          {"Smith"}, // the Vietnamese name
		"allemagne":       {"Götz", "Müller"},
		"unodc":           {"Ruiz"},
		"drugs crime":     {"Ruiz"},
		"nguyen viet":     {"Nguyễn"},
	}
	for q, want := range cases {
		if got := found(t, s, q); !reflect.DeepEqual(got, want) {
			t.Errorf("search %q found %q, want %q", q, got, want)
		}
	}
	// An affiliation added after the index was read is found too.
	mustCreate(t, s, data.ParticipantInput{Category: "media", GivenName: "Lan", FamilyName: "Phạm", Nationality: "VN",
		MediaOutlet: "Vietnam News Agency", DocumentNumber: "V3"})
	if got := found(t, s, "vna"); !reflect.DeepEqual(got, []string{"Phạm"}) {
		t.Errorf("a new media outlet's acronym found %q", got)
	}
	if got := found(t, s, "news agency"); !reflect.DeepEqual(got, []string{"Phạm"}) {
		t.Errorf("a new media outlet's name found %q", got)
	}
}

func TestSimilarParticipants(t *testing.T) {
	s := newStore(t)
	mustCreate(t, s, delegate("Seán", "O'Sullivan", "IE", "P1"))
	mustCreate(t, s, delegate("Paweł", "Kowalski", "PL", "P2"))
	for q, want := range map[string]string{"osulivan": "O'Sullivan", "kowalsky": "Kowalski", "sean osulivan": "O'Sullivan"} {
		list, err := s.SimilarParticipants(ctx, q, 5)
		if err != nil || len(list) != 1 || list[0].FamilyName != want {
			t.Errorf("similar to %q: %v %v", q, list, err)
		}
	}
	for _, q := range []string{"zzzzzz", "", "' OR 1=1 --", "P9"} {
		if list, err := s.SimilarParticipants(ctx, q, 5); err != nil || len(list) != 0 {
			t.Errorf("similar to %q: %v %v", q, list, err)
		}
	}
}

// TestOldParticipantsFoundByPassportSpelling: a database written before
// names were found by their passport spelling gets its search words again
// when it is opened.
func TestOldParticipantsFoundByPassportSpelling(t *testing.T) {
	path := pgtest.EventDB(t)
	s := openEvent(t, path)
	mustCreate(t, s, delegate("Jürgen", "Müller", "DE", "D1"))
	mustCreate(t, s, delegate("Anna", "Schmidt", "DE", "D2"))
	// As an older Accred wrote it: without "mueller" and "juergen".
	if _, err := rawDB(t, path).Exec(`UPDATE participants SET search_words = 'jurgen muller d1 000001 1' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if err := s.Reword(ctx); err != nil {
		t.Fatal(err)
	}
	again, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := found(t, again, "mueller juergen"); !reflect.DeepEqual(got, []string{"Müller"}) {
		t.Fatalf("mueller juergen found %q", got)
	}
	if got := found(t, again, "schmidt"); !reflect.DeepEqual(got, []string{"Schmidt"}) {
		t.Fatalf("schmidt found %q", got)
	}
}
