package solver

import "iter"

// A rule is a term: each cost rule is defined once, as a type whose
// methods are the rule itself and the piece each pricer runs, and is
// listed in costTerms. Evaluate, the verifier (RecomputeCost, Verify), the
// lower bound and the search state's report all walk that table, so a
// rule is priced everywhere or the agreement property test
// (TestPropertyTermsAgree) names the pricer that disagrees. doc.go has the
// checklist for adding one.

// costTerm is one cost rule and its pieces.
type costTerm interface {
	// name is the term's entry in Breakdown.Terms.
	name() string
	// evaluate is the term's amount in Evaluate's reading of a schedule.
	evaluate(e *evalView) float64
	// verify is its amount in the verifier's own reading of a schedule.
	verify(v *verifyView) float64
	// search is its amount in a search state (not the hot path: the
	// state keeps its own running sums, and this reads them out).
	search(st *state) float64
	// bound is a lower bound on its amount over every feasible schedule,
	// from the time bounds. Resource terms return 0 here: the bound
	// prices them jointly, demand by demand (demandRates).
	bound(b *boundView) float64
}

// costTerms lists the cost terms in the order of Breakdown.Terms. Tests
// may append a term for the length of one test (withTerms).
var costTerms = append(builtinTerms[:len(builtinTerms):len(builtinTerms)], recallTerm{})

// builtinTerms are the terms whose amounts the search state keeps as
// running sums on its hot path (state.addRes, state.place, state.cost).
// A term of costTerms past these is added to the search's cost through
// its search piece, walking the state each time: correct, but slow until
// the state learns to keep it incrementally and the term moves here.
var builtinTerms = [...]costTerm{
	resourceTerm{TermRateCards, rateCardRule{}},
	resourceTerm{TermKit, kitRule{}},
	resourceTerm{TermFees, feeRule{}},
	resourceTerm{TermTravel, travelRule{}},
	resourceTerm{TermUses, useRule{}},
	handoverTerm{},
	overheadTerm{},
	endTerm{TermLateness, latenessTerm{}.charge, func(tb *timeBounds) []Slot { return tb.ee }, func(st *state) float64 { return st.lateSum }},
	// Earliness is priced at each task's latest end.
	endTerm{TermEarliness, earlinessTerm{}.charge, func(tb *timeBounds) []Slot { return tb.le }, func(st *state) float64 { return st.earlySum }},
	cancellationTerm{},
	disruptionTerm{},
	makespanTerm{},
}

// evalView is Evaluate's reading of a schedule, as the terms see it.
type evalView struct {
	p          *Problem
	dv         *derived
	placements []Placement
	ends       []Slot
	// busy[r] marks the slots resource r works; perDay[r] counts them per
	// calendar day (nil in abstract time); tasksOf[r] lists the tasks it
	// serves; pieces[t] are task t's pieces.
	busy        []Bitset
	perDay      [][]int32
	tasksOf     [][]TaskID
	pieces      [][]Interval
	lastBusyEnd Slot
	makespan    Slot
	// byResource and byWeek collect the resource terms' shares.
	byResource, byWeek []float64
}

// reading is Evaluate's reading of the schedule for productionExtras.
func (e *evalView) reading() scheduleReading {
	rd := scheduleReading{
		tasksOn: func(res int) []TaskID { return e.tasksOf[res] },
		pieces:  func(t TaskID) []Interval { return e.pieces[t] },
		owes: func(t TaskID, i int) bool {
			return e.p.Tasks[t].owes(i, e.placements[t].Start, e.placements[t].Resources)
		},
	}
	if e.perDay != nil {
		rd.days = func(res int) iter.Seq[int] { return daysOf(e.perDay[res]) }
	}
	return rd
}

// verifyView is the verifier's own reading of a schedule, as the terms
// see it: days[r] is resource r's day usage (nil in abstract time) and
// starts[r] the starts of the tasks it serves.
type verifyView struct {
	p          *Problem
	sc         *schedule
	days       [][]dayUsage
	starts     [][]Slot
	lastBusy   Slot // the last busy slot, -1 when none
	byResource []float64
	byWeek     map[int]float64
}

// boundView is what the lower bound knows when it prices the time terms.
type boundView struct {
	p        *Problem
	tb       timeBounds
	makespan Slot
}

// overheadTerm charges OverheadPerDay for each calendar day up to the
// one holding the last busy slot.
type overheadTerm struct{}

// charge is the rule: lastBusyEnd is the last busy slot plus one (0 when
// nothing is busy).
func (overheadTerm) charge(p *Problem, lastBusyEnd Slot) float64 {
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 || lastBusyEnd <= 0 || p.Objective.OverheadPerDay == 0 {
		return 0
	}
	return float64((int(lastBusyEnd)-1)/spd+1) * p.Objective.OverheadPerDay
}

func (overheadTerm) name() string { return TermOverhead }
func (o overheadTerm) evaluate(e *evalView) float64 {
	return o.charge(e.p, e.lastBusyEnd)
}
func (o overheadTerm) verify(v *verifyView) float64 { return o.charge(v.p, v.lastBusy+1) }
func (o overheadTerm) search(st *state) float64     { return o.charge(st.p, st.lastBusyEnd) }
func (o overheadTerm) bound(b *boundView) float64   { return o.charge(b.p, b.tb.busyEnd) }

// latenessTerm is the lateness rule: LatenessPerDay per started day a task ends past
// its Due (per slot in abstract time).
type latenessTerm struct{}

