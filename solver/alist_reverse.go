package solver

import (
	"cmp"
	"slices"
)

// Reversed activity lists. A plain problem read backwards — every
// finish-to-start precedence turned round — has the same optimal
// makespan: a schedule S of length M gives the mirrored schedule
// S'(t) = M - end(t) of the reversed problem, of the same length. Some
// instances are much easier from one end than the other (PSPLIB j3029_1
// reached its optimum 85 in 1 of 12 seeded runs forward and 5 of 12
// backward at 100,000 lists), so the activity-list search alternates
// direction at each restart.

// reversed returns the plain scheme of the problem read backwards, or nil
// when g cannot be mirrored: a start-to-start link, a release, an end
// limit before the horizon or a resource unavailable somewhere would
// each need its own mirror, and plain RCPSP has none of them.
func (g *plainSGS) reversed(horizon Slot) *plainSGS {
	n := len(g.dur)
	for t := range n {
		if g.release[t] != 0 || g.limit[t] < horizon {
			return nil
		}
		for _, a := range g.succ[t] {
			if !a.finish {
				return nil
			}
		}
	}
	for _, use := range g.use {
		if slices.Contains(use, farUse) {
			return nil
		}
	}
	r := &plainSGS{
		dur: g.dur, release: g.release, limit: g.limit,
		// The arcs are the same, seen from the other end.
		pred: g.succ, succ: g.pred,
		dem:      g.dem,
		capacity: g.capacity,
		use:      make([][]int32, len(g.use)),
		start:    make([]Slot, n), end: make([]Slot, n),
		placed:  make([]bool, n),
		topoIdx: make([]int32, n),
	}
	for i := range g.use {
		r.use[i] = make([]int32, len(g.use[i]))
	}
	if g.base != nil {
		r.base = make([][]int32, len(g.base))
		for i := range g.base {
			r.base[i] = slices.Clone(g.base[i])
		}
	}
	for t, i := range g.topoIdx {
		r.topoIdx[t] = int32(n-1) - i
	}
	r.byTopo = tasksByIndex(r.topoIdx)
	r.count = make([]int32, len(g.count))
	return r
}

// mirrorList rewrites list, which g has just decoded, as a list for the
// other direction: the tasks by decreasing end, ties by the other
// direction's topological position. Read in that order the mirrored
// schedule's starts increase, so the list respects the other direction's
// precedences and decodes to at most g's makespan.
func (g *plainSGS) mirrorList(list []TaskID, other *plainSGS) {
	idx := other.topoIdx
	slices.SortFunc(list, func(a, b TaskID) int {
		if c := cmp.Compare(g.end[b], g.end[a]); c != 0 {
			return c
		}
		return cmp.Compare(idx[a], idx[b])
	})
}

// linkedIn reports whether a must come before b in a list of the given
// direction.
func (st *state) linkedIn(a, b TaskID, reversed bool) bool {
	if reversed {
		return st.linked(b, a)
	}
	return st.linked(a, b)
}
