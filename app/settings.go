package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// settings is where a station is given its language and operator name, and
// where the database is backed up.
type settings struct {
	u        *ui
	language *widget.Select
	operator *widget.Entry
	zone     *widget.SelectEntry
	setZone  *widget.Button
	status   *widget.Label
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
	s.operator = &widget.Entry{Text: s.u.app.Preferences().String(prefOperator), PlaceHolder: lang.L("Your name, recorded with every change")}
	s.operator.OnChanged = s.onOperator
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.zone = newZoneEntry(s.u.event.Timezone)
	s.setZone = &widget.Button{Text: lang.L("Change the time zone"), OnTapped: s.onZone}
	backup := &widget.Button{Text: lang.L("Back up the database now"), OnTapped: s.onBackup}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Language"), s.language),
		widget.NewFormItem(lang.L("Operator"), s.operator),
		widget.NewFormItem(lang.L("Event"), widget.NewLabel(s.u.event.Name)),
		widget.NewFormItem(lang.L("Dates"), widget.NewLabel(s.u.event.Starts.Format("2006-01-02")+" – "+s.u.event.Ends.Format("2006-01-02"))),
		widget.NewFormItem(lang.L("Time zone"), container.NewBorder(nil, nil, nil, s.setZone, s.zone)),
		widget.NewFormItem(lang.L("Database"), &widget.Label{Text: s.u.dbPath, Wrapping: fyne.TextWrapBreak}),
		widget.NewFormItem(lang.L("Badge key"), widget.NewLabel(s.u.event.KeyID)),
	)
	return container.NewVBox(form, backup, s.status)
}

func (s *settings) onLanguage() {
	code := languages[s.language.SelectedIndex()].code
	s.u.app.Preferences().SetString(prefLanguage, code)
	useLanguage(code)
	s.u.showHome()
}

// onOperator keeps the operator's name, when it is one.
func (s *settings) onOperator(name string) {
	name = data.NameText.Tidy(name)
	if reason := data.NameText.Check(name); !reason.IsZero() {
		s.status.SetText(lang.L("Operator") + ": " + say(reason.Msg()))
		return
	}
	s.status.SetText("")
	s.u.app.Preferences().SetString(prefOperator, name)
}

// onZone changes the event's time zone; the programme's times stay as
// written.
func (s *settings) onZone() {
	zone := strings.TrimSpace(s.zone.Text)
	if err := s.u.store.SetTimezone(context.Background(), zone); err != nil {
		s.status.SetText(problemText(err))
		return
	}
	s.u.event.Timezone = zone
	s.u.showClock()
	s.status.SetText(lang.L("The event's time zone is now {{.Zone}}.", map[string]any{"Zone": zone}))
}

func (s *settings) onBackup() {
	path := filepath.Join(filepath.Dir(s.u.dbPath), fmt.Sprintf("backup-%s.db", time.Now().Format("20060102-150405")))
	if err := s.u.store.Backup(context.Background(), path); err != nil {
		s.u.showError(err)
		return
	}
	s.status.SetText(lang.L("Backed up to {{.Path}}", map[string]any{"Path": path}))
}
