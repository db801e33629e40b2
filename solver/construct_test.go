package solver

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestConstructUntilHalts: construction asked to halt leaves the rest of
// the order unplaced, and what it placed is a consistent partial schedule
// (the same cost when rebuilt from its placements).
func TestConstructUntilHalts(t *testing.T) {
	p := filmProblem(21, 16)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) <= 2*haltEvery {
		t.Fatalf("fixture of %d tasks is too small to halt in", len(p.Tasks))
	}
	full := newState(p)
	rng := rand.New(rand.NewPCG(1, 1))
	if err := full.construct(p.priorityList(nil, rng, 0), nil, rng, 0, false); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		stopAt  int // halt answers true from this call on; 0: never halt
		placed  int // tasks placed at most
		minimum int // and at least
	}{
		{"never", 0, full.nPlaced, full.nPlaced},
		{"at once", 1, haltEvery - 1, 1},
		{"second ask", 2, 2*haltEvery - 1, haltEvery},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newState(p)
			rng := rand.New(rand.NewPCG(1, 1))
			calls := 0
			halt := func() bool {
				calls++
				return tt.stopAt > 0 && calls >= tt.stopAt
			}
			if err := st.constructUntil(p.priorityList(nil, rng, 0), nil, rng, 0, false, halt); err != nil {
				t.Fatal(err)
			}
			if st.nPlaced > tt.placed || st.nPlaced < tt.minimum {
				t.Fatalf("%d tasks placed, want %d to %d", st.nPlaced, tt.minimum, tt.placed)
			}
			again := newState(p)
			again.restorePlaced(st.snapshot(nil), st.placed)
			if again.nPlaced != st.nPlaced || math.Abs(again.objective()-st.objective()) > 1e-6 {
				t.Fatalf("rebuilt from its placements: %d placed, objective %v; constructed %d, %v",
					again.nPlaced, again.objective(), st.nPlaced, st.objective())
			}
		})
	}
}
