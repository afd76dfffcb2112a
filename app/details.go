package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/country"
)

// details shows one participant at the desk, with what can be done next.
type details struct {
	d       *desk
	message *widget.Label
	undo    *widget.Button // takes back the last status change, for a short while
	reprint *widget.Button // replaces a badge whose printed details were corrected
	name    *widget.Label  // the participant's name, for tests and screen readers
	zones   *widget.Label  // the zones the participant's badge lets them into
	cleared *widget.Label  // the participant's security clearance, where the event requires it
	// nomination is the delegation's or organisation's nomination, or that
	// it has none yet; nil for those who need none.
	nomination *widget.Label
	saveLetter *widget.Button // saves the nomination's letter; nil with nomination
	// changeZones changes the participant's zones, once they are read.
	changeZones *widget.Button
	buttons     *fyne.Container // what can be done with the participant, always in sight
	dups        *fyne.Container // others who may be the same person, once looked for
	// rulings are the buttons whose action the rulebook decides, and why
	// says, above the buttons, why the rulebook refuses each one greyed.
	rulings []ruling
	why     *widget.Label
	read    detailsRead // what was read in the background for the participant shown
	builds  int         // counts builds, so that a late reading fills only its own
	work    worker
}

// detailsRead is what the details read in the background, off the
// interface's goroutine.
type detailsRead struct {
	zones      []data.Zone       // the event's zones
	own        []data.ZoneChange // the participant's own changes to their category's
	nomination data.Nomination
	nominated  bool                     // the affiliation has a nomination
	decisions  map[data.Action]decision // the rulebook's answers for the ruled buttons
}

// readTimeout bounds how long the details wait for the database.
const readTimeout = 5 * time.Second

func newDetails(d *desk) *details {
	v := &details{d: d, message: &widget.Label{Wrapping: fyne.TextWrapWord}}
	v.undo = &widget.Button{Text: lang.L("Undo"), Icon: theme.ContentUndoIcon()}
	v.undo.Hide()
	v.reprint = &widget.Button{Text: lang.L("Print a new badge"), Icon: theme.ContentCopyIcon(), Importance: widget.WarningImportance}
	v.reprint.Hide()
	return v
}

// empty is what the right side shows when nobody is chosen.
func (v *details) empty() fyne.CanvasObject {
	hint := &widget.Label{Text: lang.L("Find a participant on the left, or press F3 to register someone new."),
		Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 80), hint))
}

// say shows a short message under the actions, in the colour of what
// happened, with an Undo button beside it when undo is not nil.
func (v *details) say(text string, importance widget.Importance, undo func()) {
	v.message.Importance = importance
	v.message.SetText(text)
	v.undo.OnTapped = undo
	if undo == nil {
		v.undo.Hide()
	} else {
		v.undo.Show()
	}
	v.reprint.Hide()
}

// busy greys the actions offered while a change runs in the background,
// and returns what offers them again.
func (v *details) busy() (enable func()) {
	var greyed []*widget.Button
	if v.buttons != nil {
		for _, o := range v.buttons.Objects {
			if b, ok := o.(*widget.Button); ok && !b.Disabled() {
				b.Disable()
				greyed = append(greyed, b)
			}
		}
	}
	return func() {
		for _, b := range greyed {
			b.Enable()
		}
	}
}

// offerReprint warns that the badge p holds shows details since corrected
// (the fields named by changed) and offers to replace it, the correction
// given as the reason.
func (v *details) offerReprint(p data.Participant, changed []string) {
	labels := make([]string, len(changed))
	for i, f := range changed {
		labels[i] = fieldLabel(f)
	}
	fields := strings.Join(labels, ", ")
	v.say(lang.L("The badge {{.Name}} holds still shows the old {{.Fields}}: it is out of date. Print a new one?",
		map[string]any{"Name": p.ListName(), "Fields": fields}), widget.WarningImportance, nil)
	v.reprint.OnTapped = func() { v.replace(p, lang.L("Details corrected: {{.Fields}}", map[string]any{"Fields": fields})) }
	v.reprint.Show()
	v.applyRulings()
}

