package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/data/roster"
	"accred/resources"
)

// settings is where a station is given its idle lock;
// where the event's name, days, time zone, badge languages, logo and
// categories are changed; where the database is backed up and restored;
// and where an admin manages the operators.
type settings struct {
	u         *ui
	idle      *widget.Entry
	operators *operatorsView

	name       *widget.Entry
	rename     *widget.Button
	starts     *widget.Entry
	ends       *widget.Entry
	setDays    *widget.Button
	zone       *widget.SelectEntry
	setZone    *widget.Button
	languages  *widget.Entry
	setLangs   *widget.Button
	symbol     *widget.Entry
	setSymbol  *widget.Button // saves the document symbol, once it is read
	logo       *canvas.Image
	chooseLogo *widget.Button
	dropLogo   *widget.Button

	categories  *categoryEditor
	zones       *zoneEditor
	restore     *restorer
	requests    *widget.Button           // writes the security service's request file
	backup      *widget.Button           // backs the database up now
	notes       map[string]*widget.Label // what happened, beside each part's button, by part
	status      *widget.Label            // the note of the part last acted on
	scroll      *container.Scroll
	work        worker
	stationFile bool // a door's station file: only the station's settings, the event is changed at the desk
}

func newSettings(u *ui) *settings { return &settings{u: u} }

// The parts of the settings that say what happened beside their button.
const (
	noteStation    = "station"
	noteName       = "name"
	noteDays       = "days"
	noteZone       = "zone"
	noteLanguages  = "languages"
	noteLogo       = "logo"
	noteSymbol     = "symbol"
	noteCategories = "categories"
	noteBackup     = "backup"
	noteZones      = "zones"
	noteClearance  = "clearance"
)

// note is the part's note, made at its first use: hidden until it has
// something to say.
func (s *settings) note(part string) *widget.Label {
	if l, ok := s.notes[part]; ok {
		return l
	}
	l := &widget.Label{Wrapping: fyne.TextWrapWord}
	l.Hide()
	s.notes[part] = l
	return l
}

// withNote puts the part's note under what it is about.
func (s *settings) withNote(part string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(o, s.note(part))
}

// at makes the part's note the one that says what happens next.
func (s *settings) at(part string) { s.status = s.note(part) }

