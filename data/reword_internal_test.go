package data

import (
	"io/fs"
	"testing"
)

// TestWorkAfterMigrationNamesMigrations: the Go steps run after migrations
// name files that exist for both engines, so that a renamed migration
// cannot lose its step without a word.
func TestWorkAfterMigrationNamesMigrations(t *testing.T) {
	for name := range afterMigration {
		for _, e := range []engine{sqliteEngine, postgresEngine} {
			if _, err := fs.Stat(migrations, e.migrationsDir()+"/"+name); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}