func (v *details) build(p data.Participant) fyne.CanvasObject {
	v.builds++
	v.read = detailsRead{}
	cat := v.d.category(p.Category)
	v.say("", widget.MediumImportance, nil)
	v.name = &widget.Label{Text: p.ListName(), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Wrapping: fyne.TextWrapWord}
	header := container.NewVBox(v.name)
	if p.NativeName != "" {
		header.Add(&widget.Label{Text: p.NativeName, SizeName: theme.SizeNameSubHeadingText})
	}
	band := canvas.NewRectangle(cat.RGB())
	band.SetMinSize(fyne.NewSize(10, 34))
	catLabel := &widget.Label{Text: categoryText(cat), TextStyle: fyne.TextStyle{Bold: true}}
	status := &widget.Label{Text: statusLabel(p.Status), TextStyle: fyne.TextStyle{Bold: true}, Importance: statusImportance(p.Status)}
	header.Add(container.NewHBox(band, catLabel, widget.NewSeparator(), status))

	nat, _ := country.Lookup(p.Nationality)
	facts := widget.NewForm(
		widget.NewFormItem(lang.L("Badge number"), widget.NewLabel(p.BadgeNumber())),
		widget.NewFormItem(lang.L("Nationality"), widget.NewLabel(nat.Name(currentLanguage()))),
		widget.NewFormItem(lang.L("Affiliation"), &widget.Label{Text: affiliationText(p.Affiliation), Wrapping: fyne.TextWrapWord}),
		widget.NewFormItem(lang.L("Position"), &widget.Label{Text: p.Position, Wrapping: fyne.TextWrapWord}),
		widget.NewFormItem(lang.L("Passport or ID"), widget.NewLabel(p.DocumentNumber)),
		widget.NewFormItem(lang.L("E-mail"), widget.NewLabel(p.Email)),
	)
	if p.HeadOfDelegation {
		facts.Append(lang.L("Role"), widget.NewLabel(lang.L("Head of delegation")))
	}
	v.nomination, v.saveLetter = nil, nil
	if needsNomination(p.Affiliation) {
		v.nomination = &widget.Label{Text: "…", Wrapping: fyne.TextWrapWord}
		v.saveLetter = &widget.Button{Text: lang.L("Save the nomination letter…"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { v.askSaveLetter(p) }}
		v.saveLetter.Disable()
		facts.Append(lang.L("Nomination"), valueAndButton(v.nomination, v.saveLetter))
	}
	v.zones = &widget.Label{Text: "…", Wrapping: fyne.TextWrapWord}
	v.changeZones = &widget.Button{Text: lang.L("Change zones…"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { v.askZones(p) }}
	v.changeZones.Disable()
	facts.Append(lang.L("Zones"), valueAndButton(v.zones, v.changeZones))
	if born := strings.TrimSpace(p.DateOfBirth + " " + p.PlaceOfBirth); born != "" {
		facts.Append(lang.L("Born"), &widget.Label{Text: born, Wrapping: fyne.TextWrapWord})
	}
	consent := p.ConsentOn
	if consent == "" {
		consent = lang.L("Not recorded")
	}
	facts.Append(lang.L("Consent given on"), widget.NewLabel(consent))
	v.cleared = nil
	if p.Clearance != "" {
		facts.Append(lang.L("Security clearance"), v.clearanceView(p))
	}
	facts.Append(lang.L("Since"), widget.NewLabel(p.StatusAt.In(v.d.u.event.Location()).Format("2006-01-02 15:04")))
	if p.Invitation != 0 {
		facts.Append(lang.L("Registered by"), &widget.Label{Text: lang.L("the focal point, at the nominations portal (invitation {{.Number}})",
			map[string]any{"Number": p.Invitation}), Wrapping: fyne.TextWrapWord})
	}

	top := container.NewBorder(nil, nil, nil, v.photo(p), container.NewVBox(header, facts))
	// What happened with its Undo, then the actions, stay in sight below
	// the details, however far they run; the actions, at the foot, never
	// move, whatever is said above them.
	said := container.NewBorder(nil, nil, nil, container.NewHBox(v.reprint, v.undo), v.message)
	v.dups = container.NewVBox()
	body := container.NewVBox(top, v.dups, widget.NewSeparator(), v.history(p))
	v.rulings = nil
	v.why = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	v.load(p)
	v.buttons = v.actions(p)
	v.applyRulings()
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), said, v.why, v.buttons), nil, nil, newWheelScroll(body))
}

// valueAndButton shows a detail's value with the button that acts on it
// below, so that a long button's text in some language never squeezes the
// value into a column of single letters.
func valueAndButton(value *widget.Label, button *widget.Button) fyne.CanvasObject {
	return container.NewVBox(value, container.NewHBox(button))
}

