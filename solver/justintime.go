package solver

// justInTime moves each placed task of tasks (in topological order) that
// has an earliness weight to its latest feasible start, successors first,
// with the cheapest resources there; a move is kept only when it lowers
// the objective. A forward placement puts work as early as it fits, and
// a documentary whose transmission is months away would otherwise finish
// months early: this pass brings each episode's chain up against its
// delivery, its successors having moved first to make room.
func (st *state) justInTime(tasks []TaskID) {
	if !st.dv.early {
		return
	}
	p := st.p
	for i := len(tasks) - 1; i >= 0; i-- {
		t := tasks[i]
		task := &p.Tasks[t]
		if !st.placed[t] || task.Pin != nil || task.Target <= 0 || task.EarlinessPerDay == 0 {
			continue
		}
		before := st.objective()
		old := st.lift(t)
		if st.placeLatestCheapest(t) && st.objective() < before-improveEps {
			continue
		}
		if st.placed[t] {
			st.unplace(t)
		}
		st.place(t, old.start, old.res, old.pieces, old.end)
	}
}

// jitScratch keeps a task's placement while justInTime tries a later one.
type jitScratch struct {
	start, end Slot
	res        []ResourceID
	pieces     []Interval
}

// lift unplaces task t, keeping its placement in st.sc.jit (whose
// storage it reuses), and returns it to put back.
func (st *state) lift(t TaskID) jitScratch {
	old := st.sc.jit
	old.start, old.end = st.start[t], st.end[t]
	old.res = append(old.res[:0], st.res[t]...)
	old.pieces = append(old.pieces[:0], st.pieces[t]...)
	st.sc.jit = old
	st.unplace(t)
	return old
}

// placeLatestCheapest places task t at its latest feasible start, with
// the cheapest resources there. It reports false when no start works.
func (st *state) placeLatestCheapest(t TaskID) bool {
	lo, hi := st.startBounds(t)
	for s := hi; s >= lo; {
		_, end, ok, jump := st.tryStart(t, s, backward, true, nil, 0)
		if ok {
			st.place(t, s, st.sc.res, st.sc.pieces, end)
			return true
		}
		s = min(jump, s-1)
	}
	return false
}
