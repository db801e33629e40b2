package solver

import (
	"iter"
	"math/bits"
)

// Penalty weights that rank infeasible states below feasible ones during
// the search. They never reach a returned Solution: Solve returns only
// schedules with every task placed and every budget cap held.
const (
	unplacedPenalty = 1e9
	capPenalty      = 1e6
	capExcessWeight = 100
)

// resTimeline is one resource's usage timeline and cached cost. Inserting
// or removing a task touches only the slots and days it covers.
type resTimeline struct {
	use      []int32   // units used per slot
	busyDay  []int32   // busy slots per calendar day
	dayCost  []float64 // rate-card price of each day (multiplier included)
	weekCost []float64 // rate-card price of each week
	rate     float64   // rate-card cost (weekly hire applied)
	busy     int       // busy slots (kept where a rate or the calendar needs it)
	load     int       // units × slots booked: the load pools balance
	usedDays int
	usedDay  Bitset // days with a busy slot, kept for resources that travel
	tasks    int
	travel   float64
	// travelPen is travelExcess's share for this resource, worked out
	// again when travelStale (the timeline changed since).
	travelPen   float64
	travelStale bool
	engaged     float64 // a weekly engagement's cost (RateCard.Engaged)
	uses        float64 // the tasks' use rates (Task.UseRates)
	cost        float64 // rate + engaged + kit + fees + travel + uses
}

// state is a (partial) schedule under construction or search, with
// incremental cost bookkeeping. Each worker owns one.
type state struct {
	p  *Problem
	dv *derived

	placed            []bool
	start, end        []Slot
	res               [][]ResourceID
	pieces            [][]Interval
	late, early, disr []float64 // per task lateness, earliness and disruption cost
	canc              []float64 // per task cancellation fees
	nPlaced           int

	tl           []resTimeline
	endCount     []int32 // placed tasks ending at each slot
	maxEnd       Slot
	busyEndCount []int32 // placed tasks whose last busy slot ends at each slot
	lastBusyEnd  Slot

	// Running sums, resynchronised exactly by resync.
	resTotal, lateSum, earlySum, disrSum float64
	handSum                              float64 // handovers
	cancSum                              float64
	deptCost                             []float64
	// costly marks the tasks with lateness, earliness or disruption cost and charged
	// the resources with a cost: the only terms resync has to add up.
	costly, charged Bitset

	nb         neighbours   // placed tasks by resource and start day
	chg        *chargeState // the split among tasks, with Problem.Charging
	travellers []ResourceID // resources with a travel charge
	// dirty lists the tasks placed or unplaced since the last snapshot
	// into snapDst, so that the next one into it copies only those.
	dirty     []TaskID
	dirtyMark []bool
	snapDst   *Placement

	// minStart raises tasks' earliest starts while a construction moves
	// predecessors later for max lags (nil without max lags); relaxMax
	// makes the search ignore max lags for a moment (timerules.go).
	minStart []Slot
	relaxMax bool

	// everyStart makes insertions compare every start slot in reach, not
	// one a day, and choose among them with more noise: the search sets
	// it while it has no feasible schedule, so that a start an hour
	// before midnight, the only one that leaves time to travel, is seen,
	// and a cheapest start that leaves the next task no room is not
	// always taken. Searches that have a schedule never pay for it.
	everyStart bool
	// force fixes linked demand entries while a construction chooses the
	// resource of a SameResource group (group.go).
	force []forcedRes

	sc scratch
}

// scratch holds per-worker buffers reused by the hot paths.
type scratch struct {
	jit      jitScratch // a task's placement while justInTime moves it
	pieces   []Interval
	pieces2  []Interval
	res      []ResourceID
	visited  []ResourceID // augmenting-path search of a task's demands
	set      []ResourceID // resources a split task is expanded with
	removed  []TaskID
	held     []TaskID     // tasks holding one resource, for a ruin
	pooled   []pooledTask // a pool's week, for its ruins
	oldStart []Slot
	oldRes   [][]ResourceID
	oldWas   []bool
	left     []TaskID
	mark     []bool
	ins      insertion
	group    []TaskID     // a SameResource group being placed
	trials   []groupTrial // its candidates' trial placements
	fills    []Slot       // starts where a pooled person comes free (tryFills)
	handed   []ResourceID // a task's resources in a day handover
}

