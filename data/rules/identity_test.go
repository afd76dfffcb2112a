package rules

import "testing"

func TestReidentify(t *testing.T) {
	thao := Identity{GivenName: "phuong thao", FamilyName: "bui", Nationality: "VN", Document: "VN1007919", DateOfBirth: "1968-03-14"}
	with := func(f func(*Identity)) Identity { i := thao; f(&i); return i }
	mai := with(func(i *Identity) { i.GivenName, i.FamilyName = "thi mai", "tran" })
	person := func(s Status, c Clearance) Person { return Person{Status: s, Clearance: c, Category: "delegate"} }
	cases := []struct {
		name      string
		p         Person
		now       Identity
		confirmed bool
		want      Verdict
		reason    Code
		field     string
	}{
		{"the same person", person(Printed, Cleared), thao, false, Accepted, "", ""},
		{"registered, another name", person(Registered, ""), mai, false, Accepted, "", ""},
		{"registered, clearance pending", person(Registered, ClearancePendingAnswer), mai, false, Accepted, "", ""},
		{"withdrawn", person(Withdrawn, ""), mai, false, Accepted, "", ""},
		{"rejected", person(RejectedAs, ""), mai, false, Accepted, "", ""},
		{"approved", person(Approved, ""), mai, false, Rejected, IdentityChange, "given_name"},
		{"printed", person(Printed, ""), mai, false, Rejected, IdentityChange, "given_name"},
		{"collected", person(Collected, ""), mai, false, Rejected, IdentityChange, "given_name"},
		{"registered, cleared", person(Registered, Cleared), mai, false, Rejected, IdentityChange, "given_name"},
		{"registered, refused", person(Registered, Refused), mai, false, Rejected, IdentityChange, "given_name"},
		{"withdrawn, cleared", person(Withdrawn, Cleared), mai, false, Rejected, IdentityChange, "given_name"},
		{"approved, confirmed", person(Approved, Cleared), mai, true, Accepted, IdentityChange, "given_name"},
		{"registered, confirmed: nothing to void", person(Registered, ""), mai, true, Accepted, "", ""},
		{"family name", person(Approved, ""), with(func(i *Identity) { i.FamilyName = "tran" }), false, Rejected, IdentityChange, "family_name"},
		{"date of birth", person(Approved, ""), with(func(i *Identity) { i.DateOfBirth = "1970-01-01" }), false, Rejected, IdentityChange, "date_of_birth"},
		{"document", person(Approved, ""), with(func(i *Identity) { i.Document = "VN1007920" }), false, Rejected, IdentityChange, "document_number"},
		{"nationality", person(Approved, ""), with(func(i *Identity) { i.Nationality = "LA" }), false, Rejected, IdentityChange, "nationality"},
		{"given name cleared", person(Approved, ""), with(func(i *Identity) { i.GivenName = "" }), false, Rejected, IdentityChange, "given_name"},
		{"native name given where none was known", person(Approved, ""), with(func(i *Identity) { i.NativeName = "裴芳草" }), false, Accepted, "", ""},
	}
	for _, c := range cases {
		verdict, why := Reidentify(c.p, thao, c.now, c.confirmed)
		field, _ := why.Args["Field"].(string)
		if verdict != c.want || why.Code != c.reason || field != c.field {
			t.Errorf("%s: %s %s %q, want %s %s %q", c.name, verdict, why.Code, field, c.want, c.reason, c.field)
		}
		if why.Code != "" && why.Message().String() == "" {
			t.Errorf("%s: the reason has no sentence", c.name)
		}
	}
}
