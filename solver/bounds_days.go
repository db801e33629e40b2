package solver

import (
	"math"
	"math/bits"
	"slices"
)

// usage is what every schedule must give a resource whose work is all
// forced on it (see forcedUsage): at least days calendar days worked,
// spread over runs, and work slots worked.
type usage struct {
	// days is a lower bound on the calendar days the resource works.
	days int
	// runs are disjoint day ranges, in order, each holding some of the
	// resource's work; no work lies outside them.
	runs [][2]int
	// work is a lower bound on the slots the resource works.
	work float64
	// windows are the day ranges of its tasks, one each: every schedule
	// works the resource on some day of each. workable marks, per day of
	// the horizon, whether some task of it may run then.
	windows  [][2]int
	workable []bool
}

// usagePricer is a resourceRule that can price a resource from its usage:
// usageFloor is a lower bound on what the rule charges the resource in
// every schedule that gives it at least that usage. A rule that charges
// by the day or by the visit implements it; LowerBound raises the cost
// bound by what the floor adds over the rule's demandRates.
type usagePricer interface {
	usageFloor(p *Problem, r ResourceID, u usage) float64
}

// dayRaise is what pricing whole days and separate visits adds to the
// resource bounds (greedyResourceCost, capacityResourceCost, the LP).
// Those charge every resource per slot worked, so a resource that works
// four hours on each of thirty days is charged fifteen days of day rate.
// For a resource all of whose demands name it alone, and only for such a
// one, every bound above charges exactly its
// forced work at its demandRates, its fees and its first visit; dayRaise
// adds, term by term, what the term's usageFloor is above that charge,
// and never less than nothing.
//
// Why it is a lower bound: such a resource works exactly its forced
// tasks, so the slots it works are their units over its capacity, each
// lies in its task's slots (window, release and deadline, the critical
// path's earliest start and latest end) where the resource is available,
// and forcedUsage's days and runs hold in every feasible schedule (see
// there). Each term's true charge for the resource is then at least the
// larger of its usageFloor and its demandRates charge, and the bounds
// above count the resource's terms only through the latter; adding the
// difference keeps each term at most its true charge.
func dayRaise(p *Problem, tb timeBounds) float64 {
	total := 0.0
	raise, _ := dayRaises(p, tb)
	for _, x := range raise {
		total += x
	}
	return total
}

// dayRaises is dayRaise resource by resource, with the work (slots) each
// raise was measured against; both nil when there is none.
func dayRaises(p *Problem, tb timeBounds) (raise, work []float64) {
	if p.Calendar.SlotsPerDay <= 0 || len(tb.es) != len(p.Tasks) {
		return nil, nil
	}
	forced := forcedTasks(p)
	raise, work = make([]float64, len(p.Resources)), make([]float64, len(p.Resources))
	for r, tasks := range forced {
		if len(tasks) == 0 {
			continue
		}
		u := forcedUsage(p, tb, ResourceID(r), tasks)
		work[r] = u.work
		for _, t := range costTerms {
			rt, ok := t.(resourceTerm)
			if !ok {
				continue
			}
			up, ok := rt.rule.(usagePricer)
			if !ok {
				continue
			}
			rates := rt.rule.demandRates(p, ResourceID(r))
			charged := u.work*rates.slot + rates.visit
			raise[r] += max(0, up.usageFloor(p, ResourceID(r), u)-charged)
		}
	}
	return raise, work
}

// forcedTasks lists, per resource, the tasks forced on it, for the
// resources every demand of which names the resource alone. A resource
// that is a candidate of any demand with a choice, or pinned by a
// booking, gets none.
func forcedTasks(p *Problem) [][]TaskID {
	out := make([][]TaskID, len(p.Resources))
	choice := make([]bool, len(p.Resources))
	for i, task := range p.Tasks {
		for _, d := range task.Demands {
			// A confirmed booking may lie outside the windows and
			// availability the runs are built from.
			if len(d.Candidates) == 1 && d.count() == 1 && task.Pin == nil {
				out[d.Candidates[0]] = append(out[d.Candidates[0]], TaskID(i))
				continue
			}
			for _, r := range d.Candidates {
				choice[r] = true
			}
			if task.Pin != nil {
				for _, r := range task.Pin.Resources {
					choice[r] = true
				}
			}
		}
	}
	for r := range out {
		if choice[r] {
			out[r] = nil
		}
	}
	return out
}

