package solver

import (
	"reflect"
	"sync"
	"testing"
)

// TestExchangeMeet: three workers meet; each takes away the best schedule
// posted (the lowest cost, ties to the lowest index) whatever order they
// arrive in; at the next meeting the third leaves instead, and the other
// two are not kept waiting for it.
func TestExchangeMeet(t *testing.T) {
	x := newExchange(3)
	ws := make([]*worker, 3)
	for i, obj := range []float64{5, 3, 3} {
		ws[i] = &worker{idx: i, ctl: &control{exch: x}, bestFeasible: true, bestObj: obj,
			best: []Placement{{Start: Slot(10 * i), Resources: []ResourceID{ResourceID(i)}}}}
	}
	type taken struct {
		obj  float64
		from int
		pl   []Placement
	}
	got := make([][2]taken, 3)
	var wg sync.WaitGroup
	for i, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pl, obj, from := x.meet(w, 0)
			got[i][0] = taken{obj, from, copyPlacements(nil, pl)}
			if i == 2 {
				w.leaveExchange()
				return
			}
			w.bestObj = float64(10 - i) // worker 1 now posts 9, worker 0 posts 10
			pl, obj, from = x.meet(w, 1)
			got[i][1] = taken{obj, from, copyPlacements(nil, pl)}
		}()
	}
	wg.Wait()
	want := []Placement{{Start: 10, Resources: []ResourceID{1}}}
	for i := range ws {
		if g := got[i][0]; g.obj != 3 || g.from != 1 || !reflect.DeepEqual(g.pl, want) {
			t.Errorf("worker %d took %v from worker %d (%v) at the first meeting, want 3 from worker 1", i, g.obj, g.from, g.pl)
		}
	}
	for i := range 2 {
		if g := got[i][1]; g.obj != 9 || g.from != 1 {
			t.Errorf("worker %d took %v from worker %d at the second meeting, want 9 from worker 1", i, g.obj, g.from)
		}
	}
}

// TestSolveExchangeRepeatable runs past two meetings of the workers,
// with two and three workers, twice each: the same schedule every time.
// On this problem workers do go on from another's best at the meetings
// (six times in the four runs, counted when the test was written).
func TestSolveExchangeRepeatable(t *testing.T) {
	for _, workers := range []int{2, 3} {
		opts := Options{Seed: 7, Iterations: 2*exchangeEvery + 100, Workers: workers}
		a := solveOK(t, filmProblem(11, 3), opts)
		b := solveOK(t, filmProblem(11, 3), opts)
		if !reflect.DeepEqual(a.Placements, b.Placements) || a.Cost.Total != b.Cost.Total {
			t.Errorf("workers %d: two runs differ: %v vs %v", workers, a.Cost.Total, b.Cost.Total)
		}
	}
}
