package solver

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// Bound methods, as named in Bound.Method.
const (
	MethodCriticalPath = "critical path"
	MethodEnergy       = "energy"
	MethodLP           = "LP"
	MethodCapacity     = "capacity"
	MethodDays         = "days"
	MethodLongDays     = "long days"
	MethodWorkByDay    = "work by day"
	// MethodOverheadTradeOff: pricing the work by day under each day
	// the work may end on, against the overhead to that day, raised the
	// whole bound (busyEndTradeOff).
	MethodOverheadTradeOff = "overhead trade-off"
	// MethodExact: the exact search (small plain problems) proved the
	// best makespan found optimal.
	MethodExact = "exact search"
)

// LowerBound proves lower bounds on the makespan and on the total cost of
// every feasible schedule of p. The makespan bound is the larger of the
// critical path (longest path over durations, lags, releases, windows and
// availability) and the resource-energy bound (for each resource or pool
// and each pair of a head and a tail among its jobs, the work of the jobs
// starting no earlier and followed by no less, against the capacity
// available in between). The cost bound prices each demand at its cheapest
// candidate's least possible cost per slot worked plus fees, or by
// filling each candidate list's work cheapest first up to each
// candidate's room (capacityResourceCost) when that is more, raised by an
// LP relaxation (gonum's simplex) that spreads demands over candidates
// within their capacity when the instance is small enough, raised by
// pricing whole days and separate visits of the resources whose work is
// all forced on them (dayRaise), or by pricing, pool by pool, sessions
// too long to share a day at a whole day each (longDays) or each
// person's days as patterns of whole sessions (dayPatterns), or by
// pricing the work of every candidate list day by day within its
// tasks' time bounds, the lists sharing each resource's room per day
// (flowFill), with the idle time of long days on top (longDayIdle;
// closedResourceCost keeps the largest per pool), and adds
// overhead, lateness and makespan weight at the makespan bound; where
// overhead runs to the last busy day, it then weighs the two against
// each other day by day (busyEndTradeOff).
//
// Method names the makespan bound ("critical path" or "energy"), followed
// by "+ capacity" when the rooms raised the cost bound, "+ LP" when
// the LP raised it further, "+ days" when whole days did and "+ long
// days" when the long sessions' days or the day patterns did and "+ work
// by day" when the day-by-day flow did. p need not be frozen; a problem
// with a precedence cycle or a malformed one (see Freeze) gets the zero
// Bound. When ctx ends the LP and the whole-day bounds are
// skipped (or the LP abandoned).
func (p *Problem) LowerBound(ctx context.Context) Bound {
	order, ok := topoOrder(p)
	if !ok || p.Slots <= 0 || !wellFormed(p) {
		return Bound{}
	}
	tb := criticalPath(p, order)
	b := Bound{Makespan: tb.makespan, Method: MethodCriticalPath}
	if pe := newPrecedenceEnergy(ctx, p, order, tb); pe != nil && ctx.Err() == nil {
		if raised := criticalPathRaised(p, order, pe.raise); raised.bad < 0 {
			tb = raised
			if tb.makespan > b.Makespan {
				b.Makespan, b.Method = tb.makespan, MethodEnergy
			}
		}
	}
	e, busy := energyBound(ctx, p, tb)
	if e > b.Makespan {
		b.Makespan, b.Method = e, MethodEnergy
	}
	tb.busyEnd = max(tb.busyEnd, busy)
	resource := greedyResourceCost(p, nil)
	rooms := roomsOf(p)
	// Only a real rise counts: the two sum the same prices in another
	// order when no room binds.
	parts := capacityParts(p, rooms)
	if c := sumParts(parts); c > resource+1e-9*max(1, resource) {
		resource = c
		b.Method += " + " + MethodCapacity
	}
	if ctx.Err() == nil {
		if lpCost, ok := lpResourceCostCtx(ctx, p); ok && lpCost > resource {
			resource = lpCost
			b.Method += " + " + MethodLP
		}
	}
	// Whole days are priced only while there is time: a search that ends
	// first waits for the bound.
	if ctx.Err() == nil {
		if raise := dayRaise(p, tb); raise > 0 {
			resource += raise
			b.Method += " + " + MethodDays
		}
	}
	if ctx.Err() == nil {
		if c, pools := closedResourceCost(p, tb, parts, nil, nil); c > resource+1e-9*max(1, resource) {
			resource, b.Pools = c, pools
			b.Method += " + " + MethodLongDays
		}
	}
	var byDay *dayPricing
	if ctx.Err() == nil {
		byDay = newDayPricing(p)
		if c, ok := byDay.price(ctx, p, tb, parts); ok && c.cost > resource+1e-9*max(1, resource) {
			resource, b.Pools = c.cost, c.pools
			b.Method += " + " + MethodWorkByDay
		}
	}
	b.Cost = resource + timeCost(p, tb, b.Makespan)
	if ctx.Err() == nil && byDay != nil {
		if c, ok := busyEndTradeOff(ctx, p, order, tb, b.Makespan, resource, parts, byDay); ok && c > b.Cost+1e-9*max(1, b.Cost) {
			b.Cost = c
			b.Method += " + " + MethodOverheadTradeOff
		}
	}
	return b
}

