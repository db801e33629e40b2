package solver

import (
	"slices"
	"sync"
)

// farSlot stands for "never": a bound no schedule can meet.
const farSlot Slot = 1 << 30

// derived holds the tables Freeze precomputes for the search and for
// Evaluate: calendar arithmetic, working-time prefix counts, per-task
// resource layout, resource-free time bounds and rate-card day prices.
type derived struct {
	spd          int       // slots per day, 0 in abstract time
	weekOffset   int       // Calendar.WeekOffset
	kinds        []DayKind // per calendar day (Workday past Calendar.Days)
	kindsUsed    []DayKind // the kinds of Calendar.Days, each once (dayKindsOf)
	nDays        int       // calendar days of the horizon
	nWeeks       int       // weeks touched by those days
	hoursPerSlot float64   // 24 / spd
	// workPrefix[s] counts Working slots in [0, s); workPos[k] is the k-th
	// Working slot. Both nil when every slot is working.
	workPrefix []int32
	workPos    []int32
	nRes       []int     // per task: flat length of Placement.Resources
	units      [][]int32 // per task: Units of each flat resource entry
	demandOf   [][]int32 // per task: demand index of each flat entry
	topoIdx    []int32   // per task: position in the topological order
	est, lst   []Slot    // resource-free earliest and latest starts
	priced     []bool    // per resource: some rate-card field costs money
	// dayPrice[r][k*(spd+1)+u] is resource r's rate-card cost of a day of
	// kind k with u busy slots (multiplier included).
	dayPrice [][]float64
	// pure is true when only makespan costs anything: the activity-list
	// search then applies.
	pure bool
	// hasCost is true when any cost term can be non-zero.
	hasCost bool
	// early is true when a task has an earliness weight (justInTime).
	early bool
	// hand lists, per task, the Handovers it is in.
	hand [][]int32
	// same lists each task's SameResource links and maxIn / maxOut the
	// indexes into MaxLags of the max lags entering and leaving it; all
	// nil when the problem has none (timerules.go).
	same          [][]sameLink
	maxIn, maxOut [][]int32
	// wlst are the window-aware latest starts (window.go), worked out
	// the first time a construction leaves tasks unplaced.
	wlstOnce sync.Once
	wlst     []Slot
	// recallers are the resources with a recall fee (terms_recall.go).
	recallers []ResourceID
	// extras says whether some production's cap must count recall or
	// cancellation fees (productionExtras): the search reads them only
	// then.
	extras bool
	// travellers are the resources with a travel time (travel.go).
	travellers []ResourceID
	// reachDay and reachWeek are, per resource, the most slots it can
	// work in a day and in a week, reachWeekDays the most days in a
	// week, and reachPer its reach day by day (bounds_reach.go), worked
	// out for all resources the first time a bound asks.
	reachOnce           sync.Once
	reachDay, reachWeek []int
	reachWeekDays       []int
	reachPer            [][]int
}