func (s *settings) buildUI() fyne.CanvasObject {
	ev := s.u.event
	s.notes = map[string]*widget.Label{}
	s.status = s.note(noteStation)
	if s.stationFile {
		return container.NewVBox(heading(lang.L("This station")), s.withNote(noteStation, s.stationForm()), widget.NewForm(
			widget.NewFormItem(lang.L("Event"), widget.NewLabel(ev.Name)),
			widget.NewFormItem(lang.L("Database"), &widget.Label{Text: s.u.dbPath, Wrapping: fyne.TextWrapBreak})))
	}
	s.name = &widget.Entry{Text: ev.Name}
	s.rename = &widget.Button{Text: lang.L("Rename"), OnTapped: s.onRename}
	s.name.OnSubmitted = func(string) { s.onRename() }
	s.starts = &widget.Entry{Text: ev.Starts.Format(data.DateLayout), PlaceHolder: "YYYY-MM-DD"}
	s.ends = &widget.Entry{Text: ev.Ends.Format(data.DateLayout), PlaceHolder: "YYYY-MM-DD"}
	s.setDays = &widget.Button{Text: lang.L("Change the days"), OnTapped: s.onDays}
	s.zone = newZoneEntry(ev.Timezone)
	s.setZone = &widget.Button{Text: lang.L("Change the time zone"), OnTapped: s.onZone}
	s.languages = &widget.Entry{Text: strings.Join(ev.Languages, " "), PlaceHolder: lang.L("One or two language codes, such as en fr")}
	s.setLangs = &widget.Button{Text: lang.L("Change the languages"), OnTapped: s.onLanguages}
	s.logo = &canvas.Image{FillMode: canvas.ImageFillContain}
	s.logo.SetMinSize(fyne.NewSize(64, 64))
	s.chooseLogo = &widget.Button{Text: lang.L("Choose a logo…"), Icon: theme.FolderOpenIcon(), OnTapped: s.onChooseLogo}
	s.dropLogo = &widget.Button{Text: lang.L("Use Accred's logo"), OnTapped: func() { s.setLogo(nil) }}
	s.showLogo()
	s.symbol = &widget.Entry{PlaceHolder: lang.L("Such as UNEP/EA.7/INF/1; printed on the List of Participants")}
	s.setSymbol = &widget.Button{Text: lang.L("Change the document symbol"), OnTapped: s.onSymbol}
	s.readSymbol()

	event := widget.NewForm(
		widget.NewFormItem(lang.L("Event"), s.withNote(noteName, container.NewBorder(nil, nil, nil, s.rename, s.name))),
		widget.NewFormItem(lang.L("Dates"), s.withNote(noteDays, container.NewBorder(nil, nil, nil, s.setDays, container.NewGridWithColumns(2, s.starts, s.ends)))),
		widget.NewFormItem(lang.L("Time zone"), s.withNote(noteZone, container.NewBorder(nil, nil, nil, s.setZone, s.zone))),
		widget.NewFormItem(lang.L("Badge languages"), s.withNote(noteLanguages, container.NewBorder(nil, nil, nil, s.setLangs, s.languages))),
		widget.NewFormItem(lang.L("Logo"), s.withNote(noteLogo, container.NewHBox(s.logo, container.NewCenter(container.NewHBox(s.chooseLogo, s.dropLogo))))),
		widget.NewFormItem(lang.L("Document symbol"), s.withNote(noteSymbol, container.NewBorder(nil, nil, nil, s.setSymbol, s.symbol))),
		widget.NewFormItem(lang.L("Database"), &widget.Label{Text: s.u.dbPath, Wrapping: fyne.TextWrapBreak}),
		widget.NewFormItem(lang.L("Badge key"), widget.NewLabel(ev.KeyID)),
	)
	s.categories = newCategoryEditor(s)
	s.zones = newZoneEditor(s)
	s.restore = newRestorer(s)
	s.requests = &widget.Button{Text: lang.L("Write the list for the security service…"), Icon: theme.DocumentSaveIcon(), OnTapped: s.onRequests}
	s.operators = newOperatorsView(s.u)
	s.backup = &widget.Button{Text: lang.L("Back up the database now"), Icon: theme.DocumentSaveIcon(), OnTapped: s.onBackup}
	// The right margin keeps the buttons clear of the scroll bar.
	s.scroll = newWheelScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, scrollBarRoom), container.NewVBox(
		heading(lang.L("This station")), s.withNote(noteStation, s.stationForm()),
		heading(lang.L("The event")), event,
		heading(lang.L("Categories on badges")), s.withNote(noteCategories, s.categories.buildUI()),
		heading(lang.L("Access zones")), s.withNote(noteZones, s.zones.buildUI()),
		heading(lang.L("Security clearance")), s.withNote(noteClearance, container.NewVBox(
			&widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Where the event requires clearance, the host country's security service is sent the list of those pending; its answer is recorded in the Import tab, and a person's at the desk.")},
			container.NewHBox(s.requests))),
		heading(lang.L("Backups")), s.withNote(noteBackup, container.NewVBox(
			&widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("A backup is a copy of the event's database, written beside it and named by the time it was made. Restoring one puts it in the database's place, keeping the database it replaces beside it.")},
			container.NewHBox(s.backup), s.restore.buildUI())),
		heading(lang.L("Operators")), s.operators.buildUI(),
		heading(lang.L("Nominations portal")), container.NewHBox(&widget.Button{Text: lang.L("Invitations to the nominations portal…"),
			Icon: theme.MailSendIcon(), OnTapped: newInvitationsView(s.u).show}),
	)))
	s.status = s.notes[noteStation]
	return s.scroll
}

// scrollBarRoom is the room a page that scrolls leaves on its right for the
// scroll bar.
const scrollBarRoom = 18

