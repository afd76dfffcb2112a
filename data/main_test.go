package data_test

import (
	"runtime"
	"testing"

	"accred/data/pgtest"
)

// startAlloc is what the test program had allocated when its tests began:
// the initialisation of its packages, which every command pays for.
var startAlloc uint64

// TestMain runs the store's tests on SQLite, or on a throwaway PostgreSQL
// server with ACCRED_TEST_ENGINE=postgres.
func TestMain(m *testing.M) {
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	startAlloc = stats.TotalAlloc
	pgtest.Main(m)
}

// TestStartIsCheap: nothing costly happens when the store's packages are
// loaded (an argon2id hash takes 19 MiB and a tenth of a second): a command
// such as accred stats starts at once.
func TestStartIsCheap(t *testing.T) {
	if startAlloc > 8<<20 {
		t.Fatalf("loading the store's packages allocated %d MiB", startAlloc>>20)
	}
	t.Logf("loading the store's packages allocated %d KiB", startAlloc>>10)
}
