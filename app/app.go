// Package app is Accred's desktop interface: one file per screen. It reads
// and writes everything through data.Store.
package app

import (
	"context"
	"os"
	"reflect"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
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
	overview  *overview  // the event at a glance
	settings  *settings  // the station's and the event's settings
	tabs      *container.AppTabs
	stations  []station     // the tabs, in order
	clock     *widget.Label // the event's local time, in the header

	operator      data.Operator     // who is signed in; none at a door's station file
	stationFile   bool              // a door's station file, where nobody signs in
	home          fyne.CanvasObject // the stations, kept while the station is locked
	signIn        *signIn           // the sign-in screen, while shown
	first         *firstAdmin       // the first admin's screen, while shown
	signOutButton *widget.Button
	idle          idleClock          // when the station locks itself
	kiosk         kiosk              // leaving the door
	chosen        *container.TabItem // the tab shown, to go back to when leaving the door is refused

	dialogKeys map[fyne.CanvasObject]dialogAnswers // what the dialogs shown do on Enter and Esc
	work       worker                              // reads which screen opens, in the background
}

// Run opens the desktop app on the database at dbPath and returns when its
// window is closed. A database that holds no event yet opens on the start
// screen, which offers to create an event or the Hanoi demo; a database that
// cannot be read opens on a screen that says why.
func Run(dbPath string) int {
	a := fyneapp.NewWithID("org.accred.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon))
	useLanguage(a.Preferences().String(prefLanguage))
	u := &ui{app: a, dbPath: dbPath}
	u.win = a.NewWindow("Accred")
	u.win.Resize(fyne.NewSize(1280, 800))
	ok := u.load()
	if u.store != nil {
		defer u.store.Close()
	}
	if ok {
		go u.tick()
		go u.watchChanges()
		go u.watchSettings(u.store)
	}
	u.win.ShowAndRun()
	if !ok {
		return 1
	}
	return 0
}

// load opens the database and shows its home, or what went wrong; false
// when it went wrong.
func (u *ui) load() bool {
	if err := u.open(); err != nil {
		u.showFailure(err)
		return false
	}
	return u.showHome()
}

// open opens the database and reads its event, if it has one. A database
// without an event is no failure; one whose event cannot be read is.
// It runs before the window shows.
func (u *ui) open() error {
	s, ev, err := openEvent(u.dbPath)
	if s != nil {
		u.store = s
	}
	u.event = ev
	return err
}

// openTimeout bounds the reading of the event when its database opens.
const openTimeout = 10 * time.Second

// openEvent opens the database at path and reads its event, if it has one:
// the store, open whenever it could be, even when its event cannot be
// read; a database without an event is no failure.
func openEvent(path string) (*data.Store, data.Event, error) {
	s, err := data.OpenAt(path)
	if err != nil {
		return nil, data.Event{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), openTimeout)
	defer cancel()
	ev, err := s.Event(ctx)
	if err != nil && data.ErrorCode(err) != data.ENOTFOUND {
		return s, data.Event{}, err
	}
	return s, ev, nil
}

// opening is what decides the screen an event opens on: whether its
// database is a door's station file, and whether it has operators.
type opening struct {
	isStation, hasOperators bool
}

// showOpening reads in the background what the event opens on, then shows
// it: a door's station file its door, an event with operators the sign-in
// screen, and one without the first admin's; what went wrong, when the
// database cannot tell.
func (u *ui) showOpening() {
	store := u.store
	storeJob(&u.work, context.Background(), signInTimeout, func(ctx context.Context) (opening, error) {
		var o opening
		var err error
		if o.isStation, err = store.IsStation(ctx); err == nil && !o.isStation {
			o.hasOperators, err = store.HasOperators(ctx)
		}
		return o, err
	}, func(o opening, err error) {
		switch {
		case err != nil:
			u.showFailure(err)
		case o.isStation:
			u.stationFile = true
			u.operator.Name = osUser() // a door's station file holds no operators
			u.showHome()
		default:
			u.showSignInOrFirstAdmin(o.hasOperators)
		}
	})
}

// showFailure fills the window with what went wrong with the database, in
// place of any station: nothing is offered that could not work.
func (u *ui) showFailure(err error) {
	u.win.SetTitle("Accred")
	u.win.SetContent(failureView(u.dbPath, err))
}

// failureView says which database cannot be used, why, and what to do.
func failureView(path string, err error) fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Accred cannot use this database."), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	where := &widget.Label{Text: path, Wrapping: fyne.TextWrapBreak}
	why := &widget.Label{Text: problemText(err), Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	what := &widget.Label{Text: lang.L("Close Accred, then restore the file from a backup or start Accred on another database (--db FILE)."), Wrapping: fyne.TextWrapWord}
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(640, 320), container.NewVBox(title, where, why, what)))
}

// The stations' tabs, known by these names whatever the language.
const (
	tabDesk      = "desk"
	tabBadges    = "badges"
	tabDoor      = "door"
	tabProgramme = "programme"
	tabOverview  = "overview"
	tabImport    = "import"
	tabSettings  = "settings"
)

// station is one tab of the home: its stable name, its screen, and what
// it does when chosen.
type station struct {
	name     string
	item     *container.TabItem
	selected func()
}