// heading names a part of the screen.
func heading(text string) fyne.CanvasObject {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// subheading names a part of a section.
func subheading(text string) fyne.CanvasObject {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
}

// stationForm holds what belongs to this station: its idle lock, a
// number of minutes in a field as wide as one, said in words beside it.
// Its language is chosen in the header, as on every screen.
func (s *settings) stationForm() fyne.CanvasObject {
	s.idle = &widget.Entry{Text: strconv.Itoa(s.u.idleMinutes())}
	s.idle.OnChanged = s.onIdle
	field := container.NewGridWrap(fyne.NewSize(idleFieldWidth, s.idle.MinSize().Height), s.idle)
	return widget.NewForm(widget.NewFormItem(lang.L("Lock after"), container.NewHBox(field,
		&widget.Label{Text: lang.L("minutes without a key, a click or a scroll; 0 never locks")})))
}

// idleFieldWidth is the width of the idle minutes' field: room for four
// digits.
const idleFieldWidth = 90

// onIdle keeps the station's idle minutes, when they are a number of them.
func (s *settings) onIdle(text string) {
	s.at(noteStation)
	minutes, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || minutes < 0 || minutes > maxIdleMinutes {
		s.say(errorText(lang.L("Give the idle minutes as a whole number from 0 (never lock) to {{.Most}}.", map[string]any{"Most": maxIdleMinutes})))
		return
	}
	s.status.SetText("")
	s.u.app.Preferences().SetInt(prefIdleMinutes, minutes)
}

// change makes a change to the event in the background, then shows the
// event again with what happened beside the part's button: done, or why
// not.
func (s *settings) change(part string, work func(ctx context.Context) error, done string) {
	s.at(part)
	ctx := s.u.actor()
	s.work.run(func() func() {
		err := work(ctx)
		var ev data.Event
		if err == nil {
			ev, err = s.u.store.Event(ctx)
		}
		return func() {
			if err != nil {
				s.say(errorText(problemText(err)))
				return
			}
			s.u.showEvent(ev, part, done)
		}
	})
}

// notice is what the status line says, in the colour of what happened.
type notice struct {
	text string
	bad  bool
}

func errorText(text string) notice { return notice{text: text, bad: true} }

func (s *settings) say(m notice) {
	s.status.Importance = widget.SuccessImportance
	if m.bad {
		s.status.Importance = widget.DangerImportance
	}
	s.status.SetText(m.text)
	if m.text == "" {
		s.status.Hide()
	} else {
		s.status.Show()
	}
}

func (s *settings) onRename() {
	name := s.name.Text
	s.change(noteName, func(ctx context.Context) error { return s.u.store.SetSetting(ctx, data.SettingName, name) },
		lang.L("The event is now called {{.Name}}.", map[string]any{"Name": data.NameText.Tidy(name)}))
}

// onDays changes the event's days; days that would leave a session of the
// programme outside are refused, naming the sessions.
func (s *settings) onDays() {
	starts, err1 := time.Parse(data.DateLayout, strings.TrimSpace(s.starts.Text))
	ends, err2 := time.Parse(data.DateLayout, strings.TrimSpace(s.ends.Text))
	s.at(noteDays)
	if err1 != nil || err2 != nil {
		s.say(errorText(lang.L("Give the first and last day as YYYY-MM-DD.")))
		return
	}
	s.change(noteDays, func(ctx context.Context) error { return s.u.store.SetDays(ctx, starts, ends) },
		lang.L("The event's days are now {{.Starts}} to {{.Ends}}.", map[string]any{"Starts": starts.Format(data.DateLayout), "Ends": ends.Format(data.DateLayout)}))
}

// onZone asks before changing the event's time zone, naming what moves:
// the programme's times stay as written, so every door window moves in
// real time. Once the doors have recorded scans, it asks for a reason too.
func (s *settings) onZone() {
	s.at(noteZone)
	zone := strings.TrimSpace(s.zone.Text)
	store := s.u.store
	s.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
		defer cancel()
		change, err := store.TimezoneChange(ctx, zone)
		return func() {
			s.at(noteZone)
			switch {
			case err != nil:
				s.say(errorText(problemText(err)))
			case !change.Moves():
				s.say(notice{text: lang.L("The event's time zone is {{.Zone}} already.", map[string]any{"Zone": change.To})})
			default:
				s.askZone(change)
			}
		}
	})
}

