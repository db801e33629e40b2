package solver

import (
	"fmt"
	"math/rand/v2"
)

// priorityList returns the tasks in a precedence-feasible order that
// favours small latest starts (the critical path and deadlines first),
// blurred by noise (0 gives the deterministic order, ties broken by the
// topological position).
func (p *Problem) priorityList(dst []TaskID, rng *rand.Rand, noise float64) []TaskID {
	key := make([]float64, len(p.Tasks))
	for t := range p.Tasks {
		key[t] = float64(p.drv.lst[t])
	}
	return p.keyedList(dst, key, rng, noise)
}

// keyedList returns the tasks in a precedence-feasible order that
// favours small keys (in slots), blurred by noise as priorityList
// describes. It adds the noise to key in place.
func (p *Problem) keyedList(dst []TaskID, key []float64, rng *rand.Rand, noise float64) []TaskID {
	dv := p.drv
	n := len(p.Tasks)
	dst = dst[:0]
	indeg := make([]int32, n)
	for _, pr := range p.Precedences {
		indeg[pr.To]++
	}
	ready := make([]TaskID, 0, n)
	span := float64(p.Slots) / float64(max(n, 1))
	for t := range p.Tasks {
		if noise > 0 {
			key[t] += noise * span * rng.Float64() * float64(n) / 4
		}
		if indeg[t] == 0 {
			ready = append(ready, TaskID(t))
		}
	}
	for len(ready) > 0 {
		bi := 0
		for i, t := range ready {
			b := ready[bi]
			if key[t] < key[b] || (key[t] == key[b] && dv.topoIdx[t] < dv.topoIdx[b]) {
				bi = i
			}
		}
		t := ready[bi]
		ready[bi] = ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		dst = append(dst, t)
		for _, ei := range p.succ[t] {
			to := p.Precedences[ei].To
			indeg[to]--
			if indeg[to] == 0 {
				ready = append(ready, to)
			}
		}
	}
	return dst
}

// tryExact places task t at start with exactly the resources res when that
// is feasible with what is already placed (pins, warm starts). It reports
// whether it did.
func (st *state) tryExact(t TaskID, start Slot, res []ResourceID) bool {
	return st.tryAt(t, start, res, true)
}

// tryAt is tryExact, with the journey there checked only when travel is
// set (see rulesHold).
func (st *state) tryAt(t TaskID, start Slot, res []ResourceID, travel bool) bool {
	p := st.p
	task := &p.Tasks[t]
	if len(res) != st.dv.nRes[t] {
		return false
	}
	// Each entry must be a distinct candidate of its demand.
	for i, r := range res {
		dem := &task.Demands[st.dv.demandOf[t][i]]
		if !containsRes(dem.Candidates, r) || containsRes(res[:i], r) {
			return false
		}
	}
	if start < task.Release || (st.dv.same != nil && !st.sameOK(t, res)) {
		return false
	}
	pieces, end, e := p.expand(st.sc.pieces, task, start, res)
	st.sc.pieces = pieces
	if e != expandOK || end > p.endLimit(task) || !st.precOK(t, start, end) {
		return false
	}
	units := st.dv.units[t]
	for i, r := range res {
		if !st.capOK(r, units[i], pieces) {
			return false
		}
	}
	st.place(t, start, res, pieces, end)
	for _, r := range res {
		if !st.rulesHold(r, pieces, travel) {
			st.unplace(t)
			return false
		}
	}
	return true
}

// placePins puts every pinned task at its pin. Pins that cannot hold
// together make the problem infeasible.
func (st *state) placePins() error {
	p := st.p
	for _, t := range p.topo {
		task := &p.Tasks[t]
		if task.Pin == nil {
			continue
		}
		if !st.tryAt(t, task.Pin.Start, task.Pin.Resources, false) {
			return &InfeasibleError{Reason: fmt.Sprintf("pinned task %q cannot sit at its pin", task.Name)}
		}
	}
	return nil
}

// construct builds a schedule from scratch: pins, then the warm start
// where it still fits, then every other task in priority order by the
// serial schedule generation scheme. Each task goes to its earliest
// feasible start, with the cheapest resources there when the objective has
// costs; with cheapest set, to the cheapest of its first feasible starts.
func (st *state) construct(order []TaskID, warm []Placement, rng *rand.Rand, noise float64, cheapest bool) error {
	return st.constructUntil(order, warm, rng, noise, cheapest, nil)
}

// haltEvery is how many tasks construction places between calls to its
// halt function.
const haltEvery = 32

// constructUntil is construct that asks halt (when not nil) every
// haltEvery tasks whether to stop, leaving the rest unplaced: a
// cost-first construction of a large series can take longer than the
// whole time limit.
func (st *state) constructUntil(order []TaskID, warm []Placement, rng *rand.Rand, noise float64, cheapest bool, halt func() bool) error {
	st.clear()
	if err := st.placePins(); err != nil {
		return err
	}
	if len(warm) == len(st.placed) {
		for _, t := range st.p.topo {
			if !st.placed[t] {
				st.tryExact(t, warm[t].Start, warm[t].Resources)
			}
		}
	}
	shifts := 0
	for i := 0; i < len(order); i++ {
		t := order[i]
		if halt != nil && i%haltEvery == haltEvery-1 && halt() {
			break
		}
		if st.placed[t] {
			continue
		}
		var ok, handled bool
		if st.dv.same != nil {
			handled, ok = st.placeGroup(t, cheapest, rng, noise)
		}
		switch {
		case handled:
		case st.dv.pure || !st.dv.hasCost:
			ok = st.placeEarliest(t)
		case cheapest:
			ok = st.insertBest(t, rng, noise)
		default:
			ok = st.insertEarliest(t, rng, noise)
		}
		if !ok && shifts < maxShiftRounds {
			if j := st.shiftForMaxLags(t, order, i); j >= 0 {
				shifts++
				i = j - 1
			}
		}
	}
	if shifts > 0 {
		clear(st.minStart)
	}
	st.justInTime(st.p.topo)
	st.resync()
	return nil
}
