package solver

import "fmt"

// PriceAlone is what each of res costs for working task t in pieces
// (as booked: nothing checks that they are open), as if that were all it
// worked: the resource terms of the cost table (rate cards, kit, fees,
// travel), one amount per entry of res. It is the booking's price a
// cancellation charge is a share of. The problem must be frozen.
func (p *Problem) PriceAlone(t TaskID, res []ResourceID, pieces []Interval) ([]float64, error) {
	if !p.frozen {
		return nil, errNotFrozen
	}
	if t < 0 || int(t) >= len(p.Tasks) {
		return nil, fmt.Errorf("solver: price alone: task %d out of range", t)
	}
	task := &p.Tasks[t]
	for _, r := range res {
		if r < 0 || int(r) >= len(p.Resources) {
			return nil, fmt.Errorf("solver: price alone: task %q: resource %d out of range", task.Name, r)
		}
	}
	start, end := Slot(0), Slot(0)
	for i, iv := range pieces {
		if iv.Start < 0 || iv.End > Slot(p.Slots) || iv.End < iv.Start || i > 0 && iv.Start < pieces[i-1].End {
			return nil, fmt.Errorf("solver: price alone: task %q: piece %v outside the horizon or out of order", task.Name, iv)
		}
		if i == 0 {
			start = iv.Start
		}
		end = iv.End
	}
	dv := p.drv
	n := len(p.Resources)
	placements := make([]Placement, len(p.Tasks))
	placements[t] = Placement{Start: start, Resources: res}
	ends := make([]Slot, len(p.Tasks))
	ends[t] = end
	v := &evalView{
		p: p, dv: dv, placements: placements, ends: ends,
		busy: make([]Bitset, n), tasksOf: make([][]TaskID, n),
		byResource: make([]float64, n), byWeek: make([]float64, dv.nWeeks),
	}
	if dv.spd > 0 {
		v.perDay = make([][]int32, n)
	}
	out := make([]float64, len(res))
	for i, r := range res {
		v.busy[r] = NewBitset(p.Slots)
		for _, iv := range pieces {
			v.busy[r].SetRange(iv.Start, iv.End)
		}
		v.tasksOf[r] = []TaskID{t}
		if dv.spd > 0 {
			v.perDay[r] = make([]int32, dv.nDays)
			busySlots(v.busy[r], func(s int) { v.perDay[r][s/dv.spd]++ })
		}
		for _, term := range costTerms {
			if rt, ok := term.(resourceTerm); ok {
				out[i] += rt.rule.evalResource(v, r)
			}
		}
	}
	return out, nil
}
