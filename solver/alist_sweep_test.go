package solver

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestPSPLIBHard measures the activity-list search on the highly
// resource-constrained J30 sets 13 and 29 when PENCIL_PSPLIB_HARD gives an
// iteration limit per worker (PENCIL_PSPLIB_ONLY=29_1 keeps one instance).
// It is a measuring tool, skipped by default.
func TestPSPLIBHard(t *testing.T) {
	iters, err := strconv.Atoi(os.Getenv("PENCIL_PSPLIB_HARD"))
	if err != nil {
		t.Skip("set PENCIL_PSPLIB_HARD=<iterations per worker> to measure")
	}
	opt := j30Optima(t)
	hits, n, total := 0, 0, 0
	for _, set := range []string{"13", "29"} {
		for i := 1; i <= 10; i++ {
			name := set + "_" + strconv.Itoa(i)
			if only := os.Getenv("PENCIL_PSPLIB_ONLY"); only != "" && only != name {
				continue
			}
			p, err := loadSM(filepath.Join(psplibDir, "j30", "j30"+name+".sm"))
			if err != nil {
				t.Fatal(err)
			}
			sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: iters, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			n++
			total += sol.Stats.Iterations
			if int(sol.Makespan) == opt[name] {
				hits++
			} else {
				t.Logf("%s: %d, optimum %d", name, sol.Makespan, opt[name])
			}
		}
	}
	t.Logf("hard J30: %d of %d optimal at %d iterations per worker, %d iterations in all", hits, n, iters, total)
}

func TestGASizes(t *testing.T) {
	tests := []struct {
		n, population, restartAfter int
	}{
		{2, 40, 40},
		{32, 40, 40},    // J30
		{62, 160, 93},   // J60
		{92, 280, 147},  // J90
		{122, 400, 200}, // J120
		{2000, 400, 200},
	}
	for _, tt := range tests {
		pop, restart := gaSizes(tt.n)
		if pop != tt.population || restart != tt.restartAfter {
			t.Errorf("gaSizes(%d) = %d, %d; want %d, %d", tt.n, pop, restart, tt.population, tt.restartAfter)
		}
	}
	for n := 1; n < 300; n++ {
		p0, r0 := gaSizes(n)
		p1, r1 := gaSizes(n + 1)
		if p1 < p0 || r1 < r0 {
			t.Fatalf("gaSizes shrinks from %d to %d tasks", n, n+1)
		}
	}
}
