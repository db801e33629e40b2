package solver

import "slices"

// maxBlockers caps the tasks unblock moves aside for one task: it repairs
// a task boxed in by a few neighbours; a crowded stretch is the LNS's job.
const maxBlockers = 8

// unblockPasses caps unblockAll's passes: a task unblocked in one pass
// may free the way for another in the next, but rarely for long.
const unblockPasses = 3

// unblockAll tries unblock on every unplaced task, in topological order,
// pass after pass while a pass places one (at most unblockPasses), until
// halt says to stop.
//
// Every other placement path (construction, squeaky-wheel rebuilds, ruin
// and recreate) inserts a predecessor before its successors and gives it
// its cheapest resources there. When a successor may overlap its
// predecessor (a negative lag) and both draw on one pool, the predecessor
// can take the only resource the successor could use in its window, and
// make the same choice on every rebuild: the successor is never placed,
// however long the search runs.
func (st *state) unblockAll(halt func() bool) {
	p := st.p
	for pass, progress := 0, true; progress && pass < unblockPasses && st.nPlaced < len(p.Tasks); pass++ {
		progress = false
		for _, t := range p.topo {
			if st.placed[t] || p.Tasks[t].Pin != nil {
				continue
			}
			if halt != nil && halt() {
				st.resync()
				return
			}
			if st.unblock(t) {
				progress = true
			}
		}
	}
	st.resync()
}

// unblock tries to place task t, for which no start fits, by taking out
// the placed tasks that hold one of its candidates within its time range,
// placing t first (with the cheapest resources, as insertBest does) and
// putting each of them back, at its old start where that still fits (on
// other resources) and otherwise at its best start. It keeps the result
// only when every one of them is back, and otherwise restores them. It
// reports whether t is placed.
func (st *state) unblock(t TaskID) bool {
	p := st.p
	task := &p.Tasks[t]
	lo, hi := st.startBounds(t)
	if task.Duration == 0 || lo > hi {
		return false // nothing held blocks it: its neighbours' times do
	}
	to := hi + Slot(task.Duration)
	if task.Split {
		to = p.endLimit(task) // pieces may run on to the deadline
	}
	blockers, ok := st.blockersOf(t, lo, to)
	if !ok || len(blockers) == 0 {
		return false
	}
	starts := make([]Slot, len(blockers))
	res := make([][]ResourceID, len(blockers))
	for i, b := range blockers {
		starts[i], res[i] = st.start[b], slices.Clone(st.res[b])
		st.unplace(b)
	}
	if st.insertBest(t, nil, 0) {
		back := true
		for i, b := range blockers {
			if !st.placeAt(b, starts[i]) && !st.insertBest(b, nil, 0) {
				back = false
				break
			}
		}
		if back {
			return true
		}
		st.unplace(t)
		for _, b := range blockers {
			if st.placed[b] {
				st.unplace(b)
			}
		}
	}
	for i, b := range blockers {
		pieces, end, _ := p.expand(st.sc.pieces, &p.Tasks[b], starts[i], res[i])
		st.sc.pieces = pieces
		st.place(b, starts[i], res[i], pieces, end)
	}
	return false
}

// blockersOf lists, in topological order, the placed tasks that are not
// pinned and work on one of task t's candidates within [from, to). It
// reports false when there are more than maxBlockers.
func (st *state) blockersOf(t TaskID, from, to Slot) ([]TaskID, bool) {
	p := st.p
	var out []TaskID
	for _, b := range p.topo {
		if b == t || !st.placed[b] || p.Tasks[b].Pin != nil || !st.holdsCandidateOf(b, t) {
			continue
		}
		for _, iv := range st.pieces[b] {
			if iv.Start < to && iv.End > from {
				if len(out) == maxBlockers {
					return nil, false
				}
				out = append(out, b)
				break
			}
		}
	}
	return out, true
}

// holdsCandidateOf reports whether placed task b holds a resource that
// some demand of task t could use.
func (st *state) holdsCandidateOf(b, t TaskID) bool {
	for _, dem := range st.p.Tasks[t].Demands {
		for _, r := range st.res[b] {
			if containsRes(dem.Candidates, r) {
				return true
			}
		}
	}
	return false
}

// placeAt places task t at start s, with the cheapest resources that fit
// there, when s is within its bounds. It reports whether it did.
func (st *state) placeAt(t TaskID, s Slot) bool {
	lo, hi := st.startBounds(t)
	if s < lo || s > hi {
		return false
	}
	if _, end, ok, _ := st.tryStart(t, s, forward, true, nil, 0); ok {
		st.place(t, s, st.sc.res, st.sc.pieces, end)
		return true
	}
	return false
}
