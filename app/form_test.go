package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"accred/data"
)

// shownAndRequired lists the form's fields shown, each followed by * when
// marked required, in the form's order.
func shownAndRequired(f *participantForm) string {
	var list []string
	for _, field := range append([]string{data.FieldCategory}, append(textFields, data.FieldOrgKind, data.FieldHead, data.FieldRank)...) {
		r := f.rows[field]
		switch {
		case !r.visible():
		case r.required:
			list = append(list, field+"*")
		default:
			list = append(list, field)
		}
	}
	return strings.Join(list, " ")
}

func TestFormShowsAndMarksTheFieldsOfTheCategory(t *testing.T) {
	u := newTestUI(t)
	f := newForm(u.desk)
	const always = "category* title given_name family_name* native_name nationality* "
	cases := []struct{ category, want string }{
		{"Delegate", always + "delegation* position email document_number* consent head_of_delegation rank"},
		{"Observer", always + "organization* position email document_number* consent organization_kind rank"},
		{"Media", always + "media_outlet* position email document_number* consent"},
		{"United Nations", always + "delegation organization position email document_number* consent organization_kind head_of_delegation rank"},
	}
	for _, c := range cases {
		f.category.SetSelected(c.category)
		if got := shownAndRequired(f); got != c.want {
			t.Errorf("%s shows\n%s\nwant\n%s", c.category, got, c.want)
		}
	}
	if family, title := f.rows[data.FieldFamilyName], f.rows[data.FieldTitle]; labelTexts(family.label) != "Family name" ||
		family.star.Text != "*" || title.star.Text == "*" {
		t.Errorf("marks: %q %q, %q %q", labelTexts(family.label), family.star.Text, labelTexts(title.label), title.star.Text)
	}
}

func TestFormAsksBirthOnlyWhereClearanceIsRequired(t *testing.T) {
	u := newTestUI(t)
	if f := newForm(u.desk); f.rows[data.FieldDateOfBirth].visible() || f.rows[data.FieldPlaceOfBirth].visible() {
		t.Fatal("birth asked though the event requires no clearance")
	}
	press(u.desk.form.entries[data.FieldGivenName], fyne.KeyEscape)
	if err := u.store.SetSetting(ctx, data.SettingClearanceRequired, "yes"); err != nil {
		t.Fatal(err)
	}
	if f := newForm(u.desk); !f.rows[data.FieldDateOfBirth].visible() || !f.rows[data.FieldPlaceOfBirth].visible() {
		t.Fatal("birth not asked though the event requires clearance")
	}
}

// TestFormSavesOnlyTheFieldsShown: a delegation typed before the category
// became Media is not saved with the journalist.
func TestFormSavesOnlyTheFieldsShown(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	f := newForm(d)
	fill(f, map[string]string{"family_name": "Dupont", "nationality": "FR", "delegation": "FR", "document_number": "F9"})
	f.head.SetChecked(true)
	f.category.SetSelected("Media")
	test.Type(f.entries[data.FieldMediaOutlet], "AFP")
	test.Tap(f.save)
	if d.form != nil {
		t.Fatalf("not saved: %q", f.notice.Text)
	}
	if a := d.current.Affiliation; a.Kind != data.AffiliationMedia || a.Name != "AFP" || d.current.HeadOfDelegation {
		t.Fatalf("saved %+v head %v", a, d.current.HeadOfDelegation)
	}
}

// TestFormShowsWhatTheRecordHolds: a field the category does not show is
// shown when the record holds something in it, so nothing is lost unseen.
func TestFormShowsWhatTheRecordHolds(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	if _, err := u.store.CreateParticipant(ctx, data.ParticipantInput{Category: "un", FamilyName: "Reporter", Nationality: "CH",
		MediaOutlet: "UN News", DocumentNumber: "U9"}); err != nil {
		t.Fatal(err)
	}
	showFound(d, "reporter")
	press(d.search, fyne.KeyF2)
	f := d.form
	if !f.rows[data.FieldMediaOutlet].visible() || f.entries[data.FieldMediaOutlet].Text != "UN News" {
		t.Fatal("the media outlet the record holds is hidden")
	}
	test.Tap(f.save)
	if d.form != nil || d.current.Affiliation.Name != "UN News" {
		t.Fatalf("after saving: %+v", d.current.Affiliation)
	}
}

