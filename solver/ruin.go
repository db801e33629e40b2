package solver

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// ruinKind names a way of choosing tasks to take out of a schedule.
type ruinKind uint8

// Ruin operators.
const (
	ruinRandom   ruinKind = iota // a random subset
	ruinWindow                   // tasks starting near a random task
	ruinResource                 // tasks sharing a random task's resource, near it in time
	ruinChain                    // a task and its predecessors and successors
	ruinArtiste                  // one travelling resource's tasks, up to k
	ruinPool                     // a pool's tasks in a week of a random task
	ruinThin                     // a pool's tasks on its thinnest days in a week
	ruinHandover                 // two pool members' work on one day, swapped (dayHandover)
	ruinThinDay                  // a resource's work on a thin day and the work after it
	ruinKinds

	// ruinTimeless is how many of the kinds, from the first, the search
	// uses on a problem without days: the pool ruin frees days and weeks
	// of hire and, where there are none, only took turns from the others
	// (iMOPSE, every 6th instance at 5 s: +0.21 % over the 23 Nov
	// makespans against -0.17 % without it).
	ruinTimeless = ruinPool
)

// ruin chooses up to k movable tasks by operator kind and appends them to
// dst, each once. Pinned tasks are never chosen.
func (st *state) ruin(dst []TaskID, kind ruinKind, k int, rng *rand.Rand) []TaskID {
	p := st.p
	n := len(p.Tasks)
	mark := st.sc.mark
	for _, t := range dst {
		mark[t] = true
	}
	movable := func(t TaskID) bool { return !mark[t] && p.Tasks[t].Pin == nil && st.placed[t] }
	add := func(t TaskID) {
		if movable(t) {
			mark[t] = true
			dst = append(dst, t)
		}
	}
	seed := TaskID(rng.IntN(n))
	for tries := 0; tries < n && (p.Tasks[seed].Pin != nil || !st.placed[seed]); tries++ {
		seed = TaskID((int(seed) + 1) % n)
	}
	switch kind {
	case ruinRandom:
		for i := 0; i < 4*k && len(dst) < k; i++ {
			add(TaskID(rng.IntN(n)))
		}
	case ruinWindow, ruinResource:
		// The k tasks nearest in start time to the seed, optionally only
		// those sharing one of its resources.
		var r ResourceID = -1
		if kind == ruinResource && len(st.res[seed]) > 0 {
			r = st.res[seed][rng.IntN(len(st.res[seed]))]
		}
		add(seed)
		if need := k - len(dst); need > 0 {
			n0 := len(dst)
			dst = st.nearest(dst, seed, r, need, movable)
			for _, t := range dst[n0:] {
				mark[t] = true
			}
		}
	case ruinChain:
		add(seed)
		for i := 0; i < len(dst) && len(dst) < k; i++ {
			t := dst[i]
			for _, ei := range p.succ[t] {
				add(p.Precedences[ei].To)
			}
			for _, ei := range p.pred[t] {
				add(p.Precedences[ei].From)
			}
		}
		if len(dst) > k {
			for _, t := range dst[k:] {
				mark[t] = false
			}
			dst = dst[:k]
		}
	case ruinPool, ruinThin:
		near := st.poolWeek(seed, rng, kind == ruinThin)
		if near == nil {
			return st.ruin(dst, ruinResource, k, rng)
		}
		add(seed)
		for _, t := range near {
			if len(dst) >= k {
				break
			}
			add(t)
		}
	case ruinThinDay:
		r, lo, hi, ok := st.thinDay(seed, rng, movable)
		if !ok {
			return st.ruin(dst, ruinRandom, k, rng)
		}
		// The day's work and what follows it: twice the usual step.
		n0 := len(dst)
		most := n0 + 2*(k-n0)
		for _, t := range st.nb.onRes[r] {
			if len(dst) < most && touches(st.pieces[t], lo, hi) {
				add(t)
			}
		}
		for i := n0; i < len(dst) && len(dst) < most; i++ { // what follows, nearest first
			for _, ei := range p.succ[dst[i]] {
				if len(dst) < most {
					add(p.Precedences[ei].To)
				}
			}
		}
	case ruinArtiste:
		r := st.travelling(rng)
		if r < 0 {
			return st.ruin(dst, ruinRandom, k, rng)
		}
		held := st.holding(st.sc.held[:0], r)
		st.sc.held = held
		// Up to k, like the others: at twice k (as before the pool
		// ruin) the pool ruin's gain on the 10-episode series was lost
		// (10 s, seeds 1-4, two runs: £1,192,000 against £1,187,602
		// with k; £1,190,906 with neither change).
		for _, t := range held {
			if len(dst) >= k {
				break
			}
			add(t)
		}
	}
	if st.dv.same != nil {
		// A task that keeps another's editor moves with it, or the
		// editor could never change (up to twice k tasks).
		for i := 0; i < len(dst) && len(dst) < 2*k; i++ {
			for _, l := range st.dv.same[dst[i]] {
				add(l.other)
			}
		}
	}
	for _, t := range dst {
		mark[t] = false
	}
	return dst
}

