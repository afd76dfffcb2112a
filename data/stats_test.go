package data_test

import (
	"fmt"
	"strings"
	"testing"

	"accred/data"
)

func TestStatsBy(t *testing.T) {
	s := newStore(t)
	for _, in := range []data.ParticipantInput{
		{Category: "delegate", FamilyName: "Nguyễn", Nationality: "VN", Delegation: "VN", DocumentNumber: "1", Gender: "female"},
		{Category: "delegate", FamilyName: "Trần", Nationality: "VN", Delegation: "VN", DocumentNumber: "2", Gender: "male"},
		{Category: "delegate", FamilyName: "Okafor", Nationality: "NG", Delegation: "NG", DocumentNumber: "3", Gender: "female"},
		{Category: "delegate", FamilyName: "Rossi", Nationality: "IT", Delegation: "VA", DocumentNumber: "4"}, // the Holy See: no group
		{Category: "delegate", FamilyName: "Ortega", Nationality: "ES", Delegation: "Côte d'Ivoire", DocumentNumber: "5", Gender: "other"},
		{Category: "media", FamilyName: "Silva", Nationality: "BR", MediaOutlet: "Globo", DocumentNumber: "6"},
	} {
		mustCreate(t, s, in)
	}
	for by, want := range map[string]string{
		data.ByGender:     "female 2, male 1, other 1, not stated 2",
		data.ByRegion:     "African 2, Asia-Pacific 2, Eastern European 0, Latin American and Caribbean 1, Western European and others 0, other 1",
		data.ByDelegation: "Côte d'Ivoire 1, Holy See 1, Nigeria 1, Viet Nam 2",
		data.ByStatus:     "registered 6, approved 0, printed 0, collected 0, rejected 0, withdrawn 0",
	} {
		list, err := s.StatsBy(ctx, by)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range list {
			got = append(got, fmt.Sprintf("%s %d", c.Name, c.Count))
		}
		if strings.Join(got, ", ") != want {
			t.Errorf("by %s: %s, want %s", by, strings.Join(got, ", "), want)
		}
	}
	if list, _ := s.StatsBy(ctx, data.ByCategory); list[0].Name != "delegate" || list[0].Count != 5 {
		t.Errorf("by category: %v", list)
	}
	if _, err := s.StatsBy(ctx, "colour"); data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "gender") {
		t.Errorf("by colour: %v", err)
	}
}