func newState(p *Problem) *state {
	dv := p.drv
	n := len(p.Tasks)
	st := &state{
		p: p, dv: dv,
		placed: make([]bool, n),
		start:  make([]Slot, n), end: make([]Slot, n),
		res:    make([][]ResourceID, n),
		pieces: make([][]Interval, n),
		late:   make([]float64, n), early: make([]float64, n), disr: make([]float64, n), canc: make([]float64, n),
		tl:           make([]resTimeline, len(p.Resources)),
		endCount:     make([]int32, p.Slots+2),
		busyEndCount: make([]int32, p.Slots+2),
		deptCost:     make([]float64, len(p.Departments)),
	}
	for t := range st.res {
		st.res[t] = make([]ResourceID, dv.nRes[t])
	}
	for r := range st.tl {
		tl := &st.tl[r]
		tl.use = make([]int32, p.Slots)
		if dv.spd > 0 {
			tl.busyDay = make([]int32, dv.nDays)
			tl.dayCost = make([]float64, dv.nDays)
			tl.weekCost = make([]float64, dv.nWeeks)
			if rc := &p.Resources[r].Rate; rc.Travel != 0 || rc.Engaged {
				tl.usedDay = NewBitset(dv.nDays)
			}
		}
	}
	st.sc.oldWas = make([]bool, n)
	st.sc.oldStart = make([]Slot, n)
	st.sc.mark = make([]bool, n)
	st.sc.oldRes = make([][]ResourceID, n)
	for t := range st.sc.oldRes {
		st.sc.oldRes[t] = make([]ResourceID, dv.nRes[t])
	}
	st.costly = NewBitset(n)
	st.charged = NewBitset(len(p.Resources))
	st.dirtyMark = make([]bool, n)
	if dv.maxIn != nil {
		st.minStart = make([]Slot, n)
	}
	st.nb.init(p, dv.nRes)
	if p.charging() {
		st.chg = newChargeState(p)
	}
	for r := range p.Resources {
		if p.Resources[r].Rate.Travel != 0 {
			st.travellers = append(st.travellers, ResourceID(r))
		}
	}
	return st
}

// addRes adds (sign +1) or removes (sign -1) units of resource r over
// pieces, for one task, and updates its cached cost.
func (st *state) addRes(r ResourceID, pieces []Interval, units int32, sign int32) {
	dv := st.dv
	tl := &st.tl[r]
	rc := &st.p.Resources[r].Rate
	delta := sign * units
	priced := dv.priced[r]
	tl.travelStale = true
	if dv.spd == 0 && !priced {
		// Abstract time at no cost (PSPLIB): only the usage profile.
		for _, iv := range pieces {
			use := tl.use[iv.Start:iv.End]
			for i := range use {
				use[i] += delta
			}
			tl.load += int(delta) * len(use)
		}
		tl.tasks += int(sign)
		return
	}
	dayToggled := false
	weekDirty := -1
	before := tl.cost
	for _, iv := range pieces {
		tl.load += int(delta) * int(iv.End-iv.Start)
		// One calendar day (or, in abstract time, the whole piece) at a
		// time: every slot that turns busy or idle turns the same way.
		for a := iv.Start; a < iv.End; {
			b, d := iv.End, 0
			if dv.spd > 0 {
				d = dv.dayOf(a)
				b = min(b, Slot((d+1)*dv.spd))
			}
			toggles := 0
			use := tl.use[a:b]
			for i := range use {
				old := use[i]
				use[i] = old + delta
				if (old == 0) != (use[i] == 0) {
					toggles++
				}
			}
			a = b
			if toggles == 0 {
				continue
			}
			step := toggles * int(sign)
			tl.busy += step
			if dv.spd == 0 {
				continue
			}
			ob := tl.busyDay[d]
			tl.busyDay[d] += int32(step)
			if ob == 0 || tl.busyDay[d] == 0 {
				tl.usedDays += int(sign)
				dayToggled = true
				if tl.usedDay != nil {
					if ob == 0 {
						tl.usedDay.Set(Slot(d))
					} else {
						tl.usedDay.Clear(Slot(d))
					}
				}
			}
			if !priced {
				continue
			}
			c := 0.0
			if u := tl.busyDay[d]; u > 0 {
				c = dv.dayPrice[r][int(dv.kinds[d])*(dv.spd+1)+int(u)]
				if len(rc.ClockX) > 0 {
					c += st.dayClock(r, d)
				}
			}
			// Under sixth_day_x a day turning used or idle moves the
			// days after it in or out of the sixth-day price, whatever
			// its own price.
			if c != tl.dayCost[d] || rc.SixthDayX != 0 || rc.WeekSlots > 0 {
				tl.dayCost[d] = c
				if w := dv.weekOf(d); w != weekDirty {
					if weekDirty >= 0 {
						st.resumWeek(r, weekDirty)
					}
					weekDirty = w
				}
			}
		}
	}
	if weekDirty >= 0 {
		st.resumWeek(r, weekDirty)
	}
	tl.tasks += int(sign)
	if !priced {
		return
	}
	if dv.spd == 0 {
		tl.rate = rateCardRule{}.abstract(rc, tl.busy)
	} else {
		// resumWeek kept tl.rate up to date week by week; an idle
		// resource snaps back to exactly 0, so rounding cannot build up.
		if tl.busy == 0 {
			tl.rate = 0
		}
		if dayToggled && rc.Travel != 0 {
			tl.travel = travelCostDays(rc, tl.usedDay)
		}
		if dayToggled && rc.Engaged {
			tl.engaged = engagementDays(rc, tl.usedDay, dv)
		}
	}
	kit := 0.0
	if dv.spd > 0 {
		kit = kitRule{}.day(rc) * float64(tl.usedDays)
	}
	// The resource terms of builtinTerms, kept incrementally with their
	// rules; TestPropertyTermsAgree checks them against their search
	// pieces.
	tl.cost = rateCardRule{}.oncost(rc, tl.rate+tl.engaged) + kit + feeRule{}.task(rc)*float64(tl.tasks) + tl.travel + tl.uses
	if tl.cost != 0 {
		st.charged.Set(Slot(r))
	} else {
		st.charged.Clear(Slot(r))
	}
	st.resTotal += tl.cost - before
	if d := st.p.Resources[r].Department; d >= 0 && d < len(st.deptCost) {
		st.deptCost[d] += tl.cost - before
	}
	if cs := st.chg; cs != nil {
		cs.moved(r, tl.cost-before)
	}
}

