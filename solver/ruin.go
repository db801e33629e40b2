package solver

import "math/rand/v2"

// ruinKind names a way of choosing tasks to take out of a schedule.
type ruinKind uint8

// Ruin operators.
const (
	ruinRandom   ruinKind = iota // a random subset
	ruinWindow                   // tasks starting near a random task
	ruinResource                 // tasks sharing a random task's resource, near it in time
	ruinChain                    // a task and its predecessors and successors
	ruinArtiste                  // every task of one resource that travels
	ruinKinds
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
	add := func(t TaskID) {
		if !mark[t] && p.Tasks[t].Pin == nil && st.placed[t] {
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
		for len(dst) < k {
			best, bestD := TaskID(-1), Slot(farSlot)
			for t := range p.Tasks {
				if mark[t] || p.Tasks[t].Pin != nil || !st.placed[t] || (r >= 0 && !containsRes(st.res[t], r)) {
					continue
				}
				dd := st.start[t] - st.start[seed]
				if dd < 0 {
					dd = -dd
				}
				if dd < bestD {
					best, bestD = TaskID(t), dd
				}
			}
			if best < 0 {
				break
			}
			add(best)
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
	case ruinArtiste:
		r := st.travelling(rng)
		if r < 0 {
			return st.ruin(dst, ruinRandom, k, rng)
		}
		for t := range p.Tasks {
			if containsRes(st.res[t], r) && len(dst) < 2*k {
				add(TaskID(t))
			}
		}
	}
	for _, t := range dst {
		mark[t] = false
	}
	return dst
}

// travelling picks a random resource with a travel charge, or -1.
func (st *state) travelling(rng *rand.Rand) ResourceID {
	n := 0
	for r := range st.p.Resources {
		if st.p.Resources[r].Rate.Travel != 0 {
			n++
		}
	}
	if n == 0 {
		return -1
	}
	i := rng.IntN(n)
	for r := range st.p.Resources {
		if st.p.Resources[r].Rate.Travel != 0 {
			if i == 0 {
				return ResourceID(r)
			}
			i--
		}
	}
	return -1
}
