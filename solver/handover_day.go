package solver

import "math/rand/v2"

// dayHandoverMax is the most tasks one day handover moves: two people's
// work on one day with the tasks tied to it by a same-resource rule.
const dayHandoverMax = 40

// weekHandoverMax is the most tasks a week handover moves.
const weekHandoverMax = 150

// dayHandover is an LNS move that keeps the times and changes who does
// the work: one pool member's tasks on one day go to another member of
// the pool at the same starts, and the other's tasks that day come back
// to the first. A day is paid whole, so a cheaper person's day costs less
// only when all of a dearer person's work that day moves to it at once,
// and a thin day is emptied only when all of its work goes; a ruin of a
// few tasks recreated at their best starts seldom does either, and moves
// times that did not need to move. When either is hired by the week, half
// the handovers take the whole week: a week's hire is paid whole too, and
// handing it over a day at a time is uphill at every step.
type dayHandover struct {
	from, to ResourceID
}

// handOverDay appends to dst the tasks of a day handover: the tasks a
// random task's pool member holds on that task's first day (or week),
// those another member of the pool holds then, and the tasks tied to them
// by a same-resource rule. It reports false when no handover was found
// within dayHandoverMax (weekHandoverMax) tasks, pins included, leaving
// dst as it was.
func (st *state) handOverDay(dst []TaskID, rng *rand.Rand) ([]TaskID, dayHandover, bool) {
	p := st.p
	n := len(p.Tasks)
	if st.dv.spd <= 0 || n == 0 {
		return dst, dayHandover{}, false
	}
	for tries := 0; tries < 8; tries++ {
		seed := TaskID(rng.IntN(n))
		if !st.placed[seed] || p.Tasks[seed].Pin != nil {
			continue
		}
		from, pool := st.choiceEntry(seed, rng)
		if pool == nil {
			continue
		}
		to := pool[rng.IntN(len(pool))]
		if to == from {
			continue
		}
		h := dayHandover{from: from, to: to}
		n0 := len(dst)
		d := st.dv.dayOf(st.start[seed])
		lo, hi, most := Slot(d*st.dv.spd), Slot((d+1)*st.dv.spd), dayHandoverMax
		if (p.Resources[from].Rate.Week > 0 || p.Resources[to].Rate.Week > 0) && rng.IntN(2) == 0 {
			// A week's hire is paid whole too: hand over the week.
			monday := 7*st.dv.weekOf(d) - st.dv.weekOffset
			first, last := max(monday, 0), min(monday+7, st.dv.nDays)
			lo, hi, most = Slot(first*st.dv.spd), Slot(last*st.dv.spd), weekHandoverMax
		}
		var ok bool
		if dst, ok = st.handoverTasks(dst, h, lo, hi, most); ok {
			return dst, h, true
		}
		dst = dst[:n0]
	}
	return dst, dayHandover{}, false
}

// choiceEntry picks one of task t's resources held through a demand with
// a choice, and returns it with the demand's candidates (nil when t has
// no such entry).
func (st *state) choiceEntry(t TaskID, rng *rand.Rand) (ResourceID, []ResourceID) {
	task := &st.p.Tasks[t]
	demandAt := func(i int) *Demand { return &task.Demands[st.dv.demandOf[t][i]] }
	i := pickWhere(len(st.res[t]), func(i int) bool { return demandAt(i).choice() }, rng)
	if i < 0 {
		return -1, nil
	}
	return st.res[t][i], demandAt(i).Candidates
}

// handoverTasks appends the tasks of handover h in slots [lo, hi) to
// dst, and reports false when they are more than most or one is pinned.
func (st *state) handoverTasks(dst []TaskID, h dayHandover, lo, hi Slot, most int) ([]TaskID, bool) {
	p := st.p
	mark := st.sc.mark
	n0 := len(dst)
	for _, t := range dst {
		mark[t] = true
	}
	ok := true
	add := func(t TaskID) {
		if mark[t] {
			return
		}
		mark[t] = true
		dst = append(dst, t)
		if p.Tasks[t].Pin != nil || len(dst)-n0 > most {
			ok = false
		}
	}
	for _, r := range [2]ResourceID{h.from, h.to} {
		for _, t := range st.nb.onRes[r] {
			if touches(st.pieces[t], lo, hi) {
				add(t)
			}
		}
	}
	if st.dv.same != nil {
		// A task that must keep another's person takes that task along.
		for i := n0; i < len(dst) && ok; i++ {
			t := dst[i]
			for _, l := range st.dv.same[t] {
				if r := st.res[t][l.slot]; r == h.from || r == h.to {
					add(l.other)
				}
			}
		}
	}
	for _, t := range dst {
		mark[t] = false
	}
	return dst, ok
}

// touches reports whether any of pieces overlaps [lo, hi).
func touches(pieces []Interval, lo, hi Slot) bool {
	for _, pc := range pieces {
		if pc.Start < hi && pc.End > lo {
			return true
		}
	}
	return false
}

// recreateHandedOver puts the tasks of a day handover back at their old
// starts with h.from and h.to swapped, in topological order; a task that
// does not fit so, or was not placed before, is inserted at its best
// start as in greedyRecreate.
func (st *state) recreateHandedOver(tasks []TaskID, h dayHandover, rng *rand.Rand, noise float64) {
	res := st.sc.handed
	for _, t := range tasks {
		if st.placed[t] {
			continue
		}
		if st.sc.oldWas[t] {
			res = append(res[:0], st.sc.oldRes[t]...)
			for i, r := range res {
				switch r {
				case h.from:
					res[i] = h.to
				case h.to:
					res[i] = h.from
				}
			}
			if st.tryExact(t, st.sc.oldStart[t], res) {
				continue
			}
		}
		st.insertBest(t, rng, noise)
	}
	st.sc.handed = res
}
