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
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/resources"
)

// settings is where a station is given its language and idle lock;
// where the event's name, days, time zone, badge languages, logo and
// categories are changed; where the database is backed up and restored;
// and where an admin manages the operators.
type settings struct {
	u         *ui
	language  *widget.Select
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
	restore     *restorer
	status      *widget.Label
	work        worker
	stationFile bool // a door's station file: only the station's settings, the event is changed at the desk
}

func newSettings(u *ui) *settings { return &settings{u: u} }

func (s *settings) buildUI() fyne.CanvasObject {
	ev := s.u.event
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	if s.stationFile {
		return container.NewVBox(s.stationForm(), s.status, widget.NewForm(
			widget.NewFormItem(lang.L("Event"), widget.NewLabel(ev.Name)),
			widget.NewFormItem(lang.L("Database"), &widget.Label{Text: s.u.dbPath, Wrapping: fyne.TextWrapBreak})))
	}
	s.name = &widget.Entry{Text: ev.Name}
	s.rename = &widget.Button{Text: lang.L("Rename"), OnTapped: s.onRename}
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
		widget.NewFormItem(lang.L("Event"), container.NewBorder(nil, nil, nil, s.rename, s.name)),
		widget.NewFormItem(lang.L("Dates"), container.NewBorder(nil, nil, nil, s.setDays, container.NewGridWithColumns(2, s.starts, s.ends))),
		widget.NewFormItem(lang.L("Time zone"), container.NewBorder(nil, nil, nil, s.setZone, s.zone)),
		widget.NewFormItem(lang.L("Badge languages"), container.NewBorder(nil, nil, nil, s.setLangs, s.languages)),
		widget.NewFormItem(lang.L("Logo"), container.NewHBox(s.logo, container.NewCenter(container.NewHBox(s.chooseLogo, s.dropLogo)))),
		widget.NewFormItem(lang.L("Document symbol"), container.NewBorder(nil, nil, nil, s.setSymbol, s.symbol)),
		widget.NewFormItem(lang.L("Database"), &widget.Label{Text: s.u.dbPath, Wrapping: fyne.TextWrapBreak}),
		widget.NewFormItem(lang.L("Badge key"), widget.NewLabel(ev.KeyID)),
	)
	s.categories = newCategoryEditor(s)
	s.restore = newRestorer(s)
	s.operators = newOperatorsView(s.u)
	backup := &widget.Button{Text: lang.L("Back up the database now"), OnTapped: s.onBackup}
	// What happened stays in sight, below the part that scrolls.
	return container.NewBorder(nil, s.status, nil, nil, container.NewVScroll(container.NewVBox(
		s.stationForm(),
		heading(lang.L("The event")), event,
		heading(lang.L("Categories on badges")), s.categories.buildUI(),
		heading(lang.L("Backups")), container.NewHBox(backup), s.restore.buildUI(),
		heading(lang.L("Operators")), s.operators.buildUI(),
		heading(lang.L("Nominations portal")), container.NewHBox(&widget.Button{Text: lang.L("Invitations to the nominations portal…"),
			Icon: theme.MailSendIcon(), OnTapped: newInvitationsView(s.u).show}),
	)))
}

// heading names a part of the screen.
func heading(text string) fyne.CanvasObject {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// stationForm holds what belongs to this station: its language and idle
// lock.
func (s *settings) stationForm() fyne.CanvasObject {
	s.language = s.u.languageChoice()
	s.idle = &widget.Entry{Text: strconv.Itoa(s.u.idleMinutes())}
	s.idle.OnChanged = s.onIdle
	return widget.NewForm(
		widget.NewFormItem(lang.L("Language"), s.language),
		widget.NewFormItem(lang.L("Lock after idle minutes"), s.idle),
	)
}

// onIdle keeps the station's idle minutes, when they are a number of them.
func (s *settings) onIdle(text string) {
	minutes, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || minutes < 0 || minutes > maxIdleMinutes {
		s.say(errorText(lang.L("Give the idle minutes as a whole number from 0 (never lock) to {{.Most}}.", map[string]any{"Most": maxIdleMinutes})))
		return
	}
	s.status.SetText("")
	s.u.app.Preferences().SetInt(prefIdleMinutes, minutes)
}

// change makes a change to the event in the background, then shows the
// event again with what happened: done, or why not.
func (s *settings) change(work func(ctx context.Context) error, done string) {
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
			s.u.showEvent(ev, done)
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
}

func (s *settings) onRename() {
	name := s.name.Text
	s.change(func(ctx context.Context) error { return s.u.store.SetSetting(ctx, data.SettingName, name) },
		lang.L("The event is now called {{.Name}}.", map[string]any{"Name": data.NameText.Tidy(name)}))
}

// onDays changes the event's days; days that would leave a session of the
// programme outside are refused, naming the sessions.
func (s *settings) onDays() {
	starts, err1 := time.Parse(data.DateLayout, strings.TrimSpace(s.starts.Text))
	ends, err2 := time.Parse(data.DateLayout, strings.TrimSpace(s.ends.Text))
	if err1 != nil || err2 != nil {
		s.say(errorText(lang.L("Give the first and last day as YYYY-MM-DD.")))
		return
	}
	s.change(func(ctx context.Context) error { return s.u.store.SetDays(ctx, starts, ends) },
		lang.L("The event's days are now {{.Starts}} to {{.Ends}}.", map[string]any{"Starts": starts.Format(data.DateLayout), "Ends": ends.Format(data.DateLayout)}))
}

// onZone changes the event's time zone; the programme's times stay as
// written.
func (s *settings) onZone() {
	zone := strings.TrimSpace(s.zone.Text)
	s.change(func(ctx context.Context) error { return s.u.store.SetTimezone(ctx, zone) },
		lang.L("The event's time zone is now {{.Zone}}.", map[string]any{"Zone": zone}))
}

func (s *settings) onLanguages() {
	value := s.languages.Text
	s.change(func(ctx context.Context) error { return s.u.store.SetLanguages(ctx, value) },
		lang.L("The badges' languages are changed; give the categories' names in them below."))
}

// Kinds of logo files.
var logoFiles = []string{".png", ".jpg", ".jpeg"}

func (s *settings) onChooseLogo() {
	s.u.chooseFile(logoFiles, func(path string) {
		img, err := data.ReadLogo(path)
		if err != nil {
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
	s.change(func(ctx context.Context) error { return s.u.store.SetLogo(ctx, img) }, done)
}

// showLogo shows the event's logo, or Accred's, read in the background.
func (s *settings) showLogo() {
	s.work.run(func() func() {
		img, err := s.u.store.Logo(context.Background())
		return func() {
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
	path := filepath.Join(filepath.Dir(s.u.dbPath), fmt.Sprintf("backup-%s.db", time.Now().Format("20060102-150405")))
	s.work.run(func() func() {
		err := s.u.store.Backup(context.Background(), path)
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

// showEvent shows every screen again with the event as changed, back on
// the settings, which say what was done.
func (u *ui) showEvent(ev data.Event, done string) {
	u.event = ev
	u.showHome()
	if t := u.tab(tabSettings); t != nil {
		u.tabs.Select(t)
	}
	u.settings.say(notice{text: done})
}
