package solver

import (
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// keepsPerson reports whether a same-resource rule ties x to a task
// in taken: every ruin takes such a task along.
func keepsPerson(st *state, taken map[TaskID]bool, x TaskID) bool {
	if st.dv.same == nil {
		return false
	}
	for y := range taken {
		for _, l := range st.dv.same[y] {
			if l.other == x {
				return true
			}
		}
	}
	return false
}

// TestPropertyThinDayRuin checks what the thin-day ruin takes on the film
// fixture: first the tasks the chosen resource holds on the chosen day,
// in its order, then only tasks that follow one taken before them (or
// keep its person); and
// when it stops short of k, every such task and everything after them.
func TestPropertyThinDayRuin(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, st, _ := drawFilmState(t, 4)
		seed := rapid.Uint64().Draw(t, "ruin seed")
		k := rapid.IntRange(1, len(p.Tasks)).Draw(t, "k")
		movable := func(x TaskID) bool { return p.Tasks[x].Pin == nil && st.placed[x] }

		// The same draws as ruin's: its seed task, moved on past pinned
		// and unplaced tasks as ruin does, then thinDay's.
		mirror := rand.New(rand.NewPCG(seed, 2))
		from := TaskID(mirror.IntN(len(p.Tasks)))
		for tries := 0; tries < len(p.Tasks) && !movable(from); tries++ {
			from = TaskID((int(from) + 1) % len(p.Tasks))
		}
		r, lo, hi, ok := st.thinDay(from, mirror, movable)
		got := st.ruin(nil, ruinThinDay, k, rand.New(rand.NewPCG(seed, 2)))
		if !ok {
			return // it fell back to a random ruin
		}
		if hi-lo != Slot(st.dv.spd) {
			t.Fatalf("day [%d, %d) is not one day of %d slots", lo, hi, st.dv.spd)
		}
		limit := 2 * k
		var day []TaskID
		for _, x := range st.nb.onRes[r] {
			if touches(st.pieces[x], lo, hi) && movable(x) {
				day = append(day, x)
			}
		}
		n := min(len(day), limit)
		if len(got) < n || !slices.Equal(got[:n], day[:n]) {
			t.Fatalf("resource %d on [%d, %d): took %v first, the day holds %v", r, lo, hi, got, day)
		}
		taken := map[TaskID]bool{}
		for i, x := range got {
			if i >= n {
				follows := false
				for _, ei := range p.pred[x] {
					follows = follows || taken[p.Precedences[ei].From]
				}
				if !follows && !keepsPerson(st, taken, x) {
					t.Fatalf("task %d taken though nothing taken before it precedes it: %v", x, got)
				}
			}
			taken[x] = true
		}
		if len(got) >= limit {
			return
		}
		for _, x := range got {
			for _, ei := range p.succ[x] {
				if to := p.Precedences[ei].To; movable(to) && !taken[to] {
					t.Fatalf("stopped at %d of %d tasks without %d, which follows %d", len(got), limit, to, x)
				}
			}
		}
	})
}
