package app

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/app/scantext"
	"accred/data"
	"accred/data/credential"
)

// door is the door station: pick the session and the station's name, then
// a full-screen view made for a USB scanner that types a badge's code and
// Enter. The verdict reads from two metres: green, amber or red.
type door struct {
	u *ui

	// Setting up.
	sessions   []data.Session
	categories []data.Category
	session    *widget.Select
	chosen     *widget.Label // the chosen session's code, title, room and hours, in full
	station    *widget.Entry
	rule       *widget.Label // the zone the station's door requires, if any
	exit       *widget.Check
	problem    *widget.Label
	early      *widget.Label // warns of a session whose door opens long after now
	left       *widget.Label // station files of earlier runs waiting to be merged
	merging    bool          // station files of earlier runs are being merged
	openDoor   *widget.Button
	setupView  fyne.CanvasObject
	holder     *fyne.Container // shows the setup or the scan view

	// Scanning.
	current  data.Session
	view     *fyne.Container // the scan view, laid out again when the search shows or hides
	scan     *scanEntry
	banner   *fyne.Container   // the verdict: its colour, word and reason
	tall     *canvas.Rectangle // holds the banner tall, readable from afar, but while the search is open
	panel    *canvas.Rectangle
	frame    *canvas.Rectangle // the verdict's frame, in the person's category colour
	glow     *canvas.Rectangle // lights the banner for a moment when a verdict comes
	words    *fyne.Container   // the verdict and the reason
	verdict  *canvas.Text
	reason   *canvas.Text
	stamp    *canvas.Text // the verdict's number and time: two alike in a row look apart
	name     *canvas.Text
	details  *widget.Label
	noPhoto  *widget.Label // asks for a look at the document when there is no photo
	photo    *fyne.Container
	portrait photoSlot       // the photo in photo, read in the background
	people   *fyne.Container // the person and the recent scans, hidden while searching
	count    *widget.Label
	// ruleNote is the zone the door requires, beside the station's name.
	ruleNote *widget.Label
	recent   *widget.List
	history  []data.Verdict
	shown    int // counts verdicts, so that an old one does not clear a newer
	manual   *manualCheckIn
	opened   int  // counts openings of the scan view, so that a closed one stops watching
	lost     bool // the event database could not be reached at the last try
	work     worker

	fallback     fallback      // the door's station file, on an event server
	fallbackNote *widget.Label // where the door stands with its station file

	// burst is what was typed last in quick succession into the door's
	// other fields, to tell a scan there from a person's typing.
	burst scantext.Burst
	// clock tells when a key was typed: time.Now, unless a test drives it.
	clock func() time.Time
	// deadline is the longest a scan waits for the database: scanTimeout,
	// unless a test shortens it.
	deadline time.Duration

	// later runs f on the interface's goroutine after a while.
	later func(wait time.Duration, f func())
}

func newDoor(u *ui) *door {
	return &door{u: u, later: later, clock: time.Now, deadline: scanTimeout}
}

func (d *door) buildUI() fyne.CanvasObject {
	d.session = &widget.Select{PlaceHolder: lang.L("Choose…"), OnChanged: func(string) { d.onSessionChosen() }}
	d.chosen = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	host, _ := os.Hostname()
	d.station = &widget.Entry{Text: firstNonEmpty(d.u.app.Preferences().String(prefStation), "door-"+host), OnSubmitted: func(string) { d.onOpen() }}
	d.rule = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	d.rule.Hide()
	d.station.OnChanged = func(string) { d.showRule() }
	d.exit = widget.NewCheck(lang.L("This station scans people out"), nil)
	d.exit.Disable()
	d.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.early = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	d.left = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	d.early.Hide()
	d.problem.Hide()
	d.openDoor = &widget.Button{Text: lang.L("Open the door"), Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: d.onOpen}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Session"), container.NewVBox(d.session, d.chosen)),
		widget.NewFormItem(lang.L("Station"), container.NewVBox(d.station, d.rule)),
		widget.NewFormItem("", d.exit),
	)
	intro := &widget.Label{Text: lang.L("Choose the session at this door. The scan view then fills the screen; plug in the USB scanner and scan badges."), Wrapping: fyne.TextWrapWord}
	d.setupView = container.NewCenter(container.NewGridWrap(fyne.NewSize(setupWidth, 440), container.NewVBox(intro, form, d.early, d.problem, d.left, d.openDoor)))
	d.holder = container.NewStack(d.setupView)
	d.findLeftFiles()
	d.showLeft()
	d.reload()
	d.showRule()
	return d.holder
}

