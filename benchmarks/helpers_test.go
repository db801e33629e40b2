package benchmarks

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns the shared benchmark folder (../shared/benchmarks from
// the repository root, or $PENCIL_BENCHMARKS) and skips the test when it is
// absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("PENCIL_BENCHMARKS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "benchmarks")
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("PENCIL_REQUIRE_BENCHMARKS") != "" {
			t.Fatalf("PENCIL_REQUIRE_BENCHMARKS is set but the shared benchmark folder is not found: %v", err)
		}
		t.Skipf("shared benchmark folder not found: %v", err)
	}
	return dir
}

// loadFile loads one instance file of the given kind.
func loadFile(t testing.TB, kind Kind, path string) *Instance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	load := LoadPSPLIB
	if kind == KindIMOPSE {
		load = LoadIMOPSE
	}
	in, err := load(f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return in
}
