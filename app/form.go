package app

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/photo"
)

// participantForm registers a new participant or corrects one. It shows
// the fields the category needs, marks those it requires, offers countries
// as they are typed, shows the name as the badge will print it, and each
// problem under its field until it is put right.
type participantForm struct {
	d        *desk
	editing  *data.Participant // nil for a new registration
	category *widget.Select
	orgKind  *widget.Select
	head     *widget.Check
	gender   *widget.Select
	rank     *keyEntry
	entries  map[string]*keyEntry
	rows     map[string]*formRow
	problems map[string]*widget.Label
	notice   *widget.Label
	preview  *widget.Label   // the name as the badge prints it
	dups     *fyne.Container // buttons opening the possible duplicates
	save     *widget.Button
	scroll   *container.Scroll // the fields, which the wheel scrolls
	work     worker            // reads and saves in the background

	nationality, delegation *countryChoice
	// cases offer to write the given and family names, typed in lower
	// case, as passports do.
	cases map[string]*suggestion

	// clearance says the event requires security clearance, which asks
	// for the date and place of birth.
	clearance bool
	// opened are the fields that held something when the form was opened:
	// shown whatever the category.
	opened map[string]bool
	// ready is set once every field is built and filled.
	ready bool
	// storeSaid says the problems shown are the store's (a document
	// already registered), which only a change to their field clears.
	storeSaid bool

	// initial is what the form held when opened; leaving it with anything
	// else asks first.
	initial data.ParticipantInput

	// dupsShownFor is the input the duplicate warning was last shown for;
	// saving the same input again means "save anyway".
	dupsShownFor *data.ParticipantInput
	// saving is set while a save runs in the background.
	saving bool
	// photo is the photo chosen in the form, ready to store once the
	// participant is saved; nil for none. photoFrame shows it, or the
	// photo held already, and photoProblem why a file was refused.
	photo        []byte
	photoFrame   *fyne.Container
	photoProblem *widget.Label

	// caseShownFor is the input the offer of capitals was last said for;
	// saving the same input again keeps the names as typed.
	caseShownFor *data.ParticipantInput
}

// textFields are the form's text fields, in order.
var textFields = []string{data.FieldTitle, data.FieldGivenName, data.FieldFamilyName, data.FieldNativeName, data.FieldNationality,
	data.FieldDelegation, data.FieldOrganization, data.FieldMediaOutlet, data.FieldPosition, data.FieldEmail, data.FieldDocumentNumber,
	data.FieldDateOfBirth, data.FieldPlaceOfBirth, data.FieldConsent}

func newParticipantForm(d *desk, p *data.Participant) *participantForm {
	return &participantForm{d: d, editing: p, entries: map[string]*keyEntry{}, rows: map[string]*formRow{},
		problems: map[string]*widget.Label{}, opened: map[string]bool{}, cases: map[string]*suggestion{}}
}

