package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// settings is where a station is given its language and idle lock, where
// the database is backed up, and where an admin manages the operators.
type settings struct {
	u         *ui
	language  *widget.Select
	idle      *widget.Entry
	operators *operatorsView
	zone      *widget.SelectEntry
	setZone   *widget.Button
	symbol    *widget.Entry
	// setSymbol saves the document symbol, once it is read.
	setSymbol *widget.Button
	status    *widget.Label
	work      worker

	withSymbol bool // the document symbol is offered
}

func newSettings(u *ui) *settings { return &settings{u: u} }

func (s *settings) buildUI() fyne.CanvasObject {
	var names []string
	current := s.u.app.Preferences().String(prefLanguage)
	selected := 0
	for i, l := range languages {
		name := l.name
		if l.code == "" {
			name = lang.L("Same as the system")
		}
		names = append(names, name)
		if l.code == current {
			selected = i
		}
	}
	s.language = widget.NewSelect(names, nil)
	s.language.SetSelectedIndex(selected)
	s.language.OnChanged = func(string) { s.onLanguage() }
	s.idle = &widget.Entry{Text: strconv.Itoa(s.u.idleMinutes())}
	s.idle.OnChanged = s.onIdle
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.zone = newZoneEntry(s.u.event.Timezone)
	s.setZone = &widget.Button{Text: lang.L("Change the time zone"), OnTapped: s.onZone}
	s.symbol = &widget.Entry{PlaceHolder: lang.L("Such as UNEP/EA.7/INF/1; printed on the List of Participants")}
	s.setSymbol = &widget.Button{Text: lang.L("Change the document symbol"), OnTapped: s.onSymbol}
	backup := &widget.Button{Text: lang.L("Back up the database now"), OnTapped: s.onBackup}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Language"), s.language),
		widget.NewFormItem(lang.L("Lock after idle minutes"), s.idle),
		widget.NewFormItem(lang.L("Event"), widget.NewLabel(s.u.event.Name)),
		widget.NewFormItem(lang.L("Dates"), widget.NewLabel(s.u.event.Starts.Format("2006-01-02")+" – "+s.u.event.Ends.Format("2006-01-02"))),
		widget.NewFormItem(lang.L("Time zone"), container.NewBorder(nil, nil, nil, s.setZone, s.zone)),
		widget.NewFormItem(lang.L("Database"), &widget.Label{Text: s.u.dbPath, Wrapping: fyne.TextWrapBreak}),
		widget.NewFormItem(lang.L("Badge key"), widget.NewLabel(s.u.event.KeyID)),
	}
	if s.withSymbol {
		items = slices.Insert(items, 5, widget.NewFormItem(lang.L("Document symbol"), container.NewBorder(nil, nil, nil, s.setSymbol, s.symbol)))
		s.readSymbol()
	}
	form := widget.NewForm(items...)
	box := container.NewVBox(form, backup, s.status)
	if s.u.operator.Roles != nil { // a door's station file has no operators
		s.operators = newOperatorsView(s.u)
		box.Add(widget.NewSeparator())
		box.Add(s.operators.buildUI())
	}
	return container.NewVScroll(box)
}

func (s *settings) onLanguage() {
	code := languages[s.language.SelectedIndex()].code
	s.u.app.Preferences().SetString(prefLanguage, code)
	useLanguage(code)
	s.u.showHome()
}

// onIdle keeps the station's idle minutes, when they are a number of them.
func (s *settings) onIdle(text string) {
	minutes, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || minutes < 0 || minutes > maxIdleMinutes {
		s.status.SetText(lang.L("Give the idle minutes as a whole number from 0 (never lock) to {{.Most}}.", map[string]any{"Most": maxIdleMinutes}))
		return
	}
	s.status.SetText("")
	s.u.app.Preferences().SetInt(prefIdleMinutes, minutes)
}

// onZone changes the event's time zone; the programme's times stay as
// written.
func (s *settings) onZone() {
	zone := strings.TrimSpace(s.zone.Text)
	if err := s.u.store.SetTimezone(s.u.actor(), zone); err != nil {
		s.status.SetText(problemText(err))
		return
	}
	s.u.event.Timezone = zone
	s.u.showClock()
	s.status.SetText(lang.L("The event's time zone is now {{.Zone}}.", map[string]any{"Zone": zone}))
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
				s.status.SetText(problemText(err))
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
				s.status.SetText(problemText(err))
			case data.SymbolText.Tidy(symbol) == "":
				s.symbol.SetText("")
				s.status.SetText(lang.L("The List of Participants has no document symbol now."))
			default:
				s.symbol.SetText(data.SymbolText.Tidy(symbol))
				s.status.SetText(lang.L("The List of Participants now bears the symbol {{.Symbol}}.", map[string]any{"Symbol": s.symbol.Text}))
			}
		}
	})
}

func (s *settings) onBackup() {
	path := filepath.Join(filepath.Dir(s.u.dbPath), fmt.Sprintf("backup-%s.db", time.Now().Format("20060102-150405")))
	if err := s.u.store.Backup(context.Background(), path); err != nil {
		s.u.showError(err)
		return
	}
	s.status.SetText(lang.L("Backed up to {{.Path}}", map[string]any{"Path": path}))
}