// setupWidth is the width of the door's set-up screen: the sessions' names
// are long ("PLEN-1 · door open now · 25/10 14:00 · Hall A · Opening and
// signing ceremony…"), and the chosen one is written out in full below.
const setupWidth = 900

// The station's name, and the room of the last session it opened.
const (
	prefStation = "station"
	prefRoom    = "doorRoom"
)

// onShown runs when the door's tab is chosen: an open door takes the
// keyboard back at once, so that no scan is typed into another screen's field.
func (d *door) onShown() {
	d.reload()
	d.focus()
}

// reload reads the programme and the categories again, in the background
// and for scanTimeout at most, then shows them.
func (d *door) reload() {
	store := d.u.store
	d.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
		defer cancel()
		sessions, err := store.Sessions(ctx)
		var categories []data.Category
		if err == nil {
			categories, err = store.Categories(ctx)
		}
		return func() {
			d.showSessions(sessions, categories, err)
			if err == nil {
				d.mergeLeft()
			}
		}
	})
}

// mergeLeft merges the station files of earlier runs, unless a merge of
// them is running already.
func (d *door) mergeLeft() {
	if d.merging || len(d.fallback.left) == 0 {
		return
	}
	d.merging = true
	d.mergeLeftFiles(func() { d.merging = false; d.showLeft() })
}

// showLeft says on the set-up screen how many station files of earlier
// runs wait to be merged.
func (d *door) showLeft() {
	showText(d.left, "")
	if n := len(d.fallback.left); n > 0 {
		showText(d.left, leftText(n))
	}
}

// showSessions offers the sessions, those open now first, then by start;
// with none chosen yet, the one open now (or next) in the door's room is.
func (d *door) showSessions(sessions []data.Session, categories []data.Category, err error) {
	if err != nil {
		showText(d.problem, problemText(err))
		return
	}
	d.categories = categories
	now := d.u.store.Now()
	slices.SortStableFunc(sessions, func(a, b data.Session) int {
		if openNow(a, now) != openNow(b, now) {
			return map[bool]int{true: -1, false: 1}[openNow(a, now)]
		}
		return a.Starts.Compare(b.Starts)
	})
	d.sessions = sessions
	var names []string
	for _, s := range sessions {
		name := s.Code
		if openNow(s, now) {
			name += " · " + lang.L("door open now")
		}
		names = append(names, fmt.Sprintf("%s · %s · %s · %s", name, s.Starts.Format("02/01 15:04"), s.Room, s.Title))
	}
	d.session.Options = names
	d.session.Refresh()
	if d.session.SelectedIndex() < 0 {
		if i := defaultSession(sessions, d.u.app.Preferences().String(prefRoom), now); i >= 0 {
			d.session.SetSelectedIndex(i)
		}
	}
}

// openNow says whether a session's door is open at now.
func openNow(s data.Session, now time.Time) bool {
	return !now.Before(s.Opens()) && now.Before(s.Ends)
}

// defaultSession is the index of the session open now, or else the next to
// open, in room (any room when room has none); -1 when there is none. The
// sessions are sorted, those open now first.
func defaultSession(sessions []data.Session, room string, now time.Time) int {
	inRoom := func(s data.Session) bool { return s.Room == room }
	if room == "" || !slices.ContainsFunc(sessions, inRoom) {
		inRoom = func(data.Session) bool { return true }
	}
	next := -1
	for i, s := range sessions {
		switch {
		case !inRoom(s) || !now.Before(s.Ends):
		case openNow(s, now):
			return i
		case next < 0 || s.Opens().Before(sessions[next].Opens()):
			next = i
		}
	}
	return next
}

// earlyWarning warns when a session's door opens more than an hour after
// now: the station may be about to open the wrong session.
func (d *door) earlyWarning(s data.Session) string {
	if s.Opens().Sub(d.u.store.Now()) <= time.Hour {
		return ""
	}
	return lang.L("This session's door opens at {{.At}}, more than an hour from now: check that it is the right session.",
		map[string]any{"At": s.Opens().In(d.u.event.Location()).Format("15:04 02/01")})
}

