package mzn

import "slices"

// restRange bounds the objective without its makespan term — resource
// cost, overhead, lateness and earliness, in 1/Scale currency units — over every
// schedule the model allows. It works in float64 so that no bound
// overflows.
func (b *builder) restRange() (lo, hi float64) {
	byDem := make([][]float64, len(b.demTask))
	for _, o := range b.opts {
		byDem[o.dem-1] = append(byDem[o.dem-1], float64(o.cost))
	}
	for d, costs := range byDem {
		slices.Sort(costs)
		n := min(b.demCount[d], len(costs))
		for i := range n {
			lo += costs[i]
			hi += costs[len(costs)-1-i]
		}
	}
	p := b.p
	h, spd := p.Slots, p.Calendar.SlotsPerDay
	days := func(slots int) float64 {
		if spd == 0 {
			return float64(slots)
		}
		return float64((slots + spd - 1) / spd)
	}
	if spd > 0 {
		hi += float64(money(p.Objective.OverheadPerDay)) * days(h)
	}
	for _, t := range p.Tasks {
		if t.Due > 0 && t.LatenessPerDay > 0 && int(t.Due) < h {
			hi += float64(money(t.LatenessPerDay)) * days(h-int(t.Due))
		}
		if t.Target > 0 && t.EarlinessPerDay > 0 {
			hi += float64(money(t.EarlinessPerDay)) * days(int(t.Target))
		}
	}
	return lo, hi
}

// objectiveFits decides how Chuffed can hold the objective with makespan
// weight w: whole when its bounds stay under maxMoney; lexicographic (the
// result) when they do not but w outweighs the whole range of the rest,
// so that makespan first, then the rest, has the same optimum; else the
// export notes that the costs do not fit.
func (b *builder) objectiveFits(w int64) (lexicographic bool) {
	lo, hi := b.restRange()
	if hi+float64(w)*float64(b.p.Slots) <= maxMoney {
		return false
	}
	if w > 0 && hi <= maxMoney && float64(w) > hi-lo {
		return true
	}
	b.note("costs beyond Chuffed's 32-bit integers: use a solver with 64-bit integers")
	return false
}