func (f *participantForm) buildUI() fyne.CanvasObject {
	var names []string
	for _, c := range f.d.categories { // named in the station's language, chosen by their order
		names = append(names, categoryText(c))
	}
	f.clearance = f.d.clearance
	f.category = &widget.Select{Options: names, PlaceHolder: lang.L("Choose…")}
	f.orgKind = &widget.Select{Options: orgKindLabels(), PlaceHolder: lang.L("Choose…")}
	f.head = widget.NewCheck("", nil) // named by its row
	f.notice = &widget.Label{Wrapping: fyne.TextWrapWord}
	f.preview = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	f.dups = container.NewVBox()
	f.save = &widget.Button{Text: lang.L("Save") + "  [Enter]", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.L("Cancel") + "  [Esc]", Icon: theme.CancelIcon(), OnTapped: touching(f.onEscape)}

	grid := container.New(layout.NewFormLayout())
	add := func(field string, w fyne.CanvasObject, below ...fyne.CanvasObject) {
		r := newFormRow(field, w, below...)
		f.rows[field], f.problems[field] = r, r.problem
		grid.Add(r.label)
		grid.Add(r.body)
	}
	add(data.FieldCategory, f.category)
	for _, field := range textFields {
		e := f.newEntry(field, fieldHint(field))
		switch field {
		case data.FieldNationality:
			f.nationality = newCountryChoice(e)
			add(field, e, f.nationality.box)
		case data.FieldDelegation:
			f.delegation = newCountryChoice(e)
			add(field, e, f.delegation.box)
		case data.FieldGivenName, data.FieldFamilyName:
			add(field, e, f.newCaseOffer(field, e))
		default:
			add(field, e)
		}
		if field == data.FieldOrganization {
			add(data.FieldOrgKind, f.orgKind)
		}
	}
	add(data.FieldHead, f.head)
	f.rank = f.newEntry(data.FieldRank, lang.L("1 for the head; empty for the order of registration"))
	add(data.FieldRank, f.rank)
	f.gender = &widget.Select{Options: genderLabels()}
	add(data.FieldGender, f.gender)
	add(data.FieldPhoto, f.photoView())
	f.photoProblem = f.problems[data.FieldPhoto]
	delete(f.problems, data.FieldPhoto) // a file refused is no field's problem: it stays until another is chosen
	f.category.OnChanged = func(string) { f.onChange(data.FieldCategory) }
	f.orgKind.OnChanged = func(string) { f.onChange(data.FieldOrgKind) }
	f.head.OnChanged = func(bool) { f.onChange(data.FieldHead) }
	f.gender.OnChanged = func(string) { f.onChange(data.FieldGender) }
	f.fill()
	f.ready = true
	f.onChange("")
	f.readClearance()
	f.initial = f.input()

	f.scroll = newWheelScroll(grid)
	title := lang.L("New participant")
	if f.editing != nil {
		title = lang.L("Correct {{.Name}}", map[string]any{"Name": f.editing.ListName()})
	}
	heading := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	required := &widget.Label{Text: lang.L("Fields marked * are required."), SizeName: theme.SizeNameCaptionText}
	return container.NewBorder(container.NewVBox(heading, f.preview), container.NewVBox(f.notice, f.dups, container.NewHBox(f.save, cancel, required)),
		nil, nil, f.scroll)
}

// newEntry makes a field's entry: Enter saves, Esc leaves, and each change
// updates the form.
func (f *participantForm) newEntry(field, hint string) *keyEntry {
	e := newKeyEntry(hint)
	e.OnSubmitted = func(string) { f.onSave() }
	e.OnChanged = func(string) { f.onChange(field) }
	e.onFocus = func() { f.closeChoicesBut(field) }
	bindKeys(map[fyne.KeyName]func(){fyne.KeyEscape: f.onEscape}, e)
	if field != data.FieldRank {
		f.entries[field] = e
	}
	return e
}

// newCaseOffer is the suggestion under a name's entry that writes the
// name, typed in lower case, as passports do; hidden until then.
func (f *participantForm) newCaseOffer(field string, e *keyEntry) *suggestion {
	offer := newSuggestion(func() {
		if written, ok := data.PassportCase(strings.TrimSpace(e.Text)); ok {
			e.SetText(written)
		}
		f.d.u.win.Canvas().Focus(e)
	})
	offer.Hide()
	f.cases[field] = offer
	return offer
}

// offerCases shows, under each name typed in lower case, how passports
// write it; true when it offers any.
func (f *participantForm) offerCases() bool {
	offered := false
	for field, b := range f.cases {
		written, ok := data.PassportCase(strings.TrimSpace(f.entries[field].Text))
		if !ok {
			b.Hide()
			continue
		}
		b.SetText(lang.L("Write it as on passports: {{.Name}}", map[string]any{"Name": written}))
		b.Show()
		offered = true
	}
	return offered
}

// photoView is the form's photo: the one chosen, or the one held, with
// the button that chooses a file; a file dropped on the window does too.
func (f *participantForm) photoView() fyne.CanvasObject {
	f.photoFrame = container.NewGridWrap(fyne.NewSize(90, 120), photoOf(nil, errNoPhoto))
	if f.editing != nil && f.editing.HasPhoto {
		held := &photoSlot{frame: container.NewStack()}
		held.load(&f.work, f.d.u.store, f.editing.ID)
		f.photoFrame.Objects = []fyne.CanvasObject{held.frame}
	}
	choose := &widget.Button{Text: lang.L("Choose a photo…"), Icon: theme.FileImageIcon(),
		OnTapped: touching(func() { f.d.u.chooseFile(photoFiles, f.takePhoto) })}
	hint := &widget.Label{Text: lang.L("or drop a JPEG or PNG file on the window"), SizeName: theme.SizeNameCaptionText}
	return container.NewHBox(f.photoFrame, container.NewVBox(choose, hint))
}

