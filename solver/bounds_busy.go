package solver

import (
	"context"
	"math"
	"slices"
)

// busyEndEvaluations is the most times busyEndTradeOff prices the work by
// day under a cap on the last busy slot, and busyEndWork scales it down
// for large problems, down to busyEndLeast below which it is not tried.
// Each costs about one flowFill (45 ms on a generated 10-episode series
// of 1,949 sessions), and the bound runs beside the search, taking a core
// from it: 12 leave the 10-episode series' least range two days wide
// (+£8,765 on £1.04 million), while a 40-episode series (8,048 sessions) gained at
// most £2,300 on £4.0 million from two and its search lost 0.7 % at 3 s
// to the time they took.
const (
	busyEndEvaluations = 12
	busyEndWork        = 24000 // tasks times evaluations
	busyEndLeast       = 4
)

// busyEndTradeOff raises the cost bound where overhead and resources pull
// against each other. The bounds before it price the resources with every
// task free to run as late as its deadline allows, and the overhead at
// the earliest the work can end (tb.busyEnd); a schedule cannot have
// both. It splits schedules by the calendar day of their last busy slot
// B: with the work done by the end of day k, each task with work ends at
// least its busy tail before it, so the work by day is priced in narrower
// windows (R(k), non-increasing in k), while the time terms cost at least
// their bound with the work ending on day k (T(k), non-decreasing). For
// days a to b together, every schedule costs at least R(b) + T(a). It
// refines the days, best first, by halving the range with the least
// bound, and returns the least bound over the ranges: the whole cost
// bound, resource and time terms together, or false when it has nothing
// to add (no days, nothing to trade, or ctx ended before any pricing).
//
// resource is the resource bound with no cap on B (every bound above),
// valid for every day; parts are capacityParts, and byDay the prices and
// rooms the work by day was priced with.
//
// Why it is a bound: every schedule's last busy slot lies on some day k;
// its tasks with work then end by the end of day k less their busy tails
// (the least time from their end to the end of the last task with work),
// and every task by what that leaves it once its successors' open slots
// and their work on each pool are counted (cappedEnds), so its resource
// cost is at least R(k) (flowFill and
// closedResourceCost in those windows, as in LowerBound) and at least
// resource, and its time terms at least T(k); both move monotonically
// with k, so a range's R at its last day and T at its first bound every
// day in it.
func busyEndTradeOff(ctx context.Context, p *Problem, order []TaskID, tb timeBounds, makespan Slot, resource float64, parts []capacityPart, byDay *dayPricing) (float64, bool) {
	spd := p.Calendar.SlotsPerDay
	budget := min(busyEndEvaluations, busyEndWork/max(len(p.Tasks), 1))
	if spd <= 0 || p.Objective.OverheadPerDay == 0 || tb.busyEnd <= 0 || len(tb.es) != len(p.Tasks) || budget < busyEndLeast {
		return 0, false
	}
	// The day B can first lie on, and the first day past which no cap
	// narrows any window (every later day prices as the uncapped bound).
	first := (int(tb.busyEnd) - 1) / spd
	last := first
	for t := range p.Tasks {
		if p.Tasks[t].Duration > 0 && tb.busyTail[t] != noBusyWork {
			last = max(last, (int(tb.le[t])+tb.busyTail[t]-1)/spd)
		}
	}
	if last == first {
		return 0, false
	}
	timeAt := func(day int) float64 { // T: the work ending on day, at the earliest
		tbd := tb
		tbd.busyEnd = max(tb.busyEnd, Slot(day*spd+1))
		return timeCost(p, tbd, makespan)
	}
	evaluated := 0
	pass := &backwardPass{order: order, succ: successors(p), masks: newMasker(p)}
	if se := newSuccessorEnergy(ctx, p, order, tb); se != nil {
		pass.lower = se.lower
	}
	resourceBy := func(day int) (float64, bool) { // R: the work done by the end of day
		if day >= last {
			return resource, true
		}
		tbd := tb
		le, ok := pass.cappedEnds(p, tb, Slot((day+1)*spd))
		if !ok {
			return math.Inf(1), true // no schedule ends its work by then
		}
		tbd.le = le
		evaluated++
		c, ok := byDay.price(ctx, p, tbd, parts)
		if !ok {
			return 0, false
		}
		return max(c.cost, resource), true
	}
	// Ranges of days [a, b] with R known at b and T at a, and so their
	// bound; the last one is open ended.
	type dayRange struct {
		a, b  int
		r     float64
		bound float64
	}
	newRange := func(a, b int, r float64) dayRange { return dayRange{a, b, r, r + timeAt(a)} }
	ranges := []dayRange{newRange(first, last, resource)}
	for evaluated < budget && ctx.Err() == nil {
		least := 0
		for i, d := range ranges {
			if d.bound < ranges[least].bound {
				least = i
			}
		}
		d := ranges[least]
		if d.a == d.b {
			break // the least range is one day: nothing left to refine there
		}
		mid := (d.a + d.b) / 2
		r, ok := resourceBy(mid)
		if !ok {
			break
		}
		ranges[least] = newRange(d.a, mid, r)
		ranges = append(ranges, newRange(mid+1, d.b, d.r))
	}
	total := math.Inf(1)
	for _, d := range ranges {
		total = min(total, d.bound)
	}
	if evaluated == 0 || math.IsInf(total, 1) {
		return 0, false
	}
	return total, true
}

// cappedEnds returns the latest ends of tb with the work done by end:
// every task with work ends by end less its busy tail, and the tasks
// before it by what that leaves them (latestEnds, with the pass's
// lowering); false when some task with work
// can then not end after its earliest end, so that no schedule ends its
// work by end.
func (bp *backwardPass) cappedEnds(p *Problem, tb timeBounds, end Slot) ([]Slot, bool) {
	le := slices.Clone(tb.le)
	for t := range p.Tasks {
		if p.Tasks[t].Duration > 0 && tb.busyTail[t] != noBusyWork {
			le[t] = min(le[t], end-Slot(tb.busyTail[t]))
		}
	}
	bp.latestEnds(p, le)
	for t := range p.Tasks {
		if p.Tasks[t].Duration > 0 && le[t] < tb.ee[t] {
			return nil, false
		}
	}
	return le, true
}

// successors lists, per task, the indexes of the precedences from it.
func successors(p *Problem) [][]int {
	succ := make([][]int, len(p.Tasks))
	for i, pr := range p.Precedences {
		succ[pr.From] = append(succ[pr.From], i)
	}
	return succ
}