// derive builds the derived tables; the structure has been checked.
func (p *Problem) derive() *derived {
	dv := &derived{spd: p.Calendar.SlotsPerDay, weekOffset: p.Calendar.WeekOffset, kindsUsed: distinctKinds(p)}
	for r := range p.Resources {
		if p.Resources[r].Rate.RecallFee != 0 {
			dv.recallers = append(dv.recallers, ResourceID(r))
		}
		if p.Resources[r].Rules.TravelSlots > 0 {
			dv.travellers = append(dv.travellers, ResourceID(r))
		}
	}
	if p.productionCapped() {
		dv.extras = dv.spd > 0 && len(dv.recallers) > 0
		for t := range p.Tasks {
			dv.extras = dv.extras || len(p.Tasks[t].Cancellation) > 0
		}
	}
	if dv.spd > 0 {
		dv.nDays = (p.Slots + dv.spd - 1) / dv.spd
		dv.kinds = make([]DayKind, dv.nDays)
		copy(dv.kinds, p.Calendar.Days)
		dv.nWeeks = dv.weekOf(dv.nDays-1) + 1
		dv.hoursPerSlot = 24 / float64(dv.spd)
	}
	if w := p.Calendar.Working; w != nil {
		dv.workPrefix = make([]int32, p.Slots+1)
		for s := 0; s < p.Slots; s++ {
			dv.workPrefix[s+1] = dv.workPrefix[s]
			if w.Has(Slot(s)) {
				dv.workPrefix[s+1]++
				dv.workPos = append(dv.workPos, int32(s))
			}
		}
	}
	n := len(p.Tasks)
	dv.nRes = make([]int, n)
	dv.units = make([][]int32, n)
	dv.demandOf = make([][]int32, n)
	for t := range p.Tasks {
		for di, d := range p.Tasks[t].Demands {
			dv.nRes[t] += d.count()
			for k := 0; k < d.count(); k++ {
				dv.units[t] = append(dv.units[t], int32(d.units()))
				dv.demandOf[t] = append(dv.demandOf[t], int32(di))
			}
		}
	}
	dv.topoIdx = make([]int32, n)
	for i, t := range p.topo {
		dv.topoIdx[t] = int32(i)
	}
	p.timeBounds(dv)
	p.deriveTimeRules(dv)
	dv.priced = make([]bool, len(p.Resources))
	dv.dayPrice = make([][]float64, len(p.Resources))
	anyPriced := false
	for r := range p.Resources {
		rc := &p.Resources[r].Rate
		if dv.spd > 0 {
			dv.priced[r] = rc.Hour != 0 || rc.HalfDay != 0 || rc.Day != 0 || rc.Kit != 0 || rc.PerTask != 0 || rc.Travel != 0 || rc.RecallFee != 0 || (rc.Engaged && rc.Week != 0)
			tab := make([]float64, 3*(dv.spd+1))
			for k := DayKind(0); k < 3; k++ {
				for u := 1; u <= dv.spd; u++ {
					tab[int(k)*(dv.spd+1)+u] = rateCardRule{}.day(rc, u, k, dv.hoursPerSlot)
				}
			}
			dv.dayPrice[r] = tab
		} else {
			dv.priced[r] = rc.Hour != 0 || rc.PerTask != 0
		}
		anyPriced = anyPriced || dv.priced[r]
	}
	for t := range p.Tasks {
		for _, u := range p.Tasks[t].UseRates {
			if u.Slot != 0 && u.Resource >= 0 && int(u.Resource) < len(p.Resources) {
				dv.priced[u.Resource] = true
				anyPriced = true
			}
		}
	}
	other := anyPriced || (dv.spd > 0 && p.Objective.OverheadPerDay != 0) || p.Objective.Cancelled != 0 || len(p.Handovers) > 0
	for t := range p.Tasks {
		task := &p.Tasks[t]
		if (task.Due > 0 && task.LatenessPerDay != 0) || (task.Previous != nil && (task.MoveCost != 0 || len(task.Cancellation) > 0)) {
			other = true
		}
		if task.Target > 0 && task.EarlinessPerDay != 0 {
			other, dv.early = true, true
		}
	}
	dv.hasCost = other || p.Objective.MakespanWeight != 0
	// The activity-list search places tasks without the links and max
	// lags, so a problem with any is searched by LNS.
	dv.pure = !other && p.Objective.MakespanWeight > 0 && len(p.SameResources) == 0 && len(p.MaxLags) == 0
	return dv
}

