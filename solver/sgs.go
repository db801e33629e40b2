package solver

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Scan directions of a schedule generation pass.
const (
	forward  = 1
	backward = -1
)

// startBounds returns the range [lo, hi] of starts of task t allowed by its
// release, deadline, the horizon and the placed neighbours (the successor
// side is a necessary bound; precOK checks it exactly).
func (st *state) startBounds(t TaskID) (lo, hi Slot) {
	p := st.p
	task := &p.Tasks[t]
	if task.Pin != nil {
		return task.Pin.Start, task.Pin.Start
	}
	lo = max(task.Release, 0)
	for _, ei := range p.pred[t] {
		pr := &p.Precedences[ei]
		if !st.placed[pr.From] {
			continue
		}
		x, _ := pr.anchors(st.start[pr.From], st.end[pr.From], 0, 0)
		need := st.dv.advance(x, pr.Lag, pr.LagWorking)
		if pr.toEnd() {
			// The end must reach need: tried from the start at which
			// unbroken work would end there (precOK checks the end).
			need -= Slot(task.Duration)
		}
		lo = max(lo, need)
	}
	if st.minStart != nil {
		lo = max(lo, st.minStart[t])
	}
	// The latest start the deadlines after it allow (dv.lst), not only
	// its own: with an overlap, a session placed at its cheapest start
	// can leave no room for a successor due before it.
	hi = min(p.endLimit(task)-Slot(task.Duration), st.dv.lst[t])
	for _, ei := range p.succ[t] {
		pr := &p.Precedences[ei]
		if !st.placed[pr.To] {
			continue
		}
		_, y := pr.anchors(0, 0, st.start[pr.To], st.end[pr.To])
		v := st.dv.back(y, pr.Lag, pr.LagWorking)
		if pr.fromEnd() {
			v -= Slot(task.Duration)
		}
		hi = min(hi, v)
	}
	return lo, st.maxLagHi(t, hi)
}

// endLimit is the latest end of a task: its deadline or the horizon.
func (p *Problem) endLimit(task *Task) Slot {
	e := Slot(p.Slots)
	if task.Deadline > 0 && task.Deadline < e {
		e = task.Deadline
	}
	return e
}

// precOK checks every precedence between task t (start s, end e) and the
// placed tasks exactly.
func (st *state) precOK(t TaskID, s, e Slot) bool {
	p := st.p
	for _, ei := range p.pred[t] {
		pr := &p.Precedences[ei]
		if !st.placed[pr.From] {
			continue
		}
		x, y := pr.anchors(st.start[pr.From], st.end[pr.From], s, e)
		if y < st.dv.advance(x, pr.Lag, pr.LagWorking) {
			return false
		}
	}
	for _, ei := range p.succ[t] {
		pr := &p.Precedences[ei]
		if !st.placed[pr.To] {
			continue
		}
		x, y := pr.anchors(s, e, st.start[pr.To], st.end[pr.To])
		if st.dv.advance(x, pr.Lag, pr.LagWorking) > y {
			return false
		}
	}
	return st.maxLagOK(t, s, e)
}

// capConflict looks for a slot of [a, b) where resource r is unavailable
// or lacks units of spare capacity: the last such slot when scanning
// forward (the next start to try is one past it), the first when scanning
// backward.
func (st *state) capConflict(r ResourceID, units int32, a, b Slot, dir int) (Slot, bool) {
	res := &st.p.Resources[r]
	use := st.tl[r].use
	c := int32(res.Capacity) - units
	if dir == forward {
		for s := b - 1; s >= a; s-- {
			if use[s] > c || !res.Available.Has(s) {
				return s, true
			}
		}
		return 0, false
	}
	for s := a; s < b; s++ {
		if use[s] > c || !res.Available.Has(s) {
			return s, true
		}
	}
	return 0, false
}

