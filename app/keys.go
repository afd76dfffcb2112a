package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a text entry that also answers the station's keys (arrows,
// function keys, Ctrl shortcuts), so staff keep their hands on the keyboard.
type keyEntry struct {
	widget.Entry
	keys      map[fyne.KeyName]func()
	shortcuts map[fyne.KeyName]func() // with Ctrl
	onFocus   func()                  // runs when the entry takes the focus, if set
}

func newKeyEntry(placeholder string) *keyEntry {
	e := &keyEntry{keys: map[fyne.KeyName]func(){}, shortcuts: map[fyne.KeyName]func(){}}
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained tells onFocus, if set, that the entry has the focus.
func (e *keyEntry) FocusGained() {
	inUse()
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

// TypedRune types a letter, which counts as use of the station.
func (e *keyEntry) TypedRune(r rune) {
	inUse()
	e.Entry.TypedRune(r)
}

// TypedKey runs the handler bound to the key, or types it.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	inUse()
	if fn, ok := e.keys[ev.Name]; ok {
		fn()
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut runs the handler bound to a Ctrl shortcut, or lets the entry handle it.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	inUse()
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierControl {
		if fn, ok := e.shortcuts[cs.KeyName]; ok {
			fn()
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// bindKeys gives several entries the same keys.
func bindKeys(keys map[fyne.KeyName]func(), entries ...*keyEntry) {
	for _, e := range entries {
		for k, fn := range keys {
			e.keys[k] = fn
		}
	}
}