func (d *door) onSessionChosen() {
	i := d.session.SelectedIndex()
	if i < 0 {
		return
	}
	s := d.sessions[i]
	d.chosen.SetText(fmt.Sprintf("%s — %s\n%s · %s–%s", s.Code, s.Title, s.Room,
		s.Starts.In(d.u.event.Location()).Format("02/01 15:04"), s.Ends.In(d.u.event.Location()).Format("15:04")))
	showText(d.early, d.earlyWarning(s))
	if d.sessions[i].RecordsExits {
		d.exit.Enable()
	} else {
		d.exit.SetChecked(false)
		d.exit.Disable()
	}
}

// isOpen reports whether the door shows its scan view.
func (d *door) isOpen() bool {
	return d.holder != nil && len(d.holder.Objects) > 0 && d.holder.Objects[0] != d.setupView
}

// onOpen turns the station into the scan view of the chosen session.
func (d *door) onOpen() {
	i := d.session.SelectedIndex()
	if i < 0 {
		showText(d.problem, lang.L("Choose the session at this door."))
		return
	}
	d.u.app.Preferences().SetString(prefStation, d.station.Text)
	d.current = d.sessions[i]
	d.u.app.Preferences().SetString(prefRoom, d.current.Room)
	d.history = nil
	d.findLeftFiles()
	d.holder.Objects = []fyne.CanvasObject{d.scanView()}
	d.holder.Refresh()
	d.showRule()
	d.u.win.SetFullScreen(true)
	d.lost = false
	d.ready()
	d.focus()
	d.opened++
	d.look(d.opened)
	d.prepareFallback(d.opened)
}

// watchEvery is how often an open door reads its session's count again,
// and tries the event database again when it was lost.
const watchEvery = 2 * time.Second

// watch keeps the count moving with the other doors' scans, and notices a
// lost or returning event database, until the scan view of opening closes.
func (d *door) watch(opening int) {
	d.later(watchEvery, func() { d.look(opening) })
}

// look reads the session's count and the server's state now, then watches
// on: an opening door shows who is inside at once, not the count of when
// its programme was read.
func (d *door) look(opening int) {
	if d.opened != opening {
		return
	}
	code := d.current.Code
	d.work.run(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
		defer cancel()
		s, err := d.u.store.Session(ctx, code)
		return func() {
			if d.opened != opening {
				return
			}
			switch {
			case d.fallback.store != nil && err == nil:
				d.mergeBack(opening)
			case d.fallback.store != nil:
				// Still out of reach: the station file goes on.
			case err != nil && !d.lost:
				d.shown++
				d.showLost(0, data.Participant{}) // no scan: the door noticed by itself
			case err == nil && d.lost:
				d.lost = false
				d.current = s
				d.showFallbackNote()
				d.ready()
			case err == nil:
				d.current = s
				d.setCount(s.Present, s.Capacity)
			}
			if err == nil && d.fallback.store == nil {
				d.keepCurrent()
				d.mergeLeft()
			}
			d.watch(opening)
		}
	})
}

// scanTimeout bounds how long a door waits for the event database before it
// says the database is out of reach.
const scanTimeout = 5 * time.Second

// showLost says that the event database cannot be reached: nothing scanned
// now is recorded, so nobody is shown as let in. The door tries again by
// itself and says when it is back; meanwhile it offers its station file.
func (d *door) showLost(shown int, who data.Participant) {
	d.lost = true
	d.showUnrecorded(lang.L("NOT RECORDED"), lang.L("Event database out of reach: trying again…"), shown, who)
	d.showFallbackNote()
}

// onLeave leaves the scan view, once a door or admin operator has given
// their PIN where someone is signed in: the door is a kiosk.
func (d *door) onLeave() {
	if d.u.operator.Roles == nil {
		d.onClose()
		return
	}
	d.u.askKioskPIN(d.onClose)
}

// onClose leaves the scan view.
func (d *door) onClose() {
	d.opened++ // work still running for this opening finds it closed
	d.closeFallback()
	d.u.win.SetFullScreen(false)
	d.holder.Objects = []fyne.CanvasObject{d.setupView}
	d.holder.Refresh()
}