// errNoPhoto shows the frame without a photo.
var errNoPhoto = errors.New("no photo")

// takePhoto checks and scales the picture file at path as the photo the
// participant is saved with, or says why it is refused.
func (f *participantForm) takePhoto(path string) {
	prepared, err := photo.Read(filepath.Dir(path), filepath.Base(path))
	if err == nil {
		prepared, err = photo.Prepare(prepared)
	}
	if err != nil {
		f.photoProblem.SetText(say(photo.Reason(err)))
		f.photoProblem.Show()
		return
	}
	f.photo = prepared
	f.photoProblem.Hide()
	f.photoFrame.Objects = []fyne.CanvasObject{photoOf(prepared, nil)}
	f.photoFrame.Refresh()
}

// closeChoicesBut puts away the countries offered under the fields other
// than field, whose entry took the focus.
func (f *participantForm) closeChoicesBut(field string) {
	if field != data.FieldNationality {
		f.nationality.close()
	}
	if field != data.FieldDelegation {
		f.delegation.close()
	}
}

// onEscape leaves the form, asking first when something was typed.
func (f *participantForm) onEscape() { f.leave(f.d.onCancelForm) }

// leave runs then, after asking whether to throw away what was typed
// when the form holds anything but what it was opened with.
func (f *participantForm) leave(then func()) {
	if f.input() == f.initial && f.photo == nil {
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
	f.d.u.showConfirm(ask)
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
	f.category.SetSelected(categoryText(f.d.category(in.Category)))
	values := map[string]string{data.FieldTitle: in.Title, data.FieldGivenName: in.GivenName, data.FieldFamilyName: in.FamilyName,
		data.FieldNativeName: in.NativeName, data.FieldOrganization: in.Organization, data.FieldMediaOutlet: in.MediaOutlet,
		data.FieldPosition: in.Position, data.FieldEmail: in.Email, data.FieldDocumentNumber: in.DocumentNumber,
		data.FieldDateOfBirth: in.DateOfBirth, data.FieldPlaceOfBirth: in.PlaceOfBirth, data.FieldConsent: in.ConsentOn}
	for field, v := range values {
		f.entries[field].SetText(v)
	}
	f.nationality.fill(in.Nationality)
	f.delegation.fill(in.Delegation)
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
	values[data.FieldDelegation], values[data.FieldOrgKind] = in.Delegation, in.OrganizationKind
	for field, v := range values {
		f.opened[field] = v != ""
	}
	f.opened[data.FieldHead] = in.HeadOfDelegation
	f.opened[data.FieldRank] = in.Rank > 0
}

func (f *participantForm) focusFirst() {
	given := f.entries[data.FieldGivenName]
	given.CursorColumn = len([]rune(given.Text)) // typing goes on after what the search filled in
	f.d.u.win.Canvas().Focus(given)
}

// chosenCategory is the category chosen, or none.
func (f *participantForm) chosenCategory() data.Category {
	if i := f.category.SelectedIndex(); i >= 0 && i < len(f.d.categories) {
		return f.d.categories[i]
	}
	return data.Category{}
}

// onChange follows a change to field (none when the form opens): it shows
// the fields of the category chosen and marks those it requires, shows the
// name as the badge prints it, and takes away the problems put right.
func (f *participantForm) onChange(field string) {
	if !f.ready {
		return
	}
	f.d.u.touch()
	cat := f.chosenCategory()
	required := map[string]bool{}
	for _, r := range cat.RequiredFields() {
		required[r] = true
	}
	for name, r := range f.rows {
		r.show(formShows(name, cat, f.clearance) || f.opened[name])
		if r.required != required[name] {
			r.setRequired(required[name])
		}
	}
	f.offerCases()
	in := f.input().Normalize()
	f.preview.SetText("")
	if in.GivenName != "" || in.FamilyName != "" {
		p := data.Participant{GivenName: in.GivenName, FamilyName: in.FamilyName, Nationality: in.Nationality}
		f.preview.SetText(lang.L("On the badge: {{.Name}}", map[string]any{"Name": p.BadgeName()}))
	}
	f.clearFixed(field, in)
}

// clearFixed takes away the problems shown that are put right: those the
// fields' checks no longer find, and those of hidden fields. A problem the
// store found goes once its field changes.
func (f *participantForm) clearFixed(changed string, in data.ParticipantInput) {
	still := map[string]string{}
	for _, fe := range data.ErrorFields(in.Validate(f.d.categories)) {
		if _, ok := still[fe.Field]; !ok {
			still[fe.Field] = say(fe.Reason)
		}
	}
	left := 0
	for field, l := range f.problems {
		if !l.Visible() {
			continue
		}
		reason, wrong := still[field]
		switch {
		case !f.rows[field].visible(), !wrong && (!f.storeSaid || field == changed):
			l.SetText("")
			l.Hide()
			continue
		case wrong:
			l.SetText(reason)
		}
		left++
	}
	if left == 0 && f.notice.Importance == widget.DangerImportance {
		f.notice.SetText("")
	}
}

// input is what the form holds, in the fields shown.
func (f *participantForm) input() data.ParticipantInput {
	text := func(field string) string {
		switch {
		case !f.rows[field].visible():
			return ""
		case field == data.FieldNationality:
			return f.nationality.value()
		case field == data.FieldDelegation:
			return f.delegation.value()
		}
		return f.entries[field].Text
	}
	in := data.ParticipantInput{
		Title: text(data.FieldTitle), GivenName: text(data.FieldGivenName),
		FamilyName: text(data.FieldFamilyName), NativeName: text(data.FieldNativeName),
		Nationality: text(data.FieldNationality), Delegation: text(data.FieldDelegation),
		Organization: text(data.FieldOrganization), MediaOutlet: text(data.FieldMediaOutlet),
		Position: text(data.FieldPosition), Email: text(data.FieldEmail),
		DocumentNumber: text(data.FieldDocumentNumber), HeadOfDelegation: f.head.Checked && f.rows[data.FieldHead].visible(),
		DateOfBirth: text(data.FieldDateOfBirth), PlaceOfBirth: text(data.FieldPlaceOfBirth),
		ConsentOn: text(data.FieldConsent),
	}
	in.Category = f.chosenCategory().Code
	if i := f.orgKind.SelectedIndex(); i >= 0 && f.rows[data.FieldOrgKind].visible() {
		in.OrganizationKind = data.OrgKinds[i]
	}
	if i := f.gender.SelectedIndex(); i > 0 {
		in.Gender = data.Genders[i-1]
	}
	in.Rank = -1 // refused with the reason under the field, unless it reads well
	if rank, ok := data.ParseRank(f.rank.Text); ok {
		in.Rank = rank
	}
	if !f.rows[data.FieldRank].visible() {
		in.Rank = 0
	}
	if f.editing != nil {
		in.Version = f.editing.Rev // a save over another desk's newer change is refused
	}
	return in
}

// readClearance reads in the background whether the event requires
// security clearance, and shows or hides the date and place of birth
// when the answer differs from the one the form opened with.
func (f *participantForm) readClearance() {
	store := f.d.u.store
	storeJob(&f.work, context.Background(), readTimeout, store.Settings, func(settings []data.Setting, err error) {
		required := clearanceRequired(settings, err)
		f.d.clearance = required
		if required != f.clearance && f.d.form == f {
			f.clearance = required
			f.onChange("")
		}
	})
}

// onSave saves the participant typed, after the offer of capitals and the
// warning of possible duplicates. The duplicates are looked for and the
// participant saved in the background, the button greyed and the notice
// saying "Saving…" meanwhile; a failed look for duplicates is said, and
// saves nothing. A change of who an approved, cleared or printed person
// is asks first.
func (f *participantForm) onSave() {
	if f.saving {
		return
	}
	in := f.input()
	f.closeChoicesBut("")
	f.showProblems(nil, false)
	if err := in.Normalize().Validate(f.d.categories); err != nil {
		f.showProblems(err, false)
		return
	}
	var selfID int64
	if f.editing != nil {
		selfID = f.editing.ID
	}
	if f.offerCases() && (f.caseShownFor == nil || *f.caseShownFor != in) {
		f.caseShownFor = &in
		f.notice.Importance = widget.WarningImportance
		f.notice.SetText(lang.L("Passports write names with capitals: click the suggestion under the name, or press Enter again to keep it as typed."))
		return
	}
	lookForDups := f.dupsShownFor == nil || *f.dupsShownFor != in
	f.startSaving()
	actor, store, editing, photo := f.d.u.actor(), f.d.u.store, f.editing, f.photo
	f.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, changeTimeout)
		defer cancel()
		var dups []data.Participant
		if lookForDups {
			var err error
			if dups, err = store.Duplicates(ctx, in, selfID); err != nil { // unchecked, nothing is saved
				return func() { f.doneSaving(); f.showLookFailed(err) }
			}
		}
		if len(dups) > 0 && !slices.ContainsFunc(dups, in.SameDocument) {
			return func() { f.doneSaving(); f.showPossibleDuplicates(in, dups) }
		}
		var p data.Participant
		var err error
		if editing == nil {
			p, err = store.CreateParticipant(ctx, in)
		} else {
			p, err = store.UpdateParticipant(ctx, editing.ID, in)
		}
		var photoErr error
		if err == nil {
			p, photoErr = attachChosenPhoto(ctx, store, p, photo)
		}
		return func() {
			f.doneSaving()
			switch {
			case data.IsIdentityChange(err):
				f.askIdentity(in, err)
			case err != nil:
				f.showProblems(err, true) // the same document: the store says whose it is
				f.showDuplicates(dups)
			default:
				f.saved(p, photoErr)
			}
		}
	})
}

