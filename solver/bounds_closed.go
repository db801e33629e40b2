package solver

import (
	"math"
)

// closedResourceCost is a resource bound built pool by pool. Resources
// are joined when a demand may choose between them; each resulting pool
// is closed (every demand naming one of its resources chooses only
// among its resources). Per pool it takes the larger of the capacity
// bound's charges on the pool's resources (capacityParts, with dayRaises
// on top) and longDays, a bound that prices sessions too long to share a
// day at a whole day each; their sum bounds the resource cost, since the
// pools' costs add up and each pool's cost is at least either. When
// flow is not nil (flowFill's charges), a third candidate is the capacity
// charge with its candidate lists' work priced day by day instead. It
// returns the total and each pool's charge.
func closedResourceCost(p *Problem, tb timeBounds, parts []capacityPart, flow []float64) (float64, []PoolBound) {
	pool := closedPools(p)
	own := make([]float64, len(p.Resources))
	byDay := make([]float64, len(p.Resources))
	for _, part := range parts {
		own[pool[part.owner]] += part.amount
		byDay[pool[part.owner]] += part.amount - part.fill
	}
	for r, x := range flow {
		byDay[pool[r]] += x
	}
	tasks := map[int][]int{}
	for i, task := range p.Tasks {
		for _, d := range task.Demands {
			if len(d.Candidates) > 0 {
				root := pool[d.Candidates[0]]
				if n := len(tasks[root]); n == 0 || tasks[root][n-1] != i {
					tasks[root] = append(tasks[root], i)
				}
			}
		}
	}
	for r, x := range dayRaises(p, tb) {
		own[pool[r]] += x
		byDay[pool[r]] += x
	}
	members := map[int][]ResourceID{}
	for r, root := range pool {
		members[root] = append(members[root], ResourceID(r))
	}
	total := 0.0
	var pools []PoolBound
	for root, charge := range own {
		if len(members[root]) == 0 || pool[root] != root {
			continue
		}
		charge = max(charge, longDays(p, tb, members[root], tasks[root]))
		if flow != nil {
			charge = max(charge, byDay[root])
		}
		total += charge
		pools = append(pools, PoolBound{Resources: members[root], Cost: charge})
	}
	return total, pools
}

