package data

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"testing"
)

// TestMigrationsAreNumberedInTurn: a database's schema version counts the
// migrations applied in the order of their names, so each engine's
// migrations are numbered 0001, 0002 … without a gap or a number taken
// twice, and each has its twin, of the same name, for the other engine.
func TestMigrationsAreNumberedInTurn(t *testing.T) {
	names := map[string][]string{}
	for _, dir := range []string{"migrations", "migrations/postgres"} {
		files, err := fs.Glob(migrations, dir+"/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		for i, f := range files {
			base := path.Base(f)
			if want := fmt.Sprintf("%04d_", i+1); base[:5] != want {
				t.Errorf("%s: migration %d of %s is numbered %s", f, i+1, dir, base[:4])
			}
			names[dir] = append(names[dir], base)
		}
	}
	if fmt.Sprint(names["migrations"]) != fmt.Sprint(names["migrations/postgres"]) {
		t.Errorf("the engines' migrations are not twins:\n%v\n%v", names["migrations"], names["migrations/postgres"])
	}
}