func TestFormOffersCountriesAsTheyAreTyped(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	f := newForm(d)
	nat := f.entries[data.FieldNationality]
	test.Type(nat, "viet")
	if !f.nationality.box.Visible() || buttonNaming(f.nationality.box, "Viet Nam (VN)") == nil {
		t.Fatal("typing viet offers no Viet Nam")
	}
	press(nat, fyne.KeyReturn)
	if nat.Text != "Viet Nam" || f.nationality.box.Visible() || f.input().Nationality != "VN" {
		t.Fatalf("Enter chose %q (%s)", nat.Text, f.input().Nationality)
	}
	if d.form == nil {
		t.Fatal("Enter on the countries offered saved the form")
	}
	del := f.entries[data.FieldDelegation]
	test.Type(del, "united")
	press(del, fyne.KeyDown)
	press(del, fyne.KeyDown)
	press(del, fyne.KeyUp)
	press(del, fyne.KeyReturn)
	if del.Text != "United Kingdom of Great Britain and Northern Ireland" || f.input().Delegation != "GB" {
		t.Fatalf("Down, Down, Up, Enter chose %q", del.Text)
	}
	del.SetText("")
	test.Type(del, "hoa ky") // the Vietnamese name, from an English desk
	test.Tap(buttonNaming(f.delegation.box, "(US)"))
	if del.Text != "United States of America" || f.input().Delegation != "US" {
		t.Fatalf("the tap chose %q", del.Text)
	}
	// Esc puts the countries away and leaves the form open; a code typed
	// and not chosen is taken as it is.
	nat.SetText("")
	test.Type(nat, "IRL")
	press(nat, fyne.KeyEscape)
	if d.form == nil || f.nationality.box.Visible() || nat.Text != "IRL" {
		t.Fatal("Esc did not just put the countries away")
	}
	fill(f, map[string]string{"family_name": "Murphy", "document_number": "I9"})
	test.Tap(f.save)
	if d.form != nil || d.current.Nationality != "IE" || d.current.Affiliation.Country != "US" {
		t.Fatalf("saved %s for %+v: %q", d.current.Nationality, d.current.Affiliation, f.notice.Text)
	}
	// Correcting shows the countries by name.
	press(d.search, fyne.KeyF2)
	if got := d.form.entries[data.FieldNationality].Text; got != "Ireland" {
		t.Fatalf("the form shows the nationality as %q", got)
	}
}

// TestFormChoosesACountryByItsNameInVietnamese: "Nga" is the Russian
// Federation, though NGA is Nigeria's code.
func TestFormChoosesACountryByItsNameInVietnamese(t *testing.T) {
	u := newTestUI(t)
	f := newForm(u.desk)
	useLanguage("vi")
	defer useLanguage("en")
	nat := f.entries[data.FieldNationality]
	test.Type(nat, "nga")
	test.Tap(buttonNaming(f.nationality.box, "(RU)"))
	if nat.Text != "Nga" || f.input().Nationality != "RU" {
		t.Fatalf("chose %q: %s", nat.Text, f.input().Nationality)
	}
}