// useRes adds (sign +1) or removes (sign -1) task t's use rate of
// resource r; the addRes that follows prices it in the resource's cost.
func (st *state) useRes(t TaskID, r ResourceID, sign float64) {
	if len(st.p.Tasks[t].UseRates) == 0 {
		return
	}
	tl := &st.tl[r]
	tl.uses += sign * useRule{}.task(st.p, t, r)
	if tl.tasks == 1 && sign < 0 {
		tl.uses = 0 // the last task leaves: no rounding left behind
	}
}

// dayClock is the clock-time premium of day d of resource r as the
// search state holds it.
func (st *state) dayClock(r ResourceID, d int) float64 {
	dv := st.dv
	use := st.tl[r].use
	day := use[d*dv.spd : min((d+1)*dv.spd, len(use))]
	return rateCardRule{}.clock(&st.p.Resources[r].Rate, dv.kinds[d], dv.spd, dv.hoursPerSlot, func(i int) bool { return i < len(day) && day[i] != 0 })
}

// resumWeek recomputes the price of week w of resource r.
func (st *state) resumWeek(r ResourceID, w int) {
	dv := st.dv
	tl := &st.tl[r]
	rc := &st.p.Resources[r].Rate
	rule := rateCardRule{}
	lo := max(7*w-dv.weekOffset, 0)
	hi := min(7*w-dv.weekOffset+7, dv.nDays)
	sum, later := 0.0, 0.0
	n := 0
	if rc.WeekSlots > 0 {
		for d := lo; d < hi; d++ {
			n += int(tl.busyDay[d])
		}
	}
	if rc.SixthDayX == 0 {
		for d := lo; d < hi; d++ {
			sum += tl.dayCost[d]
		}
	} else {
		worked := 0
		for d := lo; d < hi; d++ {
			u := int(tl.busyDay[d])
			if u == 0 {
				continue
			}
			if rule.pastWeek(rc, worked) {
				later += rule.sixth(rc, u, dv.kinds[d], dv.hoursPerSlot, st.dayClock(r, d))
			} else {
				sum += tl.dayCost[d]
			}
			worked++
		}
	}
	// Only this week's share of the rate changes: updating it here keeps
	// an insertion independent of the horizon's length (re-summing every
	// week took a third of the search's time on long series).
	price := rule.week(rc, sum) + later + rule.overWeek(rc, n, dv.hoursPerSlot)
	tl.rate += price - tl.weekCost[w]
	tl.weekCost[w] = price
}

