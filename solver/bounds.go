package solver

import (
	"context"
	"fmt"
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
// too long to share a day at a whole day each (closedResourceCost), or
// by pricing the work of every candidate list day by day within its
// tasks' time bounds, the lists sharing each resource's room per day
// (flowFill), and adds
// overhead, lateness and makespan weight at the makespan bound.
//
// Method names the makespan bound ("critical path" or "energy"), followed
// by "+ capacity" when the rooms raised the cost bound, "+ LP" when
// the LP raised it further, "+ days" when whole days did and "+ long
// days" when the long sessions' days did and "+ work by day" when the
// day-by-day flow did. p need not be frozen; a
// problem with a precedence cycle or a malformed one (see Freeze) gets
// the zero Bound. When ctx ends the LP and the whole-day bounds are
// skipped (or the LP abandoned).
func (p *Problem) LowerBound(ctx context.Context) Bound {
	order, ok := topoOrder(p)
	if !ok || p.Slots <= 0 || !wellFormed(p) {
		return Bound{}
	}
	tb := criticalPath(p, order)
	b := Bound{Makespan: tb.makespan, Method: MethodCriticalPath}
	if e := energyBound(ctx, p, tb); e > b.Makespan {
		b.Makespan, b.Method = e, MethodEnergy
	}
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
		if c, pools := closedResourceCost(p, tb, parts, nil); c > resource+1e-9*max(1, resource) {
			resource, b.Pools = c, pools
			b.Method += " + " + MethodLongDays
		}
	}
	if ctx.Err() == nil {
		if flow, ok := flowFill(ctx, p, tb, dayRoomsOf(p), allResourceRates(p)); ok {
			if c, pools := closedResourceCost(p, tb, parts, flow); c > resource+1e-9*max(1, resource) {
				resource, b.Pools = c, pools
				b.Method += " + " + MethodWorkByDay
			}
		}
	}
	b.Cost = resource + timeCost(p, tb, b.Makespan)
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

// timeBounds are the critical-path heads and tails of every task.
type timeBounds struct {
	es, ee []Slot // earliest start and a lower bound on the end
	// le is an upper bound on the end: the deadline, or one past the
	// last slot the task could run in.
	le []Slot
	// tail is a lower bound on the makespan minus the end of the task.
	tail []int
	// makespan is the critical-path bound; busyEnd bounds the end of the
	// last task that does work.
	makespan, busyEnd Slot
	// bad is a task that cannot start or end in time, or -1.
	bad TaskID
	why string
}

// criticalPath runs the forward and backward passes in topological order.
func criticalPath(p *Problem, order []TaskID) timeBounds {
	n := len(p.Tasks)
	tb := timeBounds{es: make([]Slot, n), ee: make([]Slot, n), le: make([]Slot, n), tail: make([]int, n), bad: -1}
	lb, lbEnd := make([]Slot, n), make([]Slot, n)
	for t := range p.Tasks {
		lb[t] = p.Tasks[t].Release
	}
	fail := func(t TaskID, format string, args ...any) {
		if tb.bad < 0 {
			tb.bad, tb.why = t, fmt.Sprintf("%q: ", p.Tasks[t].Name)+fmt.Sprintf(format, args...)
		}
	}
	succ := make([][]int, n)
	for i, pr := range p.Precedences {
		succ[pr.From] = append(succ[pr.From], i)
	}
	masks := newMasker(p)
	for _, t := range order {
		task := &p.Tasks[t]
		mask := masks.open(t)
		tb.le[t] = deadline(p, t)
		if task.Duration > 0 {
			tb.le[t] = min(tb.le[t], lastOpen(p, mask))
		}
		s, e, ok := firstFit(p, t, mask, lb[t])
		if !ok {
			fail(t, "no room to run after slot %d", lb[t])
			s, e = lb[t], lb[t]+Slot(task.Duration)
		}
		if task.Pin != nil {
			if task.Pin.Start < s {
				fail(t, "pinned at %d, cannot start before %d", task.Pin.Start, s)
			}
			s, e = max(s, task.Pin.Start), max(e, task.Pin.Start+Slot(task.Duration))
		}
		e = max(e, lbEnd[t]) // a finish-to-finish link
		if limit := deadline(p, t); e > limit {
			fail(t, "cannot end before %d, deadline %d", e, limit)
		}
		tb.es[t], tb.ee[t] = s, e
		tb.makespan = max(tb.makespan, e)
		if task.Duration > 0 {
			tb.busyEnd = max(tb.busyEnd, e)
		}
		for _, i := range succ[t] {
			pr := p.Precedences[i]
			base, _ := pr.anchors(s, e, 0, 0)
			need := advance(p, base, pr.Lag, pr.LagWorking)
			if pr.toEnd() {
				lbEnd[pr.To] = max(lbEnd[pr.To], need)
			} else {
				lb[pr.To] = max(lb[pr.To], need)
			}
		}
	}
	// Backward pass: head-to-tail distances from the start of each task.
	fromStart := make([]int, n)
	for _, t := range slices.Backward(order) {
		d := p.Tasks[t].Duration
		fromStart[t] = d
		for _, i := range succ[t] {
			pr := p.Precedences[i]
			if pr.LagWorking && pr.Lag < 0 {
				continue // reaches back over any number of closed slots
			}
			// The chain from To's anchor: from its start, all of it;
			// from its end (finish to finish), nothing past that end
			// is sure, since a split To may start long before it.
			lag, rest := pr.Lag, fromStart[pr.To]
			if pr.toEnd() {
				rest = 0
			}
			if pr.fromEnd() {
				fromStart[t] = max(fromStart[t], d+lag+rest)
				tb.tail[t] = max(tb.tail[t], lag+rest)
			} else {
				fromStart[t] = max(fromStart[t], lag+rest)
			}
		}
	}
	return tb
}

// deadline is the latest end of task t: its Deadline or the horizon.
func deadline(p *Problem, t TaskID) Slot {
	if d := p.Tasks[t].Deadline; d > 0 && int(d) < p.Slots {
		return d
	}
	return Slot(p.Slots)
}

// pool is a set of resources and the work that must be done on it.
type pool struct {
	members []ResourceID
	jobs    []poolJob
}

// poolJob is one demand's work on a pool, with its task's time bounds.
type poolJob struct {
	work     int  // slots × units × count
	head     Slot // earliest start
	tail     int  // least makespan after the end
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
				work: task.Duration * d.units() * d.count(),
				head: tb.es[t], tail: tb.tail[t], deadline: tb.le[t],
			})
		}
	}
	out := make([]pool, 0, len(sets))
	for _, pl := range sets {
		var jobs []poolJob
		for _, d := range sets {
			if len(d.members) <= len(pl.members) && subset(d.members, pl.members) {
				jobs = append(jobs, d.jobs...)
			}
		}
		out = append(out, pool{members: pl.members, jobs: jobs})
	}
	return out
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