// withNeighbours appends to dst (the tasks left out) their placed,
// movable neighbours in the order of work, each once. A task is often
// left out because its neighbours box it in: a warm-started pencil of a
// successor still sits before a predecessor's new end, say after a suite
// closed on the predecessor's first day. A ruin of a few tasks at random
// seldom frees both sides, and a short re-pencil then gave up on a
// schedule that exists.
func (st *state) withNeighbours(dst []TaskID) []TaskID {
	p := st.p
	mark := st.sc.mark
	for _, t := range dst {
		mark[t] = true
	}
	add := func(t TaskID) {
		if !mark[t] && st.placed[t] && p.Tasks[t].Pin == nil {
			mark[t] = true
			dst = append(dst, t)
		}
	}
	for _, t := range dst[:len(dst):len(dst)] {
		for _, ei := range p.succ[t] {
			add(p.Precedences[ei].To)
		}
		for _, ei := range p.pred[t] {
			add(p.Precedences[ei].From)
		}
	}
	for _, t := range dst {
		mark[t] = false
	}
	return dst
}

// travelling picks a random resource with a travel charge, or -1.
func (st *state) travelling(rng *rand.Rand) ResourceID {
	if len(st.travellers) == 0 {
		return -1
	}
	return st.travellers[rng.IntN(len(st.travellers))]
}

// poolWeek lists the tasks that hold a resource of one of seed's pools
// (the candidates of a demand with a choice, picked at random) and start
// in seed's week, nearest the seed first; nil when seed has no pool or
// the problem has no days. A pool paid by the day or the week costs
// less only when the work of a whole day or week moves between its
// members, which no single move does.
//
// With thin, the tasks on the pool's least busy person-days come first:
// a day paid for a few hours' work is the one worth emptying.
func (st *state) poolWeek(seed TaskID, rng *rand.Rand, thin bool) []TaskID {
	demands := st.p.Tasks[seed].Demands
	if st.dv.spd <= 0 {
		return nil
	}
	i := pickWhere(len(demands), func(i int) bool { return demands[i].choice() }, rng)
	if i < 0 {
		return nil
	}
	return st.poolWeekOf(seed, demands[i].Candidates, thin)
}

// pickWhere returns one index i in [0, n) for which ok(i) holds, drawn
// at random, or -1 when there is none.
func pickWhere(n int, ok func(int) bool, rng *rand.Rand) int {
	count := 0
	for i := range n {
		if ok(i) {
			count++
		}
	}
	if count == 0 {
		return -1
	}
	pick := rng.IntN(count)
	for i := range n {
		if !ok(i) {
			continue
		}
		if pick == 0 {
			return i
		}
		pick--
	}
	return -1
}

// countFunc counts the elements of s for which f is true.
func countFunc[E any](s []E, f func(E) bool) int {
	n := 0
	for _, e := range s {
		if f(e) {
			n++
		}
	}
	return n
}

// poolWeekOf is poolWeek for one pool.
func (st *state) poolWeekOf(seed TaskID, pool []ResourceID, thin bool) []TaskID {
	day0 := st.dv.dayOf(st.start[seed])
	week := st.dv.weekOf(day0)
	s0 := st.start[seed]
	near := st.sc.pooled[:0]
	for _, r := range pool {
		for _, t := range st.nb.onRes[r] {
			d := st.dv.dayOf(st.start[t])
			if st.dv.weekOf(d) != week {
				continue
			}
			// A task holding two of the pool is listed once, under the
			// first of them it holds, with the less busy day of the two.
			// A task at the horizon's end (a milestone) starts on no day.
			first, busy := ResourceID(-1), int32(math.MaxInt32)
			for _, h := range st.res[t] {
				if slices.Contains(pool, h) {
					if first < 0 {
						first = h
					}
					if days := st.tl[h].busyDay; d < len(days) {
						busy = min(busy, days[d])
					}
				}
			}
			if first != r {
				continue
			}
			if !thin || busy == math.MaxInt32 {
				busy = 0
			}
			near = append(near, pooledTask{busy: busy, dist: absSlot(st.start[t] - s0), t: t})
		}
	}
	slices.SortFunc(near, func(a, b pooledTask) int {
		return cmp.Or(cmp.Compare(a.busy, b.busy), cmp.Compare(a.dist, b.dist), cmp.Compare(a.t, b.t))
	})
	st.sc.pooled = near
	held := st.sc.held[:0]
	for _, n := range near {
		held = append(held, n.t)
	}
	st.sc.held = held
	return held
}

// pooledTask is a task of a pool's week with its sort keys: the busy
// slots of its person-day (thinnest first, with thin) and its distance
// from the seed.
type pooledTask struct {
	busy int32
	dist Slot
	t    TaskID
}

// absSlot is |s|.
func absSlot(s Slot) Slot {
	if s < 0 {
		return -s
	}
	return s
}