func (d *door) scanView() fyne.CanvasObject {
	d.manual = newManualCheckIn(d)
	d.scan = newScanEntry(d)
	d.panel = canvas.NewRectangle(neutral)
	d.frame = &canvas.Rectangle{FillColor: color.Transparent, StrokeWidth: 16}
	d.glow = canvas.NewRectangle(color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0x50})
	d.glow.Hide()
	d.verdict = &canvas.Text{TextSize: 96, TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter, Color: white}
	d.stamp = &canvas.Text{TextSize: 22, Alignment: fyne.TextAlignTrailing, Color: white}
	d.reason = &canvas.Text{TextSize: 36, Alignment: fyne.TextAlignCenter, Color: white}
	d.name = &canvas.Text{TextSize: 44, TextStyle: fyne.TextStyle{Bold: true}, Color: theme.Color(theme.ColorNameForeground)}
	d.details = &widget.Label{SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
	d.noPhoto = &widget.Label{Text: lang.L("No photo: check the document"), Importance: widget.WarningImportance, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	d.noPhoto.Hide()
	d.photo = container.NewGridWrap(fyne.NewSize(210, 280))
	d.portrait.frame = d.photo
	d.count = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	d.recent = widget.NewList(func() int { return len(d.history) }, func() fyne.CanvasObject {
		return &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	}, d.updateRecent)

	s := d.current
	title := &widget.Label{Text: fmt.Sprintf("%s · %s · %s", s.Code, s.Title, s.Room), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	direction := lang.L("Entry")
	if d.exit.Checked {
		direction = lang.L("Exit")
	}
	station := &widget.Label{Text: d.station.Text + " · " + direction}
	d.ruleNote = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.WarningImportance}
	d.ruleNote.Hide()
	d.fallbackNote = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	early := &widget.Label{Text: d.earlyWarning(s), Importance: widget.WarningImportance, Truncation: fyne.TextTruncateEllipsis}
	if early.Text == "" {
		early.Hide()
	}
	leave := &widget.Button{Text: lang.L("Leave the door"), Icon: theme.LogoutIcon(), OnTapped: d.onLeave}
	forgotten := &widget.Button{Text: lang.L("Forgotten badge") + "  [F2]", Icon: theme.SearchIcon(), OnTapped: d.manual.show}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(d.count, forgotten, leave), container.NewVBox(title, container.NewBorder(nil, nil, container.NewHBox(station, d.ruleNote), nil, early), d.fallbackNote))

	d.tall = canvas.NewRectangle(color.Transparent)
	d.tall.SetMinSize(fyne.NewSize(10, bannerHeight))
	d.words = container.NewVBox(layout.NewSpacer(), container.New(&shrinkToFit{text: d.verdict, size: d.verdict.TextSize}, d.verdict),
		container.New(&shrinkToFit{text: d.reason, size: d.reason.TextSize}, d.reason), layout.NewSpacer())
	d.banner = container.NewStack(d.tall, d.panel, d.glow, d.frame, d.words,
		container.New(layout.NewCustomPaddedLayout(20, 0, 0, 28), container.NewVBox(d.stamp)))
	person := container.NewBorder(nil, nil, d.photo, nil, container.NewVBox(d.name, d.details, d.noPhoto))
	recent := container.NewBorder(&widget.Label{Text: lang.L("Recent scans"), TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, d.recent)
	body := container.NewHSplit(container.NewPadded(person), recent)
	body.Offset = 0.68
	d.people = container.NewStack(body)
	scanLine := container.NewBorder(nil, nil, &widget.Label{Text: lang.L("Scan:")}, nil, d.scan)
	// The search for a forgotten badge takes the place of the person and the
	// recent scans, so that the view keeps its height on a small screen.
	d.view = container.NewBorder(container.NewVBox(top, d.banner), scanLine, nil, nil, container.NewStack(d.people, d.manual.box))
	return d.view
}

// bannerHeight is the verdict banner's height, readable from two metres.
const bannerHeight = 250

// searching shows the search for a forgotten badge in place of the person
// and the recent scans, or hides it, and lays the view out again. The
// banner is as tall as its words meanwhile, so that the search, with its
// reason and the photo, fits a 1280×800 screen.
func (d *door) searching(on bool) {
	if on {
		d.people.Hide()
		d.manual.box.Show()
		d.tall.SetMinSize(fyne.NewSize(10, 0))
	} else {
		d.manual.box.Hide()
		d.people.Show()
		d.tall.SetMinSize(fyne.NewSize(10, bannerHeight))
	}
	d.view.Refresh()
}

// say writes the banner's word and reason, each made smaller where it
// would not fit across the banner.
func (d *door) say(word, reason string) {
	d.verdict.Text = word
	d.reason.Text = reason
	d.words.Refresh() // lays the words out again, at their size
}

// setPanel colours the verdict and its frame.
func (d *door) setPanel(fill, frame color.Color) {
	d.panel.FillColor = fill
	d.panel.Refresh()
	d.frame.StrokeColor = frame
	d.frame.Refresh()
}

// The verdicts' colours, readable from two metres.
var (
	accepted = color.NRGBA{R: 0x1B, G: 0x87, B: 0x3F, A: 0xFF}
	already  = color.NRGBA{R: 0xD9, G: 0x8E, B: 0x04, A: 0xFF}
	rejected = color.NRGBA{R: 0xC8, G: 0x1E, B: 0x1E, A: 0xFF}
	neutral  = color.NRGBA{R: 0x44, G: 0x4B, B: 0x55, A: 0xFF}
	fault    = color.NRGBA{R: 0xB0, G: 0x5A, B: 0x00, A: 0xFF} // no verdict: not recorded, not read, or the check failed
	white    = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
)

// onScan checks a code typed by the scanner at the door, read back first
// through the keyboard layout that changed it; a code a Vietnamese input
// method changed beyond reading is not checked, and the door says what to
// switch off.
func (d *door) onScan(typed string) {
	r := scantext.ReadSigned(typed, d.signed)
	if r.Layout == scantext.VietnameseIME {
		d.showUnread()
		return
	}
	d.check(data.Scan{Code: r.Code})
}

// signed reports whether code is signed by the event's key.
func (d *door) signed(code string) bool {
	_, err := credential.Verify(code, d.u.event.KeyID, d.u.event.PublicKey)
	return err == nil
}

// onManual checks in someone who forgot their badge, found by search.
func (d *door) onManual(p data.Participant) {
	d.check(data.Scan{ParticipantID: p.ID})
	d.focus()
}

// check records a scan at the door in the background, for the door's
// deadline at most: the door shows "checking…" at once, and the verdict
// once it is recorded; the window never waits for the database.
func (d *door) check(scan data.Scan) {
	scan.SessionID, scan.Station, scan.Exit = d.current.ID, d.station.Text, d.exit.Checked
	d.shown++
	shown, opening, store, actor, file := d.shown, d.opened, d.store(), d.u.actor(), d.fallback.file
	d.showChecking()
	deadline := d.deadline
	d.work.run(func() func() {
		ctx, cancel := context.WithTimeout(actor, deadline)
		defer cancel()
		v, err := store.CheckIn(ctx, scan)
		var who data.Participant
		if err != nil {
			who = d.whoScanned(file, scan)
		}
		return func() {
			if d.opened != opening {
				return // the door was closed meanwhile
			}
			if err != nil {
				d.showFault(err, shown, who)
				return
			}
			d.show(v, shown)
			if v.Reason.Code == data.ReasonMalformed && isBadgeNumber(scan.Code) {
				d.details.SetText(lang.L("A badge number typed by hand is no badge: press F2 to find the person."))
			}
		}
	})
}

// whoScanned is whom a scan that could not be recorded names, read from
// the door's station file where there is one (it needs no network): a
// door that says NOT RECORDED twice says for whom each time.
func (d *door) whoScanned(file *data.Store, scan data.Scan) data.Participant {
	id := scan.ParticipantID
	if c, err := credential.Verify(scan.Code, d.u.event.KeyID, d.u.event.PublicKey); err == nil {
		id = c.ParticipantID
	}
	if id == 0 || file == nil {
		return data.Participant{ID: id}
	}
	ctx, cancel := context.WithTimeout(context.Background(), scanTimeout)
	defer cancel()
	p, err := file.Participant(ctx, id)
	if err != nil {
		return data.Participant{ID: id}
	}
	return p
}

// isBadgeNumber reports whether code is digits only, as a badge number
// typed by hand is, rather than a scanned badge's code.
func isBadgeNumber(code string) bool {
	code = strings.TrimSpace(code)
	return code != "" && strings.Trim(code, "0123456789") == ""
}

// showChecking says that a scan is being checked, until its verdict is
// recorded.
func (d *door) showChecking() {
	d.setPanel(neutral, color.Transparent)
	d.say(lang.L("checking…"), lang.L("{{.Seconds}} s at most", map[string]any{"Seconds": max(1, int(d.deadline.Round(time.Second)/time.Second))}))
	d.stamp.Text = ""
	d.stamp.Refresh()
	d.showPerson(data.Participant{})
}

// showFault says that a scan was not recorded, in amber, never as a
// refusal: NOT RECORDED when the event database is out of reach (the door
// tries again by itself), CHECK FAILED with the reason otherwise. Each
// says when, and for whom where the door can tell, so that two in a row
// look apart.
func (d *door) showFault(err error, shown int, who data.Participant) {
	if data.ErrorCode(err) == data.EINTERNAL {
		d.showLost(shown, who)
		return
	}
	d.showUnrecorded(lang.L("CHECK FAILED"), headline(err), shown, who)
	d.keep(shown)
}

// showUnread says that a scan could not be read: a Vietnamese input method
// changed what the scanner typed. Nothing is recorded.
func (d *door) showUnread() {
	d.shown++
	d.showUnrecorded(lang.L("NOT READ"), lang.L("Switch off Vietnamese typing, then scan again."), d.shown, data.Participant{})
	d.details.SetText(lang.L("Vietnamese typing (Telex, VNI) changed what the scanner typed. In Unikey or EVKey press Ctrl+Shift, or choose English input (E) in the taskbar; the badge is then read."))
	d.keep(d.shown)
}

// showUnrecorded shows a word and a reason in amber, for a scan that left
// no verdict, stamped with its number and the time.
func (d *door) showUnrecorded(word, reason string, shown int, who data.Participant) {
	d.setPanel(fault, color.Transparent)
	d.say(word, reason)
	d.setStamp(shown, d.u.store.Now())
	d.showPerson(data.Participant{})
	if who.ID != 0 {
		d.name.Text = firstNonEmpty(who.ListName(), who.BadgeNumber())
		d.name.Refresh()
	}
	playVerdict(data.Already)
}

// setStamp numbers a verdict on screen (shown, 0 for none) and says when it
// came, so that two alike in a row show themselves as new.
func (d *door) setStamp(shown int, at time.Time) {
	d.stamp.Text = at.In(d.u.event.Location()).Format("15:04:05")
	if shown > 0 {
		d.stamp.Text = lang.L("Scan {{.Number}} · {{.Time}}", map[string]any{"Number": shown, "Time": d.stamp.Text})
	}
	d.stamp.Refresh()
	d.flash()
}

// flash lights the banner for a moment, as a sign that a new verdict came.
func (d *door) flash() {
	d.glow.Show()
	d.glow.Refresh()
	shown := d.shown
	d.later(flashFor, func() {
		if d.shown == shown {
			d.glow.Hide()
		}
	})
}

// flashFor is how long the banner lights up for a new verdict.
const flashFor = 250 * time.Millisecond

// keep leaves a verdict on screen for a while, then asks for the next
// badge, unless a newer verdict came meanwhile.
func (d *door) keep(shown int) {
	d.later(8*time.Second, func() {
		if d.shown == shown {
			d.ready()
		}
	})
}

func (d *door) show(v data.Verdict, shown int) {
	d.lost = false
	d.fallbackNote.SetText(d.fallbackText())
	d.history = append([]data.Verdict{v}, d.history[:min(len(d.history), 19)]...)
	d.recent.Refresh()
	if shown != d.shown {
		return // a later scan holds the banner: this verdict is listed among the recent ones
	}
	colour, word := verdictLook(v)
	frame := color.Color(color.Transparent)
	if v.Participant.ID != 0 {
		frame = categoryNamed(d.categories, v.Participant.Category).RGB()
	}
	d.setPanel(colour, frame)
	d.say(word, say(v.Reason.Message()))
	d.setStamp(shown, v.At)
	d.showPerson(v.Participant)
	d.current.Present = v.Present
	d.setCount(v.Present, v.Capacity)
	playVerdict(shownAs(v))
	d.keep(shown)
}

func (d *door) showPerson(p data.Participant) {
	d.portrait.clear()
	d.name.Text = ""
	d.details.SetText("")
	d.noPhoto.Hide()
	if p.ID != 0 {
		if !p.HasPhoto && !categoryNamed(d.categories, p.Category).NoPhoto {
			d.noPhoto.Show() // a category without photos asks for no look at a document
		}
		d.portrait.load(&d.work, d.store(), p.ID)
		d.name.Text = p.ListName()
		lines := []string{categoryText(categoryNamed(d.categories, p.Category)) + " · " + affiliationText(p.Affiliation), p.BadgeNumber()}
		if p.NativeName != "" {
			lines = append([]string{p.NativeName}, lines...)
		}
		d.details.SetText(strings.Join(lines, "\n"))
	}
	d.name.Refresh()
	d.people.Refresh()
}

// ready shows the neutral screen that asks for a badge, with the count as
// last known: the last verdict's, or what watch read for the other doors.
func (d *door) ready() {
	d.setPanel(neutral, color.Transparent)
	d.say(lang.L("Scan a badge"), "")
	d.stamp.Text = ""
	d.stamp.Refresh()
	d.showPerson(data.Participant{})
	d.setCount(d.current.Present, d.current.Capacity) // watch reads it again in the background
}

func (d *door) setCount(present, capacity int) {
	if capacity > 0 {
		d.count.SetText(number(present) + " / " + number(capacity))
	} else {
		d.count.SetText(number(present))
	}
}

func (d *door) updateRecent(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(d.history) {
		return
	}
	v := d.history[i]
	_, word := verdictLook(v)
	text := v.At.In(d.u.event.Location()).Format("15:04:05") + "  " + word + "  "
	if v.Manual {
		text += lang.L("manual entry") + " · "
	}
	if v.Participant.ID != 0 {
		text += v.Participant.ListName()
	}
	if v.Kind == data.Rejected && v.Reason.Code != "" {
		text += " — " + say(v.Reason.Message())
	}
	l := o.(*widget.Label)
	l.Importance = map[data.VerdictKind]widget.Importance{data.Accepted: widget.SuccessImportance, data.Already: widget.WarningImportance, data.Rejected: widget.DangerImportance}[shownAs(v)]
	l.SetText(text)
}

// onTypedRune gives a character typed while nothing has the keyboard to an
// open door's scan field.
func (u *ui) onTypedRune(r rune) {
	if u.doorOnScreen() {
		u.door.typedAnywhere(func() { u.door.scan.TypedRune(r) })
	}
}

// typedAnywhere types a key typed while nothing has the keyboard (a click
// elsewhere took it) into the scan field, which takes the keyboard at once:
// a scan that starts then loses none of its characters.
func (d *door) typedAnywhere(typeIt func()) {
	if d.scan == nil || d.manual.open {
		return
	}
	d.u.win.Canvas().Focus(d.scan)
	typeIt()
}

// focus gives the scan field the keyboard, unless a person is searching;
// on the set-up screen, the station's name, where Enter opens the door.
func (d *door) focus() {
	switch {
	case !d.isOpen():
		d.u.win.Canvas().Focus(d.station)
	case d.scan != nil && !d.manual.open:
		d.u.win.Canvas().Focus(d.scan)
	}
}

// verdictLook is a verdict's colour and word: a badge shown too early is
// amber, as it will do later; a refused one is red.
func verdictLook(v data.Verdict) (color.Color, string) {
	switch {
	case v.Reason.Code == data.ReasonTooEarly:
		return already, lang.L("TOO EARLY")
	case v.Kind == data.Accepted:
		if v.Exit {
			return accepted, lang.L("GOODBYE")
		}
		return accepted, lang.L("ACCEPTED")
	case v.Kind == data.Already:
		return already, lang.L("ALREADY IN")
	}
	return rejected, lang.L("REJECTED")
}

// shownAs is the verdict kind a verdict sounds and looks like: a badge shown too
// early is not a refused one.
func shownAs(v data.Verdict) data.VerdictKind {
	if v.Reason.Code == data.ReasonTooEarly {
		return data.Already
	}
	return v.Kind
}

// shrinkToFit lays out one line of text across the width it is given, made
// smaller than its size when it would not fit, so that a long verdict or
// reason (in French, or a fault's) never widens the window.
type shrinkToFit struct {
	text *canvas.Text
	size float32 // the text's size when it fits
}

// MinSize is the line's height at its size; it asks for no width.
func (s *shrinkToFit) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, fyne.MeasureText("Ág", s.size, s.text.TextStyle).Height)
}

// Layout sizes the text down until it fits, at half its size at least.
func (s *shrinkToFit) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	s.text.TextSize = s.size
	if width := fyne.MeasureText(s.text.Text, s.size, s.text.TextStyle).Width; width > size.Width && size.Width > 0 {
		s.text.TextSize = max(s.size/2, s.size*size.Width/width)
	}
	s.text.Move(fyne.NewPos(0, 0))
	s.text.Resize(size)
	s.text.Refresh()
}