// wellFormed reports whether every demand names existing resources and
// every resource has capacity, so that the bounds can index and divide.
func wellFormed(p *Problem) bool {
	for _, r := range p.Resources {
		if r.Capacity < 1 {
			return false
		}
	}
	for _, t := range p.Tasks {
		for _, d := range t.Demands {
			for _, r := range d.Candidates {
				if r < 0 || int(r) >= len(p.Resources) {
					return false
				}
			}
		}
	}
	return true
}

// topoOrder orders tasks along precedences (Kahn); false on a cycle or a
// precedence out of range. It works on unfrozen problems.
func topoOrder(p *Problem) ([]TaskID, bool) {
	n := len(p.Tasks)
	indeg := make([]int, n)
	succ := make([][]TaskID, n)
	for _, pr := range p.Precedences {
		if pr.From < 0 || int(pr.From) >= n || pr.To < 0 || int(pr.To) >= n {
			return nil, false
		}
		indeg[pr.To]++
		succ[pr.From] = append(succ[pr.From], pr.To)
	}
	order := make([]TaskID, 0, n)
	for t := range n {
		if indeg[t] == 0 {
			order = append(order, TaskID(t))
		}
	}
	for i := 0; i < len(order); i++ {
		for _, to := range succ[order[i]] {
			if indeg[to]--; indeg[to] == 0 {
				order = append(order, to)
			}
		}
	}
	return order, len(order) == n
}

// pool is a set of resources and the work that must be done on it.
type pool struct {
	members []ResourceID
	jobs    []poolJob
	// window is the union of the jobs' windows, the only slots in which
	// the pool can do them (nil: any slot). A person is available at
	// night; the work is not.
	window Bitset
}

// poolJob is one demand's work on a pool, with its task's time bounds.
type poolJob struct {
	task     TaskID
	work     int  // slots × units × count
	head     Slot // earliest start
	tail     int  // least makespan after the end
	busyTail int  // least time from the end to the end of the last work
	deadline Slot // latest end (deadline, window, availability)
}

