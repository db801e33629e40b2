package solver

import (
	"maps"
	"slices"
)

// closedResourceCost is a resource bound built pool by pool. Resources
// are joined when a demand may choose between them; each resulting pool
// is closed (every demand naming one of its resources chooses only
// among its resources). Per pool it takes the larger of the capacity
// bound's charges on the pool's resources (capacityParts, with dayRaises
// on top) and longDays, a bound that prices sessions too long to share a
// day at a whole day each; their sum bounds the resource cost, since the
// pools' costs add up and each pool's cost is at least either. When
// flow is not nil (flowFill's charges, priced from rates, each
// resource's allResourceRates), a third candidate is the capacity charge
// with its candidate lists' work priced day by day instead, and the idle
// time of its long days on top (longDayIdle). Each pool's day patterns
// (dayPatterns) are a fourth. It returns the total and each pool's
// charge.
func closedResourceCost(p *Problem, tb timeBounds, parts []capacityPart, flow []float64, rates []demandRates) (float64, []PoolBound) {
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
	// The idle time of long days goes on the work by day before the
	// whole days of forced resources are: those days already pay it.
	worked := slices.Clone(byDay)
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
	raise, forcedWork := dayRaises(p, tb)
	for r, x := range raise {
		own[pool[r]] += x
		// The raise is what the days cost above the work at the slot
		// rate; the flow may already price that work above the slot rate
		// (a weekly hire's rates by week), and only the rest is new.
		above := 0.0
		if flow != nil {
			above = max(0, flow[r]-forcedWork[r]*rates[r].slot)
		}
		byDay[pool[r]] += max(0, x-above)
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
		ps := sessionsOf(p, tb, members[root], tasks[root])
		charge = max(charge, longDays(p, members[root], ps), dayPatterns(p, members[root], ps))
		if flow != nil {
			charge = max(charge, byDay[root], worked[root]+longDayIdle(p, members[root], tasks[root], ps))
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

// daysWorkable counts the days on which r is available in some slot of
// union.
func daysWorkable(p *Problem, r ResourceID, union Bitset) int {
	spd := p.Calendar.SlotsPerDay
	avail := p.Resources[r].Available
	n := 0
	for d := 0; d*spd < p.Slots; d++ {
		for s := Slot(d * spd); s < Slot(min((d+1)*spd, p.Slots)); s++ {
			if union.Has(s) && (avail == nil || avail.Has(s)) {
				n++
				break
			}
		}
	}
	return n
}

// spareFilled bounds how much of the long sessions' spare (their day's
// room past them: spares counts the long days by it) the short sessions
// (shorts counts them by length) can fill. A one-day session goes whole
// into one day, so when every short one is (not divisible) a day's
// spare takes only short lengths that fit it, summing to at most the
// largest such sum within it (a 2-hour spare holds nothing of 3-hour
// sessions), and a length fills only the spares it fits. Filling the
// least spares first with what fits them is a maximal flow of work into
// the spares, because what fits a spare fits every larger one.
func spareFilled(spares, shorts map[int]int, divisible bool, dayCap int) float64 {
	room := 0.0
	if divisible {
		for sp, n := range spares {
			room += float64(sp * n)
		}
		return room
	}
	lengths := slices.Sorted(maps.Keys(shorts))
	within := sumsWithin(lengths, dayCap)
	left := make([]float64, len(lengths))
	for i, l := range lengths {
		left[i] = float64(l * shorts[l])
	}
	filled := 0.0
	for _, sp := range slices.Sorted(maps.Keys(spares)) {
		capacity := float64(within[sp] * spares[sp])
		for i := len(lengths) - 1; i >= 0 && capacity > 0; i-- {
			if lengths[i] > sp {
				continue
			}
			take := min(capacity, left[i])
			left[i] -= take
			capacity -= take
			filled += take
		}
	}
	return filled
}

// sumsWithin returns, for each x up to most, the largest sum at most x of
// lengths, each used any number of times.
func sumsWithin(lengths []int, most int) []int {
	reach := make([]bool, most+1)
	reach[0] = true
	for x := 1; x <= most; x++ {
		for _, l := range lengths {
			if l > 0 && l <= x && reach[x-l] {
				reach[x] = true
				break
			}
		}
	}
	best := make([]int, most+1)
	for x := 1; x <= most; x++ {
		best[x] = best[x-1]
		if reach[x] {
			best[x] = x
		}
	}
	return best
}

// pinnedMask sets mask to the slots a pinned task works, and reports
// false when they are not known: a split task whose pin leaves resources
// to be chosen may work other slots with them.
func pinnedMask(mask Bitset, p *Problem, task *Task) bool {
	clear(mask)
	if task.Split && len(task.Pin.Resources) < demandCount(task) {
		return false
	}
	pieces, _, e := p.expand(nil, task, task.Pin.Start, task.Pin.Resources)
	if e != expandOK {
		return false
	}
	for _, pc := range pieces {
		mask.SetRange(pc.Start, pc.End)
	}
	return true
}

// workable sets dst to the slots of mask in which one of cands is
// available, and returns it. A session that does not split runs in one
// run of slots its resource is available in, so it crosses midnight only
// where this does.
func workable(dst, mask Bitset, p *Problem, cands []ResourceID) Bitset {
	clear(dst)
	for _, r := range cands {
		avail := p.Resources[r].Available
		for w := range dst {
			m := mask[w]
			if avail != nil {
				m = 0
				if w < len(avail) {
					m = mask[w] & avail[w]
				}
			}
			dst[w] |= m
		}
	}
	return dst
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

// sessionsOf gathers a closed pool's sessions for the bounds that price
// whole days (longDays, longDayIdle, dayPatterns), once for all three;
// nil when the problem has no days or the pool is not one they bound.
func sessionsOf(p *Problem, tb timeBounds, pool []ResourceID, tasks []int) *poolSessions {
	if p.Calendar.SlotsPerDay <= 0 || len(tb.es) != len(p.Tasks) {
		return nil
	}
	ps, ok := gatherPoolSessions(p, tb, pool, tasks)
	if !ok {
		return nil
	}
	return &ps
}
