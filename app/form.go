package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// participantForm registers a new participant or corrects one, showing
// each problem under its field.
type participantForm struct {
	d        *desk
	editing  *data.Participant // nil for a new registration
	category *widget.Select
	orgKind  *widget.Select
	head     *widget.Check
	gender   *widget.Select
	rank     *keyEntry
	entries  map[string]*keyEntry
	problems map[string]*widget.Label
	notice   *widget.Label
	dups     *fyne.Container // buttons opening the possible duplicates
	save     *widget.Button

	// initial is what the form held when opened; leaving it with anything
	// else asks first.
	initial data.ParticipantInput

	// dupsShownFor is the input the duplicate warning was last shown for;
	// saving the same input again means "save anyway".
	dupsShownFor *data.ParticipantInput
}

// textFields are the form's text fields, in order.
var textFields = []string{data.FieldTitle, data.FieldGivenName, data.FieldFamilyName, data.FieldNativeName, data.FieldNationality,
	data.FieldDelegation, data.FieldOrganization, data.FieldMediaOutlet, data.FieldPosition, data.FieldEmail, data.FieldDocumentNumber,
	data.FieldDateOfBirth, data.FieldPlaceOfBirth, data.FieldConsent}

func newParticipantForm(d *desk, p *data.Participant) *participantForm {
	return &participantForm{d: d, editing: p, entries: map[string]*keyEntry{}, problems: map[string]*widget.Label{}}
}

func (f *participantForm) buildUI() fyne.CanvasObject {
	var names []string
	for _, c := range f.d.categories {
		names = append(names, c.Name)
	}
	f.category = &widget.Select{Options: names, PlaceHolder: lang.L("Choose…")}
	f.orgKind = &widget.Select{Options: orgKindLabels(), PlaceHolder: lang.L("Choose…")}
	f.head = widget.NewCheck(lang.L("Head of delegation"), nil)
	f.notice = &widget.Label{Wrapping: fyne.TextWrapWord}
	f.dups = container.NewVBox()
	f.save = &widget.Button{Text: lang.L("Save") + "  [Enter]", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.L("Cancel") + "  [Esc]", Icon: theme.CancelIcon(), OnTapped: f.onEscape}

	form := widget.NewForm()
	add := func(field string, w fyne.CanvasObject) {
		f.problems[field] = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
		f.problems[field].Hide()
		form.Append(fieldLabel(field), container.NewVBox(w, f.problems[field]))
	}
	add(data.FieldCategory, f.category)
	for _, field := range textFields {
		e := newKeyEntry(fieldHint(field))
		e.OnSubmitted = func(string) { f.onSave() }
		bindKeys(map[fyne.KeyName]func(){fyne.KeyEscape: f.onEscape}, e)
		f.entries[field] = e
		add(field, e)
		if field == data.FieldOrganization {
			add(data.FieldOrgKind, f.orgKind)
		}
	}
	add(data.FieldHead, f.head)
	f.rank = newKeyEntry(lang.L("1 for the head; empty for the order of registration"))
	f.rank.OnSubmitted = func(string) { f.onSave() }
	bindKeys(map[fyne.KeyName]func(){fyne.KeyEscape: f.onEscape}, f.rank)
	add(data.FieldRank, f.rank)
	f.gender = &widget.Select{Options: genderLabels()}
	add(data.FieldGender, f.gender)
	f.fill()
	f.initial = f.input()

	title := lang.L("New participant")
	if f.editing != nil {
		title = lang.L("Correct {{.Name}}", map[string]any{"Name": f.editing.FullName()})
	}
	heading := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	return container.NewBorder(heading, container.NewVBox(f.notice, f.dups, container.NewHBox(f.save, cancel)), nil, nil, container.NewVScroll(form))
}

// onEscape leaves the form, asking first when something was typed.
func (f *participantForm) onEscape() { f.leave(f.d.onCancelForm) }

// leave runs then, after asking whether to throw away what was typed
// when the form holds anything but what it was opened with.
func (f *participantForm) leave(then func()) {
	if f.input() == f.initial {
		then()
		return
	}
	ask := dialog.NewConfirm(lang.L("Discard what you typed?"), lang.L("What you typed in this form is not saved yet."), func(discard bool) {
		if discard {
			then()
		}
	}, f.d.u.win)
	ask.SetConfirmText(lang.L("Discard"))
	ask.SetDismissText(lang.L("Keep editing"))
	ask.Show()
}

