package solver

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// solveOK solves p (frozen here) and checks the result with the
// independent verifier.
func solveOK(t *testing.T, p *Problem, opts Options) *Solution {
	t.Helper()
	if !p.Frozen() {
		if err := p.Freeze(); err != nil {
			t.Fatal(err)
		}
	}
	sol, err := Solve(context.Background(), p, opts)
	if err != nil {
		t.Fatalf("solve: %v", err)
	}
	if err := Verify(p, sol); err != nil {
		t.Fatalf("verify: %v", err)
	}
	return sol
}

func TestSolveSmallOptima(t *testing.T) {
	tests := []struct {
		name     string
		p        *Problem
		makespan Slot
		cost     float64
	}{
		{
			name: "three sessions share one suite",
			p: &Problem{Slots: 20, Objective: Objective{MakespanWeight: 1},
				Resources: []Resource{{Name: "suite", Capacity: 1, Department: -1}},
				Tasks:     []Task{on("a", 2, 0), on("b", 3, 0), on("c", 4, 0)}},
			makespan: 9, cost: 9,
		},
		{
			name: "capacity two runs a chain beside a long task",
			p: &Problem{Slots: 30, Objective: Objective{MakespanWeight: 1},
				Resources:   []Resource{{Name: "R1", Capacity: 2, Department: -1}},
				Tasks:       []Task{on("long", 8, 0), on("a", 3, 0), on("b", 3, 0), on("c", 3, 0)},
				Precedences: []Precedence{{From: 1, To: 2}, {From: 2, To: 3}}},
			makespan: 9, cost: 9,
		},
		{
			name: "the cheaper colourist is booked",
			p: func() *Problem {
				p := dayGrid(3, []Resource{{Name: "dear", Rate: RateCard{Day: 900}}, {Name: "cheap", Rate: RateCard{Day: 500}}}, nil)
				p.Tasks = []Task{{Name: "grade", Duration: 10, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}}
				return p
			}(),
			makespan: -1, cost: 500,
		},
		{
			name: "an artiste's two ADR sessions share one visit",
			p: func() *Problem {
				avail := NewBitset(48 * 5)
				avail.SetRange(0, 48*5)
				p := dayGrid(5, []Resource{{Name: "stage", Rate: RateCard{Hour: 100}}, {Name: "Maya", Available: avail, Rate: RateCard{Travel: 500, PerTask: 600}}}, nil)
				p.Tasks = []Task{on("ADR 1", 6, 0, 1), on("ADR 2", 6, 0, 1), on("ADR 3", 4, 0)}
				p.Tasks[1].Release = 48 // the second session cannot start on day 0
				p.Tasks[2].Release = 48
				return p
			}(),
			makespan: -1, cost: 500 + 2*600 + 16*50,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sol := solveOK(t, tt.p, Options{Seed: 3, Iterations: 300, Workers: 2})
			if tt.makespan >= 0 && sol.Makespan != tt.makespan {
				t.Errorf("makespan %d, want %d", sol.Makespan, tt.makespan)
			}
			if sol.Cost.Total > tt.cost+1e-9 {
				t.Errorf("cost %v, optimum %v", sol.Cost.Total, tt.cost)
			}
		})
	}
}

func TestSolveDeterministic(t *testing.T) {
	for _, workers := range []int{1, 2} {
		opts := Options{Seed: 42, Iterations: 150, Workers: workers}
		a := solveOK(t, filmProblem(5, 3), opts)
		b := solveOK(t, filmProblem(5, 3), opts)
		if !reflect.DeepEqual(a.Placements, b.Placements) || a.Cost.Total != b.Cost.Total {
			t.Errorf("workers %d: two runs differ: %v vs %v", workers, a.Cost.Total, b.Cost.Total)
		}
	}
}

func TestSolveImprovesOnConstruction(t *testing.T) {
	p := filmProblem(9, 3)
	first := solveOK(t, p, Options{Seed: 1, Iterations: 1, Workers: 1})
	later := solveOK(t, p, Options{Seed: 1, Iterations: 400, Workers: 1})
	if later.Cost.Total > first.Cost.Total {
		t.Errorf("search made the schedule dearer: %v after, %v before", later.Cost.Total, first.Cost.Total)
	}
	if later.Stats.Iterations != 400 || later.Stats.Seed != 1 || later.Stats.Workers != 1 {
		t.Errorf("stats %+v", later.Stats)
	}
}

func TestSolvePinsStay(t *testing.T) {
	p := filmProblem(11, 2)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	free := solveOK(t, p, Options{Seed: 2, Iterations: 50, Workers: 1})
	// Pin the first grade a day later than the free schedule put it, on
	// the other colourist.
	q := filmProblem(11, 2)
	g := free.Placements[2]
	other := filmColourist1
	if g.Resources[0] == filmColourist1 {
		other = filmColourist2
	}
	pin := Placement{Start: g.Start + 48, Resources: []ResourceID{other, filmGradeSuite}}
	q.Tasks[2].Pin = &pin
	sol := solveOK(t, q, Options{Seed: 2, Iterations: 100, Workers: 2})
	if got := sol.Placements[2]; !reflect.DeepEqual(got, pin) {
		t.Errorf("pinned grade at %+v, pin %+v", got, pin)
	}
}