func TestFormTakesProblemsAwayAsTheyArePutRight(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	f := newForm(d)
	test.Type(f.entries[data.FieldEmail], "not-an-address")
	test.Tap(f.save)
	shown := func() string {
		var list []string
		for _, field := range append([]string{data.FieldCategory}, textFields...) {
			if f.problems[field].Visible() {
				list = append(list, field)
			}
		}
		return strings.Join(list, " ")
	}
	if got := shown(); got != "family_name nationality delegation email document_number" {
		t.Fatalf("problems shown under %s", got)
	}
	test.Type(f.entries[data.FieldFamilyName], "Ng")
	if got := shown(); got != "nationality delegation email document_number" {
		t.Fatalf("after the family name, problems under %s", got)
	}
	f.entries[data.FieldNationality].SetText("Atlantis")
	if got := f.problems[data.FieldNationality].Text; !strings.Contains(got, "Unknown country") {
		t.Fatalf("a nationality still wrong says %q", got)
	}
	f.category.SetSelected("United Nations") // no delegation required
	if got := shown(); got != "nationality email document_number" {
		t.Fatalf("after the category, problems under %s", got)
	}
	f.entries[data.FieldNationality].SetText("VN")
	f.entries[data.FieldEmail].SetText("ng@example.org")
	if got := shown(); got != "document_number" || f.notice.Text == "" {
		t.Fatalf("problems under %s, notice %q", got, f.notice.Text)
	}
	test.Type(f.entries[data.FieldDocumentNumber], "C7")
	if got := shown(); got != "" || f.notice.Text != "" {
		t.Fatalf("all put right, yet problems under %q and the notice %q", got, f.notice.Text)
	}
}

// TestFormKeepsTheStoresProblemUntilItsFieldChanges: a document already
// registered stays under its field while other fields change.
func TestFormKeepsTheStoresProblemUntilItsFieldChanges(t *testing.T) {
	u := newTestUI(t)
	f := saveSameDocument(u)
	if !f.problems[data.FieldDocumentNumber].Visible() {
		t.Fatal("the same document was not refused")
	}
	test.Type(f.entries[data.FieldPosition], "Adviser")
	if !f.problems[data.FieldDocumentNumber].Visible() {
		t.Fatal("typing elsewhere took the store's problem away")
	}
	test.Type(f.entries[data.FieldDocumentNumber], "2")
	if f.problems[data.FieldDocumentNumber].Visible() {
		t.Fatal("changing the document kept the problem")
	}
}

func TestFormPreviewsTheNameAsTheBadgePrintsIt(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	f := newForm(d)
	test.Type(f.entries[data.FieldGivenName], "Văn Bình")
	test.Type(f.entries[data.FieldFamilyName], "Lê")
	if f.preview.Text != "On the badge: Văn Bình LÊ" {
		t.Fatalf("without a nationality the preview says %q", f.preview.Text)
	}
	test.Type(f.entries[data.FieldNationality], "viet")
	press(f.entries[data.FieldNationality], fyne.KeyReturn)
	if f.preview.Text != "On the badge: LÊ Văn Bình" {
		t.Fatalf("for Viet Nam the preview says %q", f.preview.Text)
	}
	fill(f, map[string]string{"delegation": "VN", "document_number": "V7"})
	test.Tap(f.save)
	if d.form != nil || d.details.name.Text != "LÊ Văn Bình" {
		t.Fatalf("the details say %q", d.details.name.Text)
	}
	searchFor(d, "binh")
	row := d.list.CreateItem()
	d.updateResultRow(0, row)
	if !strings.Contains(labelTexts(row), "LÊ Văn Bình") {
		t.Fatalf("the list says %q", labelTexts(row))
	}
}

func TestFormShows(t *testing.T) {
	delegate := data.Category{Requires: data.RequiresDelegation}
	media := data.Category{Requires: data.RequiresMedia}
	observer := data.Category{Requires: data.RequiresOrganization}
	other := data.Category{}
	cases := []struct {
		field     string
		cat       data.Category
		clearance bool
		want      bool
	}{
		{data.FieldDelegation, delegate, false, true},
		{data.FieldDelegation, media, false, false},
		{data.FieldDelegation, observer, false, false},
		{data.FieldDelegation, other, false, true},
		{data.FieldHead, media, false, false},
		{data.FieldMediaOutlet, delegate, false, false},
		{data.FieldMediaOutlet, media, false, true},
		{data.FieldMediaOutlet, other, false, false},
		{data.FieldOrganization, observer, false, true},
		{data.FieldOrganization, delegate, false, false},
		{data.FieldOrgKind, other, false, true},
		{data.FieldRank, media, false, false},
		{data.FieldRank, observer, false, true},
		{data.FieldDateOfBirth, delegate, false, false},
		{data.FieldPlaceOfBirth, media, true, true},
		{data.FieldFamilyName, media, false, true},
		{data.FieldEmail, other, false, true},
	}
	for _, c := range cases {
		if got := formShows(c.field, c.cat, c.clearance); got != c.want {
			t.Errorf("formShows(%s, %q, %v) = %v", c.field, c.cat.Requires, c.clearance, got)
		}
	}
}

