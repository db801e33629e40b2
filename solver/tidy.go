package solver

import "math"

// Budgets of tidyEarlier: the feasible earlier starts it prices per task,
// and the starts it tries in all. Counted, not timed, so that a run
// limited by iterations stays repeatable; past either it leaves the rest
// of the schedule as the search found it.
const (
	tidyPricedPerTask = 48
	tidyTriesInAll    = 400_000
)

// tidyEarlier moves each placed task that is not pinned, in topological
// order, to the earliest start at which the schedule costs no more (with
// the cheapest resources there), pass after pass until none moves. Of
// schedules that cost the same, the search reports whichever it met
// first; a coordinator reads a cut offered from Wednesday when the suite
// reopens on Tuesday, at the same price, as a mistake. A move that would
// cost anything (a weekly hire into another week, a pencil moved from
// where it was) is not made, so the objective never rises and no
// constraint breaks (tryStart checks each start against the tasks still
// placed). A pass can free room for a task it has passed (the session
// after it in order moved away), hence the passes; starts only fall, so
// they end.
func (st *state) tidyEarlier() {
	tries := 0
	for moved := true; moved && tries < tidyTriesInAll; {
		moved = st.tidyPass(&tries)
	}
	st.resync()
}

// tidyPass is one pass of tidyEarlier; it counts its tries in tries and
// reports whether a task moved.
func (st *state) tidyPass(tries *int) bool {
	p := st.p
	any := false
	for _, t := range p.topo {
		if !st.placed[t] || p.Tasks[t].Pin != nil || *tries >= tidyTriesInAll {
			continue
		}
		before := st.objective()
		old := st.lift(t)
		lo, _ := st.startBounds(t)
		moved := false
		priced := 0
		for s := lo; s < old.start && priced < tidyPricedPerTask && *tries < tidyTriesInAll; {
			*tries++
			_, end, ok, jump := st.tryStart(t, s, forward, true, nil, 0)
			if ok {
				priced++
				st.place(t, s, st.sc.res, st.sc.pieces, end)
				if st.objective() <= before+1e-9*math.Max(1, math.Abs(before)) {
					moved = true
					break
				}
				st.unplace(t)
			}
			s = max(jump, s+1)
		}
		if !moved {
			st.place(t, old.start, old.res, old.pieces, old.end)
		}
		any = any || moved
	}
	return any
}

// tidied is best with tidyEarlier applied; best itself when the tidied
// schedule would cost more or not be feasible (it cannot, by
// construction; the check keeps a fault from reaching a crew's calendar).
func tidied(p *Problem, best []Placement) []Placement {
	st := newState(p)
	st.loadPlacements(best)
	before := st.objective()
	st.tidyEarlier()
	if !st.feasible() || st.objective() > before+1e-9*math.Max(1, math.Abs(before)) {
		return best
	}
	return st.snapshot(nil)
}
