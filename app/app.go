// Package app is Accred's desktop interface: one file per screen. It reads
// and writes everything through data.Store.
package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"accred/data"
	"accred/resources"
)

// ui is the running desktop app: one window over one event database.
type ui struct {
	app       fyne.App
	win       fyne.Window
	dbPath    string
	store     *data.Store
	event     data.Event
	desk      *desk      // the registration desk, once the event exists
	badges    *badges    // the printing station
	door      *door      // the door station
	programme *programme // the programme and its attendance
	settings  *settings  // the station's and the event's settings
	tabs      *container.AppTabs
	clock     *widget.Label // the event's local time, in the header
}

// Run opens the desktop app on the database at dbPath and returns when its
// window is closed. A database that holds no event yet opens on the start
// screen, which offers to create an event or the Hanoi demo.
func Run(dbPath string) int {
	a := fyneapp.NewWithID("org.accred.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon))
	useLanguage(a.Preferences().String(prefLanguage))
	u := &ui{app: a, dbPath: dbPath}
	u.win = a.NewWindow("Accred")
	u.win.Resize(fyne.NewSize(1280, 800))
	if err := u.open(); err != nil {
		u.win.SetContent(widget.NewLabel(err.Error()))
		u.win.ShowAndRun()
		return 1
	}
	defer u.store.Close()
	u.showHome()
	go u.tickClock()
	u.win.ShowAndRun()
	return 0
}

// open opens the database and reads its event, if it has one.
func (u *ui) open() error {
	s, err := data.OpenAt(u.dbPath)
	if err != nil {
		return fmt.Errorf("%s: %w", u.dbPath, err)
	}
	u.store = s
	u.event, _ = s.Event(context.Background())
	return nil
}

// showHome shows the stations once the database holds an event, and the
// start screen until then.
func (u *ui) showHome() {
	if u.event.Name == "" {
		u.win.SetTitle("Accred")
		u.win.SetContent(newStart(u).buildUI())
		return
	}
	u.win.SetTitle(u.event.Name + " — Accred")
	desk := newDesk(u)
	u.desk = desk
	u.badges = newBadges(u)
	u.door = newDoor(u)
	u.programme = newProgramme(u)
	u.settings = newSettings(u)
	var tabs *container.AppTabs
	if station, _ := u.store.IsStation(context.Background()); station {
		// A door station's file holds only what the door needs.
		u.win.SetTitle(u.event.Name + " — " + lang.L("door station") + " — Accred")
		tabs = container.NewAppTabs(
			container.NewTabItem(lang.L("Door"), u.door.buildUI()),
			container.NewTabItem(lang.L("Settings"), u.settings.buildUI()),
		)
	} else {
		tabs = container.NewAppTabs(
			container.NewTabItem(lang.L("Registration desk"), desk.buildUI()),
			container.NewTabItem(lang.L("Badges"), u.badges.buildUI()),
			container.NewTabItem(lang.L("Door"), u.door.buildUI()),
			container.NewTabItem(lang.L("Programme"), u.programme.buildUI()),
			container.NewTabItem(lang.L("Import"), newImporter(u, desk.refresh).buildUI()),
			container.NewTabItem(lang.L("Settings"), u.settings.buildUI()),
		)
	}
	tabs.OnSelected = func(t *container.TabItem) {
		switch t.Text {
		case lang.L("Registration desk"):
			desk.refresh()
			u.win.Canvas().Focus(desk.search)
		case lang.L("Badges"):
			u.badges.onChoose()
		case lang.L("Door"):
			u.door.reload()
		case lang.L("Programme"):
			u.programme.reload()
		}
	}
	u.tabs = tabs
	u.clock = &widget.Label{Alignment: fyne.TextAlignTrailing}
	u.showClock()
	name := &widget.Label{Text: u.event.Name, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	u.win.SetContent(container.NewBorder(container.NewBorder(nil, nil, nil, u.clock, name), nil, nil, nil, tabs))
	if tabs.Selected().Text == lang.L("Registration desk") {
		u.win.Canvas().Focus(desk.search)
	}
}

// showClock shows the event's local time and time zone in the header.
func (u *ui) showClock() {
	if u.clock == nil {
		return
	}
	now := u.store.Now().In(u.event.Location())
	u.clock.SetText(lang.L("Event time {{.Time}} ({{.Zone}}, UTC{{.Offset}})", map[string]any{
		"Time": now.Format("2006-01-02 15:04"), "Zone": u.event.Location().String(), "Offset": now.Format("-07:00")}))
}

// tickClock keeps the header's time current while the window is open.
func (u *ui) tickClock() {
	for range time.Tick(15 * time.Second) {
		fyne.Do(u.showClock)
	}
}

// operator is the name recorded with every change made at this station.
func (u *ui) operator() string {
	if name := u.app.Preferences().String(prefOperator); name != "" {
		return name
	}
	return "desk"
}

const prefOperator = "operator"

// showError tells the person what went wrong, in their language.
func (u *ui) showError(err error) {
	msg := lang.L(err.Error())
	if e := data.ErrorFields(err); len(e) > 0 {
		msg = lang.L(firstLine(err.Error()))
		for _, f := range e {
			msg += "\n" + fieldProblem(f)
		}
	}
	dialog.ShowError(fmt.Errorf("%s", msg), u.win)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

// fieldProblem is one problem in words: where it is and what is wrong.
func fieldProblem(f data.FieldError) string {
	s := ""
	if f.Line > 0 {
		s = lang.L("Line {{.Line}}", map[string]any{"Line": f.Line}) + " — "
	}
	if f.Field != "" {
		s += fieldLabel(f.Field) + ": "
	}
	return s + lang.L(f.Reason)
}

// Kinds of files people choose.
var (
	tableFiles = []string{".csv", ".xlsx"}
	photoFiles = []string{".jpg", ".jpeg", ".png"}
)

// chooseFile asks for a file, of the given endings when there are any, and
// hands its path on.
func (u *ui) chooseFile(endings []string, then func(path string)) {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		then(r.URI().Path())
	}, u.win)
	if len(endings) > 0 {
		var both []string
		for _, e := range endings {
			both = append(both, e, strings.ToUpper(e))
		}
		open.SetFilter(storage.NewExtensionFileFilter(both))
	}
	open.Show()
}
