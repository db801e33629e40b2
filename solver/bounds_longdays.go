package solver

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// longDays bounds the cost of a closed pool of resources of capacity one
// whose demands use one unit (0 for any other pool); a pinned task counts
// in the slots its pin works; tasks are the tasks with a demand in the pool, in
// order. Let cap be the most slots a resource of the pool can
// work in a day on the pool's tasks. A task that does not split and
// cannot run across midnight (in its window, on its candidates' hours)
// lies within one day; when it is longer than
// half of cap, no other such task shares its resource's day. So each
// such long session has a day of its own, of at least its length, which
// costs at least the cheapest dayFloor of that length in the pool; the
// other sessions' work can fill what the long ones leave of their days
// (cap minus their length, as far as spareFilled allows) for nothing, and
// the rest costs at least the pool's cheapest slot rate per slot. Or,
// with who works which day counted (daysByWhom): each member works no
// more days than it can reach, so the long days and the rest go to
// dearer members once the cheapest is full. Terms that do not charge by the day
// are charged their cheapest slot rate for all the work; fees the least
// fee per demand; visits the first visit of a resource a task cannot do
// without, as in the other bounds.
func longDays(p *Problem, pool []ResourceID, ps *poolSessions) float64 {
	if ps == nil {
		return 0
	}
	dayCap, split := ps.dayCap, ps.split
	pr := newPoolPrices(p, pool)
	total := ps.fees + ps.work*pr.otherSlot
	for r, f := range ps.forced {
		if f {
			total += ps.rates[r].visit
		}
	}
	long := func(s longSession) bool { return s.long(dayCap) }
	longSum := 0.0
	for _, s := range ps.sessions {
		if long(s) {
			longSum += pr.longDay(s.length)
		}
	}
	total += longSum
	rest := max(0, split.short-split.filled)
	cheapest := total + rest*pr.daySlot
	if len(split.spares) == 0 {
		return cheapest
	}
	if byWhom, ok := longDaysByWhom(p, pool, ps, pr, long, split.filled, rest, dayCap); ok {
		return max(cheapest, total-longSum+byWhom)
	}
	return cheapest
}

// cap is the most slots a member of pool can work in a day on the
// pool's sessions.
func (ps *poolSessions) cap(p *Problem, pool []ResourceID) int {
	spd := p.Calendar.SlotsPerDay
	dayCap := 0
	for d := 0; d*spd < p.Slots; d++ {
		dayCap = max(dayCap, countRange(ps.union, d*spd, (d+1)*spd))
	}
	most := 0
	for _, r := range pool {
		most = max(most, maxDaySlots(p, r))
	}
	return min(dayCap, most)
}

// long reports whether s has a day of its own: it lies within one day
// and is longer than half of dayCap, so no other such session shares its
// resource's day.
func (s longSession) long(dayCap int) bool {
	return s.oneDay && 2*s.length > dayCap && s.length <= dayCap
}

// longSplit is a pool's sessions split by longSession.long: the long
// days counted by their spare (dayCap less the session), the short
// sessions counted by length, their work, whether any of it divides
// across days, and how much of it the spares can hold (spareFilled).
type longSplit struct {
	spares, shorts map[int]int
	short, filled  float64
	divisible      bool
}

func (ps *poolSessions) splitLong(dayCap int) longSplit {
	ls := longSplit{spares: map[int]int{}, shorts: map[int]int{}}
	for _, s := range ps.sessions {
		if s.long(dayCap) {
			ls.spares[dayCap-s.length]++
		} else {
			ls.short += float64(s.length)
			ls.shorts[s.length]++
			ls.divisible = ls.divisible || !s.oneDay || s.length > dayCap
		}
	}
	ls.filled = spareFilled(ls.spares, ls.shorts, ls.divisible, dayCap)
	return ls
}

// longSession is one unit of a demand of a task in a closed pool, as
// longDays sees it: its length, whether it lies within one day, and
// which candidate list (class) may work it.
type longSession struct {
	length int
	oneDay bool
	class  int
	// hours are the slots of the day (bit i: the day's i-th slot) in
	// which it may run on some day: 0 when a day has more than 64 slots.
	hours uint64
}

// poolSessions is what longDays reads from a closed pool's tasks: their
// sessions, the candidate lists (each once), the slots any session may
// work (union), the least fees, the work in slots, the resources some
// task cannot do without (forced) and each member's rates.
type poolSessions struct {
	sessions   []longSession
	classes    [][]ResourceID
	union      Bitset
	fees, work float64
	forced     []bool
	rates      []demandRates
	// Worked out once from the above for the bounds that read them: the
	// most slots a member works in a day on the pool's sessions, the
	// sessions split into long and short by it, and the days each
	// member (by its index in the pool) can work.
	dayCap   int
	split    longSplit
	workable []int
}

