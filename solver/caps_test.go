package solver

import (
	"context"
	"errors"
	"testing"
)

// TestCapsCountCancellations: a session pencilled on a weekend (1 h at
// 100 x 8 = 800) is cheaper moved to the Monday (100) even though the
// move owes a cancellation fee of 500: 600 in all. The total cap counts
// the fee, so under a cap of 650 the search moves it, and under 550
// nothing fits (staying costs 800, moving 600): the search must say so
// rather than count the move as 100.
func TestCapsCountCancellations(t *testing.T) {
	tests := []struct {
		limit float64
		want  float64 // total; 0: infeasible
	}{
		{650, 600},
		{550, 0},
	}
	for _, tt := range tests {
		task := on("ADR", 2, 0)
		task.Previous = &Placement{Start: 20, Resources: []ResourceID{0}}
		task.Cancellation = []CancelFee{{Resource: 0, Fee: 500}}
		p := dayGrid(2, []Resource{{Name: "ADR 1", Rate: RateCard{Hour: 100, WeekendMultiplier: 8}}}, []Task{task})
		p.Calendar.Days[0] = Weekend
		p.Budgets = []BudgetCap{{Department: -1, Limit: tt.limit}}
		if err := p.Freeze(); err != nil {
			t.Fatal(err)
		}
		sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 100, Workers: 1})
		switch {
		case tt.want == 0 && !errors.Is(err, ErrInfeasible):
			t.Errorf("cap %v: got %v, want no schedule (600 with the fee is over it)", tt.limit, err)
		case tt.want != 0 && err != nil:
			t.Errorf("cap %v: %v", tt.limit, err)
		case tt.want != 0 && sol.Cost.Total != tt.want:
			t.Errorf("cap %v: total %v, want %v", tt.limit, sol.Cost.Total, tt.want)
		}
	}
}
