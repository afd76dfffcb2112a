package domain_test

import (
	"reflect"
	"slices"
	"sort"
	"testing"

	"accred/data/domain"
)

func TestBadgeNumber(t *testing.T) {
	for id, want := range map[int64]string{1: "000001", 123: "000123", 999999: "999999", 1234567: "1234567"} {
		if got := domain.BadgeNumber(id); got != want {
			t.Errorf("BadgeNumber(%d) = %q, want %q", id, got, want)
		}
	}
}

func TestParseBadgeNumbers(t *testing.T) {
	ids, bad := domain.ParseBadgeNumbers(" 000001, 2;\n1234567\t")
	if bad != "" || !reflect.DeepEqual(ids, []int64{1, 2, 1234567}) {
		t.Fatalf("%v %q", ids, bad)
	}
	for _, text := range []string{"1 abc", "0", "-3", "12.5", "99999999999999999999"} {
		if ids, bad := domain.ParseBadgeNumbers(text); bad == "" || ids != nil {
			t.Errorf("%q accepted as %v", text, ids)
		}
	}
	if ids, bad := domain.ParseBadgeNumbers("  "); ids != nil || bad != "" {
		t.Errorf("blank: %v %q", ids, bad)
	}
}

func TestStatusPathTo(t *testing.T) {
	for _, c := range []struct {
		from, to domain.Status
		want     []domain.Status
	}{
		{domain.StatusApproved, domain.StatusRegistered, []domain.Status{domain.StatusRegistered}},
		{domain.StatusRejected, domain.StatusRegistered, []domain.Status{domain.StatusRegistered}},
		{domain.StatusRejected, domain.StatusApproved, []domain.Status{domain.StatusRegistered, domain.StatusApproved}},
		{domain.StatusWithdrawn, domain.StatusCollected, []domain.Status{domain.StatusRegistered, domain.StatusApproved, domain.StatusPrinted, domain.StatusCollected}},
		{domain.StatusCollected, domain.StatusPrinted, []domain.Status{domain.StatusPrinted}},
		{domain.StatusApproved, domain.StatusApproved, []domain.Status{}},
		{domain.Status("lost"), domain.StatusApproved, nil},
	} {
		got := c.from.PathTo(c.to)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s to %s: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestNamesInTheirCountrysOrder(t *testing.T) {
	cases := []struct {
		p                    domain.Participant
		full, listed, badged string
	}{
		{domain.Participant{Title: "H.E. Mr.", GivenName: "Văn An", FamilyName: "Nguyễn", Nationality: "VN"},
			"H.E. Mr. Nguyễn Văn An", "H.E. Mr. NGUYỄN Văn An", "NGUYỄN Văn An"},
		{domain.Participant{GivenName: "Min-jun", FamilyName: "Kim", Nationality: "KR"}, "Kim Min-jun", "KIM Min-jun", "KIM Min-jun"},
		{domain.Participant{GivenName: "Ferenc", FamilyName: "Kovács", Nationality: "HU"}, "Kovács Ferenc", "KOVÁCS Ferenc", "KOVÁCS Ferenc"},
		{domain.Participant{GivenName: "Seán", FamilyName: "O'Sullivan", Nationality: "IE"}, "Seán O'Sullivan", "Seán O'SULLIVAN", "Seán O'SULLIVAN"},
		{domain.Participant{Title: "Dr.", FamilyName: "Müller", Nationality: "DE"}, "Dr. Müller", "Dr. MÜLLER", "MÜLLER"},
	}
	for _, c := range cases {
		if got := c.p.FullName(); got != c.full {
			t.Errorf("FullName = %q, want %q", got, c.full)
		}
		if got := c.p.ListName(); got != c.listed {
			t.Errorf("ListName = %q, want %q", got, c.listed)
		}
		if got := c.p.BadgeName(); got != c.badged {
			t.Errorf("BadgeName = %q, want %q", got, c.badged)
		}
	}
}

// TestRequiredFieldsAreThoseValidateRequires: the fields a category marks
// as required are those an empty form is refused for.
func TestRequiredFieldsAreThoseValidateRequires(t *testing.T) {
	for _, c := range domain.DefaultCategories() {
		err := domain.ParticipantInput{Category: c.Code}.Validate(domain.DefaultCategories())
		var refused []string
		for _, fe := range domain.ErrorFields(err) {
			refused = append(refused, fe.Field)
		}
		sort.Strings(refused)
		want := slices.DeleteFunc(c.RequiredFields(), func(f string) bool { return f == domain.FieldCategory })
		sort.Strings(want)
		if !reflect.DeepEqual(refused, want) {
			t.Errorf("%s: refused %q, marked %q", c.Code, refused, want)
		}
	}
}
