package solver

import (
	"errors"
	"fmt"
	"math/bits"
)

// Names of the cost terms, in the order Breakdown.Terms lists them.
const (
	TermRateCards  = "rate cards"
	TermKit        = "kit"
	TermFees       = "fees"
	TermTravel     = "travel"
	TermOverhead   = "overhead"
	TermLateness   = "lateness"
	TermDisruption = "disruption"
	TermMakespan   = "makespan"
)

// termOrder is the fixed order of Breakdown.Terms.
var termOrder = [...]string{TermRateCards, TermKit, TermFees, TermTravel, TermOverhead, TermLateness, TermDisruption, TermMakespan}

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
	var lateness, disruption float64
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
		lateness += dv.latenessCost(task, end)
		disruption += disruptionCost(task, pl.Start, pl.Resources)
	}
	var terms [len(termOrder)]float64
	b := &sol.Cost
	b.ByResource = make([]float64, len(p.Resources))
	b.ByDepartment = make([]float64, len(p.Departments))
	b.ByWeek = make([]float64, dv.nWeeks)
	for r := range p.Resources {
		rate, kit, fees, travel := p.resourceCost(ResourceID(r), busy[r], tasksOf[r], placements, b.ByWeek)
		terms[0] += rate
		terms[1] += kit
		terms[2] += fees
		terms[3] += travel
		c := rate + kit + fees + travel
		b.ByResource[r] = c
		if d := p.Resources[r].Department; d >= 0 && d < len(b.ByDepartment) {
			b.ByDepartment[d] += c
		}
	}
	terms[4] = p.overheadCost(lastBusyEnd)
	terms[5] = lateness
	terms[6] = disruption
	terms[7] = p.Objective.MakespanWeight * float64(sol.Makespan)
	b.Terms = make([]TermCost, len(termOrder))
	for i, name := range termOrder {
		b.Terms[i] = TermCost{Term: name, Amount: terms[i]}
		b.Total += terms[i]
	}
	return sol, nil
}

// resourceCost works out one resource's cost from scratch: its busy slots
// and the tasks it serves. Week shares are added to byWeek.
func (p *Problem) resourceCost(r ResourceID, busy Bitset, tasks []TaskID, pl []Placement, byWeek []float64) (rate, kit, fees, travel float64) {
	dv := p.drv
	rc := &p.Resources[r].Rate
	fees = rc.PerTask * float64(len(tasks))
	if dv.spd == 0 {
		n := 0
		for _, w := range busy {
			n += bits.OnesCount64(w)
		}
		return rc.Hour * float64(n), 0, fees, 0
	}
	perDay := make([]int32, dv.nDays)
	busySlots(busy, func(s int) { perDay[s/dv.spd]++ })
	weekSum := make([]float64, dv.nWeeks)
	for d, u := range perDay {
		if u == 0 {
			continue
		}
		w := dv.weekOf(d)
		weekSum[w] += dayCost(rc, int(u), dv.hoursPerSlot) * kindMultiplier(rc, dv.kinds[d])
		kit += rc.Kit
		byWeek[w] += rc.Kit
	}
	for w, sum := range weekSum {
		c := weekCost(rc, sum)
		rate += c
		byWeek[w] += c
	}
	for _, t := range tasks {
		d := min(dv.dayOf(pl[t].Start), dv.nDays-1)
		byWeek[dv.weekOf(max(d, 0))] += rc.PerTask
	}
	travel = travelCost(rc, perDay, dv, byWeek)
	return rate, kit, fees, travel
}