// showHome shows the stations once the database holds an event, and the
// start screen until then; a door station's file shows only the door and
// its settings. It shows what went wrong, and returns false, when the
// database cannot tell which it is.
func (u *ui) showHome() bool {
	if u.event.Name == "" {
		u.win.SetTitle("Accred")
		u.win.SetContent(newStart(u).buildUI())
		return true
	}
	if u.operator.Name == "" {
		u.showOpening()
		return true
	}
	isStation := u.stationFile
	if u.door != nil {
		u.door.onClose() // a door open before the screens are made again stops watching
	}
	u.desk, u.badges, u.programme, u.overview = nil, nil, nil, nil
	u.door = newDoor(u)
	door := station{tabDoor, container.NewTabItem(lang.L("Door"), u.door.buildUI()), u.door.onShown}
	u.settings = newSettings(u)
	u.settings.stationFile = isStation // a door does not print the List of Participants, nor changes the event
	settings := station{tabSettings, container.NewTabItem(lang.L("Settings"), u.settings.buildUI()), nil}
	if isStation {
		u.win.SetTitle(u.event.Name + " — " + lang.L("door station") + " — Accred")
		u.stations = []station{door, settings}
	} else {
		u.win.SetTitle(u.event.Name + " — Accred")
		u.desk, u.badges, u.programme, u.overview = newDesk(u), newBadges(u), newProgramme(u), newOverview(u)
		focusDesk := func() {
			u.desk.refresh()
			u.win.Canvas().Focus(u.desk.search)
		}
		u.stations = []station{
			{tabDesk, container.NewTabItem(lang.L("Registration desk"), u.desk.buildUI()), focusDesk},
			{tabBadges, container.NewTabItem(lang.L("Badges"), u.badges.buildUI()), u.badges.onShow},
			door,
			{tabProgramme, container.NewTabItem(lang.L("Programme"), u.programme.buildUI()), u.programme.onShown},
			{tabOverview, container.NewTabItem(lang.L("Overview"), u.overview.buildUI()), u.overview.onShown},
			{tabImport, container.NewTabItem(lang.L("Import"), container.NewBorder(nil, u.clearanceImportView(), nil, nil, newImporter(u, u.desk.refresh).buildUI())), nil},
			settings,
		}
	}
	u.stations = slices.DeleteFunc(u.stations, func(s station) bool { return !u.mayOpen(s.name) })
	u.tabs = container.NewAppTabs()
	for _, s := range u.stations {
		u.tabs.Append(s.item)
	}
	u.tabs.OnSelected = u.onTab
	if len(u.stations) > 0 {
		u.chosen = u.stations[0].item
	}
	u.clock = &widget.Label{Alignment: fyne.TextAlignTrailing}
	u.showClock()
	name := &widget.Label{Text: u.event.Name, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	header := container.NewBorder(nil, nil, nil, u.clock, name)
	// Who is signed in, and the language, sit at the right of the tabs'
	// row, leaving the header's width to the event's name.
	operator := container.NewVBox(u.signedInView())
	u.home = container.NewBorder(header, nil, nil, nil, container.NewStack(u.tabs, operator))
	u.win.SetContent(u.home)
	u.listen()
	if len(u.stations) > 0 && u.stations[0].selected != nil && u.stations[0].name != tabDesk {
		u.stations[0].selected()
	}
	if u.desk != nil && u.mayOpen(tabDesk) {
		u.win.Canvas().Focus(u.desk.search)
	}
	return true
}

// tab returns the tab of the named station, or nil when this home has none.
func (u *ui) tab(name string) *container.TabItem {
	for _, s := range u.stations {
		if s.name == name {
			return s.item
		}
	}
	return nil
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

// tick keeps the header's time current while the window is open, and
// locks the station once it has been idle long enough.
func (u *ui) tick() {
	for range time.Tick(15 * time.Second) {
		fyne.Do(func() {
			u.showClock()
			u.lockIfIdle()
		})
	}
}

// settingsWatch is how often a station reads the event's settings again.
const settingsWatch = time.Second

// watchSettings reads the event again every settingsWatch, off the
// interface's goroutine, and takes a change made at another station (its
// name, days, time zone or languages) within two seconds: the header's
// clock at once, every screen from its next use of the event.
func (u *ui) watchSettings(store *data.Store) {
	for range time.Tick(settingsWatch) {
		ctx, cancel := context.WithTimeout(context.Background(), settingsWatch)
		ev, err := store.Event(ctx)
		cancel()
		if err != nil {
			continue // the door and the desk say so where they read the database
		}
		fyne.Do(func() {
			if u.store != store || u.event.Name == "" || reflect.DeepEqual(ev, u.event) {
				return
			}
			u.event = ev
			u.showClock()
		})
	}
}

// onTab runs what the chosen tab does when shown, unless leaving the door
// is refused until a door or admin PIN is given.
func (u *ui) onTab(t *container.TabItem) {
	if u.kiosk.holds(u, t) {
		return
	}
	u.chosen = t
	u.touch()
	for _, s := range u.stations {
		if s.item == t && s.selected != nil {
			s.selected()
		}
	}
}

// Kinds of files people choose.
var (
	tableFiles = []string{".csv", ".xlsx"}
	photoFiles = []string{".jpg", ".jpeg", ".png"}
)

// chooseFile asks for a file, of the given endings when there are any, and
// hands its path on (askFile).
func (u *ui) chooseFile(endings []string, then func(path string)) { u.askFile(endings, then) }

// prefLastFolder is the station's folder of the file chosen last.
const prefLastFolder = "lastFolder"

// openFolder is where a file dialog opens: the folder of the file chosen
// last at this station while it is there, else the event's folder.
func (u *ui) openFolder() string {
	if last := u.app.Preferences().String(prefLastFolder); last != "" {
		if info, err := os.Stat(last); err == nil && info.IsDir() {
			return last
		}
	}
	return u.fileFolder()
}

// fileDialogSize is a file dialog's size in a window of the size given:
// most of it, so that many files show at once.
func fileDialogSize(window fyne.Size) fyne.Size {
	return fyne.NewSize(max(640, window.Width*0.85), max(480, window.Height*0.85))
}
