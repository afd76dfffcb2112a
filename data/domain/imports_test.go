package domain_test

import (
	"accred/data/gosource"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDomainKeepsNothing fails when the domain imports storage, a screen,
// or a package of Accred's other than the small pure ones it builds on:
// what an event is made of is checked without a database or a display.
func TestDomainKeepsNothing(t *testing.T) {
	pure := []string{"accred/data/msg", "accred/data/rules", "accred/data/country", "accred/data/search", "accred/data/document"}
	_, files := gosource.Files(t, ".")
	for _, f := range files {
		name := f.Name
		for _, spec := range f.Imports {
			path, _ := strconv.Unquote(spec.Path.Value)
			switch {
			case strings.HasPrefix(path, "database/"), strings.Contains(path, "sqlite"), strings.Contains(path, "pgx"),
				strings.HasPrefix(path, "fyne.io/"), strings.HasPrefix(path, "net/http"), path == "os/exec":
				t.Errorf("%s imports %s: the domain keeps and shows nothing", name, path)
			case strings.HasPrefix(path, "accred/") && !slices.Contains(pure, path):
				t.Errorf("%s imports %s: the domain builds on %s only", name, path, strings.Join(pure, ", "))
			}
		}
	}
}
