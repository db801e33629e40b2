package solver

import (
	"runtime"
	"testing"

	"pgregory.net/rapid"
)

// longer returns p with its horizon stretched to n times as many days,
// windows and availability widened with it.
func longer(p *Problem, n int) *Problem {
	q := *p
	q.Slots = p.Slots * n
	q.Calendar.Days = make([]DayKind, len(p.Calendar.Days)*n)
	q.Calendar.Working = NewBitset(q.Slots)
	q.Tasks = append([]Task(nil), p.Tasks...)
	for t := range q.Tasks {
		if q.Tasks[t].Window != nil {
			q.Tasks[t].Window = NewBitset(q.Slots)
		}
	}
	q.Resources = append([]Resource(nil), p.Resources...)
	for r := range q.Resources {
		if q.Resources[r].Available != nil {
			q.Resources[r].Available = NewBitset(q.Slots)
		}
	}
	return &q
}

// TestEstimateMemoryGrows: more episodes, a longer horizon, more workers
// or more suites never make the estimate smaller, and each makes it
// larger.
func TestEstimateMemoryGrows(t *testing.T) {
	one := filmProblem(1, 1)
	moreSuites := *one
	moreSuites.Resources = append(append([]Resource(nil), one.Resources...), make([]Resource, 10)...)
	tests := []struct {
		name           string
		small, large   *Problem
		wSmall, wLarge int
	}{
		{"episodes 1 → 4", one, filmProblem(1, 4), 2, 2},
		{"episodes 4 → 16", filmProblem(1, 4), filmProblem(1, 16), 2, 2},
		{"horizon ×3", one, longer(one, 3), 2, 2},
		{"workers 1 → 2", one, one, 1, 2},
		{"workers 2 → 8", one, one, 2, 8},
		{"ten more suites", one, &moreSuites, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			small, large := EstimateMemory(tt.small, tt.wSmall), EstimateMemory(tt.large, tt.wLarge)
			if small >= large {
				t.Errorf("estimate %d for the smaller problem, %d for the larger", small, large)
			}
			if small <= memBase {
				t.Errorf("estimate %d does not exceed the base %d", small, memBase)
			}
		})
	}
}

// TestEstimateMemoryTerms: the total is the base plus the terms times the
// collector's headroom, and 0 workers means one per CPU, as in Solve.
func TestEstimateMemoryTerms(t *testing.T) {
	p := filmProblem(3, 5)
	tm := EstimateMemoryTerms(p, 2)
	if want := tm.Base + int64(gcHeadroom*float64(tm.Problem+tm.Workers+tm.Check+tm.Bound)); tm.Total != want {
		t.Errorf("total %d, want %d from the terms %+v", tm.Total, want, tm)
	}
	for _, v := range []int64{tm.Problem, tm.Workers, tm.Check, tm.Bound} {
		if v <= 0 {
			t.Errorf("a term is not positive: %+v", tm)
		}
	}
	if got, want := EstimateMemory(p, 0), EstimateMemory(p, runtime.GOMAXPROCS(0)); got != want {
		t.Errorf("0 workers: %d, want %d (GOMAXPROCS)", got, want)
	}
	if got := EstimateMemory(&Problem{}, 1); got < memBase {
		t.Errorf("empty problem: %d below the base %d", got, memBase)
	}
}

// TestEstimateMemoryProperty: on random problems, one more worker or one
// more task (a copy of one there) always raises the estimate, and the
// estimate never counts less than the problem's own bitsets.
func TestEstimateMemoryProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, genSize{tasks: 8, resources: 4, maxSlots: 60})
		w := rapid.IntRange(1, 8).Draw(t, "workers")
		base := EstimateMemory(p, w)
		if more := EstimateMemory(p, w+1); more <= base {
			t.Fatalf("workers %d → %d: estimate %d → %d", w, w+1, base, more)
		}
		bits := int64(0)
		for _, task := range p.Tasks {
			bits += 8 * int64(len(task.Window))
		}
		for _, r := range p.Resources {
			bits += 8 * int64(len(r.Available))
		}
		if base < bits {
			t.Fatalf("estimate %d below the problem's bitsets %d", base, bits)
		}
		if len(p.Tasks) == 0 {
			return
		}
		q := *p
		q.Tasks = append(append([]Task(nil), p.Tasks...), p.Tasks[rapid.IntRange(0, len(p.Tasks)-1).Draw(t, "copied task")])
		if more := EstimateMemory(&q, w); more <= base {
			t.Fatalf("one more task: estimate %d → %d", base, more)
		}
	})
}
