package solver

import (
	"os"
	"path/filepath"
	"testing"
)

// skipWithoutShared skips a test that needs ../shared/benchmarks when it
// is absent on a laptop, and fails it instead in CI, where .ci/run sets
// PENCIL_REQUIRE_BENCHMARKS=1: a check that silently never runs is worse
// than none.
func skipWithoutShared(t testing.TB, why ...any) {
	t.Helper()
	if os.Getenv("PENCIL_REQUIRE_BENCHMARKS") != "" {
		t.Fatal(append([]any{"PENCIL_REQUIRE_BENCHMARKS is set but"}, why...)...)
	}
	t.Skip(why...)
}

// benchSM loads one instance of a PSPLIB set ("j30", "j120") for a
// benchmark, or skips it as skipWithoutShared does.
func benchSM(b *testing.B, set, name string) *Problem {
	b.Helper()
	p, err := loadSM(filepath.Join(psplibDir, set, name))
	if err != nil {
		skipWithoutShared(b, "PSPLIB not available:", err)
	}
	return p
}