// capOK checks capacity and availability of r over pieces.
func (st *state) capOK(r ResourceID, units int32, pieces []Interval) bool {
	for _, iv := range pieces {
		if _, bad := st.capConflict(r, units, iv.Start, iv.End, backward); bad {
			return false
		}
	}
	return true
}

// windowConflict is capConflict for the task's Window.
func windowConflict(task *Task, a, b Slot, dir int) (Slot, bool) {
	if task.Window == nil {
		return 0, false
	}
	if dir == forward {
		for s := b - 1; s >= a; s-- {
			if !task.Window.Has(s) {
				return s, true
			}
		}
		return 0, false
	}
	for s := a; s < b; s++ {
		if !task.Window.Has(s) {
			return s, true
		}
	}
	return 0, false
}

// jumpPast is the next start worth trying after a conflict at slot c for a
// task of length d.
func jumpPast(c, d Slot, dir int) Slot {
	if dir == forward {
		return c + 1
	}
	return c - d
}

// rulesOK checks resource r's working-time rules on the days pieces touch,
// with the pieces already added.
func (st *state) rulesOK(r ResourceID, pieces []Interval) bool {
	return st.rulesHold(r, pieces, true)
}

// rulesHold is rulesOK, with the journey there checked only when travel
// is set: a pin goes down before the work around it, and the day it
// seems to open a visit may join one once a session the day before is
// placed. Its travel is then left to the search's penalty, which every
// feasible schedule clears.
func (st *state) rulesHold(r ResourceID, pieces []Interval, travel bool) bool {
	dv := st.dv
	rules := &st.p.Resources[r].Rules
	if dv.spd == 0 || !rules.limits() {
		return true
	}
	tl := &st.tl[r]
	prev := -1
	for _, iv := range pieces {
		for d := dv.dayOf(iv.Start); d <= dv.dayOf(iv.End-1); d++ {
			if d == prev {
				continue
			}
			prev = d
			if rules.MaxSlotsPerDay > 0 && int(tl.busyDay[d]) > rules.MaxSlotsPerDay {
				return false
			}
			if rules.MinRestSlots > 0 && (!st.restOK(r, d-1) || !st.restOK(r, d)) {
				return false
			}
			if rules.MaxDaysPerWeek > 0 && st.daysInWeek(r, dv.weekOf(d)) > rules.MaxDaysPerWeek {
				return false
			}
			if rules.MaxSlotsPerWeek > 0 && st.slotsInWeek(r, dv.weekOf(d)) > rules.MaxSlotsPerWeek {
				return false
			}
			if travel && rules.TravelSlots > 0 && !st.travelOK(r, d, false) {
				return false
			}
		}
	}
	return true
}

// restOK checks the rest between day d and day d+1 of resource r: the
// slots strictly between the last busy slot of d and the first of d+1.
func (st *state) restOK(r ResourceID, d int) bool {
	dv := st.dv
	tl := &st.tl[r]
	if d < 0 || d+1 >= dv.nDays || tl.busyDay[d] == 0 || tl.busyDay[d+1] == 0 {
		return true
	}
	last := Slot((d+1)*dv.spd - 1)
	for tl.use[last] == 0 {
		last--
	}
	first := Slot((d + 1) * dv.spd)
	for tl.use[first] == 0 {
		first++
	}
	return int(first-last-1) >= st.p.Resources[r].Rules.MinRestSlots
}

// daysInWeek counts the days of week w on which r works.
func (st *state) daysInWeek(r ResourceID, w int) int {
	dv := st.dv
	n := 0
	for d := max(7*w-dv.weekOffset, 0); d < min(7*w-dv.weekOffset+7, dv.nDays); d++ {
		if st.tl[r].busyDay[d] > 0 {
			n++
		}
	}
	return n
}

// slotsInWeek counts the slots of week w in which r works.
func (st *state) slotsInWeek(r ResourceID, w int) int {
	dv := st.dv
	n := 0
	for d := max(7*w-dv.weekOffset, 0); d < min(7*w-dv.weekOffset+7, dv.nDays); d++ {
		n += int(st.tl[r].busyDay[d])
	}
	return n
}