// load reads the participant's zones, their affiliation's nomination,
// who may be the same person and the rulebook's answers for the buttons in
// the background, then shows them, unless
// another participant (or a new build) took the details' place meanwhile.
func (v *details) load(p data.Participant) {
	store, build := v.d.u.store, v.builds
	v.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
		defer cancel()
		var r detailsRead
		var zonesErr, nominationErr error
		if r.zones, zonesErr = store.Zones(ctx); zonesErr == nil {
			_, r.own, zonesErr = store.ParticipantZones(ctx, p)
		}
		if needsNomination(p.Affiliation) {
			r.nomination, r.nominated, nominationErr = store.Nomination(ctx, p.Affiliation.ID)
		}
		dups, dupsErr := store.Duplicates(ctx, p.Input(), p.ID)
		r.decisions = decide(ctx, store, p.ID)
		return func() {
			if v.builds != build {
				return
			}
			v.showDuplicates(dups, dupsErr)
			v.read = r
			v.applyRulings()
			if zonesErr != nil {
				v.zones.SetText(problemText(zonesErr))
			} else {
				v.zones.SetText(zonesText(r.zones, p, r.own))
				v.changeZones.Enable()
			}
			if v.nomination != nil {
				v.nomination.SetText(nominationText(r.nomination, r.nominated, nominationErr))
				if r.nomination.FileSize > 0 {
					v.saveLetter.Enable()
				}
			}
		}
	})
}

// needsNomination reports whether those who come with a are accredited on
// its nomination: a delegation's or an organisation's, not a media outlet's.
func needsNomination(a data.Affiliation) bool {
	return a.Kind == data.AffiliationDelegation || a.Kind == data.AffiliationOrganization
}

// nominationText is an affiliation's nomination by reference and date, or
// that it has none yet.
func nominationText(n data.Nomination, ok bool, err error) string {
	switch {
	case err != nil:
		return problemText(err)
	case !ok:
		return lang.L("No nomination yet")
	}
	return lang.L("{{.Reference}} of {{.Date}}", map[string]any{"Reference": n.Reference, "Date": n.Date})
}

// clearanceText words a participant's clearance for the desk, which shows a
// refusal as such to admins only, and to others as "not accredited".
func clearanceText(c data.Clearance, admin bool) string {
	switch {
	case c == data.ClearanceCleared:
		return lang.L("Cleared")
	case c == data.ClearanceRefused && admin:
		return lang.L("Refused by the host country's security service")
	case c == data.ClearanceRefused:
		return lang.L("Not accredited")
	}
	return lang.L("Clearance pending")
}

// zonesText names the zones a participant has, by number and name.
func zonesText(zones []data.Zone, p data.Participant, own []data.ZoneChange) string {
	var names []string
	for _, z := range zones {
		if data.HasZone(z, p.Category, own) {
			names = append(names, fmt.Sprintf("%d %s", z.Code, z.Name))
		}
	}
	if len(names) == 0 {
		return lang.L("No zone")
	}
	return strings.Join(names, " · ")
}

// photo is the participant's photo, read in the background, with the
// buttons that attach or remove one.
func (v *details) photo(p data.Participant) fyne.CanvasObject {
	buttons := container.NewVBox(&widget.Button{Text: lang.L("Attach photo…"), Icon: theme.FileImageIcon(), OnTapped: func() { v.onAttachPhoto(p) }})
	if p.HasPhoto {
		buttons.Add(&widget.Button{Text: lang.L("Remove photo…"), Icon: theme.DeleteIcon(), OnTapped: func() { v.onRemovePhoto(p) }})
	}
	v.d.u.onlyFor(data.RoleDesk, buttons.Objects...)
	slot := &photoSlot{frame: container.NewStack()}
	slot.load(&v.work, v.d.u.store, p.ID)
	return container.NewBorder(nil, buttons, nil, nil, container.NewGridWrap(fyne.NewSize(150, 200), slot.frame))
}

