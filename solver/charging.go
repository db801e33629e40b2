package solver

import (
	"math/bits"
	"slices"
)

// Charging: the cost of a resource goes to the tasks it serves, so that
// a facility can cap each production's spend and report it, and a
// session's department can bear what its crew costs on it. The rule is
// splitCost; each pricer reads the schedule its own way (evalCharges,
// verifyCharges, state.charges) and the lower bound prices a task's
// share from below (chargeBound).

// Charge says where a task's share of its resources' cost goes.
type Charge struct {
	// Production indexes Problem.Productions; -1: none.
	Production int
	// Department indexes Problem.Departments; -1: each resource's own
	// department.
	Department int
}

// ledger sums the shares of resource cost by production and department:
// cell (p, d) holds production p's spend in department d, with row
// len(Productions) for no production and column len(Departments) for no
// department.
type ledger struct {
	nProd, nDept int
	cells        []float64
}

func newLedger(p *Problem) ledger {
	np, nd := len(p.Productions), len(p.Departments)
	return ledger{nProd: np, nDept: nd, cells: make([]float64, (np+1)*(nd+1))}
}

// book adds share c of resource r's cost, borne by task t.
func (l ledger) book(p *Problem, t TaskID, r ResourceID, c float64) {
	l.cells[l.cell(p, t, r)] += c
}

// cell is the cell that task t's share of resource r's cost goes to.
func (l ledger) cell(p *Problem, t TaskID, r ResourceID) int {
	pr, d := l.nProd, p.Resources[r].Department
	if int(t) < len(p.Charging) {
		ch := p.Charging[t]
		if ch.Production >= 0 && ch.Production < l.nProd {
			pr = ch.Production
		}
		if ch.Department >= 0 {
			d = ch.Department
		}
	}
	if d < 0 || d >= l.nDept {
		d = l.nDept
	}
	return pr*(l.nDept+1) + d
}

// spend is what production pr (-1: every one) spends in department d
// (-1: every one).
func (l ledger) spend(pr, d int) float64 {
	s := 0.0
	for i := 0; i <= l.nProd; i++ {
		if pr >= 0 && i != pr {
			continue
		}
		for j := 0; j <= l.nDept; j++ {
			if d < 0 || j == d {
				s += l.cells[i*(l.nDept+1)+j]
			}
		}
	}
	return s
}

// fill writes the ledger's production and department sums into b.
func (l ledger) fill(b *Breakdown) {
	b.ByProduction = make([]float64, l.nProd)
	for i := range b.ByProduction {
		b.ByProduction[i] = l.spend(i, -1)
	}
	b.ByDepartment = make([]float64, l.nDept)
	for j := range b.ByDepartment {
		b.ByDepartment[j] = l.spend(-1, j)
	}
}

// charging reports whether p splits resource cost among its tasks.
func (p *Problem) charging() bool { return len(p.Charging) > 0 }

// capProduction is the production a budget cap bounds, or -1 for the
// whole problem.
func (p *Problem) capProduction(b BudgetCap) int {
	if b.Production >= 0 && b.Production < len(p.Productions) {
		return b.Production
	}
	return -1
}

// capName names what a cap bounds: "total", a department, a production
// or a production's department.
func (p *Problem) capName(b BudgetCap) string {
	what := "total"
	if b.Department >= 0 && b.Department < len(p.Departments) {
		what = p.Departments[b.Department]
	}
	if pr := p.capProduction(b); pr >= 0 {
		what = p.Productions[pr] + " " + what
	}
	return what
}

// taskCharged is a resource rule whose amount is charged task by task
// (a session fee, a use rate): splitCost gives each task its own.
type taskCharged interface {
	taskAmount(p *Problem, t TaskID, r ResourceID) float64
}

func (rule feeRule) taskAmount(p *Problem, _ TaskID, r ResourceID) float64 {
	return rule.task(&p.Resources[r].Rate)
}

func (rule useRule) taskAmount(p *Problem, t TaskID, r ResourceID) float64 {
	return rule.task(p, t, r)
}

// taskFees adds up, for each of tasks, what the task-charged rules of
// the table charge it for resource r, into out.
func taskFees(out []float64, p *Problem, r ResourceID, tasks []TaskID) []float64 {
	if cap(out) < len(tasks) {
		out = make([]float64, len(tasks))
	}
	out = out[:len(tasks)]
	clear(out)
	for _, term := range costTerms {
		if rt, ok := term.(resourceTerm); ok {
			if tc, ok := rt.rule.(taskCharged); ok {
				for i, t := range tasks {
					out[i] += tc.taskAmount(p, t, r)
				}
			}
		}
	}
	return out
}

