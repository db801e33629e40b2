package solver

import (
	"context"
	"testing"
)

// TestTidyEarlier: of schedules that cost the same, the one reported
// starts work as soon as it can; one that would cost more stays put.
// Three days of five slots; the suite is closed on day 0 (slots 0-4).
func TestTidyEarlier(t *testing.T) {
	suite := func() Resource {
		avail := NewBitset(15)
		avail.SetRange(5, 15)
		return Resource{Name: "suite", Capacity: 1, Available: avail, Rate: RateCard{Day: 100}}
	}
	cut := func() Task {
		return Task{Name: "cut", Duration: 5, Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 1}}}
	}
	early := cut()
	early.Target, early.EarlinessPerDay = 15, 40 // wanted by the end of day 2
	tests := []struct {
		name      string
		p         *Problem
		from      Slot
		want      Slot
		wantMoved bool
	}{
		{"same price a day earlier: moved to the day the suite reopens", threeShortDays([]Resource{suite()}, cut()), 10, 5, true},
		{"already at its earliest: stays", threeShortDays([]Resource{suite()}, cut()), 5, 5, false},
		{"earlier costs earliness: stays", threeShortDays([]Resource{suite()}, early), 10, 10, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.p.Freeze(); err != nil {
				t.Fatal(err)
			}
			best := []Placement{{Start: tt.from, Resources: []ResourceID{0}}}
			before, err := tt.p.Evaluate(best)
			if err != nil {
				t.Fatal(err)
			}
			got := tidied(tt.p, best)
			if got[0].Start != tt.want {
				t.Errorf("start %d, want %d", got[0].Start, tt.want)
			}
			after, err := tt.p.Evaluate(got)
			if err != nil {
				t.Fatal(err)
			}
			if err := Verify(tt.p, after); err != nil {
				t.Fatalf("tidied schedule fails verification: %v", err)
			}
			if after.Cost.Total > before.Cost.Total+1e-9 {
				t.Errorf("cost rose from %v to %v", before.Cost.Total, after.Cost.Total)
			}
			if moved := got[0].Start != tt.from; moved != tt.wantMoved {
				t.Errorf("moved %v, want %v", moved, tt.wantMoved)
			}
		})
	}
}

// TestSolveReportsEarliestOfEqual: a search's answer goes through the
// tidy pass, so no session of it could start earlier at no extra cost
// (tidying it again moves nothing). Without the pass, searches on these
// films leave sessions a day or more later than they need be.
func TestSolveReportsEarliestOfEqual(t *testing.T) {
	for seed := range uint64(4) {
		p := filmProblem(seed, 2)
		if err := p.Freeze(); err != nil {
			t.Fatal(err)
		}
		sol, err := Solve(context.Background(), p, Options{Seed: seed, Iterations: 300, Workers: 1})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		again := tidied(p, sol.Placements)
		for i, pl := range sol.Placements {
			if again[i].Start != pl.Start {
				t.Errorf("seed %d: %s could start at %d, not %d, at no extra cost", seed, p.Tasks[i].Name, again[i].Start, pl.Start)
			}
		}
	}
}