// place puts task t at start with resources res and the given pieces
// (which must be its expansion) and updates every cache.
func (st *state) place(t TaskID, start Slot, res []ResourceID, pieces []Interval, end Slot) {
	task := &st.p.Tasks[t]
	st.placed[t] = true
	st.nPlaced++
	st.start[t] = start
	st.end[t] = end
	copy(st.res[t], res)
	st.pieces[t] = append(st.pieces[t][:0], pieces...)
	units := st.dv.units[t]
	for i, r := range res {
		st.useRes(t, r, 1)
		st.addRes(r, pieces, units[i], 1)
	}
	st.endCount[end]++
	st.maxEnd = max(st.maxEnd, end)
	if len(pieces) > 0 {
		be := pieces[len(pieces)-1].End
		st.busyEndCount[be]++
		st.lastBusyEnd = max(st.lastBusyEnd, be)
	}
	st.handSum += st.handoverDelta(t, res)
	st.late[t] = st.dv.latenessCost(task, end)
	st.early[t] = earlinessTerm{}.charge(st.dv.spd, task, end)
	st.disr[t] = disruptionCost(task, start, res)
	st.lateSum += st.late[t]
	st.earlySum += st.early[t]
	st.disrSum += st.disr[t]
	st.canc[t] = cancellationTerm{}.charge(task, start, res)
	st.cancSum += st.canc[t]
	if st.late[t] != 0 || st.early[t] != 0 || st.disr[t] != 0 || st.canc[t] != 0 {
		st.costly.Set(Slot(t))
	}
	st.nb.add(t, start, res)
	st.touch(t)
}

// touch records that task t changed since the last snapshot.
func (st *state) touch(t TaskID) {
	if !st.dirtyMark[t] {
		st.dirtyMark[t] = true
		st.dirty = append(st.dirty, t)
	}
}

// unplace removes task t from the schedule.
func (st *state) unplace(t TaskID) {
	st.placed[t] = false
	st.nPlaced--
	pieces := st.pieces[t]
	units := st.dv.units[t]
	for i, r := range st.res[t] {
		st.useRes(t, r, -1)
		st.addRes(r, pieces, units[i], -1)
	}
	st.endCount[st.end[t]]--
	for st.maxEnd > 0 && st.endCount[st.maxEnd] == 0 {
		st.maxEnd--
	}
	if len(pieces) > 0 {
		st.busyEndCount[pieces[len(pieces)-1].End]--
		for st.lastBusyEnd > 0 && st.busyEndCount[st.lastBusyEnd] == 0 {
			st.lastBusyEnd--
		}
	}
	st.handSum -= st.handoverDelta(t, st.res[t])
	st.lateSum -= st.late[t]
	st.earlySum -= st.early[t]
	st.disrSum -= st.disr[t]
	st.cancSum -= st.canc[t]
	st.late[t], st.early[t], st.disr[t], st.canc[t] = 0, 0, 0, 0
	st.costly.Clear(Slot(t))
	st.nb.remove(t, st.start[t], st.res[t], st.res)
	st.touch(t)
}

// clear unplaces every task.
func (st *state) clear() {
	for t := range st.placed {
		if st.placed[t] {
			st.unplace(TaskID(t))
		}
	}
	st.resync()
}

// resync recomputes the running sums exactly from the per-resource and
// per-task caches, so that rounding never accumulates. It adds up only
// the resources and tasks that cost something, in index order: adding the
// zeros it skips would not change a sum, so the result is the same as a
// walk over everything, at a cost that follows what is booked rather than
// the size of the problem.
func (st *state) resync() {
	st.resTotal, st.lateSum, st.earlySum, st.disrSum, st.cancSum = 0, 0, 0, 0, 0
	if st.chg != nil {
		st.resyncCharges()
	}
	st.resyncHandovers()
	for d := range st.deptCost {
		st.deptCost[d] = 0
	}
	for wi, w := range st.charged {
		for ; w != 0; w &= w - 1 {
			r := wi<<6 | bits.TrailingZeros64(w)
			c := st.tl[r].cost
			st.resTotal += c
			if d := st.p.Resources[r].Department; d >= 0 && d < len(st.deptCost) {
				st.deptCost[d] += c
			}
		}
	}
	for wi, w := range st.costly {
		for ; w != 0; w &= w - 1 {
			t := wi<<6 | bits.TrailingZeros64(w)
			st.lateSum += st.late[t]
			st.earlySum += st.early[t]
			st.disrSum += st.disr[t]
			st.cancSum += st.canc[t]
		}
	}
}