// startSaving greys the form's button while a save runs in the background.
func (f *participantForm) startSaving() {
	f.saving = true
	f.save.Disable()
	f.notice.Importance = widget.MediumImportance
	f.notice.SetText(lang.L("Saving…"))
}

// doneSaving gives the form back once a save has answered.
func (f *participantForm) doneSaving() {
	f.saving = false
	f.save.Enable()
	f.notice.SetText("")
}

// attachChosenPhoto keeps photo, the one chosen in the form (nil for
// none), as the photo of p, saved just before.
func attachChosenPhoto(ctx context.Context, store *data.Store, p data.Participant, photo []byte) (data.Participant, error) {
	if photo == nil {
		return p, nil
	}
	err := store.SetPhoto(ctx, p.ID, photo)
	if err == nil {
		p.HasPhoto = true
	}
	return p, err
}

// showLookFailed says that possible duplicates could not be looked for,
// and why; nothing was saved.
func (f *participantForm) showLookFailed(err error) {
	f.notice.Importance = widget.DangerImportance
	f.notice.SetText(lang.L("Possible duplicates could not be looked for: {{.Reason}}", map[string]any{"Reason": problemText(err)}) + " " +
		lang.L("Nothing was saved."))
}

// showPossibleDuplicates warns that in may be someone already registered,
// and offers them; saving the same again saves anyway.
func (f *participantForm) showPossibleDuplicates(in data.ParticipantInput, dups []data.Participant) {
	f.dupsShownFor = &in
	f.notice.Importance = widget.WarningImportance
	f.notice.SetText(lang.L("This may be someone already registered. Open them to check, or press Enter again to save anyway."))
	f.showDuplicates(dups)
}