// pools gathers, for every distinct candidate set, the work of the demands
// whose candidates all lie inside it. Demands are grouped by candidate set
// first, so the subset tests run between distinct sets (a few hundred in
// a long series) rather than for every demand of every task against every
// pool.
func pools(p *Problem, tb timeBounds) []pool {
	type set struct {
		members []ResourceID
		jobs    []poolJob
		windows windowUnion
	}
	var sets []set
	index := map[string]int{}
	var key []byte
	for t, task := range p.Tasks {
		if task.Duration == 0 {
			continue
		}
		for _, d := range task.Demands {
			members := slices.Compact(slices.Sorted(slices.Values(d.Candidates)))
			key = key[:0]
			for _, r := range members {
				key = append(key, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
			}
			i, ok := index[string(key)]
			if !ok {
				i = len(sets)
				index[string(key)] = i
				sets = append(sets, set{members: members})
			}
			sets[i].jobs = append(sets[i].jobs, poolJob{
				task: TaskID(t), work: task.Duration * d.units() * d.count(),
				head: tb.es[t], tail: tb.tail[t], busyTail: tb.busyTail[t], deadline: tb.le[t],
			})
			sets[i].windows.add(task.Window, p.Slots)
		}
	}
	out := make([]pool, 0, len(sets))
	for _, pl := range sets {
		var jobs []poolJob
		var windows windowUnion
		for _, d := range sets {
			if len(d.members) <= len(pl.members) && subset(d.members, pl.members) {
				jobs = append(jobs, d.jobs...)
				windows.addUnion(d.windows, p.Slots)
			}
		}
		out = append(out, pool{members: pl.members, jobs: jobs, window: windows.union})
	}
	return out
}

// windowUnion is the union of task windows, nil once any is nil (any
// slot). Tasks share windows (compile builds one per calendar and
// hours), so a window just added is not added again.
type windowUnion struct {
	union Bitset
	any   bool // some window was nil
	last  *uint64
}

func (u *windowUnion) add(w Bitset, slots int) {
	switch {
	case u.any:
	case w == nil:
		u.any, u.union = true, nil
	case len(w) > 0 && &w[0] == u.last:
	default:
		if u.union == nil {
			u.union = NewBitset(slots)
		}
		for i := range min(len(w), len(u.union)) {
			u.union[i] |= w[i]
		}
		if len(w) > 0 {
			u.last = &w[0]
		}
	}
}

func (u *windowUnion) addUnion(v windowUnion, slots int) {
	if v.any {
		u.add(nil, slots)
		return
	}
	if v.union != nil {
		u.add(v.union, slots)
	}
}

func subset(a, sorted []ResourceID) bool {
	for _, r := range a {
		if _, ok := slices.BinarySearch(sorted, r); !ok {
			return false
		}
	}
	return true
}

// room is the cumulative capacity of a pool: room.cum[x] is its capacity
// in slots [0, x).
type room struct {
	cum  []int
	full int // capacity in a slot where every member is available
}

// newRoom builds the room of a pool, counting only the slots of its
// window, in cum's storage when it is large enough (pools are looked at
// one at a time, so one buffer serves all).
func newRoom(p *Problem, pl pool, cum []int) room {
	if cap(cum) < p.Slots+1 {
		cum = make([]int, p.Slots+1)
	}
	rm := room{cum: cum[:p.Slots+1], full: poolCapacity(p, pl.members, -1)}
	for x := range p.Slots {
		c := 0
		if pl.window == nil || pl.window.Has(Slot(x)) {
			c = poolCapacity(p, pl.members, Slot(x))
		}
		rm.cum[x+1] = rm.cum[x] + c
	}
	return rm
}

// finish is the least x such that [a, x) holds work units of capacity,
// counting full capacity past the horizon.
func (rm room) finish(a Slot, work int) Slot {
	a = max(a, 0)
	h := len(rm.cum) - 1
	if int(a) > h {
		return a + Slot((work+rm.full-1)/rm.full)
	}
	need := rm.cum[a] + work
	if need > rm.cum[h] {
		return Slot(h) + Slot((need-rm.cum[h]+rm.full-1)/rm.full)
	}
	x, _ := slices.BinarySearch(rm.cum[a:], need)
	return a + Slot(x)
}

// maxPoolJobs caps the jobs of a pool for the quadratic energy bounds;
// larger pools sweep their heads with the least tail among the jobs
// starting at or after each.
const maxPoolJobs = 150

// energyBound returns the least makespan M such that, for every pool, head
// a and tail b, the work of the jobs starting at or after a with a tail of
// at least b fits in the pool's capacity in [a, M-b); and the same bound
// on the end of the last work (busy), with the tails to it. A single VFX
// artist with 26 days of shots after picture lock ends them no sooner
// than 26 working days after it, whatever the critical path says.
func energyBound(ctx context.Context, p *Problem, tb timeBounds) (makespan, busy Slot) {
	var cum []int
	for _, pl := range pools(p, tb) {
		if ctx.Err() != nil {
			break
		}
		rm := newRoom(p, pl, cum)
		cum = rm.cum
		if rm.full == 0 {
			continue
		}
		makespan = max(makespan, rm.energyFinish(pl.jobs, func(j poolJob) int { return j.tail }))
		busy = max(busy, rm.energyFinish(pl.jobs, func(j poolJob) int { return j.busyTail }))
	}
	return makespan, busy
}

// energyFinish is the energy bound of one pool's jobs with tails tail: every
// head a and tail b for a pool of at most maxPoolJobs jobs, else every
// head a with the least tail of the jobs starting at or after it.
func (rm room) energyFinish(jobs []poolJob, tail func(poolJob) int) Slot {
	best := Slot(0)
	if len(jobs) <= maxPoolJobs {
		for _, a := range distinctHeads(jobs) {
			for _, b := range distinctTails(jobs, tail) {
				work := 0
				for _, j := range jobs {
					if j.head >= a && tail(j) >= b {
						work += j.work
					}
				}
				if work > 0 {
					best = max(best, rm.finish(a, work)+Slot(b))
				}
			}
		}
		return best
	}
	byHead := slices.SortedFunc(slices.Values(jobs), func(x, y poolJob) int { return cmp.Compare(y.head, x.head) })
	work, least := 0, math.MaxInt
	for i, j := range byHead {
		work, least = work+j.work, min(least, tail(j))
		if i+1 < len(byHead) && byHead[i+1].head == j.head {
			continue // the last job of this head
		}
		if work > 0 && least != noBusyWork {
			best = max(best, rm.finish(j.head, work)+Slot(least))
		}
	}
	return best
}

func distinctHeads(jobs []poolJob) []Slot {
	out := make([]Slot, len(jobs))
	for i, j := range jobs {
		out[i] = j.head
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func distinctTails(jobs []poolJob, tail func(poolJob) int) []int {
	out := make([]int, len(jobs))
	for i, j := range jobs {
		out[i] = tail(j)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// poolCapacity is the capacity of a set of resources in slot x (every
// resource's full capacity when x < 0).
func poolCapacity(p *Problem, members []ResourceID, x Slot) int {
	c := 0
	for _, r := range members {
		if x < 0 || p.Resources[r].Available.Has(x) {
			c += p.Resources[r].Capacity
		}
	}
	return c
}

// energyConflict finds a pool and a time window [a, d) such that the jobs
// that must run inside it (head ≥ a, deadline ≤ d) need more capacity than
// the window holds. It returns a description, or "".
func energyConflict(p *Problem, tb timeBounds) string {
	var cum []int
	for _, pl := range pools(p, tb) {
		rm := newRoom(p, pl, cum)
		cum = rm.cum
		heads := distinctHeads(pl.jobs)
		var ends []Slot
		for _, j := range pl.jobs {
			ends = append(ends, j.deadline)
		}
		slices.Sort(ends)
		ends = slices.Compact(ends)
		if len(pl.jobs) > maxPoolJobs {
			heads, ends = heads[:1], ends[len(ends)-1:]
		}
		for _, a := range heads {
			for _, d := range ends {
				if d <= a {
					continue
				}
				work := 0
				for _, j := range pl.jobs {
					if j.head >= a && j.deadline <= d {
						work += j.work
					}
				}
				if avail := rm.cum[min(int(d), p.Slots)] - rm.cum[min(int(a), p.Slots)]; work > avail {
					names := make([]string, len(pl.members))
					for i, r := range pl.members {
						names[i] = p.Resources[r].Name
					}
					return fmt.Sprintf("%d slots of work on %v do not fit in [%d, %d)", work, names, a, d)
				}
			}
		}
	}
	return ""
}