// charge is the rule for task t ending at end on a grid of spd slots per
// day (0: abstract time).
func (latenessTerm) charge(spd int, t *Task, end Slot) float64 {
	if t.Due <= 0 || end <= t.Due || t.LatenessPerDay == 0 {
		return 0
	}
	late := int(end - t.Due)
	if spd > 0 {
		late = (late + spd - 1) / spd
	}
	return float64(late) * t.LatenessPerDay
}

// earlinessTerm is the earliness rule: EarlinessPerDay per whole day a task ends before
// its Target (per slot in abstract time): just in time, as late as the
// delivery allows.
type earlinessTerm struct{}

// charge is the rule for task t ending at end on a grid of spd slots per
// day (0: abstract time).
func (earlinessTerm) charge(spd int, t *Task, end Slot) float64 {
	if t.Target <= 0 || end >= t.Target || t.EarlinessPerDay == 0 {
		return 0
	}
	early := int(t.Target - end)
	if spd > 0 {
		early /= spd
	}
	return float64(early) * t.EarlinessPerDay
}

// endTerm prices a per-task rule charged on each task's end (lateness,
// earliness) in every pricer.
type endTerm struct {
	term string
	rule func(spd int, t *Task, end Slot) float64
	// boundEnds picks from the time bounds the end each task is priced
	// at for the lower bound: the one at which the rule charges least.
	boundEnds func(tb *timeBounds) []Slot
	// sum is the search state's running sum of the term.
	sum func(st *state) float64
}

func (e endTerm) name() string { return e.term }
func (e endTerm) evaluate(v *evalView) float64 {
	return sumTasks(v.p, func(t int) float64 { return e.rule(v.dv.spd, &v.p.Tasks[t], v.ends[t]) })
}
func (e endTerm) verify(v *verifyView) float64 {
	return sumTasks(v.p, func(t int) float64 { return e.rule(v.p.Calendar.SlotsPerDay, &v.p.Tasks[t], v.sc.ends[t]) })
}
func (e endTerm) search(st *state) float64 { return e.sum(st) }
func (e endTerm) bound(b *boundView) float64 {
	ends := e.boundEnds(&b.tb)
	return sumTasks(b.p, func(t int) float64 { return e.rule(b.p.Calendar.SlotsPerDay, &b.p.Tasks[t], ends[t]) })
}

// disruptionTerm charges MoveCost for each task whose start or resources
// differ from its Previous placement.
type disruptionTerm struct{}

// charge is the rule for task t placed at start with res.
func (disruptionTerm) charge(t *Task, start Slot, res []ResourceID) float64 {
	if t.Previous == nil || t.MoveCost == 0 || !moved(t.Previous, start, res) {
		return 0
	}
	return t.MoveCost
}

func (disruptionTerm) name() string { return TermDisruption }
func (d disruptionTerm) evaluate(e *evalView) float64 {
	return sumTasks(e.p, func(t int) float64 {
		return d.charge(&e.p.Tasks[t], e.placements[t].Start, e.placements[t].Resources)
	})
}
func (d disruptionTerm) verify(v *verifyView) float64 {
	return sumTasks(v.p, func(t int) float64 {
		return d.charge(&v.p.Tasks[t], v.sc.place[t].Start, v.sc.place[t].Resources)
	})
}
func (disruptionTerm) search(st *state) float64 { return st.disrSum }

// bound charges only the moves that pins force.
func (d disruptionTerm) bound(b *boundView) float64 {
	return sumTasks(b.p, func(t int) float64 {
		task := &b.p.Tasks[t]
		if task.Pin == nil {
			return 0
		}
		return d.charge(task, task.Pin.Start, task.Pin.Resources)
	})
}

// makespanTerm charges MakespanWeight per slot of makespan.
type makespanTerm struct{}

// charge is the rule.
func (makespanTerm) charge(p *Problem, makespan Slot) float64 {
	return p.Objective.MakespanWeight * float64(makespan)
}

func (makespanTerm) name() string                   { return TermMakespan }
func (m makespanTerm) evaluate(e *evalView) float64 { return m.charge(e.p, e.makespan) }
func (m makespanTerm) verify(v *verifyView) float64 { return m.charge(v.p, v.sc.makespan) }
func (m makespanTerm) search(st *state) float64     { return m.charge(st.p, st.maxEnd) }
func (m makespanTerm) bound(b *boundView) float64   { return m.charge(b.p, b.makespan) }

// sumTasks adds f over the tasks of p, in task order.
func sumTasks(p *Problem, f func(t int) float64) float64 {
	total := 0.0
	for t := range p.Tasks {
		total += f(t)
	}
	return total
}

// termBreakdown runs piece for each term of the table, in order, and
// returns the terms and their sum.
func termBreakdown(piece func(costTerm) float64) ([]TermCost, float64) {
	terms := make([]TermCost, len(costTerms))
	total := 0.0
	for i, term := range costTerms {
		a := piece(term)
		terms[i] = TermCost{Term: term.name(), Amount: a}
		total += a
	}
	return terms, total
}

// slowTermsCost is the search cost of the terms past builtinTerms (0 when
// there are none, as outside tests).
func (st *state) slowTermsCost() float64 {
	c := 0.0
	for _, t := range costTerms[len(builtinTerms):] {
		c += t.search(st)
	}
	return c
}

// searchTerms is the search state's breakdown, term by term.
func (st *state) searchTerms() []TermCost {
	terms, _ := termBreakdown(func(t costTerm) float64 { return t.search(st) })
	return terms
}

// knownTerm reports whether name is a term of the table.
func knownTerm(name string) bool {
	for _, t := range costTerms {
		if t.name() == name {
			return true
		}
	}
	return false
}