// timeBounds fills est and lst by a forward and a backward pass over the
// precedences, ignoring resources. Lags counted in working time are
// bounded below by their elapsed length (back bounds negative ones), so
// lst stays a valid upper bound; a finish-to-finish link bounds only its
// predecessor, by the successor's latest end.
func (p *Problem) timeBounds(dv *derived) {
	n := len(p.Tasks)
	dv.est = make([]Slot, n)
	dv.lst = make([]Slot, n)
	for _, t := range p.topo {
		task := &p.Tasks[t]
		e := task.Release
		if task.Pin != nil {
			e = task.Pin.Start
		}
		for _, ei := range p.pred[t] {
			pr := &p.Precedences[ei]
			if pr.toEnd() {
				continue // bounds the end: a split task may start earlier
			}
			from := dv.est[pr.From]
			if pr.fromEnd() {
				from += Slot(p.Tasks[pr.From].Duration)
			}
			if v := dv.advance(from, pr.Lag, pr.LagWorking); v > e && task.Pin == nil {
				e = v
			}
		}
		dv.est[t] = e
	}
	for i := n - 1; i >= 0; i-- {
		t := p.topo[i]
		task := &p.Tasks[t]
		end := Slot(p.Slots)
		if task.Deadline > 0 && task.Deadline < end {
			end = task.Deadline
		}
		l := end - Slot(task.Duration)
		for _, ei := range p.succ[t] {
			pr := &p.Precedences[ei]
			to := dv.lst[pr.To]
			if pr.toEnd() {
				to = p.endLimit(&p.Tasks[pr.To])
			}
			v := dv.back(to, pr.Lag, pr.LagWorking)
			if pr.fromEnd() {
				v -= Slot(task.Duration)
			}
			if v < l {
				l = v
			}
		}
		if task.Pin != nil {
			l = task.Pin.Start
		}
		dv.lst[t] = l
	}
}

// dayOf returns the calendar day of slot s.
func (dv *derived) dayOf(s Slot) int { return int(s) / dv.spd }

// weekOf returns the week of calendar day d.
func (dv *derived) weekOf(d int) int { return (d + dv.weekOffset) / 7 }

// advance returns advance(x, lag) of the precedence semantics: x+lag, or
// with working lags the first y ≥ x such that [x, y) holds lag Working
// slots (farSlot when the horizon has too few), and for a negative
// working lag the last y ≤ x such that [y, x) holds -lag Working slots
// (0 when there are too few before x).
func (dv *derived) advance(x Slot, lag int, working bool) Slot {
	switch {
	case !working || lag == 0:
		return x + Slot(lag)
	case dv.workPrefix == nil:
		return x + Slot(lag)
	}
	if x < 0 {
		x = 0
	}
	if int(x) >= len(dv.workPrefix) {
		if lag > 0 {
			return farSlot
		}
		x = Slot(len(dv.workPrefix) - 1)
	}
	if lag < 0 {
		k := int(dv.workPrefix[x]) + lag
		if k < 0 {
			return 0
		}
		return Slot(dv.workPos[k])
	}
	k := int(dv.workPrefix[x]) + lag - 1
	if k >= len(dv.workPos) {
		return farSlot
	}
	return Slot(dv.workPos[k]) + 1
}

// back returns the latest x whose advance(x, lag) can be at or before
// target: target-lag, or for a negative working lag latest(target, -lag)
// (a necessary bound: advance(x, lag) ≤ target only if [target, x) holds
// at most -lag working slots).
func (dv *derived) back(target Slot, lag int, working bool) Slot {
	if working && lag < 0 {
		return dv.latest(target, -lag, true)
	}
	return target - Slot(lag)
}

// dayKindsOf lists the kinds of day in p's calendar, each once, in
// order (Workday alone when the calendar lists none). A frozen problem
// keeps them: the bounds price a day of every kind for every resource,
// and sorting the calendar for each was a tenth of what a bound on a
// short series allocated.
func dayKindsOf(p *Problem) []DayKind {
	if p.drv != nil && p.drv.kindsUsed != nil {
		return p.drv.kindsUsed
	}
	return distinctKinds(p)
}

// distinctKinds is dayKindsOf worked out from the calendar.
func distinctKinds(p *Problem) []DayKind {
	if len(p.Calendar.Days) == 0 {
		return []DayKind{Workday}
	}
	return slices.Compact(slices.Sorted(slices.Values(p.Calendar.Days)))
}