func TestSolveWarmStartKeepsAGoodSchedule(t *testing.T) {
	p := filmProblem(13, 2)
	base := solveOK(t, p, Options{Seed: 4, Iterations: 200, Workers: 1})
	// Re-pencil: every move now costs a lot, so the warm start is kept.
	q := filmProblem(13, 2)
	for i := range q.Tasks {
		prev := base.Placements[i]
		q.Tasks[i].Previous, q.Tasks[i].MoveCost = &prev, 1e5
	}
	sol := solveOK(t, q, Options{Seed: 9, Iterations: 50, Workers: 2, WarmStart: base.Placements})
	if d := termAmount(sol.Cost, TermDisruption); d != 0 {
		t.Errorf("re-pencil moved bookings: disruption %v", d)
	}
}

func TestSolveRespectsBudgetCap(t *testing.T) {
	p := dayGrid(4, []Resource{{Name: "dear", Rate: RateCard{Day: 900}}, {Name: "cheap", Rate: RateCard{Day: 500}}}, nil)
	p.Tasks = []Task{{Name: "grade", Duration: 10, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}, {Name: "regrade", Duration: 10, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}}
	p.Objective.MakespanWeight = 100 // rushing would use both colourists at once
	p.Budgets = []BudgetCap{{Department: -1, Limit: 1000}}
	sol := solveOK(t, p, Options{Seed: 1, Iterations: 200, Workers: 2})
	if sol.Cost.ByResource[0]+sol.Cost.ByResource[1] > 1000 {
		t.Errorf("over the cap: %v", sol.Cost.ByResource)
	}
	p2 := dayGrid(4, []Resource{{Name: "dear", Rate: RateCard{Day: 900}}}, []Task{on("grade", 10, 0)})
	p2.Budgets = []BudgetCap{{Department: -1, Limit: 800}}
	if err := p2.Freeze(); err != nil {
		t.Fatal(err)
	}
	if _, err := Solve(context.Background(), p2, Options{Iterations: 20}); !errors.Is(err, ErrInfeasible) {
		t.Errorf("cap below any schedule: error %v", err)
	}
}

func TestSolveInfeasible(t *testing.T) {
	tests := map[string]*Problem{
		"deadline before the work": func() *Problem {
			p := dayGrid(2, []Resource{{Name: "editor"}}, []Task{on("cut", 10, 0), on("recut", 10, 0)})
			p.Tasks[1].Deadline = 15
			p.Tasks[0].Deadline = 15
			return p
		}(),
		"makespan only, a demand beyond capacity": {Slots: 10, Objective: Objective{MakespanWeight: 1},
			Resources: []Resource{{Name: "R1", Capacity: 1}},
			Tasks:     []Task{{Name: "a", Duration: 2, Demands: []Demand{{Candidates: []ResourceID{0}, Units: 2}}}}},
		"pins clash": func() *Problem {
			p := dayGrid(2, []Resource{{Name: "suite"}}, []Task{on("a", 10, 0), on("b", 10, 0)})
			p.Tasks[0].Pin = &Placement{Start: 5, Resources: []ResourceID{0}}
			p.Tasks[1].Pin = &Placement{Start: 8, Resources: []ResourceID{0}}
			return p
		}(),
	}
	for name, p := range tests {
		t.Run(name, func(t *testing.T) {
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			_, err := Solve(context.Background(), p, Options{Iterations: 30, Workers: 2})
			var ie *InfeasibleError
			if !errors.Is(err, ErrInfeasible) || !errors.As(err, &ie) || ie.Reason == "" {
				t.Errorf("error %v", err)
			}
		})
	}
}

func TestSolveStopsOnContextAndTime(t *testing.T) {
	p := filmProblem(17, 2)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sol, err := Solve(ctx, p, Options{Seed: 1})
	if err != nil || Verify(p, sol) != nil {
		t.Fatalf("cancelled search: %v", err)
	}
	sol, err = Solve(context.Background(), p, Options{Seed: 1, TimeLimit: 20 * time.Millisecond})
	if err != nil || Verify(p, sol) != nil {
		t.Fatalf("time-limited search: %v", err)
	}
	if _, err := Solve(context.Background(), p, Options{}); err == nil {
		t.Error("a search without any limit was accepted")
	}
	if _, err := Solve(context.Background(), &Problem{}, Options{Iterations: 1}); err == nil {
		t.Error("an unfrozen problem was solved")
	}
}

func TestSolveProgressReports(t *testing.T) {
	p := filmProblem(19, 2)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	calls := make(chan Progress, 1000)
	_, err := Solve(context.Background(), p, Options{Seed: 1, TimeLimit: 600 * time.Millisecond, Workers: 1,
		Progress: func(pr Progress) { calls <- pr }})
	if err != nil {
		t.Fatal(err)
	}
	close(calls)
	var last Progress
	for pr := range calls {
		// Reports move forward: time and iterations grow, a feasible
		// search stays feasible and its best cost never rises.
		if pr.Elapsed < last.Elapsed || pr.Iterations < last.Iterations || (last.Feasible && !pr.Feasible) ||
			(last.Feasible && pr.BestCost > last.BestCost) || (pr.Feasible && pr.BestCost <= 0) {
			t.Errorf("progress went back: %+v after %+v", pr, last)
		}
		last = pr
	}
}
