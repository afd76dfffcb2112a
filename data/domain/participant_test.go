package data_test

import (
	"reflect"
	"slices"
	"sort"
	"testing"

	"accred/data"
)

func TestBadgeNumber(t *testing.T) {
	for id, want := range map[int64]string{1: "000001", 123: "000123", 999999: "999999", 1234567: "1234567"} {
		if got := data.BadgeNumber(id); got != want {
			t.Errorf("BadgeNumber(%d) = %q, want %q", id, got, want)
		}
	}
}

func TestParseBadgeNumbers(t *testing.T) {
	ids, bad := data.ParseBadgeNumbers(" 000001, 2;\n1234567\t")
	if bad != "" || !reflect.DeepEqual(ids, []int64{1, 2, 1234567}) {
		t.Fatalf("%v %q", ids, bad)
	}
	for _, text := range []string{"1 abc", "0", "-3", "12.5", "99999999999999999999"} {
		if ids, bad := data.ParseBadgeNumbers(text); bad == "" || ids != nil {
			t.Errorf("%q accepted as %v", text, ids)
		}
	}
	if ids, bad := data.ParseBadgeNumbers("  "); ids != nil || bad != "" {
		t.Errorf("blank: %v %q", ids, bad)
	}
}

func TestStatusPathTo(t *testing.T) {
	for _, c := range []struct {
		from, to data.Status
		want     []data.Status
	}{
		{data.StatusApproved, data.StatusRegistered, []data.Status{data.StatusRegistered}},
		{data.StatusRejected, data.StatusRegistered, []data.Status{data.StatusRegistered}},
		{data.StatusRejected, data.StatusApproved, []data.Status{data.StatusRegistered, data.StatusApproved}},
		{data.StatusWithdrawn, data.StatusCollected, []data.Status{data.StatusRegistered, data.StatusApproved, data.StatusPrinted, data.StatusCollected}},
		{data.StatusCollected, data.StatusPrinted, []data.Status{data.StatusPrinted}},
		{data.StatusApproved, data.StatusApproved, []data.Status{}},
		{data.Status("lost"), data.StatusApproved, nil},
	} {
		got := c.from.PathTo(c.to)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s to %s: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestNamesInTheirCountrysOrder(t *testing.T) {
	cases := []struct {
		p                    data.Participant
		full, listed, badged string
	}{
		{data.Participant{Title: "H.E. Mr.", GivenName: "Văn An", FamilyName: "Nguyễn", Nationality: "VN"},
			"H.E. Mr. Nguyễn Văn An", "H.E. Mr. NGUYỄN Văn An", "NGUYỄN Văn An"},
		{data.Participant{GivenName: "Min-jun", FamilyName: "Kim", Nationality: "KR"}, "Kim Min-jun", "KIM Min-jun", "KIM Min-jun"},
		{data.Participant{GivenName: "Ferenc", FamilyName: "Kovács", Nationality: "HU"}, "Kovács Ferenc", "KOVÁCS Ferenc", "KOVÁCS Ferenc"},
		{data.Participant{GivenName: "Seán", FamilyName: "O'Sullivan", Nationality: "IE"}, "Seán O'Sullivan", "Seán O'SULLIVAN", "Seán O'SULLIVAN"},
		{data.Participant{Title: "Dr.", FamilyName: "Müller", Nationality: "DE"}, "Dr. Müller", "Dr. MÜLLER", "MÜLLER"},
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
	for _, c := range data.DefaultCategories() {
		err := data.ParticipantInput{Category: c.Code}.Validate(data.DefaultCategories())
		var refused []string
		for _, fe := range data.ErrorFields(err) {
			refused = append(refused, fe.Field)
		}
		sort.Strings(refused)
		want := slices.DeleteFunc(c.RequiredFields(), func(f string) bool { return f == data.FieldCategory })
		sort.Strings(want)
		if !reflect.DeepEqual(refused, want) {
			t.Errorf("%s: refused %q, marked %q", c.Code, refused, want)
		}
	}
}