// forcedUsage bounds the usage of resource r from its forced tasks. Each
// task with work runs in the slots its window, release, deadline and
// critical-path bounds allow and r is available: a range of days. Ranges
// that share a day are merged into runs, so no task can run outside its
// run and the runs' work adds up. In a run, r works at most cap slots a
// day (the most slots of one day any of the run's tasks may use, at most
// r's daily maximum), so the run needs at least its work over cap days:
// slots worked are at least the units over r's capacity.
func forcedUsage(p *Problem, tb timeBounds, r ResourceID, tasks []TaskID) usage {
	spd := p.Calendar.SlotsPerDay
	res := &p.Resources[r]
	capacity := float64(max(res.Capacity, 1))
	type item struct {
		lo, hi int // first and last day
		work   float64
		mask   Bitset
	}
	var items []item
	for _, t := range slices.Compact(tasks) {
		task := &p.Tasks[t]
		if task.Duration <= 0 {
			continue
		}
		mask := NewBitset(p.Slots)
		taskMask(mask, *task, p.Slots)
		clearOutside(mask, max(tb.es[t], 0), min(tb.le[t], Slot(p.Slots)))
		if res.Available != nil {
			for w := range mask {
				mask[w] &= res.Available[w]
			}
		}
		units := 0
		for _, d := range task.Demands {
			if slices.Contains(d.Candidates, r) {
				units += d.units()
			}
		}
		first, last, ok := bitRange(mask)
		if !ok || units == 0 {
			continue // an infeasible task: leave it to the other bounds
		}
		items = append(items, item{lo: int(first) / spd, hi: int(last) / spd, work: float64(task.Duration*units) / capacity, mask: mask})
	}
	var u usage
	if len(items) > 0 {
		u.workable = make([]bool, (p.Slots+spd-1)/spd)
	}
	for _, it := range items {
		u.windows = append(u.windows, [2]int{it.lo, it.hi})
	}
	slices.SortStableFunc(items, func(a, b item) int { return a.lo - b.lo })
	maxDay := maxDaySlots(p, r)
	flush := func(lo, hi int, work float64, union Bitset) {
		dayCap := 0
		for d := lo; d <= hi; d++ {
			n := countRange(union, d*spd, (d+1)*spd)
			dayCap = max(dayCap, n)
			u.workable[d] = n > 0
		}
		dayCap = min(dayCap, maxDay)
		if dayCap <= 0 {
			return
		}
		u.days += int(math.Ceil(work/float64(dayCap) - 1e-9))
		u.runs = append(u.runs, [2]int{lo, hi})
		u.work += work
	}
	for i := 0; i < len(items); {
		lo, hi, work := items[i].lo, items[i].hi, 0.0
		union := NewBitset(p.Slots)
		j := i
		for ; j < len(items) && items[j].lo <= hi; j++ {
			hi = max(hi, items[j].hi)
			work += items[j].work
			for w := range union {
				union[w] |= items[j].mask[w]
			}
		}
		flush(lo, hi, work, union)
		i = j
	}
	return u
}

// bitRange returns the first and last slot in b.
func bitRange(b Bitset) (first, last Slot, ok bool) {
	lo := slices.IndexFunc(b, func(w uint64) bool { return w != 0 })
	if lo < 0 {
		return 0, 0, false
	}
	hi := len(b) - 1
	for b[hi] == 0 {
		hi--
	}
	return Slot(lo*64 + bits.TrailingZeros64(b[lo])), Slot(hi*64 + 63 - bits.LeadingZeros64(b[hi])), true
}

// countRange counts the slots of b in [from, to).
func countRange(b Bitset, from, to int) int {
	n := 0
	for s := from; s < to && s>>6 < len(b); s++ {
		if b.Has(Slot(s)) {
			n++
		}
	}
	return n
}

// dayPricer is a resourceRule that charges by the day worked: dayFloor
// is a lower bound on what it charges a resource for one day on which it
// works at least slots slots (at least one), whatever the day's kind and
// the rest of its week; and dayFloor(p, r, u)/u is at least its
// demandRates slot rate for every u a day can hold.
type dayPricer interface {
	dayFloor(p *Problem, r ResourceID, slots int) float64
}

// dayFloor: the cheapest day price of at least slots slots over every
// kind of day (the minimum call included), or under a weekly hire that
// hire over the most days r can work in any week (weekDaysReach: five in
// a Monday-to-Friday calendar, where seven was assumed; a week of n days costs
// min(Week, their prices), at least n times the lesser of the cheapest
// price and Week over n); a sixth day costs at least its day price.
// Under an engagement the days cost only their extras and the weeks are
// the engagement's: nothing.
func (rule rateCardRule) dayFloor(p *Problem, r ResourceID, slots int) float64 {
	card := &p.Resources[r].Rate
	if card.Engaged || p.Calendar.SlotsPerDay <= 0 {
		return 0
	}
	kinds := dayKindsOf(p)
	hps := 1 / slotsPerHour(p)
	floor := math.Inf(1)
	for n := max(slots, 1); n <= maxDaySlots(p, r); n++ {
		for _, k := range kinds {
			floor = min(floor, rule.day(card, n, k, hps))
		}
	}
	if card.Week > 0 {
		floor = min(floor, card.Week/float64(weekDaysReach(p, r)))
	}
	if math.IsInf(floor, 1) {
		return 0
	}
	return rule.oncost(card, floor)
}

