package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/widget"
)

// idleClock tells when the station was last used, so that it locks itself
// after the station's idle minutes.
type idleClock struct {
	last time.Time
	now  func() time.Time // time.Now, unless a test drives it
	// typing is what the widget with the focus was at the last look: which
	// one, and for an entry the length of its text and its cursor.
	typing string
}

// prefIdleMinutes is the station's setting: minutes without use before it
// locks itself; 0 never locks.
const (
	prefIdleMinutes    = "idleMinutes"
	defaultIdleMinutes = 5
	maxIdleMinutes     = 240
)

func (c *idleClock) time() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// touch records that the station is in use.
func (u *ui) touch() { u.idle.last = u.idle.time() }

// inUse is told of every key, click and scroll the app's own widgets
// receive: the window's station is in use. The window's home sets it.
var inUse = func() {}

// listen counts every key typed in the window, and every key and click
// the app's widgets receive, as use of the station, and takes the files
// dropped on the window.
func (u *ui) listen() {
	inUse = u.touch
	u.win.Canvas().SetOnTypedKey(u.onTypedKey)
	u.win.Canvas().SetOnTypedRune(func(r rune) {
		u.touch()
		u.onTypedRune(r)
	})
	u.win.SetOnDropped(u.onDropped)
}

// touching runs fn as a tap, which counts as use of the station.
func touching(fn func()) func() {
	return func() {
		inUse()
		fn()
	}
}

// idleMinutes is the station's setting, 5 unless changed in Settings.
func (u *ui) idleMinutes() int {
	return u.app.Preferences().IntWithFallback(prefIdleMinutes, defaultIdleMinutes)
}

// noticeTyping counts as use of the station a change of the widget with
// the focus, or of the text or cursor of the entry with the focus, since
// the last look: typing in any entry of any screen keeps the station awake,
// and nothing typed is kept.
func (u *ui) noticeTyping() {
	focused := u.win.Canvas().Focused()
	typing := fmt.Sprintf("%p", focused)
	var e *widget.Entry
	switch f := focused.(type) {
	case *widget.Entry:
		e = f
	case *keyEntry:
		e = &f.Entry
	case *widget.SelectEntry:
		e = &f.Entry
	}
	if e != nil {
		typing += fmt.Sprintf(" %d %d %d", len(e.Text), e.CursorRow, e.CursorColumn)
	}
	if typing != u.idle.typing {
		u.idle.typing = typing
		u.touch()
	}
}

// lockIfIdle locks the station once no one has used it for its idle
// minutes. An open door is a kiosk that goes on scanning: it never locks.
func (u *ui) lockIfIdle() {
	u.noticeTyping()
	minutes := u.idleMinutes()
	if minutes <= 0 || u.operator.Roles == nil || u.signIn != nil || u.atOpenDoor() {
		return
	}
	if u.idle.time().Sub(u.idle.last) >= time.Duration(minutes)*time.Minute {
		u.lock()
	}
}
