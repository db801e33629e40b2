package solver

import (
	"math"
	"math/bits"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Limits of dayPatterns: the most kinds of session, the most day
// patterns looked at and kept for one person, the most kept in all
// (columns of its simplex) and the most cells of the simplex's matrix.
// Past any of them the pool is left to the other bounds: many short
// kinds (half-hour sessions) make patterns by the hundred thousand, and
// the bound runs beside the search within its time.
const (
	patternMaxKinds     = 24
	patternMaxVisits    = 20_000
	patternMaxPerPerson = 600
	patternMaxColumns   = 2400
	patternMaxCells     = 150_000
)

// dayPatterns bounds the cost of a closed pool of resources of capacity
// one whose demands use one unit, every session of which lies within
// one day (0 for any other pool), by the days its people must work. A
// person's day holds whole sessions: ADR sessions of one to three hours
// fit only their 10:00-18:00 hours, so a mixer on a day rate who does
// nothing else that day is paid ten hours for at most eight, and a foley
// session of five hours leaves five for ADR. The work by day (flowFill)
// pays by the slot worked and sees neither. Here a column is one
// person's day: a pattern of sessions, by kind (candidate list, length
// and hours of the day), that fits the day, priced at the least that
// person's day of that many slots costs (dayFloor); the linear program
// chooses how many days of each pattern each person works, at most the
// days the person can work, so that every session is in some day:
//
//	minimise   Σ price[i,q]·x[i,q]
//	subject to Σ_{i,q} q[k]·x[i,q] ≥ sessions of kind k
//	           Σ_q x[i,q] ≤ days[i],  x ≥ 0
//
// Fees, visits and the terms that do not charge by the day are added as
// longDays adds them.
//
// Why it is a bound: in any schedule, the sessions one member works on
// one day lie in the member's hours that day without overlap, so their
// lengths add up to at most the day's reach, and those whose hours lie
// within another kind's hours add up to at most the number of that
// kind's hours. So the day's sessions make a pattern that fits; adding
// kinds while the day's least price stays the same ends in one that is
// kept (keptPattern), at the same price, and that price is at most what
// the day costs. Counting each member's days by pattern gives a solution
// of the program, covering every session, at no more than the schedule's
// day charges. The program ignores when the work can run, so it is worth
// most in pools whose people's days are shaped by their sessions' hours.
func dayPatterns(p *Problem, pool []ResourceID, ps *poolSessions) float64 {
	if ps == nil || len(ps.sessions) == 0 || p.Calendar.SlotsPerDay > 64 {
		return 0
	}
	kinds, count := sessionKinds(ps)
	if kinds == nil {
		return 0
	}
	pr := newPoolPrices(p, pool)
	var cols []patternColumn
	var days []float64 // per person with a pattern, the days it can work
	for i, r := range pool {
		if ps.workable[i] == 0 {
			continue
		}
		pats, ok := personPatterns(p, r, kinds, ps.classes, pr)
		if !ok || len(cols)+len(pats) > patternMaxColumns {
			return 0
		}
		if len(pats) == 0 {
			continue
		}
		for _, q := range pats {
			q.person = len(days)
			cols = append(cols, q)
		}
		days = append(days, float64(ps.workable[i]))
	}
	if rows := len(kinds) + len(days); rows*(len(cols)+rows) > patternMaxCells {
		return 0
	}
	least, ok := solvePatterns(cols, count, days)
	if !ok {
		return 0
	}
	total := ps.fees + ps.work*pr.otherSlot + least
	for r, f := range ps.forced {
		if f {
			total += ps.rates[r].visit
		}
	}
	return total
}

// sessionKind is sessions that a day pattern does not tell apart: the
// same candidate list (class), length and hours of the day.
type sessionKind struct {
	class, length int
	hours         uint64
	// first and last+1 are the kind's first and past-last hour (slot of
	// the day), read from hours once for the energetic test.
	first, end int
}

// sessionKinds groups ps's sessions by kind, with how many there are of
// each; nil when a session may run across days or there are too many
// kinds.
func sessionKinds(ps *poolSessions) ([]sessionKind, []float64) {
	var kinds []sessionKind
	var count []float64
	for _, s := range ps.sessions {
		if !s.oneDay || s.hours == 0 || s.length > bits.OnesCount64(s.hours) {
			return nil, nil
		}
		k := sessionKind{class: s.class, length: s.length, hours: s.hours,
			first: bits.TrailingZeros64(s.hours), end: 64 - bits.LeadingZeros64(s.hours)}
		i := slices.Index(kinds, k)
		if i < 0 {
			if len(kinds) == patternMaxKinds {
				return nil, nil
			}
			i = len(kinds)
			kinds = append(kinds, k)
			count = append(count, 0)
		}
		count[i]++
	}
	return kinds, count
}

// patternColumn is one person's day pattern: how many sessions of each
// kind, and its price; person is the person's row among those with
// patterns.
type patternColumn struct {
	person int
	count  []int
	price  float64
}

// personPatterns lists r's kept day patterns: those that fit (fits) and
// to which no kind r may work can be added without raising the day's
// least price. False when there are more than patternMaxPerPerson, or
// more than patternMaxVisits patterns to look at.
func personPatterns(p *Problem, r ResourceID, kinds []sessionKind, classes [][]ResourceID, pr *poolPrices) ([]patternColumn, bool) {
	var mine []int
	var hours uint64
	for k, kd := range kinds {
		if slices.Contains(classes[kd.class], r) {
			mine = append(mine, k)
			hours |= kd.hours
		}
	}
	if len(mine) == 0 {
		return nil, true
	}
	dayCap := min(maxDaySlots(p, r), bits.OnesCount64(hours))
	floor := make([]float64, dayCap+1)
	for u := 1; u <= dayCap; u++ {
		floor[u] = pr.dayFloor(r, u)
	}
	price := func(slots int) float64 { return floor[slots] }
	var out []patternColumn
	q := make([]int, len(kinds))
	fits := func(k int) bool { return patternFits(kinds, mine, q, k, dayCap) }
	visits := 0
	var walk func(from, slots int) bool
	walk = func(from, slots int) bool {
		if visits++; visits > patternMaxVisits {
			return false
		}
		if slots > 0 && keptPattern(kinds, mine, q, slots, fits, price) {
			if len(out) == patternMaxPerPerson {
				return false
			}
			out = append(out, patternColumn{count: slices.Clone(q), price: price(slots)})
		}
		for j := from; j < len(mine); j++ {
			k := mine[j]
			if !fits(k) {
				continue
			}
			q[k]++
			ok := walk(j, slots+kinds[k].length)
			q[k]--
			if !ok {
				return false
			}
		}
		return true
	}
	if !walk(0, 0) {
		return nil, false
	}
	return out, true
}

// patternFits reports whether one more session of kind k fits the day
// pattern q of a person whose kinds are mine: the lengths add up to at
// most dayCap, and for every kind the sessions whose hours lie within
// its hours add up to at most the number of its hours.
func patternFits(kinds []sessionKind, mine, q []int, k, dayCap int) bool {
	q[k]++
	defer func() { q[k]-- }()
	total := 0
	for _, j := range mine {
		total += q[j] * kinds[j].length
	}
	if total > dayCap {
		return false
	}
	for _, outer := range mine {
		h := kinds[outer].hours
		within := 0
		for _, j := range mine {
			if kinds[j].hours&^h == 0 {
				within += q[j] * kinds[j].length
			}
		}
		if within > bits.OnesCount64(h) {
			return false
		}
	}
	return energyFits(kinds, mine, q)
}

// energyFits reports whether the sessions of day pattern q pass the
// energetic test on every span [a, b) of the day: each session, wherever
// it lies in its hours (from their first to their last), overlaps the
// span by at least the lesser of its overlaps when as early and as late
// as it can be, and one person's overlaps add up to at most the span. A
// five-hour foley session in 09:00-19:00 overlaps 10:00-18:00 by four
// hours at least, so it leaves room for four hours of ADR, not five.
func energyFits(kinds []sessionKind, mine, q []int) bool {
	lo, hi := 64, 0
	for _, j := range mine {
		if q[j] > 0 {
			lo = min(lo, kinds[j].first)
			hi = max(hi, kinds[j].end)
		}
	}
	for a := lo; a < hi; a++ {
		for b := a + 1; b <= hi; b++ {
			need := 0
			for _, j := range mine {
				if q[j] == 0 {
					continue
				}
				kd := &kinds[j]
				early := min(b, kd.first+kd.length) - max(a, kd.first)
				late := min(b, kd.end) - max(a, kd.end-kd.length)
				need += q[j] * max(0, min(early, late))
			}
			if need > b-a {
				return false
			}
		}
	}
	return true
}

// keptPattern reports whether pattern q (slots long) is kept: no kind
// that fits raises it to a pattern of the same least price.
func keptPattern(kinds []sessionKind, mine, q []int, slots int, fits func(int) bool, price func(int) float64) bool {
	here := price(slots)
	for _, k := range mine {
		if fits(k) && price(slots+kinds[k].length) <= here+1e-9*math.Max(1, here) {
			return false
		}
	}
	return true
}

// solvePatterns solves dayPatterns' program over cols: count[k]
// sessions of each kind, at most days[i] days for person i (its row
// among those with patterns). False when it has no solution or the
// simplex fails.
func solvePatterns(cols []patternColumn, count, days []float64) (float64, bool) {
	if len(cols) == 0 {
		return 0, false
	}
	// Rows: one per kind (cover it, with a surplus column), one per
	// person with a pattern (its days, with a slack column).
	kinds := len(count)
	rows := kinds + len(days)
	ncols := len(cols) + rows
	a := mat.NewDense(rows, ncols, nil)
	b := make([]float64, rows)
	c := make([]float64, ncols)
	for j, col := range cols {
		c[j] = col.price
		for k, n := range col.count {
			if n > 0 {
				a.Set(k, j, float64(n))
			}
		}
		a.Set(kinds+col.person, j, 1)
	}
	for k, n := range count {
		b[k] = n
		a.Set(k, len(cols)+k, -1)
	}
	for i, n := range days {
		b[kinds+i] = n
		a.Set(kinds+i, len(cols)+kinds+i, 1)
	}
	opt, _, err := lp.Simplex(c, a, b, 1e-10, nil)
	if err != nil || math.IsNaN(opt) {
		return 0, false
	}
	return opt - 1e-9*math.Max(1, math.Abs(opt)), true
}

// hoursOfDay folds mask over the days of spd slots: bit i is set when
// the i-th slot of some day is. 0 when a day has more than 64 slots.
func hoursOfDay(mask Bitset, spd int) uint64 {
	if spd <= 0 || spd > 64 {
		return 0
	}
	var h uint64
	n := len(mask) * 64
	for from := 0; from < n; from += spd {
		h |= mask.bits64(Slot(from), spd)
	}
	return h
}