// splitCost is the rule that apportions one resource's cost among the
// tasks it serves: the i-th bears fees[i] whole; weekCost[w], the rest of the
// cost in week w, goes to the tasks working in that week in proportion
// to the slots each works there (work[i][w] for the i-th task). A week
// with cost but no work (an idle week of an engagement), and whole (the
// cost in abstract time, which has no weeks), go by each task's share of
// every slot the resource works. add receives each task's share.
// buf, when not nil, holds scratch reused from call to call.
func splitCost(buf *splitBuf, fees []float64, weekCost []float64, whole float64, work [][]int32, add func(i int, c float64)) {
	if buf == nil {
		buf = &splitBuf{}
	}
	weekWork := grow(&buf.weekWork, len(weekCost))
	taskAll := grow(&buf.taskAll, len(work))
	var all int64
	for i, ws := range work {
		for w, n := range ws {
			if w < len(weekWork) {
				weekWork[w] += int64(n)
			}
			taskAll[i] += int64(n)
			all += int64(n)
		}
	}
	rest := whole
	for w, c := range weekCost {
		if weekWork[w] == 0 {
			rest += c
		}
	}
	for i, ws := range work {
		c := fees[i]
		for w, n := range ws {
			if n > 0 && w < len(weekCost) {
				c += weekCost[w] * float64(n) / float64(weekWork[w])
			}
		}
		switch {
		case all > 0:
			c += rest * float64(taskAll[i]) / float64(all)
		case len(work) > 0:
			c += rest / float64(len(work))
		}
		add(i, c)
	}
}

// splitBuf is splitCost's scratch.
type splitBuf struct {
	weekWork, taskAll []int64
	weekCost          []float64
}

// grow returns (*b)[:n], zeroed, growing *b when it is too short.
func grow[T int64 | float64](b *[]T, n int) []T {
	if cap(*b) < n {
		*b = make([]T, n)
	}
	*b = (*b)[:n]
	clear(*b)
	return *b
}

// weekWork counts the slots of pieces in each of nWeeks weeks (one
// bucket in abstract time, spd 0), into out when it is long enough.
func weekWork(out []int32, pieces []Interval, spd, nWeeks int, weekOf func(d int) int) []int32 {
	n := max(nWeeks, 1)
	if cap(out) < n {
		out = make([]int32, n)
	}
	out = out[:n]
	clear(out)
	for _, iv := range pieces {
		if spd <= 0 {
			out[0] += int32(iv.End - iv.Start)
			continue
		}
		for a := int(iv.Start); a < int(iv.End); {
			d := a / spd
			b := min(int(iv.End), (d+1)*spd)
			if w := weekOf(d); w < nWeeks {
				out[w] += int32(b - a)
			}
			a = b
		}
	}
	return out
}

// resourceSplit is one resource's cost as splitCost takes it.
type resourceSplit struct {
	whole    float64
	weekCost []float64
}

// evalCharges books Evaluate's reading of each resource's cost to the
// tasks it serves.
func evalCharges(e *evalView, l ledger) {
	dv := e.dv
	scratch := make([]float64, dv.nWeeks)
	saved := e.byWeek
	defer func() { e.byWeek = saved }()
	for r := range e.p.Resources {
		tasks := e.tasksOf[r]
		if len(tasks) == 0 {
			continue
		}
		sp := resourceSplit{weekCost: make([]float64, dv.nWeeks)}
		for _, term := range costTerms {
			rt, ok := term.(resourceTerm)
			if !ok {
				continue
			}
			clear(scratch)
			e.byWeek = scratch
			c := rt.rule.evalResource(e, ResourceID(r))
			switch _, perTask := rt.rule.(taskCharged); {
			case perTask:
			case dv.spd == 0:
				sp.whole += c
			default:
				for w, x := range scratch {
					sp.weekCost[w] += x
				}
			}
		}
		work := make([][]int32, len(tasks))
		for i, t := range tasks {
			work[i] = weekWork(nil, e.pieces[t], dv.spd, dv.nWeeks, dv.weekOf)
		}
		fees := taskFees(nil, e.p, ResourceID(r), tasks)
		splitCost(nil, fees, sp.weekCost, sp.whole, work, func(i int, c float64) { l.book(e.p, tasks[i], ResourceID(r), c) })
	}
}