// gatherPoolSessions reads the sessions of tasks on pool; false when the
// pool is not one longDays bounds (a member of capacity above one, a
// demand of more than one unit, a pin it cannot place).
func gatherPoolSessions(p *Problem, tb timeBounds, pool []ResourceID, tasks []int) (poolSessions, bool) {
	in := make([]bool, len(p.Resources))
	for _, r := range pool {
		if p.Resources[r].Capacity != 1 {
			return poolSessions{}, false
		}
		in[r] = true
	}
	ps := poolSessions{
		union:  NewBitset(p.Slots),
		forced: make([]bool, len(p.Resources)),
		rates:  make([]demandRates, len(p.Resources)),
	}
	for _, r := range pool {
		ps.rates[r] = resourceRates(p, r)
	}
	mask, open := NewBitset(p.Slots), NewBitset(p.Slots)
	spd := p.Calendar.SlotsPerDay
	for _, i := range tasks {
		task := &p.Tasks[i]
		uses := false
		for _, d := range task.Demands {
			if len(d.Candidates) == 0 || !in[d.Candidates[0]] {
				continue
			}
			if d.units() != 1 {
				return poolSessions{}, false
			}
			if !uses {
				uses = true
				if task.Pin == nil {
					taskMask(mask, *task, p.Slots)
					clearOutside(mask, max(tb.es[i], 0), min(tb.le[i], Slot(p.Slots)))
				} else if !pinnedMask(mask, p, task) {
					return poolSessions{}, false
				}
			}
			n := min(d.count(), len(d.Candidates))
			fee := math.Inf(1)
			for _, r := range d.Candidates {
				fee = min(fee, ps.rates[r].task)
			}
			ps.fees += float64(n) * fee
			if len(d.Candidates) == d.count() && task.Duration > 0 {
				for _, r := range d.Candidates {
					ps.forced[r] = true
				}
			}
			if task.Duration <= 0 {
				continue
			}
			if task.Pin != nil {
				copy(open, mask)
			} else {
				workable(open, mask, p, d.Candidates)
			}
			oneDay := !task.Split && !crossesMidnight(open, spd)
			class := slices.IndexFunc(ps.classes, func(c []ResourceID) bool { return slices.Equal(c, d.Candidates) })
			if class < 0 {
				class = len(ps.classes)
				ps.classes = append(ps.classes, d.Candidates)
			}
			hours := hoursOfDay(open, spd)
			for range n {
				ps.sessions = append(ps.sessions, longSession{task.Duration, oneDay, class, hours})
				ps.work += float64(task.Duration)
			}
			for w := range ps.union {
				ps.union[w] |= open[w]
			}
		}
	}
	ps.dayCap = ps.cap(p, pool)
	ps.split = ps.splitLong(ps.dayCap)
	ps.workable = make([]int, len(pool))
	for i, r := range pool {
		ps.workable[i] = daysWorkable(p, r, ps.union)
	}
	return ps, true
}

// poolPrices are a closed pool's cheapest prices: per slot for the terms
// that charge by the day (daySlot) and for the others (otherSlot), and
// per long day by its length (longDay).
type poolPrices struct {
	p                  *Problem
	pool               []ResourceID
	dayTerms           []resourceRule
	daySlot, otherSlot float64
	longDays           map[int]float64
}

func newPoolPrices(p *Problem, pool []ResourceID) *poolPrices {
	pr := &poolPrices{p: p, pool: pool, daySlot: math.Inf(1), longDays: map[int]float64{}}
	var otherTerms []resourceRule
	for _, t := range costTerms {
		if rt, ok := t.(resourceTerm); ok {
			if _, ok := rt.rule.(dayPricer); ok {
				pr.dayTerms = append(pr.dayTerms, rt.rule)
			} else {
				otherTerms = append(otherTerms, rt.rule)
			}
		}
	}
	for _, r := range pool {
		pr.daySlot = min(pr.daySlot, pr.slotPrice(r))
	}
	for _, rule := range otherTerms {
		least := math.Inf(1)
		for _, r := range pool {
			least = min(least, rule.demandRates(p, r).slot)
		}
		pr.otherSlot += least
	}
	return pr
}

// slotPrice is what one slot of r's work costs at least under the terms
// that charge by the day.
func (pr *poolPrices) slotPrice(r ResourceID) float64 {
	s := 0.0
	for _, rule := range pr.dayTerms {
		s += rule.demandRates(pr.p, r).slot
	}
	return s
}

// dayFloor is the least a day of length slots costs r under the terms
// that charge by the day.
func (pr *poolPrices) dayFloor(r ResourceID, length int) float64 {
	s := 0.0
	for _, rule := range pr.dayTerms {
		s += rule.(dayPricer).dayFloor(pr.p, r, length)
	}
	return s
}

// longDay is the least a day of length slots costs any member.
func (pr *poolPrices) longDay(length int) float64 {
	if v, ok := pr.longDays[length]; ok {
		return v
	}
	least := math.Inf(1)
	for _, r := range pr.pool {
		least = min(least, pr.dayFloor(r, length))
	}
	pr.longDays[length] = least
	return least
}

