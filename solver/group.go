package solver

import (
	"math"
	"math/rand/v2"
	"slices"
)

// forcedRes makes flat demand entry slot of task t use resource r while
// a construction tries one choice for a SameResource group (sameReq
// honours it).
type forcedRes struct {
	t    TaskID
	slot int32
	r    ResourceID
}

// groupTrial is what one choice of resource for a group's linked entry
// gives: how many members could not be placed, when the last placed one
// ends, and (when costs count) the objective it leaves.
type groupTrial struct {
	r     ResourceID
	fails int
	end   Slot
	obj   float64
}

// sameGroup returns the tasks linked to t by SameResources, directly or
// through each other, t included, in topological order.
func (st *state) sameGroup(dst []TaskID, t TaskID) []TaskID {
	dst = append(dst[:0], t)
	for i := 0; i < len(dst); i++ {
		for _, l := range st.dv.same[dst[i]] {
			if !slices.Contains(dst, l.other) {
				dst = append(dst, l.other)
			}
		}
	}
	topo := st.dv.topoIdx
	slices.SortFunc(dst, func(a, b TaskID) int { return int(topo[a]) - int(topo[b]) })
	return dst
}

// groupReady reports whether the construction can place t's whole group
// now: no member is placed yet and every member's predecessors are placed
// or in the group.
func (st *state) groupReady(group []TaskID) bool {
	p := st.p
	for _, m := range group {
		if st.placed[m] {
			return false
		}
		for _, ei := range p.pred[m] {
			if from := p.Precedences[ei].From; !st.placed[from] && !slices.Contains(group, from) {
				return false
			}
		}
	}
	return true
}

// placeGroup places task t, the first of its SameResource group the
// construction reaches, together with the rest of the group: a resource
// kept through a chain of tasks (one editor from the editor's cut to the
// producer's cut) is chosen for the whole chain, not for its first task
// alone. Entry by linked entry of t, it tries every candidate with the
// members placed at their earliest starts and keeps the one that places
// the most members and ends the group first (with costs, the cheapest of
// those ending within a day of the first). It then places the group with
// those resources in the construction's own way (cheapest or earliest)
// and reports whether t was placed; handled is false when the group is
// not t's alone to place (a member placed, or waiting for an unplaced
// task outside the group), and the caller places t as usual.
func (st *state) placeGroup(t TaskID, cheapest bool, rng *rand.Rand, noise float64) (handled, ok bool) {
	group := st.sameGroup(st.sc.group, t)
	st.sc.group = group
	if len(group) < 2 || group[0] != t || !st.groupReady(group) {
		return false, false
	}
	costMode := st.dv.hasCost
	st.force = st.force[:0]
	for _, l := range st.dv.same[t] {
		if slices.ContainsFunc(st.force, func(f forcedRes) bool { return f.slot == l.slot }) {
			continue
		}
		r := st.chooseForGroup(group, int(l.slot), costMode)
		if r < 0 {
			break
		}
		st.force = append(st.force, forcedRes{t, l.slot, r})
	}
	for _, m := range group {
		var placed bool
		switch {
		case st.dv.pure || !costMode:
			placed = st.placeEarliest(m)
		case cheapest:
			placed = st.insertBest(m, rng, noise)
		default:
			placed = st.insertEarliest(m, rng, noise)
		}
		if m == t {
			ok = placed
			if !ok {
				break
			}
		}
	}
	st.force = st.force[:0]
	return true, ok
}

// chooseForGroup tries each candidate of flat entry slot of the group's
// first task (with the entries forced so far) and returns the best, or
// -1 when none places the first task.
func (st *state) chooseForGroup(group []TaskID, slot int, costMode bool) ResourceID {
	t := group[0]
	slack := Slot(max(st.dv.spd, 1))
	trials := st.sc.trials[:0]
	limit := farSlot // no member may end after it: it could not win
	base := len(st.force)
	for _, r := range demandOfSlot(&st.p.Tasks[t], slot).Candidates {
		st.force = append(st.force[:base], forcedRes{t, int32(slot), r})
		tr := groupTrial{r: r}
		for _, m := range group {
			hi := farSlot
			if limit < farSlot {
				hi = limit - Slot(st.p.Tasks[m].Duration)
			}
			if !st.earliestFit(m, hi, costMode, nil, 0) {
				tr.fails++
				continue
			}
			tr.end = max(tr.end, st.end[m])
		}
		tr.obj = st.objective()
		leader := st.placed[t]
		for _, m := range group {
			if st.placed[m] {
				st.unplace(m)
			}
		}
		if !leader {
			continue
		}
		trials = append(trials, tr)
		if tr.fails == 0 {
			limit = min(limit, tr.end+slack)
		}
	}
	st.force = st.force[:base]
	st.sc.trials = trials
	return bestTrial(trials, slack, costMode)
}

// bestTrial picks among trials the fewest failures, then the earliest
// end, or with costMode the lowest objective among those ending within
// slack of the earliest.
func bestTrial(trials []groupTrial, slack Slot, costMode bool) ResourceID {
	fails, end := math.MaxInt, farSlot
	for _, tr := range trials {
		if tr.fails < fails || (tr.fails == fails && tr.end < end) {
			fails, end = tr.fails, tr.end
		}
	}
	best, bestObj := ResourceID(-1), math.Inf(1)
	for _, tr := range trials {
		if tr.fails != fails || tr.end > end+slack || (!costMode && tr.end > end) {
			continue
		}
		if tr.obj < bestObj {
			best, bestObj = tr.r, tr.obj
		}
	}
	return best
}