// askZone asks whether to make the change, naming what it moves, with a
// reason when scans exist.
func (s *settings) askZone(change data.TimezoneMove) {
	text := &widget.Label{Text: zoneChangeText(change), Wrapping: fyne.TextWrapWord}
	reason := &widget.Entry{PlaceHolder: lang.L("Why the time zone changes")}
	content := container.NewVBox(text)
	if change.NeedsReason() {
		content.Add(&widget.Label{Text: lang.L("Reason (kept in the history)"), TextStyle: fyne.TextStyle{Bold: true}})
		content.Add(reason)
	}
	ask := dialog.NewCustomConfirm(lang.L("Change the time zone?"), lang.L("Change the time zone"), lang.L("Cancel"), content, func(yes bool) {
		if yes {
			s.change(noteZone, func(ctx context.Context) error { return s.u.store.SetTimezone(ctx, change.To, reason.Text) },
				lang.L("The event's time zone is now {{.Zone}}.", map[string]any{"Zone": change.To}))
		}
	}, s.u.win)
	ask.Resize(fyne.NewSize(560, content.MinSize().Height+160))
	ask.Show()
	if change.NeedsReason() {
		s.u.win.Canvas().Focus(reason)
	}
}

// zoneChangeText says what a change of time zone moves.
func zoneChangeText(z data.TimezoneMove) string {
	args := map[string]any{"From": z.From, "To": z.To, "Sessions": number(z.Sessions), "Scans": number(z.Scans), "Shift": durationText(z.Shift.Abs())}
	var text string
	switch {
	case z.Shift > 0:
		text = lang.N("From {{.From}} to {{.To}}: the {{.Sessions}} session of the programme keeps its written times, read in {{.To}}, so its door opens and closes {{.Shift}} later than now.",
			z.Sessions, args)
	case z.Shift < 0:
		text = lang.N("From {{.From}} to {{.To}}: the {{.Sessions}} session of the programme keeps its written times, read in {{.To}}, so its door opens and closes {{.Shift}} earlier than now.",
			z.Sessions, args)
	default:
		text = lang.L("From {{.From}} to {{.To}}: the programme's times keep their moment.", args)
	}
	text += " " + lang.L("The clock in the header shows {{.To}}'s time.", args)
	if z.Scans > 0 {
		text += " " + lang.N("The {{.Scans}} scan already recorded keeps its moment.", z.Scans, args)
	}
	return text
}

// durationText is a length of time in hours and minutes: 5 h, 5 h 30.
func durationText(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	if m == 0 {
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %02d", h, m)
}

func (s *settings) onLanguages() {
	value := s.languages.Text
	s.change(noteLanguages, func(ctx context.Context) error { return s.u.store.SetLanguages(ctx, value) },
		lang.L("The badges' languages are changed; give the categories' names in them below."))
}

// Kinds of logo files.
var logoFiles = []string{".png", ".jpg", ".jpeg"}

func (s *settings) onChooseLogo() {
	s.u.chooseFile(logoFiles, func(path string) {
		img, err := data.ReadLogo(path)
		if err != nil {
			s.at(noteLogo)
			s.say(errorText(err.Error()))
			return
		}
		s.setLogo(img)
	})
}

// setLogo makes the image the event's logo; none brings Accred's back.
func (s *settings) setLogo(img []byte) {
	done := lang.L("The badges print the event's logo.")
	if img == nil {
		done = lang.L("The badges print Accred's logo.")
	}
	s.change(noteLogo, func(ctx context.Context) error { return s.u.store.SetLogo(ctx, img) }, done)
}

// showLogo shows the event's logo, or Accred's, read in the background; a
// logo that cannot be read is said so, never taken for none.
func (s *settings) showLogo() {
	s.work.run(func() func() {
		img, err := s.u.store.Logo(context.Background())
		return func() {
			if err != nil { // Accred's is shown, and the note says it is not the event's choice
				note := s.note(noteLogo)
				note.Importance = widget.DangerImportance
				note.SetText(lang.L("The event's logo cannot be read: {{.Problem}}", map[string]any{"Problem": problemText(err)}))
				note.Show()
			}
			if err != nil || len(img) == 0 {
				img = resources.Icon
			}
			s.logo.Resource = fyne.NewStaticResource("logo", img)
			s.logo.Refresh()
		}
	})
}

// readSymbol shows the event's document symbol, read in the background;
// it may be changed once it is shown.
func (s *settings) readSymbol() {
	s.setSymbol.Disable()
	store := s.u.store
	s.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		symbol, err := store.Setting(ctx, data.SettingDocumentSymbol)
		return func() {
			if err != nil {
				s.at(noteSymbol)
				s.say(errorText(problemText(err)))
				return
			}
			s.symbol.SetText(symbol)
			s.setSymbol.Enable()
		}
	})
}

