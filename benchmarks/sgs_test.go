package benchmarks

import (
	"context"
	"fmt"

	"github.com/pencil-post/pencil/solver"
)

// serialSGS is a serial schedule generation scheme in topological order:
// each task starts at the earliest slot where its predecessors are done
// and its demands find free candidates. Tests use it as a stand-in search,
// so that Run, Check and the tables are tested without solver.Solve.
func serialSGS(_ context.Context, p *solver.Problem, _ solver.Options) (*solver.Solution, error) {
	n := len(p.Tasks)
	sol := &solver.Solution{Placements: make([]solver.Placement, n), Ends: make([]solver.Slot, n), Pieces: make([][]solver.Interval, n)}
	used := make([][]int, len(p.Resources))
	for r := range used {
		used[r] = make([]int, p.Slots)
	}
	for _, t := range p.TopologicalOrder() {
		task := &p.Tasks[t]
		est := int(task.Release)
		for _, e := range p.Predecessors(t) {
			pr := p.Precedences[e]
			at := int(sol.Placements[pr.From].Start) + pr.Lag
			if pr.Kind == solver.FinishToStart {
				at = int(sol.Ends[pr.From]) + pr.Lag
			}
			est = max(est, at)
		}
		for s := est; ; s++ {
			if s+task.Duration > p.Slots {
				return nil, fmt.Errorf("%w: %s does not fit", solver.ErrInfeasible, task.Name)
			}
			chosen, ok := pickFree(p, task, used, s)
			if !ok {
				continue
			}
			for _, d := range task.Demands {
				for range max(d.Count, 1) {
					r := chosen[0]
					chosen = chosen[1:]
					sol.Placements[t].Resources = append(sol.Placements[t].Resources, r)
					for x := s; x < s+task.Duration; x++ {
						used[r][x] += max(d.Units, 1)
					}
				}
			}
			sol.Placements[t].Start = solver.Slot(s)
			sol.Ends[t] = solver.Slot(s + task.Duration)
			if task.Duration > 0 {
				sol.Pieces[t] = []solver.Interval{{Start: solver.Slot(s), End: sol.Ends[t]}}
			}
			sol.Makespan = max(sol.Makespan, sol.Ends[t])
			break
		}
	}
	cost, err := solver.RecomputeCost(p, sol.Placements)
	if err != nil {
		return nil, err
	}
	sol.Cost = cost
	return sol, nil
}

// pickFree chooses, for each demand, candidates with room over the task's
// run from slot s.
func pickFree(p *solver.Problem, task *solver.Task, used [][]int, s int) ([]solver.ResourceID, bool) {
	var chosen []solver.ResourceID
	for _, d := range task.Demands {
		need := max(d.Count, 1)
		for _, r := range d.Candidates {
			if need == 0 {
				break
			}
			if containsID(chosen, r) {
				continue
			}
			free := true
			for x := s; x < s+task.Duration && free; x++ {
				free = used[r][x]+max(d.Units, 1) <= p.Resources[r].Capacity
			}
			if free {
				chosen = append(chosen, r)
				need--
			}
		}
		if need > 0 {
			return nil, false
		}
	}
	return chosen, true
}