// usageFloor: every day worked costs at least dayFloor.
func (rule rateCardRule) usageFloor(p *Problem, r ResourceID, u usage) float64 {
	return rule.dayFloor(p, r, 1) * float64(u.days)
}

// dayFloor: the kit is charged on every day worked.
func (rule kitRule) dayFloor(p *Problem, r ResourceID, _ int) float64 {
	if p.Calendar.SlotsPerDay <= 0 {
		return 0
	}
	return rule.day(&p.Resources[r].Rate)
}

// usageFloor: the kit is charged on every day worked.
func (rule kitRule) usageFloor(p *Problem, r ResourceID, u usage) float64 {
	return rule.dayFloor(p, r, 1) * float64(u.days)
}

// usageFloor: the first visit, and between two runs with work, days
// apart, at least the charge for the gap between the first run's last
// day and the next run's first (gapCost grows with the gap, and no day
// between two runs is worked); or the least charge of any set of days
// with a day in every task's window (visitsFloor), whichever is more.
func (rule travelRule) usageFloor(p *Problem, r ResourceID, u usage) float64 {
	card := &p.Resources[r].Rate
	if card.Travel == 0 || len(u.runs) == 0 {
		return 0
	}
	total := rule.visit(card, -1, u.runs[0][0])
	for i := 1; i < len(u.runs); i++ {
		total += rule.visit(card, u.runs[i-1][1], u.runs[i][0])
	}
	return max(total, visitsFloor(card, u))
}

// visitsFloor is the least travel and hold charge (visitCharge over the
// days worked, in order) of any set of at least u.days days the resource
// can work (u.workable) that holds a day of every window: the days an
// artiste works must hold one in each of her sessions' windows, and are
// at least u.days. Weekends and windows far apart then need separate
// visits, or holds between, though the windows overlap their neighbours
// (one run in forcedUsage).
//
// By dynamic programming over the day d last worked and the days worked
// so far k (counted up to u.days): least[d][k] is the least charge of a
// set of k days ending on d that holds a day of every window ending
// before d; the day worked before d, e, must be no earlier than the start
// of every window ending before d (so that e or an earlier day lies in
// it), and a set may end on d once d is no earlier than every window's
// start and k is u.days. A gap of far days or more costs a journey
// whatever its length, so those e are read as a sliding minimum: the
// work is days times u.days times far, not days squared.
func visitsFloor(card *RateCard, u usage) float64 {
	windows := u.windows
	if len(windows) == 0 || len(u.workable) == 0 {
		return 0
	}
	n := len(u.workable)
	// startsBefore[d]: the latest start of a window ending before day d.
	startsBefore := make([]int, n+1)
	for i := range startsBefore {
		startsBefore[i] = -1
	}
	latestStart := -1
	for _, w := range windows {
		if w[0] < 0 || w[1] >= n || w[0] > w[1] {
			return 0
		}
		startsBefore[w[1]+1] = max(startsBefore[w[1]+1], w[0])
		latestStart = max(latestStart, w[0])
	}
	for d := 1; d <= n; d++ {
		startsBefore[d] = max(startsBefore[d], startsBefore[d-1])
	}
	need := max(u.days, 1)
	far := n // gaps of far days or more cost card.Travel
	if card.Hold > 0 {
		far = min(n, max(1, int(math.Ceil(card.Travel/card.Hold))))
	} else {
		far = 1
	}
	least := make([][]float64, n)
	// window[k] holds the days e (oldest first) whose least[e][k] may be
	// the least over the far range [startsBefore[d], d-far-1].
	window := make([][]int, need+1)
	best := math.Inf(1)
	for d := range n {
		least[d] = make([]float64, need+1)
		for k := range least[d] {
			least[d][k] = math.Inf(1)
		}
		if e := d - far - 1; e >= 0 && u.workable[e] {
			for k := 1; k <= need; k++ {
				q := window[k]
				for len(q) > 0 && least[q[len(q)-1]][k] >= least[e][k] {
					q = q[:len(q)-1]
				}
				window[k] = append(q, e)
			}
		}
		if !u.workable[d] {
			continue
		}
		if startsBefore[d] < 0 {
			least[d][1] = visitCharge(card, -1, d)
		}
		relax := func(k int, c float64) {
			if next := min(k+1, need); c < least[d][next] {
				least[d][next] = c
			}
		}
		for e := max(startsBefore[d], d-far, 0); e < d; e++ {
			if u.workable[e] {
				leg := visitCharge(card, e, d)
				for k := 1; k <= need; k++ {
					relax(k, least[e][k]+leg)
				}
			}
		}
		for k := 1; k <= need; k++ {
			q := window[k]
			for len(q) > 0 && q[0] < startsBefore[d] {
				q = q[1:]
			}
			window[k] = q
			if len(q) > 0 {
				relax(k, least[q[0]][k]+card.Travel)
			}
		}
		if d >= latestStart {
			best = min(best, least[d][need])
		}
	}
	if math.IsInf(best, 1) {
		return 0
	}
	return best
}
