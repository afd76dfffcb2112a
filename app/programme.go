package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/roster"
)

// programme lists the sessions with their attendance, and edits them.
type programme struct {
	u          *ui
	attendance []data.Attendance
	list       *widget.List
	editing    string       // the code of the session in the form; empty for a new one
	current    data.Session // the session in the form as saved; ID 0 for a new one
	clean      string       // the form as shown or saved: anything else is an edit

	code, title, room, starts, ends, capacity, categories, early *widget.Entry
	kind                                                         *widget.Select
	invitation, exits                                            *widget.Check
	problem                                                      *widget.Label // what saving said: saved, or why not
	warning                                                      *widget.Label // sessions sharing a room at one time
	save, add, cancel, remove                                    *widget.Button

	invited []data.Participant // the invitation list, by name
	// invitedErr is why the invitation list could not be read, if it could
	// not: Save then refuses, rather than save the list as empty.
	invitedErr error
	invite     *widget.Entry   // a name typed finds people to invite
	found      *fyne.Container // those found, each offered to invite
	list2      *fyne.Container // the invited, each with a button that takes them off

	zone *widget.Entry // the access zone a badge must carry; empty for none

	watching bool   // the attendance is being read again while the screen is shown
	work     worker // reads it in the background
	finds    int    // names typed to invite; an answer to an earlier one is dropped
	// later runs f on the interface's goroutine after a while.
	later func(wait time.Duration, f func())
}

func newProgramme(u *ui) *programme { return &programme{u: u, later: later} }

// onShown runs when the programme's tab is chosen: the attendance is read
// at once, then every two seconds while the tab stays chosen, so that the
// doors' counts move on it.
func (g *programme) onShown() {
	g.reload()
	if !g.watching {
		g.watching = true
		g.watch()
	}
}

func (g *programme) watch() {
	g.later(watchEvery, func() {
		if g.u.tabs.Selected() != g.u.tab(tabProgramme) {
			g.watching = false
			return
		}
		g.work.run(func() func() {
			ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
			defer cancel()
			report, err := g.u.store.AttendanceReport(ctx)
			return func() {
				if err == nil {
					g.attendance = report
					g.list.Refresh()
				}
				g.watch()
			}
		})
	})
}