// closedPools joins the candidates of every demand, pinned or not, and
// the resources of every pin; it returns each resource's pool as the
// least resource in it.
func closedPools(p *Problem) []int {
	parent := make([]int, len(p.Resources))
	for r := range parent {
		parent[r] = r
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	join := func(rs []ResourceID) {
		for _, r := range rs[min(1, len(rs)):] {
			a, b := find(int(rs[0])), find(int(r))
			parent[max(a, b)] = min(a, b)
		}
	}
	for _, task := range p.Tasks {
		for _, d := range task.Demands {
			join(d.Candidates)
		}
		if task.Pin != nil {
			join(task.Pin.Resources)
		}
	}
	out := make([]int, len(p.Resources))
	for r := range out {
		out[r] = find(r)
	}
	return out
}

// longDays bounds the cost of a closed pool of resources of capacity one
// whose demands use one unit and none of whose tasks is pinned (0 for
// any other pool); tasks are the tasks with a demand in the pool, in
// order. Let cap be the most slots a resource of the pool can
// work in a day on the pool's tasks. A task that does not split and
// cannot run across midnight lies within one day; when it is longer than
// half of cap, no other such task shares its resource's day. So each
// such long session has a day of its own, of at least its length, which
// costs at least the cheapest dayFloor of that length in the pool; the
// other sessions' work can fill what the long ones leave of their days
// (cap minus their length) for nothing, and the rest costs at least the
// pool's cheapest slot rate per slot. Terms that do not charge by the day
// are charged their cheapest slot rate for all the work; fees the least
// fee per demand; visits the first visit of a resource a task cannot do
// without, as in the other bounds.
func longDays(p *Problem, tb timeBounds, pool []ResourceID, tasks []int) float64 {
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 || len(tb.es) != len(p.Tasks) {
		return 0
	}
	in := make([]bool, len(p.Resources))
	for _, r := range pool {
		if p.Resources[r].Capacity != 1 {
			return 0
		}
		in[r] = true
	}
	type session struct {
		length int
		oneDay bool
	}
	var sessions []session
	union := NewBitset(p.Slots)
	fees, work := 0.0, 0.0
	forced := make([]bool, len(p.Resources))
	rates := make([]demandRates, len(p.Resources))
	for _, r := range pool {
		rates[r] = resourceRates(p, r)
	}
	mask := NewBitset(p.Slots)
	for _, i := range tasks {
		task := &p.Tasks[i]
		uses := false
		for _, d := range task.Demands {
			if len(d.Candidates) == 0 || !in[d.Candidates[0]] {
				continue
			}
			if task.Pin != nil || d.units() != 1 {
				return 0
			}
			if !uses {
				uses = true
				taskMask(mask, *task, p.Slots)
				clearOutside(mask, max(tb.es[i], 0), min(tb.le[i], Slot(p.Slots)))
			}
			n := min(d.count(), len(d.Candidates))
			fee := math.Inf(1)
			for _, r := range d.Candidates {
				fee = min(fee, rates[r].task)
			}
			fees += float64(n) * fee
			if len(d.Candidates) == d.count() && task.Duration > 0 {
				for _, r := range d.Candidates {
					forced[r] = true
				}
			}
			if task.Duration <= 0 {
				continue
			}
			oneDay := !task.Split && !crossesMidnight(mask, spd)
			for range n {
				sessions = append(sessions, session{task.Duration, oneDay})
				work += float64(task.Duration)
			}
			for w := range union {
				union[w] |= mask[w]
			}
		}
	}
	dayCap := 0
	for d := 0; d*spd < p.Slots; d++ {
		dayCap = max(dayCap, countRange(union, d*spd, (d+1)*spd))
	}
	most := 0
	for _, r := range pool {
		most = max(most, maxDaySlots(p, r))
	}
	dayCap = min(dayCap, most)
	// The pool's cheapest prices: per long day by its length, per slot
	// for the day terms, per slot for the others.
	daySlot, otherSlot := math.Inf(1), 0.0
	var dayTerms, otherTerms []resourceRule
	for _, t := range costTerms {
		if rt, ok := t.(resourceTerm); ok {
			if _, ok := rt.rule.(dayPricer); ok {
				dayTerms = append(dayTerms, rt.rule)
			} else {
				otherTerms = append(otherTerms, rt.rule)
			}
		}
	}
	for _, r := range pool {
		s := 0.0
		for _, rule := range dayTerms {
			s += rule.demandRates(p, r).slot
		}
		daySlot = min(daySlot, s)
	}
	for _, rule := range otherTerms {
		least := math.Inf(1)
		for _, r := range pool {
			least = min(least, rule.demandRates(p, r).slot)
		}
		otherSlot += least
	}
	prices := map[int]float64{}
	longPrice := func(length int) float64 {
		if v, ok := prices[length]; ok {
			return v
		}
		least := math.Inf(1)
		for _, r := range pool {
			s := 0.0
			for _, rule := range dayTerms {
				s += rule.(dayPricer).dayFloor(p, r, length)
			}
			least = min(least, s)
		}
		prices[length] = least
		return least
	}
	total := fees + work*otherSlot
	for r, f := range forced {
		if f {
			total += rates[r].visit
		}
	}
	short, spare := 0.0, 0.0
	for _, s := range sessions {
		if s.oneDay && 2*s.length > dayCap && s.length <= dayCap {
			total += longPrice(s.length)
			spare += float64(dayCap - s.length)
		} else {
			short += float64(s.length)
		}
	}
	return total + max(0, short-spare)*daySlot
}

// crossesMidnight reports whether mask holds the last slot of a day and
// the first of the next: a session could run across midnight.
func crossesMidnight(mask Bitset, spd int) bool {
	for s := spd; s < len(mask)*64; s += spd {
		if mask.Has(Slot(s-1)) && mask.Has(Slot(s)) {
			return true
		}
	}
	return false
}
