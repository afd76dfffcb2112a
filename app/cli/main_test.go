package cli

import (
	"testing"

	"accred/data/pgtest"
)

// TestMain runs the command line's tests on SQLite, or on a throwaway
// PostgreSQL server with ACCRED_TEST_ENGINE=postgres.
func TestMain(m *testing.M) { pgtest.Main(m) }