func (g *programme) buildUI() fyne.CanvasObject {
	g.list = widget.NewList(func() int { return len(g.attendance) }, func() fyne.CanvasObject {
		return container.NewVBox(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
			&widget.Label{SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis})
	}, g.updateRow)
	g.list.OnSelected = g.onChoose
	for _, e := range []**widget.Entry{&g.code, &g.title, &g.room, &g.starts, &g.ends, &g.capacity, &g.categories, &g.early, &g.zone} {
		*e = &widget.Entry{}
	}
	g.starts.PlaceHolder, g.ends.PlaceHolder = "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM"
	g.capacity.PlaceHolder = lang.L("No limit")
	g.zone.PlaceHolder = lang.L("None (or a zone's number)")
	g.categories.PlaceHolder = lang.L("All categories (or: delegate vip …)")
	g.kind = &widget.Select{Options: kindTexts()}
	g.invitation = widget.NewCheck(lang.L("Only invited participants"), nil)
	g.invite = &widget.Entry{PlaceHolder: lang.L("Type a name to find someone to invite")}
	g.invite.OnChanged = g.onFind
	g.found, g.list2 = container.NewVBox(), container.NewVBox()
	g.exits = widget.NewCheck(lang.L("The door scans people out too"), nil)
	g.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	g.warning = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Code"), g.code),
		widget.NewFormItem(lang.L("Session title"), g.title),
		widget.NewFormItem(lang.L("Kind"), g.kind),
		widget.NewFormItem(lang.L("Room"), g.room),
		widget.NewFormItem(lang.L("Starts"), g.starts),
		widget.NewFormItem(lang.L("Ends"), g.ends),
		widget.NewFormItem(lang.L("Capacity"), g.capacity),
		widget.NewFormItem(lang.L("Who may enter"), g.categories),
		widget.NewFormItem(lang.L("Zone required"), g.zone),
		widget.NewFormItem("", g.invitation),
		widget.NewFormItem(lang.L("Invited"), container.NewVBox(g.list2, g.invite, g.found)),
		widget.NewFormItem("", g.exits),
		widget.NewFormItem(lang.L("Door opens (minutes before)"), g.early),
	)
	g.save = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: g.onSave}
	g.add = &widget.Button{Text: lang.L("New session"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		g.leave(func() { g.list.UnselectAll(); g.edit(data.Session{Kind: data.KindSeminar, EarlyMinutes: 30}) }, nil)
	}}
	g.cancel = &widget.Button{Text: lang.L("Cancel the session…"), Icon: theme.CancelIcon(), OnTapped: g.onCancel}
	g.remove = &widget.Button{Text: lang.L("Delete the session…"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: g.onDelete}
	imp := &widget.Button{Text: lang.L("Import programme…"), Icon: theme.UploadIcon(), OnTapped: g.onImport}
	export := &widget.Button{Text: lang.L("Station file for this session…"), Icon: theme.DownloadIcon(), OnTapped: g.onExportStation}
	merge := &widget.Button{Text: lang.L("Merge a station's scans…"), Icon: theme.MailReplyAllIcon(), OnTapped: g.onMergeStation}
	g.u.onlyFor(data.RoleAdmin, g.save, g.add, imp, g.cancel, g.remove)
	g.u.onlyFor(data.RoleDoor, export, merge)
	left := container.NewBorder(container.NewVBox(container.NewHBox(g.add, imp), container.NewHBox(export, merge)), nil, nil, nil, g.list)
	// Save and what it said stay in sight below the form, however long.
	right := container.NewBorder(nil, container.NewVBox(g.problem, g.warning, container.NewHBox(g.save, g.cancel, g.remove)), nil, nil,
		newWheelScroll(form))
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	g.reload()
	g.edit(data.Session{Kind: data.KindSeminar, EarlyMinutes: 30})
	return split
}

// reload reads the programme and its attendance again in the background,
// then does what comes after, if anything, once they are shown.
func (g *programme) reload(after ...func()) {
	storeJob(&g.work, context.Background(), readTimeout, g.u.store.AttendanceReport, func(report []data.Attendance, err error) {
		if err != nil {
			g.problem.SetText(problemText(err))
			return
		}
		g.attendance = report
		g.list.Refresh()
		for _, f := range after {
			f()
		}
	})
}

func (g *programme) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(g.attendance) {
		return
	}
	a := g.attendance[i]
	s := a.Session
	lines := o.(*fyne.Container).Objects
	title := fmt.Sprintf("%s · %s", s.Code, s.Title)
	if s.Cancelled {
		title = lang.L("{{.Session}} (cancelled)", map[string]any{"Session": title})
	}
	lines[0].(*widget.Label).SetText(title)
	capacity := lang.L("no limit")
	if s.Capacity > 0 {
		capacity = number(s.Capacity)
	}
	lines[1].(*widget.Label).SetText(lang.L("{{.When}} · {{.Room}} · {{.Present}} in / {{.Capacity}} · {{.Admitted}} admitted · {{.Refused}} refused",
		map[string]any{"When": s.Starts.Format("02/01 15:04") + "–" + s.Ends.Format("15:04"), "Room": s.Room, "Present": number(a.Present),
			"Capacity": capacity, "Admitted": number(a.Admitted), "Refused": number(a.Refused)}))
}