// onSymbol changes the document symbol printed in the List of
// Participants' running head; empty takes it away.
func (s *settings) onSymbol() {
	symbol := s.symbol.Text
	store, ctx := s.u.store, s.u.actor()
	s.at(noteSymbol)
	s.setSymbol.Disable()
	s.work.run(func() func() {
		err := store.SetSetting(ctx, data.SettingDocumentSymbol, symbol)
		return func() {
			s.setSymbol.Enable()
			switch {
			case err != nil:
				s.say(errorText(problemText(err)))
			case data.SymbolText.Tidy(symbol) == "":
				s.symbol.SetText("")
				s.say(notice{text: lang.L("The List of Participants has no document symbol now.")})
			default:
				s.symbol.SetText(data.SymbolText.Tidy(symbol))
				s.say(notice{text: lang.L("The List of Participants now bears the symbol {{.Symbol}}.", map[string]any{"Symbol": s.symbol.Text})})
			}
		}
	})
}

func (s *settings) onBackup() {
	s.at(noteBackup)
	path := filepath.Join(filepath.Dir(s.u.dbPath), fmt.Sprintf("backup-%s.db", time.Now().Format("20060102-150405")))
	actor := s.u.actor()
	s.work.run(func() func() {
		err := s.u.store.Backup(actor, path)
		return func() {
			if err != nil {
				s.say(errorText(problemText(err)))
				return
			}
			s.say(notice{text: lang.L("Backed up to {{.Path}}", map[string]any{"Path": path})})
			s.restore.path.SetText(path)
		}
	})
}

// onRequests writes the list of those pending clearance to a new file, as
// 'accred clearance export' does.
func (s *settings) onRequests() {
	s.at(noteClearance)
	s.u.askNewFile(lang.L("Write the list for the security service"), nil, "clearance-requests.xlsx", func(path string) {
		s.at(noteClearance)
		format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
		if format != "csv" && format != "xlsx" {
			s.say(errorText(lang.L("Name the file .csv or .xlsx: the list is a table.")))
			return
		}
		store, actor := s.u.store, s.u.actor()
		s.work.run(func() func() {
			table, err := store.ClearanceRequests(actor)
			if err == nil {
				err = roster.WriteFile(path, format, table)
			}
			return func() {
				s.at(noteClearance)
				if err != nil {
					s.say(errorText(problemText(err)))
					return
				}
				s.say(notice{text: lang.N("{{.Count}} participant pending clearance written to {{.Path}}.", len(table)-1, map[string]any{"Count": number(len(table) - 1), "Path": path})})
			}
		})
	})
}

// showEvent shows every screen again with the event as changed, back on
// the settings where they were, which say what was done beside the part's
// button.
func (u *ui) showEvent(ev data.Event, part, done string) {
	u.event = ev
	u.showHomeKeepingTab()
	u.settings.at(part)
	u.settings.say(notice{text: done})
}

// showHomeKeepingTab builds the stations again (in another language, for
// an event changed) and shows the tab that was shown, the settings
// scrolled where they were.
func (u *ui) showHomeKeepingTab() {
	name := ""
	for _, s := range u.stations {
		if u.tabs != nil && s.item == u.tabs.Selected() {
			name = s.name
		}
	}
	var offset fyne.Position
	if u.settings != nil && u.settings.scroll != nil {
		offset = u.settings.scroll.Offset
	}
	u.showHome()
	if t := u.tab(name); t != nil && t != u.tabs.Selected() {
		u.tabs.Select(t)
	}
	if u.settings != nil && u.settings.scroll != nil {
		u.settings.scroll.ScrollToOffset(offset)
	}
}
