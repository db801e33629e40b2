package solver

import (
	"maps"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// closedResourceCost is a resource bound built pool by pool. Resources
// are joined when a demand may choose between them; each resulting pool
// is closed (every demand naming one of its resources chooses only
// among its resources). Per pool it takes the larger of the capacity
// bound's charges on the pool's resources (capacityParts, with dayRaises
// on top) and longDays, a bound that prices sessions too long to share a
// day at a whole day each; their sum bounds the resource cost, since the
// pools' costs add up and each pool's cost is at least either. When
// flow is not nil (flowFill's charges, priced from rates, each
// resource's allResourceRates), a third candidate is the capacity charge
// with its candidate lists' work priced day by day instead. It returns
// the total and each pool's charge.
func closedResourceCost(p *Problem, tb timeBounds, parts []capacityPart, flow []float64, rates []demandRates) (float64, []PoolBound) {
	pool := closedPools(p)
	own := make([]float64, len(p.Resources))
	byDay := make([]float64, len(p.Resources))
	for _, part := range parts {
		own[pool[part.owner]] += part.amount
		byDay[pool[part.owner]] += part.amount - part.fill
	}
	for r, x := range flow {
		byDay[pool[r]] += x
	}
	tasks := map[int][]int{}
	for i, task := range p.Tasks {
		for _, d := range task.Demands {
			if len(d.Candidates) > 0 {
				root := pool[d.Candidates[0]]
				if n := len(tasks[root]); n == 0 || tasks[root][n-1] != i {
					tasks[root] = append(tasks[root], i)
				}
			}
		}
	}
	raise, forcedWork := dayRaises(p, tb)
	for r, x := range raise {
		own[pool[r]] += x
		// The raise is what the days cost above the work at the slot
		// rate; the flow may already price that work above the slot rate
		// (a weekly hire's rates by week), and only the rest is new.
		above := 0.0
		if flow != nil {
			above = max(0, flow[r]-forcedWork[r]*rates[r].slot)
		}
		byDay[pool[r]] += max(0, x-above)
	}
	members := map[int][]ResourceID{}
	for r, root := range pool {
		members[root] = append(members[root], ResourceID(r))
	}
	total := 0.0
	var pools []PoolBound
	for root, charge := range own {
		if len(members[root]) == 0 || pool[root] != root {
			continue
		}
		charge = max(charge, longDays(p, tb, members[root], tasks[root]))
		if flow != nil {
			charge = max(charge, byDay[root])
		}
		total += charge
		pools = append(pools, PoolBound{Resources: members[root], Cost: charge})
	}
	return total, pools
}

// closedPools joins the candidates of every demand, pinned or not, and
// the resources of every pin; it returns each resource's pool as the
// least resource in it.
func closedPools(p *Problem) []int {
	parent := make([]int, len(p.Resources))
	for r := range parent {
		parent[r] = r
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	join := func(rs []ResourceID) {
		for _, r := range rs[min(1, len(rs)):] {
			a, b := find(int(rs[0])), find(int(r))
			parent[max(a, b)] = min(a, b)
		}
	}
	for _, task := range p.Tasks {
		for _, d := range task.Demands {
			join(d.Candidates)
		}
		if task.Pin != nil {
			join(task.Pin.Resources)
		}
	}
	out := make([]int, len(p.Resources))
	for r := range out {
		out[r] = find(r)
	}
	return out
}

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
func longDays(p *Problem, tb timeBounds, pool []ResourceID, tasks []int) float64 {
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 || len(tb.es) != len(p.Tasks) {
		return 0
	}
	in := make([]bool, len(p.Resources))
	for _, r := range pool {
		if p.Resources[r].Capacity != 1 {
			return 0
		}
		in[r] = true
	}
	type session struct {
		length int
		oneDay bool
		class  int // index in classes: who may work it
	}
	var sessions []session
	var classes [][]ResourceID // the candidate lists, each once
	union := NewBitset(p.Slots)
	fees, work := 0.0, 0.0
	forced := make([]bool, len(p.Resources))
	rates := make([]demandRates, len(p.Resources))
	for _, r := range pool {
		rates[r] = resourceRates(p, r)
	}
	mask, open := NewBitset(p.Slots), NewBitset(p.Slots)
	for _, i := range tasks {
		task := &p.Tasks[i]
		uses := false
		for _, d := range task.Demands {
			if len(d.Candidates) == 0 || !in[d.Candidates[0]] {
				continue
			}
			if d.units() != 1 {
				return 0
			}
			if !uses {
				uses = true
				if task.Pin == nil {
					taskMask(mask, *task, p.Slots)
					clearOutside(mask, max(tb.es[i], 0), min(tb.le[i], Slot(p.Slots)))
				} else if !pinnedMask(mask, p, task) {
					return 0
				}
			}
			n := min(d.count(), len(d.Candidates))
			fee := math.Inf(1)
			for _, r := range d.Candidates {
				fee = min(fee, rates[r].task)
			}
			fees += float64(n) * fee
			if len(d.Candidates) == d.count() && task.Duration > 0 {
				for _, r := range d.Candidates {
					forced[r] = true
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
			class := slices.IndexFunc(classes, func(c []ResourceID) bool { return slices.Equal(c, d.Candidates) })
			if class < 0 {
				class = len(classes)
				classes = append(classes, d.Candidates)
			}
			for range n {
				sessions = append(sessions, session{task.Duration, oneDay, class})
				work += float64(task.Duration)
			}
			for w := range union {
				union[w] |= open[w]
			}
		}
	}
	dayCap := 0
	for d := 0; d*spd < p.Slots; d++ {
		dayCap = max(dayCap, countRange(union, d*spd, (d+1)*spd))
	}
	most := 0
	for _, r := range pool {
		most = max(most, maxDaySlots(p, r))
	}
	dayCap = min(dayCap, most)
	// The pool's cheapest prices: per long day by its length, per slot
	// for the day terms, per slot for the others.
	daySlot, otherSlot := math.Inf(1), 0.0
	var dayTerms, otherTerms []resourceRule
	for _, t := range costTerms {
		if rt, ok := t.(resourceTerm); ok {
			if _, ok := rt.rule.(dayPricer); ok {
				dayTerms = append(dayTerms, rt.rule)
			} else {
				otherTerms = append(otherTerms, rt.rule)
			}
		}
	}
	for _, r := range pool {
		s := 0.0
		for _, rule := range dayTerms {
			s += rule.demandRates(p, r).slot
		}
		daySlot = min(daySlot, s)
	}
	for _, rule := range otherTerms {
		least := math.Inf(1)
		for _, r := range pool {
			least = min(least, rule.demandRates(p, r).slot)
		}
		otherSlot += least
	}
	prices := map[int]float64{}
	longPrice := func(length int) float64 {
		if v, ok := prices[length]; ok {
			return v
		}
		least := math.Inf(1)
		for _, r := range pool {
			s := 0.0
			for _, rule := range dayTerms {
				s += rule.(dayPricer).dayFloor(p, r, length)
			}
			least = min(least, s)
		}
		prices[length] = least
		return least
	}
	total := fees + work*otherSlot
	for r, f := range forced {
		if f {
			total += rates[r].visit
		}
	}
	long := func(s session) bool { return s.oneDay && 2*s.length > dayCap && s.length <= dayCap }
	short, longSum, spares, shorts := 0.0, 0.0, map[int]int{}, map[int]int{}
	divisible := false
	for _, s := range sessions {
		if long(s) {
			longSum += longPrice(s.length)
			total += longPrice(s.length)
			spares[dayCap-s.length]++
		} else {
			short += float64(s.length)
			shorts[s.length]++
			divisible = divisible || !s.oneDay || s.length > dayCap
		}
	}
	filled := spareFilled(spares, shorts, divisible, dayCap)
	rest := max(0, short-filled)
	cheapest := total + rest*daySlot
	if len(spares) == 0 {
		return cheapest
	}
	// The long days and the rest's days by who may work them, each
	// person within the days it can work. A pin names candidates of its
	// demands on slots they are available (placePins holds it to that),
	// so pinned sessions keep to these too.
	member := map[ResourceID]int{}
	people := make([]dayWorker, len(pool))
	for i, r := range pool {
		member[r] = i
		for _, rule := range dayTerms {
			people[i].slotPrice += rule.demandRates(p, r).slot
		}
		people[i].days = daysWorkable(p, r, union)
	}
	byClass := make([]dayClass, len(classes))
	shortest := make([]int, len(classes))
	for _, s := range sessions {
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
	for k, cands := range classes {
		c := &byClass[k]
		c.rest = max(0, c.short-filled)
		for _, r := range cands {
			i, ok := member[r]
			if !ok {
				return cheapest
			}
			price := 0.0
			for _, rule := range dayTerms {
				price += rule.(dayPricer).dayFloor(p, r, max(shortest[k], 1))
			}
			c.members = append(c.members, i)
			c.dayPrice = append(c.dayPrice, price)
		}
	}
	if byWhom, ok := daysByWhom(people, byClass, rest, dayCap); ok {
		return max(cheapest, total-longSum+byWhom)
	}
	return cheapest
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

// daysWorkable counts the days on which r is available in some slot of
// union.
func daysWorkable(p *Problem, r ResourceID, union Bitset) int {
	spd := p.Calendar.SlotsPerDay
	avail := p.Resources[r].Available
	n := 0
	for d := 0; d*spd < p.Slots; d++ {
		for s := Slot(d * spd); s < Slot(min((d+1)*spd, p.Slots)); s++ {
			if union.Has(s) && (avail == nil || avail.Has(s)) {
				n++
				break
			}
		}
	}
	return n
}

// spareFilled bounds how much of the long sessions' spare (their day's
// room past them: spares counts the long days by it) the short sessions
// (shorts counts them by length) can fill. A one-day session goes whole
// into one day, so when every short one is (not divisible) a day's
// spare takes only short lengths that fit it, summing to at most the
// largest such sum within it (a 2-hour spare holds nothing of 3-hour
// sessions), and a length fills only the spares it fits. Filling the
// least spares first with what fits them is a maximal flow of work into
// the spares, because what fits a spare fits every larger one.
func spareFilled(spares, shorts map[int]int, divisible bool, dayCap int) float64 {
	room := 0.0
	if divisible {
		for sp, n := range spares {
			room += float64(sp * n)
		}
		return room
	}
	lengths := slices.Sorted(maps.Keys(shorts))
	within := sumsWithin(lengths, dayCap)
	left := make([]float64, len(lengths))
	for i, l := range lengths {
		left[i] = float64(l * shorts[l])
	}
	filled := 0.0
	for _, sp := range slices.Sorted(maps.Keys(spares)) {
		capacity := float64(within[sp] * spares[sp])
		for i := len(lengths) - 1; i >= 0 && capacity > 0; i-- {
			if lengths[i] > sp {
				continue
			}
			take := min(capacity, left[i])
			left[i] -= take
			capacity -= take
			filled += take
		}
	}
	return filled
}

// sumsWithin returns, for each x up to most, the largest sum at most x of
// lengths, each used any number of times.
func sumsWithin(lengths []int, most int) []int {
	reach := make([]bool, most+1)
	reach[0] = true
	for x := 1; x <= most; x++ {
		for _, l := range lengths {
			if l > 0 && l <= x && reach[x-l] {
				reach[x] = true
				break
			}
		}
	}
	best := make([]int, most+1)
	for x := 1; x <= most; x++ {
		best[x] = best[x-1]
		if reach[x] {
			best[x] = x
		}
	}
	return best
}

// pinnedMask sets mask to the slots a pinned task works, and reports
// false when they are not known: a split task whose pin leaves resources
// to be chosen may work other slots with them.
func pinnedMask(mask Bitset, p *Problem, task *Task) bool {
	clear(mask)
	if task.Split && len(task.Pin.Resources) < demandCount(task) {
		return false
	}
	pieces, _, e := p.expand(nil, task, task.Pin.Start, task.Pin.Resources)
	if e != expandOK {
		return false
	}
	for _, pc := range pieces {
		mask.SetRange(pc.Start, pc.End)
	}
	return true
}

// workable sets dst to the slots of mask in which one of cands is
// available, and returns it. A session that does not split runs in one
// run of slots its resource is available in, so it crosses midnight only
// where this does.
func workable(dst, mask Bitset, p *Problem, cands []ResourceID) Bitset {
	clear(dst)
	for _, r := range cands {
		avail := p.Resources[r].Available
		for w := range dst {
			m := mask[w]
			if avail != nil {
				m = 0
				if w < len(avail) {
					m = mask[w] & avail[w]
				}
			}
			dst[w] |= m
		}
	}
	return dst
}

// crossesMidnight reports whether mask holds the last slot of a day and
// the first of the next: a session could run across midnight.
func crossesMidnight(mask Bitset, spd int) bool {
	for s := spd; s < len(mask)*64; s += spd {
		if mask.Has(Slot(s-1)) && mask.Has(Slot(s)) {
			return true
		}
	}
	return false
}