// askIdentity asks before saving a change of who someone approved, cleared
// or printed is, err the store's refusal naming who they were and would
// become; confirmed, the change is saved in the background and they go
// back to pending.
func (f *participantForm) askIdentity(in data.ParticipantInput, err error) {
	changes := data.IdentityChanges(err)
	text := lang.L("{{.Field}} changes who this person is.", map[string]any{"Field": fieldWord(changes[0].Field)}) + "\n\n" + say(changes[0].Reason)
	ask := dialog.NewCustomConfirm(lang.L("Change who this person is?"), lang.L("Change and send back to pending"), lang.L("Cancel"),
		&widget.Label{Text: text, Wrapping: fyne.TextWrapWord}, func(yes bool) {
			if !yes || f.saving {
				return
			}
			f.startSaving()
			actor, store, id, photo := f.d.u.actor(), f.d.u.store, f.editing.ID, f.photo
			f.work.run(func() func() {
				ctx, cancel := context.WithTimeout(actor, changeTimeout)
				defer cancel()
				p, err := store.ChangeIdentity(ctx, id, in)
				var photoErr error
				if err == nil {
					p, photoErr = attachChosenPhoto(ctx, store, p, photo)
				}
				return func() {
					f.doneSaving()
					if err != nil {
						f.showProblems(err, true)
						return
					}
					f.saved(p, photoErr)
					f.d.details.say(lang.L("Saved. They are registered again and wait for a new approval (and, where the event requires it, the host country's clearance); a badge printed before no longer works."), widget.WarningImportance, nil)
				}
			})
		}, f.d.u.win)
	ask.Resize(fyne.NewSize(560, 280))
	ask.Show()
	f.d.u.answerKeys(func() {}, ask.Dismiss) // Enter, which saved the form, does not confirm: a second Enter changes nobody
}

