package app

import (
	"testing"
	"time"

	"accred/data/pgtest"
)

// TestMain lets the screens' tests use a throwaway PostgreSQL server too,
// and runs the screens' background work where it is started (a test's
// fyne.Do does not hand work back to one goroutine as the app's does).
func TestMain(m *testing.M) {
	inBackground = runHere
	later = func(time.Duration, func()) {} // no timer touches a screen from another goroutine
	pgtest.Main(m)
}