// onRemovePhoto asks, then removes a participant's photo (a wrong one
// attached, or one they ask to have removed).
func (v *details) onRemovePhoto(p data.Participant) {
	ask := dialog.NewConfirm(lang.L("Remove the photo of {{.Name}}?", map[string]any{"Name": p.ListName()}),
		lang.L("A badge printed already keeps it; the next one is printed without."), func(remove bool) {
			if !remove {
				return
			}
			store := v.d.u.store
			change(v.d, func(ctx context.Context) (struct{}, error) {
				return struct{}{}, store.RemovePhoto(ctx, p.ID)
			}, func(_ struct{}, err error) {
				if err != nil {
					v.d.u.showError(err)
					return
				}
				v.showAgain(p, nil)
			})
		}, v.d.u.win)
	ask.SetConfirmText(lang.L("Remove"))
	v.d.u.showConfirm(ask)
}

// photoOf shows a photo read, or the frame that says there is none, or
// that it cannot be read: a failed read is never taken for no photo.
func photoOf(jpeg []byte, err error) fyne.CanvasObject {
	if err == nil {
		pic := canvas.NewImageFromReader(bytes.NewReader(jpeg), "photo.jpg")
		pic.FillMode = canvas.ImageFillContain
		return pic
	}
	say := &widget.Label{Text: lang.L("No photo"), Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	if err != errNoPhoto && data.ErrorCode(err) != data.ENOTFOUND {
		say.Text, say.Importance = lang.L("The photo cannot be read: {{.Problem}}", map[string]any{"Problem": problemText(err)}), widget.DangerImportance
	}
	frame := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	return container.NewStack(frame, container.NewCenter(say))
}

// showDuplicates warns of others who may be the same person, or says why
// they could not be looked for.
func (v *details) showDuplicates(dups []data.Participant, err error) {
	v.dups.RemoveAll()
	switch {
	case err != nil:
		v.dups.Add(&widget.Label{Text: lang.L("Possible duplicates could not be looked for: {{.Reason}}", map[string]any{"Reason": problemText(err)}),
			Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord})
	case len(dups) > 0:
		v.dups.Add(&widget.Label{Text: lang.L("Possible duplicate — check before handing over a badge:"), Importance: widget.WarningImportance, TextStyle: fyne.TextStyle{Bold: true}})
		for _, o := range dups {
			v.dups.Add(participantButton(o, func() { v.d.show(o) }))
		}
	}
}

// participantButton names someone by badge number, name and status, and
// opens them with open.
func participantButton(p data.Participant, open func()) *widget.Button {
	return &widget.Button{Text: fmt.Sprintf("%s · %s · %s", p.BadgeNumber(), p.ListName(), statusLabel(p.Status)),
		Importance: widget.WarningImportance, OnTapped: open}
}

// actions are the buttons for what can be done with p. Each has its place
// whatever the status, greyed when it does not apply, so that a second
// click lands on a button that does nothing rather than on the next step.
func (v *details) actions(p data.Participant) *fyne.Container {
	var buttons []fyne.CanvasObject
	role := data.RoleDesk
	add := func(text string, icon fyne.Resource, importance widget.Importance, possible bool, fn func()) *widget.Button {
		if !v.d.u.can(role) {
			return nil // not this operator's to do: not shown
		}
		b := &widget.Button{Text: text, Icon: icon, Importance: importance, OnTapped: touching(fn)}
		if !possible {
			b.Disable()
		}
		buttons = append(buttons, b)
		return b
	}
	s := p.Status
	add(lang.L("Edit")+"  [F2]", theme.DocumentCreateIcon(), widget.MediumImportance, true, v.d.onEdit)
	// The rulebook's buttons wait for its answers (applyRulings).
	v.rule(data.ActionApprove, lang.L("Approve"), add(lang.L("Approve")+"  [F5]", theme.ConfirmIcon(), widget.HighImportance, false,
		func() { v.d.onStatus(data.StatusApproved, "") }))
	v.rule(data.ActionCollect, lang.L("Badge handed over"), add(lang.L("Badge handed over")+"  [F6]", theme.ConfirmIcon(), widget.SuccessImportance, false,
		v.d.askCollect))
	role = data.RolePrinting
	v.rule(data.ActionReprint, lang.L("Replace lost badge…"), add(lang.L("Replace lost badge…"), theme.ContentCopyIcon(), widget.WarningImportance, false,
		func() { v.onReplace(p) }))
	v.rule(data.ActionReprint, lang.L("Print a new badge"), v.reprint)
	role = data.RoleDesk
	add(lang.L("Register again"), theme.ViewRefreshIcon(), widget.MediumImportance, s == data.StatusRejected || s == data.StatusWithdrawn,
		func() { v.d.onStatus(data.StatusRegistered, "") })
	add(lang.L("Reject…")+"  [F8]", theme.CancelIcon(), widget.DangerImportance, s.CanBecome(data.StatusRejected),
		func() { v.d.askStatus(data.StatusRejected) })
	add(lang.L("Withdraw…"), theme.DeleteIcon(), widget.LowImportance, s.CanBecome(data.StatusWithdrawn),
		func() { v.d.askStatus(data.StatusWithdrawn) })
	add(lang.L("Approve whole delegation"), theme.ConfirmIcon(), widget.MediumImportance, needsNomination(p.Affiliation),
		func() { v.askApproveDelegation(p) })
	add(lang.L("Delegation's badges…"), theme.MailSendIcon(), widget.MediumImportance,
		p.Affiliation.ID != 0 && (s == data.StatusPrinted || s == data.StatusCollected), func() { v.askHandover(p) })
	// Three a row, as wide as the widest text in the language shown, every
	// row counted in the height asked for: none is cut off.
	return container.NewGridWithColumns(3, buttons...)
}

// onReplace asks why a badge is replaced, then makes the old one invalid:
// the participant waits for a new badge at the printing station.
func (v *details) onReplace(p data.Participant) {
	reason := newKeyEntry(lang.L("Lost, damaged, name corrected …"))
	ask := dialog.NewForm(lang.L("Replace the badge of {{.Name}}", map[string]any{"Name": p.ListName()}), lang.L("Replace"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Reason"), reason)}, func(ok bool) {
			if !ok {
				return
			}
			v.replace(p, reason.Text)
		}, v.d.u.win)
	v.d.u.showForm(ask, reason)
}

// replace makes p's badge invalid, for reason, and tells that a new one
// waits at the printing station.
func (v *details) replace(p data.Participant, reason string) {
	store := v.d.u.store
	change(v.d, func(ctx context.Context) (data.Participant, error) {
		return store.Reprint(ctx, p.ID, reason)
	}, func(updated data.Participant, err error) {
		if err != nil {
			v.say(problemText(err), widget.DangerImportance, nil)
			return
		}
		v.showUpdated(updated)
		v.say(lang.L("The old badge no longer works. Print the new one at the printing station (badge {{.Number}}).", map[string]any{"Number": updated.BadgeNumber()}), widget.SuccessImportance, nil)
	})
}

func (v *details) onAttachPhoto(p data.Participant) {
	v.d.u.chooseFile(photoFiles, func(path string) { v.attachPhoto(p, path) })
}

// attachPhoto checks, scales and keeps a picture file as the participant's
// photo, in the background.
func (v *details) attachPhoto(p data.Participant, path string) {
	store := v.d.u.store
	change(v.d, func(ctx context.Context) (struct{}, error) {
		raw, err := readAtMost(path, 16<<20)
		if err == nil {
			err = store.SetPhoto(ctx, p.ID, raw)
		}
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		if err != nil {
			v.d.u.showError(err)
			return
		}
		v.showAgain(p, nil)
	})
}

// readAtMost reads a file, refusing one larger than limit bytes.
func readAtMost(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// statusLabel names a status in the person's language.
func statusLabel(s data.Status) string {
	switch s {
	case data.StatusRegistered:
		return lang.L("Registered")
	case data.StatusApproved:
		return lang.L("Approved")
	case data.StatusPrinted:
		return lang.L("Badge printed")
	case data.StatusCollected:
		return lang.L("Badge collected")
	case data.StatusRejected:
		return lang.L("Rejected")
	case data.StatusWithdrawn:
		return lang.L("Withdrawn")
	}
	return string(s)
}

func statusImportance(s data.Status) widget.Importance {
	switch s {
	case data.StatusApproved, data.StatusPrinted, data.StatusCollected:
		return widget.SuccessImportance
	case data.StatusRejected, data.StatusWithdrawn:
		return widget.DangerImportance
	}
	return widget.WarningImportance
}

// affiliationText is whom a participant comes with, in the person's language.
func affiliationText(a data.Affiliation) string {
	if a.Kind == data.AffiliationDelegation {
		if c, ok := country.Lookup(a.Country); ok {
			return lang.L("Delegation of {{.Country}}", map[string]any{"Country": c.Name(currentLanguage())})
		}
	}
	return a.Name
}
