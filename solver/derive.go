package solver

import "sync"

// farSlot stands for "never": a bound no schedule can meet.
const farSlot Slot = 1 << 30

// derived holds the tables Freeze precomputes for the search and for
// Evaluate: calendar arithmetic, working-time prefix counts, per-task
// resource layout, resource-free time bounds and rate-card day prices.
type derived struct {
	spd          int       // slots per day, 0 in abstract time
	weekOffset   int       // Calendar.WeekOffset
	kinds        []DayKind // per calendar day (Workday past Calendar.Days)
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
	// same lists each task's SameResource links and maxIn / maxOut the
	// indexes into MaxLags of the max lags entering and leaving it; all
	// nil when the problem has none (timerules.go).
	same          [][]sameLink
	maxIn, maxOut [][]int32
	// wlst are the window-aware latest starts (window.go), worked out
	// the first time a construction leaves tasks unplaced.
	wlstOnce sync.Once
	wlst     []Slot
}

// derive builds the derived tables; the structure has been checked.
func (p *Problem) derive() *derived {
	dv := &derived{spd: p.Calendar.SlotsPerDay, weekOffset: p.Calendar.WeekOffset}
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
	other := anyPriced || (dv.spd > 0 && p.Objective.OverheadPerDay != 0) || p.Objective.Cancelled != 0
	for t := range p.Tasks {
		task := &p.Tasks[t]
		if (task.Due > 0 && task.LatenessPerDay != 0) || (task.Previous != nil && (task.MoveCost != 0 || len(task.Cancellation) > 0)) {
			other = true
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
// bounded below by their elapsed length, so lst stays a valid upper bound.
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
			from := dv.est[pr.From]
			if pr.Kind == FinishToStart {
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
			v := dv.lst[pr.To] - Slot(pr.Lag)
			if pr.Kind == FinishToStart {
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
// slots (farSlot when the horizon has too few).
func (dv *derived) advance(x Slot, lag int, working bool) Slot {
	switch {
	case !working:
		return x + Slot(lag)
	case lag <= 0:
		return x // never before x, even for a negative lag
	case dv.workPrefix == nil:
		return x + Slot(lag)
	}
	if x < 0 {
		x = 0
	}
	if int(x) >= len(dv.workPrefix) {
		return farSlot
	}
	k := int(dv.workPrefix[x]) + lag - 1
	if k >= len(dv.workPos) {
		return farSlot
	}
	return Slot(dv.workPos[k]) + 1
}
