package solver

import "math/rand/v2"

// thinDay picks a resource of a movable task (seed, or the next movable
// one after it with a resource) and one of its thinner days: the
// thinner (fewer busy slots) of that task's day and the day of another
// of the resource's tasks drawn at random. It returns the day's slots [lo, hi); false when
// no movable task holds a resource or the problem has no days.
//
// A day paid for a few hours is worth emptying, but its work seldom has
// anywhere to go: an ADR session sits between its episode's picture lock
// and the premix placed right after it, so an artiste's two hours on a
// Tuesday cannot join her Thursday, already paid, while the premix stays.
// The ruin (ruinThinDay) takes the work after it out too, so that it may
// go later and the premix follow it. Predecessors stay: the work moves
// later, not earlier.
func (st *state) thinDay(seed TaskID, rng *rand.Rand, movable func(TaskID) bool) (r ResourceID, lo, hi Slot, ok bool) {
	p := st.p
	n := len(p.Tasks)
	if st.dv.spd <= 0 || n == 0 {
		return -1, 0, 0, false
	}
	for tries := 0; tries < n && !(movable(seed) && len(st.res[seed]) > 0); tries++ {
		seed = TaskID((int(seed) + 1) % n)
	}
	if !movable(seed) || len(st.res[seed]) == 0 {
		return -1, 0, 0, false
	}
	r = st.res[seed][rng.IntN(len(st.res[seed]))]
	held, busy := st.nb.onRes[r], st.tl[r].busyDay
	day := st.dv.dayOf(st.start[seed])
	if d := st.dv.dayOf(st.start[held[rng.IntN(len(held))]]); d < len(busy) && day < len(busy) && busy[d] < busy[day] {
		day = d
	}
	return r, Slot(day * st.dv.spd), Slot((day + 1) * st.dv.spd), true
}