// verifyCharges books the verifier's reading of each resource's cost to
// the tasks it serves.
func verifyCharges(v *verifyView, l ledger) {
	p := v.p
	spd := p.Calendar.SlotsPerDay
	nWeeks := 0
	if spd > 0 {
		nWeeks = weekOf(p, (p.Slots-1)/spd) + 1
	}
	tasksOf := make([][]TaskID, len(p.Resources))
	for i := range p.Tasks {
		for _, r := range v.sc.place[i].Resources {
			tasksOf[r] = append(tasksOf[r], TaskID(i))
		}
	}
	saved := v.byWeek
	defer func() { v.byWeek = saved }()
	for r, tasks := range tasksOf {
		if len(tasks) == 0 {
			continue
		}
		whole := 0.0
		weekCost := make([]float64, nWeeks)
		for _, term := range costTerms {
			rt, ok := term.(resourceTerm)
			if !ok {
				continue
			}
			v.byWeek = map[int]float64{}
			c := rt.rule.verifyResource(v, ResourceID(r))
			if _, perTask := rt.rule.(taskCharged); perTask {
				continue
			}
			if spd <= 0 {
				whole += c
				continue
			}
			for w, x := range v.byWeek {
				if w >= 0 && w < nWeeks {
					weekCost[w] += x
				}
			}
		}
		work := make([][]int32, len(tasks))
		for i, t := range tasks {
			work[i] = weekWork(nil, v.sc.pieces[t], spd, nWeeks, func(d int) int { return weekOf(p, d) })
		}
		fees := taskFees(nil, p, ResourceID(r), tasks)
		splitCost(nil, fees, weekCost, whole, work, func(i int, c float64) { l.book(p, tasks[i], ResourceID(r), c) })
	}
}

// chargeState is the search state's split of resource cost among tasks,
// kept resource by resource: what each resource booked into the ledger,
// and which resources changed since (addRes marks them).
type chargeState struct {
	l      ledger
	dirty  Bitset
	booked [][]chargeEntry
	// one[r] is the one ledger cell every task that may use resource r
	// charges, or -1 when they charge several: a resource with one
	// cell books its whole cost there, with no split to work out, as
	// addRes changes it (unless slow: a test's extra resource terms,
	// which addRes does not keep, make every resource rebook).
	one  []int
	slow bool
	work [][]int32 // scratch, per task of one resource
	fees []float64 // scratch, likewise
	buf  splitBuf
}

// chargeEntry is an amount a resource booked into a ledger cell.
type chargeEntry struct {
	cell int
	c    float64
}

func newChargeState(p *Problem) *chargeState {
	cs := &chargeState{l: newLedger(p), dirty: NewBitset(len(p.Resources)), booked: make([][]chargeEntry, len(p.Resources)),
		one: make([]int, len(p.Resources)), slow: len(costTerms) > len(builtinTerms)}
	const unset = -2
	for r := range cs.one {
		cs.one[r] = unset
	}
	for t := range p.Tasks {
		for _, d := range p.Tasks[t].Demands {
			for _, r := range d.Candidates {
				switch c := cs.l.cell(p, TaskID(t), r); cs.one[r] {
				case unset:
					cs.one[r] = c
				case c:
				default:
					cs.one[r] = -1
				}
			}
		}
	}
	return cs
}

// moved records that resource r's cost changed by delta: a resource
// with one cell books the change at once, any other is rebooked when
// the split is next read (its shares move even when its cost does not).
func (cs *chargeState) moved(r ResourceID, delta float64) {
	if cell := cs.one[r]; cell >= 0 && !cs.slow {
		cs.l.cells[cell] += delta
		return
	}
	cs.dirty.Set(Slot(r))
}

// charges is the search state's reading of the split, brought up to
// date: each resource changed since the last call books its cost anew
// (the week prices it keeps, the engagement, kit and travel by the days
// it holds, and the fee per task) to the tasks holding it.
func (st *state) charges() ledger {
	cs := st.chg
	for wi, w := range cs.dirty {
		for ; w != 0; w &= w - 1 {
			st.rebook(ResourceID(wi<<6 | bits.TrailingZeros64(w)))
		}
		cs.dirty[wi] = 0
	}
	return cs.l
}

