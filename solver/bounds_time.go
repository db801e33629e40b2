package solver

import (
	"fmt"
	"math"
	"slices"
)

// timeBounds are the critical-path heads and tails of every task.
type timeBounds struct {
	es, ee []Slot // earliest start and a lower bound on the end
	// le is an upper bound on the end: the deadline, or one past the
	// last slot the task could run in.
	le []Slot
	// tail is a lower bound on the makespan minus the end of the task;
	// busyTail on the end of the last task with work minus it
	// (noBusyWork for a task without work that none need follow).
	tail, busyTail []int
	// makespan is the critical-path bound; busyEnd bounds the end of the
	// last task that does work.
	makespan, busyEnd Slot
	// bad is a task that cannot start or end in time, or -1.
	bad TaskID
	why string
}

// criticalPath runs the forward and backward passes in topological order.
func criticalPath(p *Problem, order []TaskID) timeBounds {
	return criticalPathRaised(p, order, nil)
}

// criticalPathRaised is criticalPath with each task's earliest start
// raised to at least raise(t, tb) (nil: not raised), which may read the
// bounds of the tasks before t in order.
func criticalPathRaised(p *Problem, order []TaskID, raise func(TaskID, *timeBounds) Slot) timeBounds {
	n := len(p.Tasks)
	tb := timeBounds{es: make([]Slot, n), ee: make([]Slot, n), le: make([]Slot, n), bad: -1}
	lb, lbEnd := make([]Slot, n), make([]Slot, n)
	for t := range p.Tasks {
		lb[t] = p.Tasks[t].Release
	}
	fail := func(t TaskID, format string, args ...any) {
		if tb.bad < 0 {
			tb.bad, tb.why = t, fmt.Sprintf("%q: ", p.Tasks[t].Name)+fmt.Sprintf(format, args...)
		}
	}
	succ := successors(p)
	masks := newMasker(p)
	for _, t := range order {
		task := &p.Tasks[t]
		mask := masks.open(t)
		tb.le[t] = deadline(p, t)
		if task.Duration > 0 {
			tb.le[t] = min(tb.le[t], lastOpen(p, mask))
		}
		if raise != nil {
			lb[t] = max(lb[t], raise(t, &tb))
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
	tb.tail, tb.busyTail = tails(p, order, succ)
	(&backwardPass{order: order, succ: succ, masks: masks}).latestEnds(p, tb.le)
	return tb
}

// backwardPass works out latest ends: the tasks in topological order,
// the precedences from each (succ), their open slots (masks, whose
// demand masks are kept from one pass to the next) and, where not nil,
// a further lowering of a task's latest end (lower) that may read the
// latest ends of the tasks after it (the successor energy).
type backwardPass struct {
	order []TaskID
	succ  [][]int
	masks *masker
	lower func(TaskID, []Slot) (Slot, bool)
}

// latestEnds lowers each task's latest end le to what its successors'
// latest starts allow, in reverse topological order: a scene block must
// end before the editor's cut can start, and that before the delivery.
// A task ends one past an open slot, and starts no later than where its
// work still fits in open slots before its latest end (lastFit); a lag
// in working slots spans at least as many slots. Start to start links
// and overlaps in working time bound no end and are left out.
func (bp *backwardPass) latestEnds(p *Problem, le []Slot) {
	ls := make([]Slot, len(p.Tasks)) // latest starts
	for _, t := range slices.Backward(bp.order) {
		for _, i := range bp.succ[t] {
			pr := p.Precedences[i]
			if !pr.fromEnd() || (pr.LagWorking && pr.Lag < 0) {
				continue
			}
			to := ls[pr.To] // finish to start: To's start
			if pr.toEnd() {
				to = le[pr.To]
			}
			le[t] = min(le[t], to-Slot(pr.Lag))
		}
		if bp.lower != nil {
			if x, ok := bp.lower(t, le); ok {
				le[t] = min(le[t], x)
			}
		}
		ls[t] = le[t] - Slot(p.Tasks[t].Duration)
		if p.Tasks[t].Duration > 0 && p.Tasks[t].Pin == nil {
			ls[t], le[t] = lastFit(p, t, bp.masks.open(t), le[t])
		}
	}
}

// lastFit returns the latest start at which task t could run and end by
// ub given its open mask, and the latest end at or before ub (one past
// an open slot). When nothing fits the start is ub less the duration and
// the end ub: no schedule exists, and the bound says nothing new.
func lastFit(p *Problem, t TaskID, mask Bitset, ub Slot) (start, end Slot) {
	d := p.Tasks[t].Duration
	start, end = ub-Slot(d), ub
	if mask == nil {
		return start, end
	}
	open := func(x Slot) bool { return x >= 0 && int(x) < p.Slots && mask.Has(x) }
	run, n, last := 0, 0, Slot(-1)
	for x := min(ub, Slot(p.Slots)) - 1; x >= 0; x-- {
		if !open(x) {
			run = 0
			continue
		}
		if last < 0 {
			last = x
		}
		n++
		if run++; (p.Tasks[t].Split && n == d) || (!p.Tasks[t].Split && run == d) {
			return x, last + 1
		}
	}
	return start, end
}

// noBusyWork marks, in tails, a task with no work of its own and none
// sure to follow it.
const noBusyWork = math.MinInt32

// tails is the backward pass: for each task, the least time from its end
// to the makespan (tail), and to the end of the last task with work
// (busy, noBusyWork when no work is sure to follow a task without work).
// The two differ by the lags into milestones: a delivery milestone a
// week after the last mix stretches the makespan, not the work.
func tails(p *Problem, order []TaskID, succ [][]int) (tail, busy []int) {
	n := len(p.Tasks)
	tail, busy = make([]int, n), make([]int, n)
	// Head-to-tail distances from the start of each task.
	fromStart, busyFromStart := make([]int, n), make([]int, n)
	for _, t := range slices.Backward(order) {
		d := p.Tasks[t].Duration
		fromStart[t] = d
		busyFromStart[t], busy[t] = d, 0
		if d == 0 {
			busyFromStart[t], busy[t] = noBusyWork, noBusyWork
		}
		for _, i := range succ[t] {
			pr := p.Precedences[i]
			if pr.LagWorking && pr.Lag < 0 {
				continue // reaches back over any number of closed slots
			}
			// The chain from To's anchor: from its start, all of it;
			// from its end (finish to finish), nothing past that end
			// is sure, since a split To may start long before it.
			lag, rest, busyRest := pr.Lag, fromStart[pr.To], busyFromStart[pr.To]
			if pr.toEnd() {
				rest, busyRest = 0, 0
				if p.Tasks[pr.To].Duration == 0 {
					busyRest = noBusyWork
				}
			}
			if pr.fromEnd() {
				fromStart[t] = max(fromStart[t], d+lag+rest)
				tail[t] = max(tail[t], lag+rest)
			} else {
				fromStart[t] = max(fromStart[t], lag+rest)
			}
			if busyRest == noBusyWork {
				continue
			}
			if pr.fromEnd() {
				busyFromStart[t] = max(busyFromStart[t], d+lag+busyRest)
				busy[t] = max(busy[t], lag+busyRest)
			} else {
				busyFromStart[t] = max(busyFromStart[t], lag+busyRest)
			}
		}
	}
	return tail, busy
}

// deadline is the latest end of task t: its Deadline or the horizon.
func deadline(p *Problem, t TaskID) Slot {
	if d := p.Tasks[t].Deadline; d > 0 && int(d) < p.Slots {
		return d
	}
	return Slot(p.Slots)
}
