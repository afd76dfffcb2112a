package pgtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissingPostgreSQLSaysToRunMakeDeps(t *testing.T) {
	clientOnly := t.TempDir() // as libpq-dev leaves it: pg_config, no server
	if err := os.WriteFile(filepath.Join(clientOnly, "pg_config"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := serverDir([]string{clientOnly, filepath.Join(clientOnly, "absent")})
	if err == nil || !strings.Contains(err.Error(), "run 'make deps'") {
		t.Errorf("serverDir without PostgreSQL = %v, want an error saying to run 'make deps'", err)
	}
}

func TestServerFolderIsTheFirstHoldingInitdbAndPostgres(t *testing.T) {
	onlyInitdb, both := t.TempDir(), t.TempDir()
	for _, f := range []string{filepath.Join(onlyInitdb, "initdb"), filepath.Join(both, "initdb"), filepath.Join(both, "postgres")} {
		if err := os.WriteFile(f, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := serverDir([]string{onlyInitdb, both}); err != nil || got != both {
		t.Errorf("serverDir = %q, %v; want %q", got, err, both)
	}
}

func TestDebianVersionsNewestFirst(t *testing.T) {
	dirs := []string{"/usr/lib/postgresql/9/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"}
	sortByVersion(dirs)
	if want := "/usr/lib/postgresql/16/bin /usr/lib/postgresql/15/bin /usr/lib/postgresql/9/bin"; strings.Join(dirs, " ") != want {
		t.Errorf("sorted %v, want %s", dirs, want)
	}
}
