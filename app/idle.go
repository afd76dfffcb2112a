package app

import (
	"time"
)

// idleClock tells when the station was last used, so that it locks itself
// after the station's idle minutes.
type idleClock struct {
	last time.Time
	now  func() time.Time // time.Now, unless a test drives it
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

// lockIfIdle locks the station once no one has used it for its idle
// minutes. An open door is a kiosk that goes on scanning: it never locks.
func (u *ui) lockIfIdle() {
	minutes := u.idleMinutes()
	if minutes <= 0 || u.operator.Roles == nil || u.signIn != nil || u.atOpenDoor() {
		return
	}
	if u.idle.time().Sub(u.idle.last) >= time.Duration(minutes)*time.Minute {
		u.lock()
	}
}
