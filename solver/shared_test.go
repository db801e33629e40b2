package solver

import (
	"os"
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
