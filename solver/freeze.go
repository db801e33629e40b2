package solver

import (
	"fmt"
	"strings"
)

// Freeze checks the problem's structure and precomputes the data the search
// reads (successor lists, a topological order). It must be called once,
// after the problem is filled in and before it is solved; afterwards the
// problem must not change. Freeze reports structural errors — indexes out
// of range, negative durations, a precedence cycle — which a compile step
// should have caught with the user's words.
func (p *Problem) Freeze() error {
	if p.frozen {
		return nil
	}
	if p.Slots <= 0 {
		return fmt.Errorf("solver: horizon of %d slots", p.Slots)
	}
	for r := range p.Resources {
		if p.Resources[r].Capacity < 1 {
			return fmt.Errorf("solver: resource %q: capacity %d < 1", p.Resources[r].Name, p.Resources[r].Capacity)
		}
	}
	for t := range p.Tasks {
		task := &p.Tasks[t]
		if task.Duration < 0 {
			return fmt.Errorf("solver: task %q: negative duration", task.Name)
		}
		if task.EarlinessPerDay < 0 {
			return fmt.Errorf("solver: task %q: negative earliness weight", task.Name)
		}
		for d, dem := range task.Demands {
			if len(dem.Candidates) == 0 {
				return fmt.Errorf("solver: task %q demand %d: no candidates", task.Name, d)
			}
			for _, r := range dem.Candidates {
				if r < 0 || int(r) >= len(p.Resources) {
					return fmt.Errorf("solver: task %q demand %d: resource %d out of range", task.Name, d, r)
				}
			}
			if dem.count() > len(dem.Candidates) {
				return fmt.Errorf("solver: task %q demand %d: needs %d of %d candidates", task.Name, d, dem.count(), len(dem.Candidates))
			}
		}
		for _, f := range task.Cancellation {
			if f.Resource < 0 || int(f.Resource) >= len(p.Resources) || !(f.Fee >= 0) {
				return fmt.Errorf("solver: task %q: cancellation fee %v on resource %d", task.Name, f.Fee, f.Resource)
			}
		}
	}
	if len(p.Charging) != 0 && len(p.Charging) != len(p.Tasks) {
		return fmt.Errorf("solver: %d charges for %d tasks", len(p.Charging), len(p.Tasks))
	}
	if err := p.checkTimeRules(); err != nil {
		return err
	}
	n := len(p.Tasks)
	p.succ = make([][]int32, n)
	p.pred = make([][]int32, n)
	for i, pr := range p.Precedences {
		if pr.From < 0 || int(pr.From) >= n || pr.To < 0 || int(pr.To) >= n {
			return fmt.Errorf("solver: precedence %d: task out of range", i)
		}
		if pr.Kind > FinishToFinish {
			return fmt.Errorf("solver: precedence %d: unknown kind %d", i, pr.Kind)
		}
		p.succ[pr.From] = append(p.succ[pr.From], int32(i))
		p.pred[pr.To] = append(p.pred[pr.To], int32(i))
	}
	topo, cycle := p.topoOrder()
	if cycle != nil {
		names := make([]string, len(cycle))
		for i, t := range cycle {
			names[i] = p.Tasks[t].Name
		}
		return fmt.Errorf("solver: precedence cycle: %s", strings.Join(names, " -> "))
	}
	p.topo = topo
	p.drv = p.derive()
	p.frozen = true
	return nil
}

// Frozen reports whether Freeze has succeeded.
func (p *Problem) Frozen() bool { return p.frozen }

// Successors returns the indexes into Precedences of the precedences
// leaving task t. The slice must not be modified.
func (p *Problem) Successors(t TaskID) []int32 { return p.succ[t] }

// Predecessors returns the indexes into Precedences of the precedences
// entering task t. The slice must not be modified.
func (p *Problem) Predecessors(t TaskID) []int32 { return p.pred[t] }

// TopologicalOrder returns the tasks in an order compatible with every
// precedence. The slice must not be modified.
func (p *Problem) TopologicalOrder() []TaskID { return p.topo }

// topoOrder runs Kahn's algorithm; on a cycle it returns one cycle.
func (p *Problem) topoOrder() ([]TaskID, []TaskID) {
	n := len(p.Tasks)
	indeg := make([]int, n)
	for _, pr := range p.Precedences {
		indeg[pr.To]++
	}
	order := make([]TaskID, 0, n)
	for t := 0; t < n; t++ {
		if indeg[t] == 0 {
			order = append(order, TaskID(t))
		}
	}
	for i := 0; i < len(order); i++ {
		for _, e := range p.succ[order[i]] {
			to := p.Precedences[e].To
			indeg[to]--
			if indeg[to] == 0 {
				order = append(order, to)
			}
		}
	}
	if len(order) == n {
		return order, nil
	}
	// Walk predecessors among the tasks left until one repeats.
	seen := make(map[TaskID]int)
	var path []TaskID
	t := TaskID(-1)
	for i := 0; i < n; i++ {
		if indeg[i] > 0 {
			t = TaskID(i)
			break
		}
	}
	for {
		if at, ok := seen[t]; ok {
			cycle := append([]TaskID(nil), path[at:]...)
			for i, j := 0, len(cycle)-1; i < j; i, j = i+1, j-1 {
				cycle[i], cycle[j] = cycle[j], cycle[i]
			}
			return nil, cycle
		}
		seen[t] = len(path)
		path = append(path, t)
		for _, e := range p.pred[t] {
			if from := p.Precedences[e].From; indeg[from] > 0 {
				t = from
				break
			}
		}
	}
}

func (d Demand) count() int {
	if d.Count <= 0 {
		return 1
	}
	return d.Count
}

// choice reports whether the demand leaves a choice of resources: a pool,
// such as eight VFX artists for one.
func (d Demand) choice() bool { return len(d.Candidates) > d.count() }

func (d Demand) units() int {
	if d.Units <= 0 {
		return 1
	}
	return d.Units
}