// edit puts a session in the form.
func (g *programme) edit(s data.Session) {
	g.editing, g.current = s.Code, s
	g.code.SetText(s.Code)
	g.title.SetText(s.Title)
	g.kind.SetSelected(kindText(s.Kind))
	g.room.SetText(s.Room)
	g.starts.SetText(formatSessionTime(s.Starts))
	g.ends.SetText(formatSessionTime(s.Ends))
	g.capacity.SetText("")
	if s.Capacity > 0 {
		g.capacity.SetText(strconv.Itoa(s.Capacity))
	}
	g.categories.SetText(strings.Join(s.Categories, " "))
	g.zone.SetText("")
	if s.Zone != 0 {
		g.zone.SetText(strconv.Itoa(s.Zone))
	}
	g.invitation.SetChecked(s.InvitationOnly)
	g.exits.SetChecked(s.RecordsExits)
	g.early.SetText(strconv.Itoa(s.EarlyMinutes))
	g.invited, g.invitedErr = nil, nil
	g.invite.SetText("")
	g.problem.SetText("")
	g.warning.SetText("")
	if s.ID != 0 {
		g.invitedErr = errStillReading // Save waits for the list
		g.readInvited(s)
	}
	g.showInvited()
	g.cancel.SetText(lang.L("Cancel the session…"))
	if s.Cancelled {
		g.cancel.SetText(lang.L("Take the cancellation back"))
	}
	for _, b := range []*widget.Button{g.cancel, g.remove} {
		if s.ID == 0 || !g.u.can(data.RoleAdmin) {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	g.clean = g.snapshot()
}

// errStillReading stands for an invitation list being read: shown as
// such, and Save waits for it.
var errStillReading = errors.New("still reading")

// readInvited reads the invitation list of s, being edited, in the
// background, then shows it, unless another session took the form
// meanwhile.
func (g *programme) readInvited(s data.Session) {
	store := g.u.store
	storeJob(&g.work, context.Background(), readTimeout, func(ctx context.Context) ([]data.Participant, error) {
		return invitedOf(ctx, store, s.ID)
	}, func(list []data.Participant, err error) {
		if g.current.ID != s.ID || g.invitedErr != errStillReading {
			return // another session chosen meanwhile
		}
		g.invited, g.invitedErr = list, err
		if err != nil {
			g.say(problemText(err), widget.DangerImportance)
		}
		g.showInvited()
		g.clean = g.snapshot()
	})
}

// invitedOf reads a session's invitation list, by name.
func invitedOf(ctx context.Context, store *data.Store, id int64) ([]data.Participant, error) {
	ids, err := store.Invitations(ctx, id)
	if err != nil {
		return nil, err
	}
	list := make([]data.Participant, 0, len(ids))
	for _, id := range ids {
		p, err := store.Participant(ctx, id)
		if err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, nil
}

// say shows what saving or a change did, in its colour.
func (g *programme) say(text string, importance widget.Importance) {
	g.problem.Importance = importance
	g.problem.SetText(text)
}

// snapshot is the form as a string, to tell whether it was edited.
func (g *programme) snapshot() string {
	fields := []string{g.code.Text, g.title.Text, g.kind.Selected, g.room.Text, g.starts.Text, g.ends.Text, g.capacity.Text, g.categories.Text,
		g.zone.Text, strconv.FormatBool(g.invitation.Checked), strconv.FormatBool(g.exits.Checked), g.early.Text}
	for _, p := range g.invited {
		fields = append(fields, strconv.FormatInt(p.ID, 10))
	}
	return strings.Join(fields, "\x00")
}

// edited reports whether the form holds changes not saved.
func (g *programme) edited() bool { return g.snapshot() != g.clean }

// onChoose puts the session chosen in the list in the form, once the
// person has agreed to drop the edits of the one there.
func (g *programme) onChoose(i widget.ListItemID) {
	if i >= len(g.attendance) || g.attendance[i].Session.ID == g.current.ID && g.current.ID != 0 && g.invitedErr == nil {
		return // chosen again, it is read again only when its invitation list could not be
	}
	chosen := g.attendance[i].Session
	g.leave(func() { g.edit(chosen) }, func() {
		if j := g.indexOf(g.current.ID); j >= 0 {
			g.list.Select(j)
		} else {
			g.list.UnselectAll()
		}
	})
}

// leave runs next once the form's edits may be dropped: at once when there
// are none, else when the person agrees; stay runs when they do not.
func (g *programme) leave(next, stay func()) {
	if !g.edited() {
		next()
		return
	}
	name := g.current.Code
	if name == "" {
		name = lang.L("the new session")
	}
	ask := dialog.NewConfirm(lang.L("Drop your changes?"), lang.L("The changes to {{.Session}} are not saved. Drop them?", map[string]any{"Session": name}),
		func(drop bool) {
			if drop {
				next()
			} else if stay != nil {
				stay()
			}
		}, g.u.win)
	ask.SetConfirmText(lang.L("Drop the changes"))
	ask.SetDismissText(lang.L("Keep editing"))
	ask.Show()
}

// indexOf is the list's row of the session with id, or -1.
func (g *programme) indexOf(id int64) int {
	return slices.IndexFunc(g.attendance, func(a data.Attendance) bool { return a.Session.ID == id })
}

// onFind lists the participants whose names match what is typed, to invite.
func (g *programme) onFind(text string) {
	g.found.RemoveAll()
	if len(strings.TrimSpace(text)) < 2 {
		g.found.Refresh()
		return
	}
	g.finds++
	asked, store := g.finds, g.u.store
	type found struct {
		people []data.Participant
		total  int
	}
	storeJob(&g.work, context.Background(), readTimeout, func(ctx context.Context) (found, error) {
		people, total, err := store.FindParticipants(ctx, data.ParticipantFilter{Query: text, Limit: maxFound})
		return found{people, total}, err
	}, func(f found, err error) {
		if asked == g.finds { // else overtaken by more typing
			g.showFound(f.people, f.total, err)
		}
	})
}

// showFound offers to invite the people found, or says why none could be.
func (g *programme) showFound(people []data.Participant, total int, err error) {
	if err != nil {
		g.found.Add(&widget.Label{Text: problemText(err), Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord})
	}
	for _, p := range people {
		if slices.ContainsFunc(g.invited, func(q data.Participant) bool { return q.ID == p.ID }) {
			continue
		}
		g.found.Add(&widget.Button{Text: lang.L("Invite {{.Person}}", map[string]any{"Person": personText(p)}), Icon: theme.ContentAddIcon(),
			Alignment: widget.ButtonAlignLeading, OnTapped: func() { g.addInvited(p) }})
	}
	if total > len(people) {
		g.found.Add(&widget.Label{Text: lang.N("{{.Count}} more: type more of the name.", total-len(people), map[string]any{"Count": number(total - len(people))}),
			Importance: widget.LowImportance})
	}
	if len(people) == 0 && err == nil {
		g.found.Add(&widget.Label{Text: lang.L("Nobody found."), Importance: widget.LowImportance})
	}
	g.found.Refresh()
}

// maxFound is how many people a name typed offers to invite.
const maxFound = 6

// personText names a participant as the lists do, with their affiliation
// and badge number.
func personText(p data.Participant) string {
	return p.ListName() + " · " + affiliationText(p.Affiliation) + " · " + p.BadgeNumber()
}

func (g *programme) addInvited(p data.Participant) {
	g.invited = append(g.invited, p)
	g.invite.SetText("")
	g.showInvited()
}

// showInvited lists the invited by name, each with a button that takes
// them off the list.
func (g *programme) showInvited() {
	g.list2.RemoveAll()
	switch {
	case g.invitedErr == errStillReading:
		g.list2.Add(&widget.Label{Text: lang.L("Reading…"), Importance: widget.LowImportance})
	case g.invitedErr != nil:
		g.list2.Add(&widget.Label{Text: lang.L("The invitation list cannot be read: {{.Problem}}", map[string]any{"Problem": problemText(g.invitedErr)}),
			Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord})
	case len(g.invited) == 0:
		g.list2.Add(&widget.Label{Text: lang.L("Nobody invited yet."), Importance: widget.LowImportance})
	}
	for _, p := range g.invited {
		off := &widget.Button{Icon: theme.ContentRemoveIcon(), Importance: widget.LowImportance, OnTapped: func() {
			g.invited = slices.DeleteFunc(g.invited, func(q data.Participant) bool { return q.ID == p.ID })
			g.showInvited()
		}}
		g.list2.Add(container.NewBorder(nil, nil, nil, off, &widget.Label{Text: personText(p), Truncation: fyne.TextTruncateEllipsis}))
	}
	g.list2.Refresh()
}

// kindTexts are the session kinds in the station's language, in
// data.SessionKinds' order.
func kindTexts() []string {
	texts := make([]string, len(data.SessionKinds))
	for i, k := range data.SessionKinds {
		texts[i] = kindText(k)
	}
	return texts
}

// kindText names a session kind in the station's language.
func kindText(kind string) string {
	switch kind {
	case data.KindCeremony:
		return lang.L("Ceremony")
	case data.KindPlenary:
		return lang.L("Plenary")
	case data.KindSeminar:
		return lang.L("Seminar")
	case data.KindSideEvent:
		return lang.L("Side event")
	case data.KindMeeting:
		return lang.L("Closed meeting")
	}
	return kind
}

func formatSessionTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(data.SessionTimeLayout)
}

// form reads the session in the form; problems of form are said at once.
func (g *programme) form() (data.Session, []string) {
	loc := g.u.event.Location()
	s := data.Session{ID: g.current.ID, Code: strings.TrimSpace(g.code.Text), Title: strings.TrimSpace(g.title.Text), Kind: g.current.Kind,
		Room: strings.TrimSpace(g.room.Text), Categories: strings.Fields(strings.ToLower(g.categories.Text)),
		InvitationOnly: g.invitation.Checked, RecordsExits: g.exits.Checked}
	if i := g.kind.SelectedIndex(); i >= 0 {
		s.Kind = data.SessionKinds[i]
	}
	var problems []string
	var err error
	if s.Starts, err = time.ParseInLocation(data.SessionTimeLayout, strings.TrimSpace(g.starts.Text), loc); err != nil {
		problems = append(problems, lang.L("Starts")+": "+lang.L("Give the start and end as YYYY-MM-DD HH:MM."))
	}
	if s.Ends, err = time.ParseInLocation(data.SessionTimeLayout, strings.TrimSpace(g.ends.Text), loc); err != nil {
		problems = append(problems, lang.L("Ends")+": "+lang.L("Give the start and end as YYYY-MM-DD HH:MM."))
	}
	if c := strings.TrimSpace(g.capacity.Text); c != "" {
		if s.Capacity, err = strconv.Atoi(c); err != nil || s.Capacity <= 0 {
			problems = append(problems, lang.L("Capacity")+": "+lang.L("The capacity is a number of seats, or empty for no limit."))
		}
	}
	if z := strings.TrimSpace(g.zone.Text); z != "" {
		if s.Zone, err = strconv.Atoi(z); err != nil || s.Zone < 1 || s.Zone > data.MaxZone {
			problems = append(problems, lang.L("Zone required")+": "+lang.L("The zone is a number from 1 to 99, or empty for none."))
		}
	}
	if s.EarlyMinutes, err = strconv.Atoi(strings.TrimSpace(g.early.Text)); err != nil {
		problems = append(problems, lang.L("The door opens 0 to 240 minutes before the start."))
	}
	return s, problems
}

// onSave saves the session in the form, a rename when its code changed,
// and says so; what kept it from being saved is said instead, and an
// overlap said before is said again only if it still holds.
func (g *programme) onSave() {
	g.warning.SetText("")
	s, problems := g.form()
	if len(problems) > 0 {
		g.say(strings.Join(problems, "\n"), widget.DangerImportance)
		return
	}
	if g.invitedErr == errStillReading {
		g.say(lang.L("Reading…"), widget.MediumImportance)
		return
	}
	if g.invitedErr != nil {
		g.say(lang.L("Not saved: the invitation list of {{.Session}} could not be read, and saving would empty it. Choose the session again.",
			map[string]any{"Session": g.current.Code}), widget.DangerImportance)
		return
	}
	invited := make([]int64, len(g.invited))
	for i, p := range g.invited {
		invited[i] = p.ID
	}
	store := g.u.store
	g.save.Disable()
	storeJob(&g.work, g.u.actor(), changeTimeout, func(ctx context.Context) (data.Session, error) {
		return store.SaveSession(ctx, s, invited)
	}, func(saved data.Session, err error) {
		g.save.Enable()
		if err != nil {
			g.say(problemText(err), widget.DangerImportance)
			return
		}
		g.reload(func() {
			g.edit(saved)
			if i := g.indexOf(saved.ID); i >= 0 {
				g.list.Select(i)
			}
			g.say(lang.L("{{.Session}} is saved.", map[string]any{"Session": saved.Code}), widget.SuccessImportance)
			g.warnOverlaps([]data.Session{saved})
		})
	})
}

// onCancel asks, then cancels the session in the form, or takes its
// cancellation back: it stays in the programme and the history, and its
// doors refuse entries as cancelled.
func (g *programme) onCancel() {
	x := g.current
	question := lang.L("Cancel {{.Session}}? It stays in the programme and in the history; its doors refuse every entry, saying it is cancelled.", map[string]any{"Session": x.Code})
	if x.Cancelled {
		question = lang.L("Take back the cancellation of {{.Session}}? Its doors admit people again, by its rules.", map[string]any{"Session": x.Code})
	}
	dialog.ShowConfirm(lang.L("Cancel the session?"), question, func(yes bool) {
		if !yes {
			return
		}
		store := g.u.store
		g.change(func(ctx context.Context) error { return store.CancelSession(ctx, x.ID, !x.Cancelled) }, func() {
			if i := g.indexOf(x.ID); i >= 0 {
				g.edit(g.attendance[i].Session)
			}
			done := lang.L("{{.Session}} is cancelled: its doors refuse every entry.", map[string]any{"Session": x.Code})
			if x.Cancelled {
				done = lang.L("{{.Session}} is no longer cancelled.", map[string]any{"Session": x.Code})
			}
			g.say(done, widget.SuccessImportance)
		})
	}, g.u.win)
}

// onDelete asks, then deletes the session in the form: only one whose
// doors recorded no scan; another is to be cancelled.
func (g *programme) onDelete() {
	x, store := g.current, g.u.store
	storeJob(&g.work, context.Background(), readTimeout, func(ctx context.Context) (int, error) {
		return store.SessionScans(ctx, x.ID)
	}, func(scans int, err error) { g.askDelete(x, scans, err) })
}

// askDelete asks before deleting x, whose doors recorded scans (or which
// could not be told, for err), then deletes it.
func (g *programme) askDelete(x data.Session, scans int, err error) {
	switch {
	case err != nil:
		g.say(problemText(err), widget.DangerImportance)
		return
	case scans > 0:
		g.say(lang.N("{{.Session}} cannot be deleted: its doors have recorded {{.Count}} scan. Cancel it instead: it stays in the history.", scans,
			map[string]any{"Session": x.Code, "Count": number(scans)}), widget.DangerImportance)
		return
	}
	dialog.ShowConfirm(lang.L("Delete the session?"), lang.L("Delete {{.Session}} and its invitation list? The history keeps that it was there.", map[string]any{"Session": x.Code}), func(yes bool) {
		if !yes {
			return
		}
		store := g.u.store
		g.change(func(ctx context.Context) error { return store.DeleteSession(ctx, x.ID) }, func() {
			g.list.UnselectAll()
			g.edit(data.Session{Kind: data.KindSeminar, EarlyMinutes: 30})
			g.say(lang.L("{{.Session}} is deleted.", map[string]any{"Session": x.Code}), widget.SuccessImportance)
		})
	}, g.u.win)
}

// change makes a change to the programme in the background, then reads
// the programme again and does done; what kept it from being made is said
// instead.
func (g *programme) change(do func(ctx context.Context) error, done func()) {
	storeJob(&g.work, g.u.actor(), changeTimeout, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, do(ctx)
	}, func(_ struct{}, err error) {
		if err != nil {
			g.say(problemText(err), widget.DangerImportance)
			return
		}
		g.reload(done)
	})
}

// warnOverlaps says which of the changed sessions share a room, at the same
// time, with another session. It is a warning: nothing is refused.
func (g *programme) warnOverlaps(changed []data.Session) {
	var lines []string
	programme := make([]data.Session, len(g.attendance))
	for i, a := range g.attendance {
		programme[i] = a.Session
	}
	for _, o := range data.Overlaps(programme, changed) {
		lines = append(lines, lang.L("{{.First}} and {{.Second}} are both in {{.Room}} at the same time ({{.FirstTime}} and {{.SecondTime}}).",
			map[string]any{"First": o.First.Code, "Second": o.Second.Code, "Room": o.First.Room,
				"FirstTime":  o.First.Starts.Format("02/01 15:04") + "–" + o.First.Ends.Format("15:04"),
				"SecondTime": o.Second.Starts.Format("02/01 15:04") + "–" + o.Second.Ends.Format("15:04")}))
	}
	g.warning.SetText(strings.Join(lines, "\n"))
}

func (g *programme) onImport() { g.u.chooseFile(tableFiles, g.importFile) }

// importFile reads a programme file and saves it, all or nothing, in the
// background.
func (g *programme) importFile(path string) {
	store, loc := g.u.store, g.u.event.Location()
	g.warning.SetText("")
	g.say(lang.L("Reading {{.Path}}…", map[string]any{"Path": path}), widget.MediumImportance)
	storeJob(&g.work, g.u.actor(), changeTimeout, func(ctx context.Context) ([]data.Session, error) {
		cats, err := store.Categories(ctx)
		var sessions []data.Session
		if err == nil {
			sessions, err = roster.ReadProgramme(path, loc, cats)
		}
		if err == nil {
			_, _, err = store.SaveSessions(ctx, sessions)
		}
		return sessions, err
	}, func(sessions []data.Session, err error) {
		if err != nil {
			g.say(problemText(err), widget.DangerImportance)
			return
		}
		g.say(lang.N("{{.Count}} session imported.", len(sessions), map[string]any{"Count": number(len(sessions))}), widget.SuccessImportance)
		g.reload(func() { g.warnOverlaps(sessions) })
	})
}

// onExportStation saves a station file for the session in the form, for a
// door that works without the network.
func (g *programme) onExportStation() {
	if g.editing == "" {
		g.problem.SetText(lang.L("Choose a session in the list first."))
		return
	}
	code, store := g.editing, g.u.store
	storeJob(&g.work, context.Background(), readTimeout, func(ctx context.Context) (data.Session, error) {
		return store.Session(ctx, code)
	}, func(s data.Session, err error) {
		if err != nil {
			g.problem.SetText(lang.L("Choose a session in the list first."))
			return
		}
		g.u.askNewFile(lang.L("Station file for {{.Session}}", map[string]any{"Session": s.Code}), nil, s.Code+".station", func(path string) {
			g.exportStation(s, path)
		})
	})
}

func (g *programme) exportStation(s data.Session, path string) {
	store := g.u.store
	storeJob(&g.work, g.u.actor(), changeTimeout, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, store.ExportStation(ctx, path, []int64{s.ID})
	}, func(_ struct{}, err error) {
		if err != nil {
			g.problem.SetText(problemText(err))
			return
		}
		g.problem.SetText(lang.L("Station file written: {{.Path}}. Open it with Accred on the door's laptop; merge its scans back afterwards.", map[string]any{"Path": path}))
	})
}

// onMergeStation brings a station file's scans back.
func (g *programme) onMergeStation() { g.u.chooseFile(nil, g.mergeStation) }

func (g *programme) mergeStation(path string) {
	store := g.u.store
	storeJob(&g.work, g.u.actor(), changeTimeout, func(ctx context.Context) (int, error) {
		return store.MergeStation(ctx, path)
	}, func(added int, err error) {
		if err != nil {
			g.problem.SetText(problemText(err))
			return
		}
		g.problem.SetText(lang.N("{{.Count}} new scan merged.", added, map[string]any{"Count": added}))
		g.reload()
	})
}