// cost is the objective of the placed tasks, without penalties.
func (st *state) cost() float64 {
	return st.resTotal + st.handSum + st.p.overheadCost(st.lastBusyEnd) + st.lateSum + st.earlySum + st.disrSum +
		st.p.Objective.Cancelled + st.cancSum +
		st.p.Objective.MakespanWeight*float64(st.maxEnd) + st.slowTermsCost()
}

// capExcess is the penalty for budget caps exceeded (0 when all hold).
// The caps count the recall and cancellation fees (capSurcharge).
func (st *state) capExcess() float64 {
	pen := 0.0
	var l ledger
	recall, recallRead := 0.0, false
	owes := func(t TaskID, i int) bool {
		return st.placed[t] && st.p.Tasks[t].owes(i, st.start[t], st.res[t])
	}
	var extra ledger
	if st.dv.extras {
		extra = st.p.productionExtras(st.reading(owes))
	}
	for _, b := range st.p.Budgets {
		if b.Department < 0 && !recallRead {
			recall, recallRead = recallTerm{}.search(st), true
		}
		var used float64
		switch pr := st.p.capProduction(b); {
		case st.p.charging() && (pr >= 0 || b.Department >= 0):
			// A share of shared crew and suites: read from the whole
			// state (charging.go), once per call.
			if l.cells == nil {
				l = st.charges()
			}
			used = l.spend(pr, b.Department)
		case b.Department < 0:
			used = st.resTotal + st.p.overheadCost(st.lastBusyEnd)
		case b.Department < len(st.deptCost):
			used = st.deptCost[b.Department]
		}
		used += st.p.capSurcharge(b, recall, st.cancSum, owes, extra)
		if ex := used - b.Limit; ex > 1e-9 {
			pen += capPenalty + capExcessWeight*ex
		}
	}
	return pen
}

// reading is the search state's reading of the schedule for
// productionExtras.
func (st *state) reading(owes func(t TaskID, i int) bool) scheduleReading {
	rd := scheduleReading{
		tasksOn: func(res int) []TaskID { return st.nb.onRes[res] },
		pieces:  func(t TaskID) []Interval { return st.pieces[t] },
		owes:    owes,
	}
	if st.dv.spd > 0 {
		rd.days = func(res int) iter.Seq[int] { return daysOf(st.tl[res].busyDay) }
	}
	return rd
}

// objective is the penalised value the search minimises.
func (st *state) objective() float64 {
	return st.cost() + st.capExcess() + st.travelExcess() + unplacedPenalty*float64(len(st.placed)-st.nPlaced)
}

// feasible reports whether every task is placed, every cap holds and
// every visit's travel fits.
func (st *state) feasible() bool {
	return st.nPlaced == len(st.placed) && st.capExcess() == 0 && st.travelExcess() == 0
}

// snapshot copies the placements into dst (reusing its storage). When dst
// is where the previous snapshot went, only the tasks placed or unplaced
// since are copied: a new best on a long series then costs what the
// search changed, not a copy of every task.
func (st *state) snapshot(dst []Placement) []Placement {
	if len(dst) != len(st.placed) {
		dst = make([]Placement, len(st.placed))
	}
	copyTask := func(t TaskID) {
		dst[t].Start = st.start[t]
		dst[t].Resources = append(dst[t].Resources[:0], st.res[t]...)
	}
	if len(dst) > 0 && st.snapDst == &dst[0] {
		for _, t := range st.dirty {
			copyTask(t)
		}
	} else {
		for t := range dst {
			copyTask(TaskID(t))
		}
	}
	for _, t := range st.dirty {
		st.dirtyMark[t] = false
	}
	st.dirty = st.dirty[:0]
	if len(dst) > 0 {
		st.snapDst = &dst[0]
	}
	return dst
}