// longDaysByWhom prices the long days and the rest's days by who may
// work them, each person within the days it can work (daysByWhom). A pin
// names candidates of its demands on slots they are available
// (placePins holds it to that), so pinned sessions keep to these too.
// False when a candidate list reaches outside the pool or the split
// cannot be priced.
func longDaysByWhom(p *Problem, pool []ResourceID, ps *poolSessions, pr *poolPrices, long func(longSession) bool, filled, rest float64, dayCap int) (float64, bool) {
	member := map[ResourceID]int{}
	people := make([]dayWorker, len(pool))
	for i, r := range pool {
		member[r] = i
		people[i].slotPrice = pr.slotPrice(r)
		people[i].days = ps.workable[i]
	}
	byClass := make([]dayClass, len(ps.classes))
	shortest := make([]int, len(ps.classes))
	for _, s := range ps.sessions {
		c := &byClass[s.class]
		if long(s) {
			c.long++
			if shortest[s.class] == 0 || s.length < shortest[s.class] {
				shortest[s.class] = s.length
			}
		} else {
			c.short += float64(s.length)
		}
	}
	for k, cands := range ps.classes {
		c := &byClass[k]
		c.rest = max(0, c.short-filled)
		for _, r := range cands {
			i, ok := member[r]
			if !ok {
				return 0, false
			}
			c.members = append(c.members, i)
			c.dayPrice = append(c.dayPrice, pr.dayFloor(r, max(shortest[k], 1)))
		}
	}
	return daysByWhom(people, byClass, rest, dayCap)
}

// dayWorker is one pool member as daysByWhom sees it: its cheapest slot
// of work and the most days it can work.
type dayWorker struct {
	slotPrice float64
	days      int
}

// dayClass is the sessions of one candidate list: how many are long
// (a day each), the short ones' work, and the part of it (rest) that
// cannot be in a long day's spare; members are the candidates (indices
// among the workers) with the least price of a long day of each.
type dayClass struct {
	long, short, rest float64
	members           []int
	dayPrice          []float64
}

// daysByWhom bounds what long days and other work cost among people:
// each long day of class k is a day of one of its members, at that
// member's dayPrice at least; the work outside long days (at least each
// class's rest, and rest in all) fills other days of the members, at
// most dayCap slots a day, at their slotPrice at least; and no one works
// more than its days. It solves
//
//	minimise   Σ dayPrice[k,i]·x[k,i] + Σ slotPrice[i]·dayCap·y[k,i]
//	subject to Σ_i x[k,i] = long[k],  Σ_i y[k,i] ≥ rest[k]/dayCap
//	           Σ_k,i y[k,i] ≥ rest/dayCap
//	           Σ_k x[k,i] + y[k,i] ≤ days[i],  x, y ≥ 0
//
// and reports false when no such split exists or the simplex fails.
func daysByWhom(people []dayWorker, classes []dayClass, rest float64, dayCap int) (float64, bool) {
	if dayCap <= 0 {
		return 0, false
	}
	type column struct {
		class, member int
		long          bool
		price         float64
	}
	var cols []column
	for k, c := range classes {
		for j, i := range c.members {
			if c.long > 0 {
				cols = append(cols, column{k, i, true, c.dayPrice[j]})
			}
			if c.short > 0 {
				cols = append(cols, column{k, i, false, people[i].slotPrice * float64(dayCap)})
			}
		}
	}
	// Rows: a class's long days, a class's rest, all the rest, each
	// person's days; every row but the first kind has a slack column.
	var longRows, restRows []int
	rows := 0
	for _, c := range classes {
		longRows = append(longRows, -1)
		restRows = append(restRows, -1)
		if c.long > 0 {
			longRows[len(longRows)-1] = rows
			rows++
		}
		if c.short > 0 {
			restRows[len(restRows)-1] = rows
			rows++
		}
	}
	allRest := rows
	rows++
	personRow := rows
	rows += len(people)
	slack0 := len(cols)
	nSlack := rows - countFunc(longRows, func(r int) bool { return r >= 0 })
	ncols := slack0 + nSlack
	if ncols > lpMaxColumns || rows > lpMaxRows {
		return 0, false
	}
	a := mat.NewDense(rows, ncols, nil)
	b := make([]float64, rows)
	c := make([]float64, ncols)
	for j, col := range cols {
		c[j] = col.price
		if col.long {
			a.Set(longRows[col.class], j, 1)
		} else {
			a.Set(restRows[col.class], j, 1)
			a.Set(allRest, j, 1)
		}
		a.Set(personRow+col.member, j, 1)
	}
	slack := slack0
	for k, cl := range classes {
		if r := longRows[k]; r >= 0 {
			b[r] = cl.long
		}
		if r := restRows[k]; r >= 0 {
			b[r] = cl.rest / float64(dayCap)
			a.Set(r, slack, -1)
			slack++
		}
	}
	b[allRest] = rest / float64(dayCap)
	a.Set(allRest, slack, -1)
	slack++
	for i, w := range people {
		b[personRow+i] = float64(w.days)
		a.Set(personRow+i, slack, 1)
		slack++
	}
	opt, _, err := lp.Simplex(c, a, b, 1e-10, nil)
	if err != nil || math.IsNaN(opt) {
		return 0, false
	}
	return opt - 1e-9*math.Max(1, math.Abs(opt)), true
}
