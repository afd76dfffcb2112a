package app

import (
	"context"
	"fmt"
	"os"
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
	editing    string // the code of the session in the form; empty for a new one

	code, title, room, starts, ends, capacity, categories, early, invited *widget.Entry
	kind                                                                  *widget.Select
	invitation, exits                                                     *widget.Check
	problem                                                               *widget.Label
	warning                                                               *widget.Label // sessions sharing a room at one time
	save, add                                                             *widget.Button

	zone *widget.Entry // the access zone a badge must carry; empty for none

	watching bool   // the attendance is being read again while the screen is shown
	work     worker // reads it in the background
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
	g.list.OnSelected = func(i widget.ListItemID) { g.edit(g.attendance[i].Session) }
	for _, e := range []**widget.Entry{&g.code, &g.title, &g.room, &g.starts, &g.ends, &g.capacity, &g.categories, &g.early, &g.invited, &g.zone} {
		*e = &widget.Entry{}
	}
	g.starts.PlaceHolder, g.ends.PlaceHolder = "2025-10-25 14:00", "2025-10-25 17:00"
	g.capacity.PlaceHolder = lang.L("No limit")
	g.zone.PlaceHolder = lang.L("None (or a zone's number)")
	g.categories.PlaceHolder = lang.L("All categories (or: delegate vip …)")
	g.kind = &widget.Select{Options: data.SessionKinds}
	g.invitation = widget.NewCheck(lang.L("Only invited participants"), nil)
	g.invited.MultiLine = true
	g.invited.Wrapping = fyne.TextWrapWord
	g.invited.PlaceHolder = lang.L("Badge numbers of the invited, separated by spaces")
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
		widget.NewFormItem(lang.L("Invited"), g.invited),
		widget.NewFormItem("", g.exits),
		widget.NewFormItem(lang.L("Door opens (minutes before)"), g.early),
	)
	g.save = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: g.onSave}
	g.add = &widget.Button{Text: lang.L("New session"), Icon: theme.ContentAddIcon(), OnTapped: func() { g.edit(data.Session{Kind: data.KindSeminar, EarlyMinutes: 30}) }}
	imp := &widget.Button{Text: lang.L("Import programme…"), Icon: theme.UploadIcon(), OnTapped: g.onImport}
	export := &widget.Button{Text: lang.L("Station file for this session…"), Icon: theme.DownloadIcon(), OnTapped: g.onExportStation}
	merge := &widget.Button{Text: lang.L("Merge a station's scans…"), Icon: theme.MailReplyAllIcon(), OnTapped: g.onMergeStation}
	g.u.onlyFor(data.RoleAdmin, g.save, g.add, imp)
	g.u.onlyFor(data.RoleDoor, export, merge)
	left := container.NewBorder(container.NewVBox(container.NewHBox(g.add, imp), container.NewHBox(export, merge)), nil, nil, nil, g.list)
	right := container.NewVScroll(container.NewVBox(form, g.problem, g.warning, g.save))
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	g.reload()
	g.edit(data.Session{Kind: data.KindSeminar, EarlyMinutes: 30})
	return split
}

// reload reads the programme and its attendance again.
func (g *programme) reload() {
	report, err := g.u.store.AttendanceReport(context.Background())
	if err != nil {
		g.problem.SetText(problemText(err))
		return
	}
	g.attendance = report
	g.list.Refresh()
}

func (g *programme) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(g.attendance) {
		return
	}
	a := g.attendance[i]
	s := a.Session
	lines := o.(*fyne.Container).Objects
	lines[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s", s.Code, s.Title))
	capacity := lang.L("no limit")
	if s.Capacity > 0 {
		capacity = strconv.Itoa(s.Capacity)
	}
	lines[1].(*widget.Label).SetText(lang.L("{{.When}} · {{.Room}} · {{.Present}} in / {{.Capacity}} · {{.Admitted}} admitted · {{.Refused}} refused",
		map[string]any{"When": s.Starts.Format("02/01 15:04") + "–" + s.Ends.Format("15:04"), "Room": s.Room, "Present": a.Present,
			"Capacity": capacity, "Admitted": a.Admitted, "Refused": a.Refused}))
}

