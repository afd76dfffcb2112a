package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"accred/data/country"
)

// countryChoice offers countries under an entry as a person types a name or
// a code, in the language of the interface: Up and Down move through
// them, Enter or a tap chooses one, Esc puts them away. A typed code or
// name is taken as it is when nothing is chosen.
type countryChoice struct {
	entry   *keyEntry
	box     *fyne.Container // the countries offered, under the entry
	offered []country.Country
	lit     int // the country Enter chooses

	chosen *country.Country // the country chosen, while the entry shows its name
	filled bool             // the entry's text is being set, not typed
}

// countriesOffered is how many countries the choice shows at once.
const countriesOffered = 6

// newCountryChoice offers countries under e. The entry's Enter, Esc, Up and
// Down keep what they did before while no country is offered.
func newCountryChoice(e *keyEntry) *countryChoice {
	c := &countryChoice{entry: e, box: container.NewVBox()}
	c.box.Hide()
	typed := e.OnChanged
	e.OnChanged = func(text string) {
		if !c.filled {
			c.chosen = nil
			c.offer(text)
		}
		if typed != nil {
			typed(text)
		}
	}
	c.bind(fyne.KeyDown, func() { c.light(c.lit + 1) })
	c.bind(fyne.KeyUp, func() { c.light(c.lit - 1) })
	c.bind(fyne.KeyReturn, func() { c.choose(c.lit) })
	c.bind(fyne.KeyEnter, func() { c.choose(c.lit) })
	c.bind(fyne.KeyEscape, c.close)
	return c
}

// bind runs fn for key while countries are offered, and what the entry did
// before otherwise.
func (c *countryChoice) bind(key fyne.KeyName, fn func()) {
	before := c.entry.keys[key]
	c.entry.keys[key] = func() {
		switch {
		case c.box.Visible():
			fn()
		case before != nil:
			before()
		case key == fyne.KeyReturn || key == fyne.KeyEnter:
			if c.entry.OnSubmitted != nil {
				c.entry.OnSubmitted(c.entry.Text)
			}
		}
	}
}

// offer shows the countries matching what was typed.
func (c *countryChoice) offer(typed string) {
	c.offered = country.Matching(typed, currentLanguage(), countriesOffered)
	c.lit = 0
	c.box.RemoveAll()
	for i, o := range c.offered {
		c.box.Add(&widget.Button{Text: o.Name(currentLanguage()) + " (" + o.Code + ")", Alignment: widget.ButtonAlignLeading,
			OnTapped: func() { c.choose(i) }})
	}
	c.light(0)
	if len(c.offered) == 0 {
		c.box.Hide()
	} else {
		c.box.Show()
	}
}

// light highlights the i-th country offered.
func (c *countryChoice) light(i int) {
	if len(c.offered) == 0 {
		return
	}
	c.lit = max(0, min(len(c.offered)-1, i))
	for j, o := range c.box.Objects {
		b := o.(*widget.Button)
		b.Importance = widget.LowImportance
		if j == c.lit {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}

// choose puts the i-th country offered in the entry.
func (c *countryChoice) choose(i int) {
	if i < 0 || i >= len(c.offered) {
		return
	}
	c.set(c.offered[i])
	c.close()
}

// set shows a country in the entry, by its name in the interface's language.
func (c *countryChoice) set(o country.Country) {
	c.chosen, c.filled = &o, true
	c.entry.SetText(o.Name(currentLanguage()))
	c.entry.CursorColumn = len([]rune(c.entry.Text))
	c.filled = false
}

// fill shows the country of a code in the entry, or the text as it is when
// it names none.
func (c *countryChoice) fill(code string) {
	if o, ok := country.Lookup(code); ok && code != "" {
		c.set(o)
		return
	}
	c.filled = true
	c.entry.SetText(code)
	c.filled = false
	c.chosen = nil
	c.close()
}

func (c *countryChoice) close() { c.box.Hide() }

// value is the code of the country chosen, or what was typed.
func (c *countryChoice) value() string {
	if c.chosen != nil {
		return c.chosen.Code
	}
	return c.entry.Text
}