// hasRules reports whether resource r has working-time rules that apply.
func (st *state) hasRules(r ResourceID) bool {
	ru := &st.p.Resources[r].Rules
	return st.dv.spd > 0 && ru.limits()
}

// tryStart tries to place task t at start s without changing the state.
// It chooses resources demand by demand (the first feasible candidate, or
// with costMode the cheapest, blurred by noise), expands the pieces and
// checks capacity, availability, rules, precedences and limits (without
// costMode a pool gives its least-loaded feasible candidate). On
// success the resources are in st.sc.res and the pieces in st.sc.pieces,
// and with costMode score is the change in the penalised objective. On
// failure jump is the next start worth trying in direction dir. The score
// excludes the unplaced-task penalty the insertion removes.
func (st *state) tryStart(t TaskID, s Slot, dir int, costMode bool, rng *rand.Rand, noise float64) (score float64, end Slot, ok bool, jump Slot) {
	p := st.p
	task := &p.Tasks[t]
	d := Slot(task.Duration)
	next := s + Slot(dir)
	units := st.dv.units[t]
	if !task.Window.Has(s) {
		return 0, 0, false, next
	}
	if !task.Split {
		if c, bad := windowConflict(task, s, s+d, dir); bad {
			return 0, 0, false, jumpPast(c, d, dir)
		}
		if s+d > p.endLimit(task) || !st.precOK(t, s, s+d) {
			return 0, 0, false, next
		}
		st.sc.pieces = st.sc.pieces[:0]
		if d > 0 {
			st.sc.pieces = append(st.sc.pieces, Interval{s, s + d})
		}
	}
	chosen := st.sc.res[:0]
	for di := range task.Demands {
		dem := &task.Demands[di]
		u := units[len(chosen)]
		for k := 0; k < dem.count(); k++ {
			best, bestScore := ResourceID(-1), math.Inf(1)
			dj := farSlot * Slot(dir)
			req := ResourceID(-1)
			if st.dv.same != nil {
				var agree bool
				if req, agree = st.sameReq(t, len(chosen)); !agree {
					st.sc.res = chosen
					return 0, 0, false, next
				}
			}
			for _, r := range dem.Candidates {
				if (req >= 0 && r != req) || !st.sameAllows(t, len(chosen), r) {
					continue
				}
				if containsRes(chosen, r) {
					// Held by an earlier demand here, it may be free for
					// this one at the next start: no jump past it.
					dj = foldJump(dj, next, dir)
					continue
				}
				sc, okR, j := st.candidateScore(task, r, u, s, dir, chosen, costMode)
				if !okR {
					dj = foldJump(dj, j, dir)
					continue
				}
				if costMode && st.dv.hand[t] != nil {
					sc += st.handoverFor(t, len(chosen), r)
				}
				sc = blur(sc, noise, rng)
				if sc < bestScore {
					best, bestScore = r, sc
				}
				if !costMode && len(dem.Candidates) == dem.count() {
					break // every candidate is needed: no choice to make
				}
			}
			if best < 0 {
				best = st.augment(t, dem, u, s, dir, chosen, costMode)
			}
			if best < 0 {
				st.sc.res = chosen
				return 0, 0, false, dj
			}
			chosen = append(chosen, best)
		}
	}
	st.sc.res = chosen
	end = s + d
	if task.Split {
		var e expandError
		st.sc.pieces, end, e = p.expand(st.sc.pieces, task, s, chosen)
		if e != expandOK || end > p.endLimit(task) || !st.precOK(t, s, end) {
			return 0, 0, false, next
		}
		for i, r := range chosen {
			if !st.capOK(r, units[i], st.sc.pieces) {
				return 0, 0, false, next
			}
		}
	} else if d == 0 && (s < 0 || int(s) > p.Slots) {
		return 0, 0, false, next
	}
	needRules := false
	if task.Split {
		for _, r := range chosen {
			needRules = needRules || st.hasRules(r)
		}
	}
	if !costMode && !needRules {
		return 0, end, true, 0
	}
	before := st.objective()
	st.place(t, s, chosen, st.sc.pieces, end)
	if needRules {
		for _, r := range chosen {
			if !st.rulesOK(r, st.sc.pieces) {
				st.unplace(t)
				return 0, 0, false, next
			}
		}
	}
	// The task leaves the unplaced set: leave that constant out so that
	// scores (and the noise scaled by them) measure the cost it adds.
	score = st.objective() - before + unplacedPenalty
	st.unplace(t)
	return score, end, true, 0
}