// edit puts a session in the form.
func (g *programme) edit(s data.Session) {
	g.editing = s.Code
	g.code.SetText(s.Code)
	g.title.SetText(s.Title)
	g.kind.SetSelected(s.Kind)
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
	g.invited.SetText("")
	if s.ID != 0 {
		ids, _ := g.u.store.Invitations(context.Background(), s.ID)
		numbers := make([]string, len(ids))
		for i, id := range ids {
			numbers[i] = data.BadgeNumber(id)
		}
		g.invited.SetText(strings.Join(numbers, " "))
	}
	g.problem.SetText("")
	g.warning.SetText("")
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
	s := data.Session{Code: strings.TrimSpace(g.code.Text), Title: strings.TrimSpace(g.title.Text), Kind: g.kind.Selected,
		Room: strings.TrimSpace(g.room.Text), Categories: strings.Fields(strings.ToLower(g.categories.Text)),
		InvitationOnly: g.invitation.Checked, RecordsExits: g.exits.Checked}
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

func (g *programme) onSave() {
	s, problems := g.form()
	if len(problems) > 0 {
		g.problem.SetText(strings.Join(problems, "\n"))
		return
	}
	if g.editing != "" && !strings.EqualFold(g.editing, s.Code) && slices.ContainsFunc(g.attendance, func(a data.Attendance) bool {
		return strings.EqualFold(a.Session.Code, s.Code)
	}) {
		g.problem.SetText(lang.L("Another session has this code."))
		return
	}
	invited, bad := data.ParseBadgeNumbers(g.invited.Text)
	if bad != "" {
		g.problem.SetText(lang.L("Invited") + ": " + lang.L("{{.Value}} is not a badge number.", map[string]any{"Value": bad}))
		return
	}
	if _, err := g.u.store.SaveSession(g.u.actor(), s, invited); err != nil {
		g.problem.SetText(problemText(err))
		return
	}
	g.editing = s.Code
	g.problem.SetText("")
	g.reload()
	g.warnOverlaps([]data.Session{s})
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

// importFile reads a programme file and saves it, all or nothing.
func (g *programme) importFile(path string) {
	ctx := g.u.actor()
	cats, _ := g.u.store.Categories(ctx)
	sessions, err := roster.ReadProgramme(path, g.u.event.Location(), cats)
	if err == nil {
		_, _, err = g.u.store.SaveSessions(ctx, sessions)
	}
	if err != nil {
		g.problem.SetText(problemText(err))
		return
	}
	g.problem.SetText("")
	g.reload()
	g.warnOverlaps(sessions)
}

// onExportStation saves a station file for the session in the form, for a
// door that works without the network.
func (g *programme) onExportStation() {
	s, err := g.u.store.Session(context.Background(), g.editing)
	if g.editing == "" || err != nil {
		g.problem.SetText(lang.L("Choose a session in the list first."))
		return
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // the dialog made it; the station file is written whole
		g.exportStation(s, path)
	}, g.u.win)
	save.SetFileName(s.Code + ".station")
	save.Show()
}

func (g *programme) exportStation(s data.Session, path string) {
	if err := g.u.store.ExportStation(g.u.actor(), path, []int64{s.ID}); err != nil {
		g.problem.SetText(problemText(err))
		return
	}
	g.problem.SetText(lang.L("Station file written: {{.Path}}. Open it with Accred on the door's laptop; merge its scans back afterwards.", map[string]any{"Path": path}))
}

// onMergeStation brings a station file's scans back.
func (g *programme) onMergeStation() { g.u.chooseFile(nil, g.mergeStation) }

func (g *programme) mergeStation(path string) {
	added, err := g.u.store.MergeStation(g.u.actor(), path)
	if err != nil {
		g.problem.SetText(problemText(err))
		return
	}
	g.problem.SetText(lang.N("{{.Count}} new scan merged.", added, map[string]any{"Count": added}))
	g.reload()
}