// fill puts the participant being corrected into the fields.
func (f *participantForm) fill() {
	if f.editing == nil {
		if len(f.d.categories) > 0 {
			f.category.SetSelectedIndex(0)
		}
		f.gender.SetSelectedIndex(0)
		for field, v := range fromSearch(f.d.search.Text) {
			f.entries[field].SetText(v)
		}
		return
	}
	in := f.editing.Input()
	f.category.SetSelected(f.d.category(in.Category).Name)
	values := map[string]string{data.FieldTitle: in.Title, data.FieldGivenName: in.GivenName, data.FieldFamilyName: in.FamilyName,
		data.FieldNativeName: in.NativeName, data.FieldNationality: in.Nationality, data.FieldDelegation: in.Delegation,
		data.FieldOrganization: in.Organization, data.FieldMediaOutlet: in.MediaOutlet, data.FieldPosition: in.Position,
		data.FieldEmail: in.Email, data.FieldDocumentNumber: in.DocumentNumber,
		data.FieldDateOfBirth: in.DateOfBirth, data.FieldPlaceOfBirth: in.PlaceOfBirth, data.FieldConsent: in.ConsentOn}
	for field, v := range values {
		f.entries[field].SetText(v)
	}
	for i, k := range data.OrgKinds {
		if k == in.OrganizationKind {
			f.orgKind.SetSelectedIndex(i)
		}
	}
	f.head.SetChecked(in.HeadOfDelegation)
	if in.Rank > 0 {
		f.rank.SetText(strconv.Itoa(in.Rank))
	}
	f.gender.SetSelectedIndex(0)
	for i, g := range data.Genders {
		if g == in.Gender {
			f.gender.SetSelectedIndex(i + 1)
		}
	}
}

func (f *participantForm) focusFirst() {
	f.d.u.win.Canvas().Focus(f.entries[data.FieldGivenName])
}

// input is what the form holds.
func (f *participantForm) input() data.ParticipantInput {
	in := data.ParticipantInput{
		Title: f.entries[data.FieldTitle].Text, GivenName: f.entries[data.FieldGivenName].Text,
		FamilyName: f.entries[data.FieldFamilyName].Text, NativeName: f.entries[data.FieldNativeName].Text,
		Nationality: f.entries[data.FieldNationality].Text, Delegation: f.entries[data.FieldDelegation].Text,
		Organization: f.entries[data.FieldOrganization].Text, MediaOutlet: f.entries[data.FieldMediaOutlet].Text,
		Position: f.entries[data.FieldPosition].Text, Email: f.entries[data.FieldEmail].Text,
		DocumentNumber: f.entries[data.FieldDocumentNumber].Text, HeadOfDelegation: f.head.Checked,
		DateOfBirth: f.entries[data.FieldDateOfBirth].Text, PlaceOfBirth: f.entries[data.FieldPlaceOfBirth].Text,
		ConsentOn: f.entries[data.FieldConsent].Text,
	}
	if i := f.category.SelectedIndex(); i >= 0 {
		in.Category = f.d.categories[i].Code
	}
	if i := f.orgKind.SelectedIndex(); i >= 0 {
		in.OrganizationKind = data.OrgKinds[i]
	}
	if i := f.gender.SelectedIndex(); i > 0 {
		in.Gender = data.Genders[i-1]
	}
	in.Rank = -1 // refused with the reason under the field, unless it reads well
	if rank, ok := data.ParseRank(f.rank.Text); ok {
		in.Rank = rank
	}
	if f.editing != nil {
		in.Version = f.editing.Rev // a save over another desk's newer change is refused
	}
	return in
}

func (f *participantForm) onSave() {
	ctx := f.d.u.actor()
	store := f.d.u.store
	in := f.input()
	f.showProblems(nil)
	if err := in.Normalize().Validate(f.d.categories); err != nil {
		f.showProblems(err)
		return
	}
	var selfID int64
	if f.editing != nil {
		selfID = f.editing.ID
	}
	if f.dupsShownFor == nil || *f.dupsShownFor != in {
		if dups, err := store.Duplicates(ctx, in, selfID); err == nil && len(dups) > 0 {
			f.dupsShownFor = &in
			f.notice.Importance = widget.WarningImportance
			f.notice.SetText(lang.L("This may be someone already registered. Open them to check, or press Enter again to save anyway."))
			for _, o := range dups {
				f.dups.Add(participantButton(o, func() { f.leave(func() { f.d.openRecord(o) }) }))
			}
			return
		}
	}
	var p data.Participant
	var err error
	if f.editing == nil {
		p, err = store.CreateParticipant(ctx, in, f.d.u.operator.Name)
	} else {
		p, err = store.UpdateParticipant(ctx, f.editing.ID, in)
	}
	if err != nil {
		f.showProblems(err)
		return
	}
	f.d.openRecord(p)
}