// TestFormSaysWhenDuplicatesCannotBeLookedFor: a store that cannot be read
// while the form looks for possible duplicates is said, and the form stays
// open with what was typed; nothing is saved as if nobody were there.
func TestFormSaysWhenDuplicatesCannotBeLookedFor(t *testing.T) {
	u := newTestUI(t)
	d := u.desk
	f := newForm(d)
	fill(f, map[string]string{"family_name": "Dupont", "nationality": "FR", "delegation": "FR", "document_number": "F9"})
	u.store.Close()
	test.Tap(f.save)
	if d.form != f || f.save.Disabled() || f.entries[data.FieldFamilyName].Text != "Dupont" ||
		!strings.Contains(f.notice.Text, "Possible duplicates could not be looked for") || !strings.Contains(f.notice.Text, "Nothing was saved.") {
		t.Fatalf("the form after a failed look for duplicates: %q", f.notice.Text)
	}
}

// TestFormSavesInTheBackground: with the save on a goroutine of its own,
// the button is greyed and the notice says "Saving…" at once, Enter
// meanwhile saves nothing more, and the record opens once saved.
func TestFormSavesInTheBackground(t *testing.T) {
	concurrently(t)
	u := newTestUI(t)
	d := u.desk
	d.work.wait()
	f := newForm(d)
	f.work.wait() // the settings, read as the form opens
	fill(f, map[string]string{"family_name": "Dupont", "nationality": "FR", "delegation": "FR", "document_number": "F9"})
	test.Tap(f.save)
	if !f.save.Disabled() || f.notice.Text != "Saving…" || d.form != f {
		t.Fatalf("while saving: greyed %v, %q", f.save.Disabled(), f.notice.Text)
	}
	press(f.entries[data.FieldFamilyName], fyne.KeyReturn)
	if n := f.work.pending.Load(); n != 1 {
		t.Fatalf("Enter while saving started %d saves", n)
	}
	f.work.wait()
	d.work.wait()
	if d.form != nil || d.current == nil || d.current.FamilyName != "Dupont" {
		t.Fatalf("after the save: form open %v, %q", d.form != nil, f.notice.Text)
	}
	if list, total, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{Query: "dupont"}); total != 1 || len(list) != 1 {
		t.Fatalf("%d Duponts saved", total)
	}
}

// TestFormNamesCategoriesInTheStationsLanguage: in French the form offers
// the categories by their French names (Délégué, not Delegate), shows the
// category of someone corrected so, and saves the category chosen.
func TestFormNamesCategoriesInTheStationsLanguage(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	u := newTestUI(t)
	useLanguage("fr")
	u.showHome()
	d := u.desk
	delegate := categoryText(d.category("delegate"))
	if delegate == d.category("delegate").Name {
		t.Fatalf("the delegate category has no French name: %q", delegate)
	}
	f := correctOSullivan(d)
	if f.category.Selected != delegate || slices.Contains(f.category.Options, "Delegate") {
		t.Fatalf("the form offers %q, shows %q", f.category.Options, f.category.Selected)
	}
	observer := categoryText(d.category("observer"))
	f.category.SetSelected(observer)
	test.Type(f.entries[data.FieldOrganization], "OECD")
	press(f.entries[data.FieldOrganization], fyne.KeyReturn)
	found, _, _ := u.store.FindParticipants(ctx, data.ParticipantFilter{Query: "osullivan"})
	if len(found) != 1 || found[0].Category != "observer" {
		t.Fatalf("saved as %+v", found)
	}
}