// newRoom builds the room of a pool in cum's storage when it is large
// enough (pools are looked at one at a time, so one buffer serves all).
func newRoom(p *Problem, members []ResourceID, cum []int) room {
	if cap(cum) < p.Slots+1 {
		cum = make([]int, p.Slots+1)
	}
	rm := room{cum: cum[:p.Slots+1], full: poolCapacity(p, members, -1)}
	for x := range p.Slots {
		rm.cum[x+1] = rm.cum[x] + poolCapacity(p, members, Slot(x))
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
// larger pools use the earliest head and least tail only.
const maxPoolJobs = 150

// energyBound returns the least makespan M such that, for every pool, head
// a and tail b, the work of the jobs starting at or after a with a tail of
// at least b fits in the pool's capacity in [a, M-b).
func energyBound(ctx context.Context, p *Problem, tb timeBounds) Slot {
	best := Slot(0)
	var cum []int
	for _, pl := range pools(p, tb) {
		if ctx.Err() != nil {
			break
		}
		rm := newRoom(p, pl.members, cum)
		cum = rm.cum
		if rm.full == 0 {
			continue
		}
		heads, tails := distinctHeads(pl.jobs), distinctTails(pl.jobs)
		if len(pl.jobs) > maxPoolJobs {
			heads, tails = heads[:1], tails[:1]
		}
		for _, a := range heads {
			for _, b := range tails {
				work := 0
				for _, j := range pl.jobs {
					if j.head >= a && j.tail >= b {
						work += j.work
					}
				}
				if work > 0 {
					best = max(best, rm.finish(a, work)+Slot(b))
				}
			}
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

func distinctTails(jobs []poolJob) []int {
	out := make([]int, len(jobs))
	for i, j := range jobs {
		out[i] = j.tail
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
		rm := newRoom(p, pl.members, cum)
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
