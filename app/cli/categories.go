package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"accred/data"
)

// runCategories lists the event's categories, or changes one.
func runCategories(e *env, args []string) error {
	rest, err := parse(flags("categories"), args)
	if err != nil {
		return err
	}
	if len(rest) != 0 && (len(rest) != 4 || rest[0] != "set") {
		return errUsage
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	cats, err := s.Categories(e.ctx)
	if err != nil {
		return err
	}
	if len(rest) == 4 {
		return setCategory(e, s, cats, rest[1], rest[2], rest[3])
	}
	for _, c := range cats {
		var names []string
		for _, l := range slices.Sorted(maps.Keys(c.Names)) {
			names = append(names, l+"="+c.Names[l])
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%s\n", c.Code, c.Colour, yesNo(!c.NoPhoto), c.Name, strings.Join(names, " "))
	}
	return nil
}

// setCategory changes one thing of the category code: its name, its name
// in a language (name.fr; empty removes it), its colour, or its photo
// frame (yes or no).
func setCategory(e *env, s *data.Store, cats []data.Category, code, key, value string) error {
	i := slices.IndexFunc(cats, func(c data.Category) bool { return c.Code == code })
	if i < 0 {
		return fmt.Errorf("there is no category %q", code)
	}
	c := cats[i]
	c.Names = maps.Clone(c.Names)
	if c.Names == nil {
		c.Names = map[string]string{}
	}
	switch language, ok := strings.CutPrefix(key, "name."); {
	case key == "name":
		c.Name = value
	case ok:
		c.Names[language] = value
	case key == "colour":
		c.Colour = value
	case key == "photo" && (value == "yes" || value == "no"):
		c.NoPhoto = value == "no"
	default:
		return errUsage
	}
	return s.SaveCategory(e.ctx, c)
}

func yesNo(b bool) string { return map[bool]string{true: "yes", false: "no"}[b] }