// saved opens the record just saved, saying what went wrong with its
// photo, and offers a new badge when the one printed shows details now
// out of date.
func (f *participantForm) saved(p data.Participant, photoErr error) {
	f.d.openRecord(p)
	if photoErr != nil { // the participant is saved: the photo can be attached again from the details
		f.d.details.say(problemText(photoErr), widget.DangerImportance, nil)
	}
	if f.editing != nil && hasBadge(p.Status) {
		if changed := badgeChanges(f.editing.Input().Normalize(), p.Input().Normalize()); len(changed) > 0 {
			f.d.details.offerReprint(p, changed)
		}
	}
}

// showDuplicates offers to open each of dups, who may be the person typed.
func (f *participantForm) showDuplicates(dups []data.Participant) {
	for _, o := range dups {
		f.dups.Add(participantButton(o, func() { f.leave(func() { f.d.openRecord(o) }) }))
	}
}

// badgeFields are the details printed large on a badge, by which the
// door and the desk know its holder.
var badgeFields = []string{data.FieldTitle, data.FieldGivenName, data.FieldFamilyName, data.FieldNativeName, data.FieldCategory,
	data.FieldDelegation, data.FieldOrganization, data.FieldMediaOutlet}

// badgeChanges names the badge's details that differ between before and after.
func badgeChanges(before, after data.ParticipantInput) []string {
	value := func(in data.ParticipantInput, field string) string {
		return map[string]string{data.FieldTitle: in.Title, data.FieldGivenName: in.GivenName, data.FieldFamilyName: in.FamilyName,
			data.FieldNativeName: in.NativeName, data.FieldCategory: in.Category, data.FieldDelegation: in.Delegation,
			data.FieldOrganization: in.Organization, data.FieldMediaOutlet: in.MediaOutlet}[field]
	}
	var changed []string
	for _, field := range badgeFields {
		if value(before, field) != value(after, field) {
			changed = append(changed, field)
		}
	}
	return changed
}

// hasBadge reports whether a participant of status s has a badge printed
// (in their hands, or waiting at the desk).
func hasBadge(s data.Status) bool { return s == data.StatusPrinted || s == data.StatusCollected }

// showProblems puts each problem of err under its field; nil clears them.
// byStore says the store found them rather than the fields' checks.
func (f *participantForm) showProblems(err error, byStore bool) {
	for _, l := range f.problems {
		l.SetText("")
		l.Hide()
	}
	f.storeSaid = byStore
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
		if l, ok := f.problems[fe.Field]; ok && !l.Visible() {
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
// name and the words before it as the given names, written as on
// passports when searched in lower case.
func fromSearch(text string) map[string]string {
	words := strings.Fields(text)
	switch {
	case len(words) == 0:
		return nil
	case strings.ContainsAny(text, "0123456789"):
		return map[string]string{data.FieldDocumentNumber: strings.Join(words, "")}
	}
	last := len(words) - 1
	given, _ := data.PassportCase(strings.Join(words[:last], " "))
	family, _ := data.PassportCase(words[last])
	return map[string]string{data.FieldFamilyName: family, data.FieldGivenName: given}
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
	case data.FieldZones:
		return lang.L("Zones")
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
