package data_test

import (
	"fmt"
	"strings"
	"testing"

	"accred/data"
)

func TestParticipantsListOrder(t *testing.T) {
	s := newStore(t)
	var ids []int64
	for _, in := range []data.ParticipantInput{
		{Category: "delegate", FamilyName: "Trần", Nationality: "VN", Delegation: "VN", DocumentNumber: "1"},
		{Category: "delegate", FamilyName: "Lê", Nationality: "VN", Delegation: "VN", DocumentNumber: "2", Rank: 3},
		{Category: "delegate", FamilyName: "Nguyễn", Nationality: "VN", Delegation: "VN", DocumentNumber: "3", HeadOfDelegation: true, Rank: 5},
		{Category: "delegate", FamilyName: "Phạm", Nationality: "VN", Delegation: "VN", DocumentNumber: "4", Rank: 2},
		{Category: "delegate", FamilyName: "Adams", Nationality: "US", Delegation: "US", DocumentNumber: "5"},
		{Category: "delegate", FamilyName: "Koné", Nationality: "CI", Delegation: "CI", DocumentNumber: "6"},
		{Category: "delegate", FamilyName: "Bianchi", Nationality: "VA", Delegation: "VA", DocumentNumber: "7"},
		{Category: "delegate", FamilyName: "Yilmaz", Nationality: "TR", Delegation: "TR", DocumentNumber: "8"},
		{Category: "observer", FamilyName: "Wolf", Nationality: "AT", Organization: "UNODC", OrganizationKind: "international", DocumentNumber: "9"},
		{Category: "observer", FamilyName: "Costa", Nationality: "PT", Organization: "Access Now", OrganizationKind: "ngo", DocumentNumber: "10"},
		{Category: "observer", FamilyName: "Lind", Nationality: "SE", Organization: "Microsoft", OrganizationKind: "private", DocumentNumber: "11"},
		{Category: "observer", FamilyName: "Ito", Nationality: "JP", Organization: "Keio Institute", OrganizationKind: "research", DocumentNumber: "12"},
		{Category: "observer", FamilyName: "Dupont", Nationality: "FR", Organization: "Council of Europe", OrganizationKind: "regional", DocumentNumber: "13"},
		{Category: "media", FamilyName: "Silva", Nationality: "BR", MediaOutlet: "Globo", DocumentNumber: "14"},
		{Category: "organizer", FamilyName: "Hoàng", Nationality: "VN", Organization: "Ministry", DocumentNumber: "15"},
		{Category: "delegate", FamilyName: "Waiting", Nationality: "VN", Delegation: "VN", DocumentNumber: "16"},
	} {
		ids = append(ids, mustCreate(t, s, in).ID)
	}
	if err := s.Approve(ctx, ids[:len(ids)-1]); err != nil {
		t.Fatal(err)
	}
	outline := func(f data.ListFilter) string {
		list, err := s.ParticipantsList(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, sec := range list {
			fmt.Fprintf(&b, "%s:", sec.Title)
			for _, g := range sec.Groups {
				fmt.Fprintf(&b, " %s(", g.Name)
				for i, p := range g.People {
					if i > 0 {
						b.WriteString(" ")
					}
					b.WriteString(p.FamilyName)
				}
				b.WriteString(")")
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	want := "States: Côte d'Ivoire(Koné) Türkiye(Yilmaz) United States of America(Adams) Viet Nam(Nguyễn Phạm Lê Trần)\n" +
		"Observer States: Holy See(Bianchi)\n" +
		"United Nations system: UNODC(Wolf)\n" +
		"Intergovernmental organizations: Council of Europe(Dupont)\n" +
		"Non-governmental organizations: Access Now(Costa) Microsoft(Lind)\n" +
		"Research institutes: Keio Institute(Ito)\n"
	if got := outline(data.ListFilter{}); got != want {
		t.Errorf("list:\n%s\nwant:\n%s", got, want)
	}
	if got := outline(data.ListFilter{Media: true}); got != want+"Media: Globo(Silva)\n" {
		t.Errorf("list with the media:\n%s", got)
	}
	if got := outline(data.ListFilter{Status: data.StatusCollected}); got != "" {
		t.Errorf("nobody collected a badge, yet the list holds:\n%s", got)
	}
	if _, err := s.ParticipantsList(ctx, data.ListFilter{Status: data.StatusRejected}); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("list of the rejected: %v", err)
	}
}