// rebook takes resource r's old shares out of the ledger and books its
// new ones.
func (st *state) rebook(r ResourceID) {
	p, dv, cs := st.p, st.dv, st.chg
	for _, e := range cs.booked[r] {
		cs.l.cells[e.cell] -= e.c
	}
	cs.booked[r] = cs.booked[r][:0]
	tasks := st.nb.onRes[r]
	if len(tasks) == 0 {
		return
	}
	if cell := cs.one[r]; cell >= 0 {
		c := st.tl[r].cost + st.slowResourceCost(r)
		cs.l.cells[cell] += c
		cs.booked[r] = append(cs.booked[r], chargeEntry{cell: cell, c: c})
		return
	}
	sp := st.resourceSplit(r)
	for len(cs.work) < len(tasks) {
		cs.work = append(cs.work, nil)
	}
	work := cs.work[:len(tasks)]
	for i, t := range tasks {
		work[i] = weekWork(work[i], st.pieces[t], dv.spd, dv.nWeeks, dv.weekOf)
	}
	cs.fees = taskFees(cs.fees, p, r, tasks)
	splitCost(&cs.buf, cs.fees, sp.weekCost, sp.whole, work, func(i int, c float64) {
		e := chargeEntry{cell: cs.l.cell(p, tasks[i], r), c: c}
		cs.l.cells[e.cell] += c
		cs.booked[r] = append(cs.booked[r], e)
	})
}

// resyncCharges rebooks every resource from zero, so that rounding
// never accumulates in the ledger.
func (st *state) resyncCharges() {
	cs := st.chg
	clear(cs.l.cells)
	for r := range cs.booked {
		cs.booked[r] = cs.booked[r][:0]
		if cell := cs.one[r]; cell >= 0 && !cs.slow {
			cs.l.cells[cell] += st.tl[r].cost
		} else {
			cs.dirty.Set(Slot(r))
		}
	}
}

// slowResourceCost is what the resource terms past builtinTerms (tests
// only) charge resource r in the search state.
func (st *state) slowResourceCost(r ResourceID) float64 {
	c := 0.0
	for _, term := range costTerms[len(builtinTerms):] {
		if rt, ok := term.(resourceTerm); ok {
			c += rt.rule.searchResource(st, r)
		}
	}
	return c
}

// resourceSplit reads resource r's cost from the search state, week by
// week.
func (st *state) resourceSplit(r ResourceID) resourceSplit {
	p, dv := st.p, st.dv
	tl := &st.tl[r]
	rc := &p.Resources[r].Rate
	rule := rateCardRule{}
	var sp resourceSplit
	for _, term := range costTerms[len(builtinTerms):] {
		if rt, ok := term.(resourceTerm); ok {
			if _, perTask := rt.rule.(taskCharged); perTask {
				continue // taskFees reads it
			}
			sp.whole += rt.rule.searchResource(st, r)
		}
	}
	if dv.spd == 0 {
		sp.whole += rule.oncost(rc, tl.rate+tl.engaged) + tl.travel
		return sp
	}
	sp.weekCost = grow(&st.chg.buf.weekCost, dv.nWeeks)
	for w, c := range tl.weekCost {
		if c != 0 {
			sp.weekCost[w] += rule.oncost(rc, c)
		}
	}
	first, last := -1, -1
	for d, u := range tl.busyDay {
		if u == 0 {
			continue
		}
		if first < 0 {
			first = d
		}
		c := kitRule{}.day(rc)
		if rc.Travel != 0 {
			c += travelRule{}.visit(rc, last, d)
		}
		sp.weekCost[dv.weekOf(d)] += c
		last = d
	}
	engagementCost(rc, first, last, dv.weekOffset, dv.kindOf, func(d int) bool { return tl.busyDay[d] > 0 },
		func(w int, c float64) { sp.weekCost[w] += rule.oncost(rc, c) })
	return sp
}

// chargeBound is a lower bound on what production pr (-1: every one)
// spends in department d (-1: every one) over every schedule: each of
// its tasks' demands at its cheapest candidates (or its pinned ones),
// each charged its fee and, on a resource of capacity 1, its slots at
// the resource's slot rate. A task's share of a week's cost is its slots
// that week times the week's cost per slot worked, and no week costs
// less per slot than the slot rate (demandRates); a resource of larger
// capacity may serve overlapping tasks with one slot, so only its fee
// counts.
func chargeBound(p *Problem, pr, d int) float64 {
	rates := allResourceRates(p)
	l := newLedger(p)
	total := 0.0
	var costs []float64
	for i := range p.Tasks {
		t, task := TaskID(i), &p.Tasks[i]
		if pr >= 0 && (i >= len(p.Charging) || p.Charging[i].Production != pr) {
			continue
		}
		eachChoice(task, func(dem Demand, cands []ResourceID) {
			costs = costs[:0]
			for _, r := range cands {
				clear(l.cells)
				c := rates[r].task + useRule{}.task(p, t, r)
				if p.Resources[r].Capacity == 1 {
					c += float64(task.Duration) * rates[r].slot
				}
				l.book(p, t, r, c)
				costs = append(costs, l.spend(-1, d))
			}
			slices.Sort(costs)
			for _, c := range costs[:min(dem.count(), len(costs))] {
				total += c
			}
		})
	}
	return total
}
