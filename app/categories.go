package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"maps"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"accred/data"
)

// categoryEditor changes the categories as their badges show them: each
// one's name, its names in the event's badge languages, and whether its
// badges have a photo frame.
type categoryEditor struct {
	s    *settings
	rows []categoryRow
	save *widget.Button
}

// categoryRow is one category's fields.
type categoryRow struct {
	category data.Category
	name     *widget.Entry
	colour   *widget.Entry            // #RRGGBB, the band's and the frame's
	names    map[string]*widget.Entry // by language code
	photo    *widget.Check
}

func newCategoryEditor(s *settings) *categoryEditor { return &categoryEditor{s: s} }

func (c *categoryEditor) buildUI() fyne.CanvasObject {
	languages := c.s.u.event.Languages
	grid := container.NewGridWithColumns(4 + len(languages))
	grid.Add(widget.NewLabel(""))
	grid.Add(&widget.Label{Text: lang.L("Name"), TextStyle: fyne.TextStyle{Bold: true}})
	grid.Add(&widget.Label{Text: lang.L("Colour"), TextStyle: fyne.TextStyle{Bold: true}})
	for _, l := range languages {
		grid.Add(&widget.Label{Text: lang.L("Name in {{.Language}}", map[string]any{"Language": l}), TextStyle: fyne.TextStyle{Bold: true}})
	}
	grid.Add(widget.NewLabel(""))
	c.save = &widget.Button{Text: lang.L("Save the categories"), Importance: widget.HighImportance, OnTapped: c.onSave}
	return readInto(&c.s.work, c.s.u.store.Categories, func(cats []data.Category) fyne.CanvasObject {
		c.addRows(grid, cats)
		note := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("The band prints the names in the badge languages, such as DELEGATE / DÉLÉGUÉ. Without a photo, a category's badges have no frame and the door asks for no look at a document.")}
		return container.NewVBox(note, grid, container.NewHBox(c.save))
	})
}

// addRows adds a row of fields to grid for each of cats.
func (c *categoryEditor) addRows(grid *fyne.Container, cats []data.Category) {
	languages := c.s.u.event.Languages
	for _, cat := range cats {
		row := categoryRow{category: cat, name: &widget.Entry{Text: cat.Name}, names: map[string]*widget.Entry{},
			photo: &widget.Check{Text: lang.L("Photo on the badge"), Checked: !cat.NoPhoto}}
		swatch := canvas.NewRectangle(cat.RGB())
		swatch.SetMinSize(fyne.NewSize(16, 16))
		row.colour = &widget.Entry{Text: cat.Colour, PlaceHolder: "#RRGGBB"}
		row.colour.OnChanged = func(text string) { // the swatch shows the colour as it is typed
			swatch.FillColor = data.Category{Colour: strings.TrimSpace(text)}.RGB()
			swatch.Refresh()
		}
		pick := &widget.Button{Icon: theme.ColorPaletteIcon(), Importance: widget.LowImportance, OnTapped: func() {
			picker := dialog.NewColorPicker(lang.L("Colour of {{.Category}}", map[string]any{"Category": cat.Code}), "", func(c color.Color) {
				r, g, b, _ := c.RGBA()
				row.colour.SetText(fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8))
			}, c.s.u.win)
			picker.Advanced = true
			picker.SetColor(swatch.FillColor)
			picker.Show()
		}}
		grid.Add(container.NewBorder(nil, nil, swatch, nil, widget.NewLabel(cat.Code)))
		grid.Add(row.name)
		grid.Add(container.NewBorder(nil, nil, nil, pick, row.colour))
		for i, l := range languages {
			row.names[l] = &widget.Entry{Text: cat.NameIn(l), PlaceHolder: lang.L("Not given: left off the band")}
			if i == 0 { // the band prints the name instead
				row.names[l].PlaceHolder = lang.L("Not given: {{.Name}} is printed", map[string]any{"Name": cat.Name})
			}
			grid.Add(row.names[l])
		}
		grid.Add(row.photo)
		c.rows = append(c.rows, row)
	}
}

// onSave saves every category whose fields changed, in the background,
// and stops at the first refused, naming it.
func (c *categoryEditor) onSave() {
	var changed []data.Category
	for _, r := range c.rows {
		cat := r.category
		cat.Name, cat.NoPhoto, cat.Colour = r.name.Text, !r.photo.Checked, strings.ToUpper(strings.TrimSpace(r.colour.Text))
		cat.Names = maps.Clone(cat.Names)
		if cat.Names == nil {
			cat.Names = map[string]string{}
		}
		for l, e := range r.names {
			cat.Names[l] = e.Text
		}
		changed = append(changed, cat)
	}
	c.s.change(noteCategories, func(ctx context.Context) error {
		for _, cat := range changed {
			if err := c.s.u.store.SaveCategory(ctx, cat); err != nil {
				if data.ErrorCode(err) == data.EINTERNAL {
					return err
				}
				// Named, on one line: the category and every problem.
				return errors.New(lang.L("Category {{.Code}}", map[string]any{"Code": cat.Code}) + ": " + strings.ReplaceAll(problemText(err), "\n", " "))
			}
		}
		return nil
	}, lang.L("The categories are saved."))
}

// categoryText is a category's name in the station's language: the name
// the event gives it in that language, or else its name as the
// interface's words translate it.
func categoryText(c data.Category) string {
	if name := c.NameIn(currentLanguage()); name != "" {
		return name
	}
	if name, ok := defaultCategoryWords()[c.Name]; ok {
		return name
	}
	return c.Name
}

// defaultCategoryWords are the names a new event's categories start with
// (data.DefaultCategories), in the station's language.
func defaultCategoryWords() map[string]string {
	return map[string]string{"Delegate": lang.L("Delegate"), "Observer": lang.L("Observer"), "Media": lang.L("Media"),
		"United Nations": lang.L("United Nations"), "Organizer": lang.L("Organizer"), "Security": lang.L("Security"), "VIP": lang.L("VIP")}
}
