package benchmarks

import (
	"context"
	"fmt"
	"testing"

	"github.com/pencil-post/pencil/solver"
	"pgregory.net/rapid"
)

// genInstance draws a small frozen instance in either family's shape:
// PSPLIB (units of one resource per demand) or iMOPSE (one of several
// unit-capacity resources, each with a salary).
func genInstance(t *rapid.T) *Instance {
	kind := rapid.SampledFrom([]Kind{KindPSPLIB, KindIMOPSE}).Draw(t, "kind")
	p := &solver.Problem{Name: "gen", Objective: solver.Objective{MakespanWeight: 1}}
	in := &Instance{Name: "gen", Kind: kind, Problem: p}
	nr := rapid.IntRange(1, 3).Draw(t, "resources")
	for r := range nr {
		res := solver.Resource{Name: fmt.Sprintf("R %d", r+1), Capacity: 1, Department: -1,
			AvailabilityGroup: solver.NoGroup, RulesGroup: solver.NoGroup}
		if kind == KindPSPLIB {
			res.Capacity = rapid.IntRange(1, 4).Draw(t, "capacity")
		} else {
			res.Rate.Hour = float64(rapid.IntRange(1, 50).Draw(t, "salary"))
			in.Salary = append(in.Salary, res.Rate.Hour)
		}
		p.Resources = append(p.Resources, res)
	}
	n := rapid.IntRange(1, 7).Draw(t, "tasks")
	for i := range n {
		task := solver.Task{Name: fmt.Sprintf("task %d", i+1), Duration: rapid.IntRange(0, 4).Draw(t, "duration"),
			WindowGroup: solver.NoGroup, PinGroup: solver.NoGroup}
		p.Slots += task.Duration
		if kind == KindPSPLIB {
			for r := range nr {
				if u := rapid.IntRange(0, p.Resources[r].Capacity).Draw(t, "units"); u > 0 {
					task.Demands = append(task.Demands, solver.Demand{Candidates: []solver.ResourceID{solver.ResourceID(r)}, Units: u, Group: solver.NoGroup})
				}
			}
		} else {
			var cands []solver.ResourceID
			for r := range nr {
				if rapid.Bool().Draw(t, "able") || (r == nr-1 && cands == nil) {
					cands = append(cands, solver.ResourceID(r))
				}
			}
			task.Demands = []solver.Demand{{Candidates: cands, Group: solver.NoGroup}}
		}
		p.Tasks = append(p.Tasks, task)
		for j := range i {
			if rapid.IntRange(0, 3).Draw(t, "arc") == 0 {
				p.Precedences = append(p.Precedences, solver.Precedence{From: solver.TaskID(j), To: solver.TaskID(i), Group: solver.NoGroup})
			}
		}
	}
	p.Slots = max(p.Slots, 1)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	return in
}

// solutionOf reports placements the way a search would: ends, pieces,
// makespan and the recomputed cost.
func solutionOf(t *rapid.T, p *solver.Problem, place []solver.Placement) *solver.Solution {
	sol := &solver.Solution{Placements: place, Ends: make([]solver.Slot, len(place)), Pieces: make([][]solver.Interval, len(place))}
	for i, pl := range place {
		sol.Ends[i] = pl.Start + solver.Slot(p.Tasks[i].Duration)
		if p.Tasks[i].Duration > 0 {
			sol.Pieces[i] = []solver.Interval{{Start: pl.Start, End: sol.Ends[i]}}
		}
		sol.Makespan = max(sol.Makespan, sol.Ends[i])
	}
	cost, err := solver.RecomputeCost(p, place)
	if err != nil {
		t.Fatalf("recompute cost: %v", err)
	}
	sol.Cost = cost
	return sol
}

// TestCheckAgreesWithVerify draws random schedules, feasible or not, and
// checks that Instance.Check and solver.Verify, written independently,
// accept exactly the same ones; and that the stand-in search's schedules
// pass both, with a cost equal to Instance.Cost.
func TestCheckAgreesWithVerify(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInstance(t)
		p := in.Problem
		place := make([]solver.Placement, len(p.Tasks))
		for i, task := range p.Tasks {
			place[i].Start = solver.Slot(rapid.IntRange(0, p.Slots-task.Duration).Draw(t, "start"))
			for _, d := range task.Demands {
				place[i].Resources = append(place[i].Resources, rapid.SampledFrom(d.Candidates).Draw(t, "resource"))
			}
		}
		sol := solutionOf(t, p, place)
		mine, theirs := in.Check(sol), solver.Verify(p, sol)
		if (mine == nil) != (theirs == nil) {
			t.Fatalf("Check says %v, Verify says %v", mine, theirs)
		}

		sgs, err := serialSGS(context.Background(), p, solver.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := in.Check(sgs); err != nil {
			t.Fatalf("Check rejects a serial schedule: %v", err)
		}
		if err := solver.Verify(p, sgs); err != nil {
			t.Fatalf("Verify rejects a serial schedule: %v", err)
		}
		if in.Kind == KindIMOPSE && !nearly(in.Cost(sgs), sgs.Cost.Total-float64(sgs.Makespan)) {
			t.Fatalf("iMOPSE cost %v, solver resource cost %v", in.Cost(sgs), sgs.Cost.Total-float64(sgs.Makespan))
		}
		if int(sgs.Makespan) < in.LowerBound() {
			t.Fatalf("makespan %d below lower bound %d", sgs.Makespan, in.LowerBound())
		}
	})
}

func nearly(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }
