package mzn

import (
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/pencil-post/pencil/solver"
)

// TestCappedPiecesMatchSolver: with a person who works at most c slots a
// day, the export's piece walk, the solver's and the verifier's (through
// Evaluate) agree on every start: allowed or not, and the same pieces.
func TestCappedPiecesMatchSolver(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		spd := rapid.IntRange(2, 8).Draw(rt, "spd")
		days := rapid.IntRange(1, 8).Draw(rt, "days")
		h := spd * days
		window := solver.NewBitset(h)
		for x := range h {
			if rapid.IntRange(0, 3).Draw(rt, "open") > 0 {
				window.Set(solver.Slot(x))
			}
		}
		c := rapid.IntRange(1, spd).Draw(rt, "cap")
		task := solver.Task{Name: "t", Duration: rapid.IntRange(1, 12).Draw(rt, "duration"), Window: window,
			Split: true, MinChunk: rapid.IntRange(0, 4).Draw(rt, "minChunk"),
			Demands: []solver.Demand{{Candidates: []solver.ResourceID{0}}}}
		p := &solver.Problem{Name: "capped", Slots: h, Tasks: []solver.Task{task},
			Calendar:  solver.Calendar{SlotsPerDay: spd, Days: make([]solver.DayKind, days)},
			Resources: []solver.Resource{{Name: "colourist", Capacity: 1, Department: -1, Rules: solver.WorkRules{MaxSlotsPerDay: c}}}}
		if err := p.Freeze(); err != nil {
			rt.Fatal(err)
		}
		open := func(x int) bool { return x >= 0 && x < h && window.Has(solver.Slot(x)) }
		for s := range h {
			ps, ok := cappedPieces(open, h, s, task.Duration, task.MinChunk, c, spd)
			sol, err := p.Evaluate([]solver.Placement{{Start: solver.Slot(s), Resources: []solver.ResourceID{0}}})
			if ok != (err == nil) {
				rt.Fatalf("start %d: pieces %v ok=%v, Evaluate err=%v", s, ps, ok, err)
			}
			if ok && !slices.Equal(ps, sol.Pieces[0]) {
				rt.Fatalf("start %d: pieces %v, Evaluate %v", s, ps, sol.Pieces[0])
			}
			run, _, why := p.Layout(0, solver.Placement{Start: solver.Slot(s), Resources: []solver.ResourceID{0}})
			if ok != (why == nil) || (ok && !slices.Equal(ps, run)) {
				rt.Fatalf("start %d: pieces %v, verifier's layout %v (%v)", s, ps, run, why)
			}
		}
	})
}
