package solver

import (
	"errors"
	"fmt"
)

// Names of the cost terms, in the order Breakdown.Terms lists them.
const (
	TermRateCards    = "rate cards"
	TermKit          = "kit"
	TermFees         = "fees"
	TermTravel       = "travel"
	TermUses         = "use rates"
	TermHandovers    = "handovers"
	TermOverhead     = "overhead"
	TermLateness     = "lateness"
	TermEarliness    = "earliness"
	TermCancellation = "cancellation"
	TermDisruption   = "disruption"
	TermMakespan     = "makespan"
	TermRecall       = "recall"
)

// errNotFrozen is returned when a problem is used before Freeze.
var errNotFrozen = errors.New("solver: problem is not frozen (call Freeze first)")

// Evaluate expands placements (one per task, in task order) into pieces
// and ends and works out the makespan and the full cost breakdown, by the
// semantics in the package documentation. It does not check feasibility
// (capacity, precedences, rules, caps); it fails only when a placement
// cannot be expanded: a wrong number of placements or resources, a
// resource out of range, a start that is not open, a split task whose
// first piece is shorter than its minimum chunk, or work that does not fit
// before the horizon.
func (p *Problem) Evaluate(placements []Placement) (*Solution, error) {
	if !p.frozen {
		return nil, errNotFrozen
	}
	n := len(p.Tasks)
	if len(placements) != n {
		return nil, fmt.Errorf("solver: evaluate: %d placements for %d tasks", len(placements), n)
	}
	dv := p.drv
	sol := &Solution{
		Placements: make([]Placement, n),
		Pieces:     make([][]Interval, n),
		Ends:       make([]Slot, n),
	}
	busy := make([]Bitset, len(p.Resources))
	for r := range busy {
		busy[r] = NewBitset(p.Slots)
	}
	tasksOf := make([][]TaskID, len(p.Resources))
	var lastBusyEnd Slot
	for t := range p.Tasks {
		task := &p.Tasks[t]
		pl := placements[t]
		if len(pl.Resources) != dv.nRes[t] {
			return nil, fmt.Errorf("solver: evaluate: task %q: %d resources for demands needing %d", task.Name, len(pl.Resources), dv.nRes[t])
		}
		for _, r := range pl.Resources {
			if r < 0 || int(r) >= len(p.Resources) {
				return nil, fmt.Errorf("solver: evaluate: task %q: resource %d out of range", task.Name, r)
			}
		}
		pieces, end, e := p.expand(nil, task, pl.Start, pl.Resources)
		switch e {
		case expandClosed:
			return nil, fmt.Errorf("solver: evaluate: task %q: slot %d is not open", task.Name, pl.Start)
		case expandShort:
			return nil, fmt.Errorf("solver: evaluate: task %q: first piece at %d is shorter than its minimum chunk", task.Name, pl.Start)
		case expandHorizon:
			return nil, fmt.Errorf("solver: evaluate: task %q started at %d does not fit in the horizon", task.Name, pl.Start)
		}
		sol.Placements[t] = Placement{Start: pl.Start, Resources: append([]ResourceID(nil), pl.Resources...)}
		sol.Pieces[t] = pieces
		sol.Ends[t] = end
		sol.Makespan = max(sol.Makespan, end)
		for _, r := range pl.Resources {
			tasksOf[r] = append(tasksOf[r], TaskID(t))
			for _, iv := range pieces {
				busy[r].SetRange(iv.Start, iv.End)
			}
		}
		if len(pieces) > 0 {
			lastBusyEnd = max(lastBusyEnd, pieces[len(pieces)-1].End)
		}
	}
	b := &sol.Cost
	b.ByResource = make([]float64, len(p.Resources))
	b.ByDepartment = make([]float64, len(p.Departments))
	b.ByWeek = make([]float64, dv.nWeeks)
	e := &evalView{
		p: p, dv: dv, placements: sol.Placements, ends: sol.Ends,
		busy: busy, tasksOf: tasksOf, pieces: sol.Pieces, lastBusyEnd: lastBusyEnd, makespan: sol.Makespan,
		byResource: b.ByResource, byWeek: b.ByWeek,
	}
	if dv.spd > 0 {
		e.perDay = make([][]int32, len(p.Resources))
		for r := range p.Resources {
			perDay := make([]int32, dv.nDays)
			busySlots(busy[r], func(s int) { perDay[s/dv.spd]++ })
			e.perDay[r] = perDay
		}
	}
	b.Terms, b.Total = termBreakdown(func(t costTerm) float64 { return t.evaluate(e) })
	if p.charging() {
		l := newLedger(p)
		evalCharges(e, l)
		l.fill(b)
		p.addExtras(b, p.productionExtras(e.reading()))
		return sol, nil
	}
	for r, c := range b.ByResource {
		if d := p.Resources[r].Department; d >= 0 && d < len(b.ByDepartment) {
			b.ByDepartment[d] += c
		}
	}
	return sol, nil
}
