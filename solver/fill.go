package solver

import (
	"math/rand/v2"
	"slices"
)

// fillsPerDay is how many starts after the first feasible one
// findInsertion tries on a day: where a pooled person comes free after
// earlier work that day.
const fillsPerDay = 3

// tryFills offers the insertion in the starts of first's day, after
// first and up to limit, at which a candidate of one of t's choice
// demands comes free after working earlier that day. The first feasible
// start of a day usually finds someone idle all day, whose day has to be
// paid; the rest of a day someone already works is paid for, and only a
// start where it begins finds it.
func (st *state) tryFills(t TaskID, first, limit Slot, rng *rand.Rand, noise float64, in *insertion) {
	task := &st.p.Tasks[t]
	if task.Split {
		return // pieces follow the people's hours: the first start fills them
	}
	spd := Slot(st.dv.spd)
	day := st.dv.dayOf(first)
	dayEnd := min(Slot(day+1)*spd, limit+1)
	starts := st.sc.fills[:0]
	for di := range task.Demands {
		dem := &task.Demands[di]
		if !dem.choice() {
			continue
		}
		for _, r := range dem.Candidates {
			tl := &st.tl[r]
			if tl.busyDay == nil || day >= len(tl.busyDay) || tl.busyDay[day] == 0 {
				continue
			}
			for x := first + 1; x < dayEnd; x++ {
				if tl.use[x-1] > tl.use[x] && !slices.Contains(starts, x) {
					starts = append(starts, x)
				}
			}
		}
	}
	st.sc.fills = starts
	slices.Sort(starts)
	tried := 0
	for _, s := range starts {
		if tried == fillsPerDay {
			break
		}
		sc, end, ok, _ := st.tryStart(t, s, forward, true, rng, noise)
		if !ok {
			continue
		}
		tried++
		in.offer(s, end, blur(sc, noise, rng), st.sc.res, st.sc.pieces)
	}
}