// candidateScore checks whether resource r can serve one demand of task
// at start s with u units, given the resources already chosen, and scores
// it: the cost it adds with costMode, else its load. When r cannot serve,
// jump is the next start worth trying in direction dir.
func (st *state) candidateScore(task *Task, r ResourceID, u int32, s Slot, dir int, chosen []ResourceID, costMode bool) (sc float64, ok bool, jump Slot) {
	p := st.p
	d := Slot(task.Duration)
	next := s + Slot(dir)
	pieces := st.sc.pieces
	partial := false // a split session with resources still to choose
	if task.Split {
		var e expandError
		set := st.sc.set[:0]
		for _, c := range chosen {
			if c >= 0 { // an augmenting search leaves -1 in the slot it fills
				set = append(set, c)
			}
		}
		st.sc.set = append(set, r)
		partial = len(st.sc.set) < demandCount(task)
		var end Slot
		pieces, end, e = p.expand(st.sc.pieces2, task, s, st.sc.set)
		st.sc.pieces2 = pieces
		// A resource whose hours push the end past the task's limit
		// cannot serve: more resources only end it later, so keeping it
		// would fail the start whatever else is chosen.
		if e != expandOK || end > p.endLimit(task) || !st.capOK(r, u, pieces) {
			return 0, false, next
		}
	} else if d > 0 {
		if c, bad := st.capConflict(r, u, s, s+d, dir); bad {
			return 0, false, jumpPast(c, d, dir)
		}
	}
	// Without costs, the least-loaded candidate.
	sc = float64(st.tl[r].load)
	if costMode && !st.hasRules(r) {
		if added, ok := st.addedCost(r, pieces, u); ok {
			return added, true, 0
		}
	}
	if costMode || st.hasRules(r) {
		before := st.tl[r].cost
		st.addRes(r, pieces, u, 1)
		okR := st.rulesOK(r, pieces)
		if costMode {
			sc = st.tl[r].cost - before
		}
		st.addRes(r, pieces, u, -1)
		if !okR {
			if !partial {
				return 0, false, next
			}
			// A split session's pieces follow everyone on it: one still
			// to be chosen may be away for an hour and move the work
			// past it, leaving this person the rest a rule asks for.
			// So a person who breaks a rule on the pieces so far is
			// kept as a last resort; tryStart checks the whole set.
			sc += rulesDoubt
		}
	}
	return sc, true, 0
}

// rulesDoubt is added to the score of a candidate that breaks a work
// rule on a split session's pieces before its last resource is chosen:
// far above any real cost, so it is taken only when no other serves.
const rulesDoubt = 1e12

// augment finds a resource for the next demand of task t (flat index
// len(chosen)) when every candidate that could serve it is held by an
// earlier demand of the same task: it searches for an augmenting path
// (Kuhn's bipartite matching), so that a person who holds two of the roles
// a session needs ends up where only they fit. It returns the resource for
// the new demand, with chosen updated in place, or -1. Only tasks whose
// demands share candidates ever get past the first check.
func (st *state) augment(t TaskID, dem *Demand, u int32, s Slot, dir int, chosen []ResourceID, costMode bool) ResourceID {
	shared := false
	for _, r := range dem.Candidates {
		if containsRes(chosen, r) {
			shared = true
			break
		}
	}
	if !shared {
		return -1
	}
	j := len(chosen)
	// The augmenting path may move earlier slots' holders; when append
	// reallocates, copy those moves back into the caller's slice.
	ext := append(chosen, -1)
	st.sc.visited = st.sc.visited[:0]
	if st.assignSlot(t, j, ext, s, dir, costMode) {
		copy(chosen, ext[:j])
		return ext[j]
	}
	return -1
}

