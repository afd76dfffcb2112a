package app

import (
	"testing"

	"accred/data/pgtest"
)

// TestMain lets the screens' tests use a throwaway PostgreSQL server too.
func TestMain(m *testing.M) { pgtest.Main(m) }