// showProblems puts each problem of err under its field; nil clears them.
func (f *participantForm) showProblems(err error) {
	for _, l := range f.problems {
		l.SetText("")
		l.Hide()
	}
	f.notice.SetText("")
	f.dups.RemoveAll()
	if err == nil {
		return
	}
	fields := data.ErrorFields(err)
	if len(fields) == 0 {
		f.notice.Importance = widget.DangerImportance
		f.notice.SetText(problemText(err))
		return
	}
	f.notice.Importance = widget.DangerImportance
	f.notice.SetText(lang.L("Please correct the fields marked in red."))
	for _, fe := range fields {
		if l, ok := f.problems[fe.Field]; ok {
			l.SetText(say(fe.Reason))
			l.Show()
		}
	}
	for _, field := range textFields {
		if f.problems[field].Visible() {
			f.d.u.win.Canvas().Focus(f.entries[field])
			break
		}
	}
}

// fromSearch is what the search box held, put into a new person's fields:
// a document number when it has digits, else the last word as the family
// name and the words before it as the given names.
func fromSearch(text string) map[string]string {
	words := strings.Fields(text)
	switch {
	case len(words) == 0:
		return nil
	case strings.ContainsAny(text, "0123456789"):
		return map[string]string{data.FieldDocumentNumber: strings.Join(words, "")}
	}
	last := len(words) - 1
	return map[string]string{data.FieldFamilyName: words[last], data.FieldGivenName: strings.Join(words[:last], " ")}
}

// fieldLabel names a field in the person's language.
func fieldLabel(field string) string {
	switch field {
	case data.FieldCategory:
		return lang.L("Category")
	case data.FieldTitle:
		return lang.L("Title")
	case data.FieldGivenName:
		return lang.L("Given name")
	case data.FieldFamilyName:
		return lang.L("Family name")
	case data.FieldNativeName:
		return lang.L("Name in own script")
	case data.FieldNationality:
		return lang.L("Nationality")
	case data.FieldDelegation:
		return lang.L("Delegation")
	case data.FieldOrganization:
		return lang.L("Organisation")
	case data.FieldOrgKind:
		return lang.L("Kind of organisation")
	case data.FieldMediaOutlet:
		return lang.L("Media outlet")
	case data.FieldPosition:
		return lang.L("Position")
	case data.FieldHead:
		return lang.L("Head of delegation")
	case data.FieldEmail:
		return lang.L("E-mail")
	case data.FieldDocumentNumber:
		return lang.L("Passport or ID")
	case data.FieldPhoto:
		return lang.L("Photo")
	case data.FieldGender:
		return lang.L("Gender")
	case data.FieldRank:
		return lang.L("Rank in the delegation")
	case data.FieldDateOfBirth:
		return lang.L("Date of birth")
	case data.FieldPlaceOfBirth:
		return lang.L("Place of birth")
	case "name":
		return lang.L("Name")
	case "dates", data.SettingStartsOn, data.SettingEndsOn:
		return lang.L("Dates")
	case data.SettingLanguages:
		return lang.L("Badge languages")
	case data.SettingLogo:
		return lang.L("Logo")
	case data.FieldConsent:
		return lang.L("Consent given on")
	}
	return field
}

// fieldHint is the example shown in an empty field.
func fieldHint(field string) string {
	switch field {
	case data.FieldTitle:
		return lang.L("H.E. Mr., Ms., Dr.")
	case data.FieldNationality, data.FieldDelegation:
		return lang.L("VN, VNM or Viet Nam")
	case data.FieldNativeName:
		return lang.L("阮文安, Иван Петров, أحمد …")
	case data.FieldEmail:
		return "name@example.org"
	case data.FieldDateOfBirth, data.FieldConsent:
		return "YYYY-MM-DD"
	}
	return ""
}

func orgKindLabels() []string {
	labels := make([]string, len(data.OrgKinds))
	for i, k := range data.OrgKinds {
		switch k {
		case data.OrgInternational:
			labels[i] = lang.L("International organisation")
		case data.OrgRegional:
			labels[i] = lang.L("Regional organisation")
		case data.OrgPrivate:
			labels[i] = lang.L("Private sector")
		case data.OrgNGO:
			labels[i] = lang.L("Non-governmental organisation")
		case data.OrgResearch:
			labels[i] = lang.L("Research institute")
		}
	}
	return labels
}

// genderLabels are the gender select's options: not stated, then Genders.
func genderLabels() []string {
	labels := []string{lang.L("Not stated")}
	for _, g := range data.Genders {
		switch g {
		case data.GenderFemale:
			labels = append(labels, lang.L("Female"))
		case data.GenderMale:
			labels = append(labels, lang.L("Male"))
		case data.GenderOther:
			labels = append(labels, lang.L("Other gender")) // a key "Other" would read as a plural form
		}
	}
	return labels
}