// assignSlot gives flat demand slot j of task t a feasible resource, moving
// the holders of taken candidates to others where it must.
func (st *state) assignSlot(t TaskID, j int, chosen []ResourceID, s Slot, dir int, costMode bool) bool {
	task := &st.p.Tasks[t]
	u := st.dv.units[t][j]
	req := ResourceID(-1)
	if st.dv.same != nil {
		var agree bool
		if req, agree = st.sameReq(t, j); !agree {
			return false
		}
	}
	for _, r := range demandOfSlot(task, j).Candidates {
		if (req >= 0 && r != req) || !st.sameAllows(t, j, r) || containsRes(st.sc.visited, r) {
			continue
		}
		// Only a candidate that can serve this slot is visited (Kuhn's
		// algorithm marks the ends of edges): one turned away here for
		// want of units may still serve another slot on the path.
		if _, ok, _ := st.candidateScore(task, r, u, s, dir, chosen, costMode); !ok {
			continue
		}
		st.sc.visited = append(st.sc.visited, r)
		k := slices.Index(chosen, r)
		if k < 0 || st.assignSlot(t, k, chosen, s, dir, costMode) {
			chosen[j] = r
			return true
		}
	}
	return false
}

// demandOfSlot returns the demand that the j-th flattened resource of a
// placement serves.
func demandOfSlot(task *Task, j int) *Demand {
	for di := range task.Demands {
		n := task.Demands[di].count()
		if j < n {
			return &task.Demands[di]
		}
		j -= n
	}
	return nil
}

// foldJump keeps the smallest safe jump of a demand's candidates.
func foldJump(acc, j Slot, dir int) Slot {
	if dir == forward {
		return min(acc, j)
	}
	return max(acc, j)
}

func containsRes(rs []ResourceID, r ResourceID) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// placeEarliest schedules task t at its earliest feasible start with the
// first feasible resources (serial SGS step). It reports false when no
// start in range works.
func (st *state) placeEarliest(t TaskID) bool {
	return st.earliestFit(t, farSlot, false, nil, 0)
}

// earliestFit places task t at its earliest feasible start no later than
// hi, choosing the resources there as tryStart does with costMode (the
// cheapest, blurred by noise) or without (the first feasible, a pool's
// least loaded). It reports false when no start up to hi works.
func (st *state) earliestFit(t TaskID, hi Slot, costMode bool, rng *rand.Rand, noise float64) bool {
	lo, h := st.startBounds(t)
	hi = min(hi, h)
	task := &st.p.Tasks[t]
	for s := lo; s <= hi; {
		if s = st.p.nextInWindow(task, s); s > hi {
			break
		}
		_, end, ok, jump := st.tryStart(t, s, forward, costMode, rng, noise)
		if ok {
			st.place(t, s, st.sc.res, st.sc.pieces, end)
			return true
		}
		s = max(jump, s+1)
	}
	return false
}

// placeLatest schedules task t at its latest feasible start that ends by
// endBy (backward SGS step of forward–backward improvement).
func (st *state) placeLatest(t TaskID, endBy Slot) bool {
	lo, hi := st.startBounds(t)
	hi = min(hi, endBy-Slot(st.p.Tasks[t].Duration))
	for s := hi; s >= lo; {
		_, end, ok, jump := st.tryStart(t, s, backward, false, nil, 0)
		if ok && end <= endBy {
			st.place(t, s, st.sc.res, st.sc.pieces, end)
			return true
		}
		if ok {
			jump = s - 1
		}
		s = min(jump, s-1)
	}
	return false
}
