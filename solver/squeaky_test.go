package solver

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// Tasks of agentWindowProblem.
const (
	awOtherCut TaskID = iota // another episode's cut, due first
	awLockCut                // the cut before picture lock
	awADR                    // ADR with an artiste available in a short window
)

// agentWindowProblem is the smallest form of issue #8: one editor, an
// artiste whose agent offers only slots [4, 6), and two cuts. The other
// episode's cut has the earlier latest start (its delivery is sooner), so
// a latest-start order edits it first, picture lock lands at slot 8 and
// the ADR after it misses the artiste. Cutting the locked episode first
// fits everything: lock cut [0, 4), ADR [4, 6), other cut [4, 8).
func agentWindowProblem() *Problem {
	artiste := NewBitset(24)
	artiste.SetRange(4, 6)
	p := &Problem{
		Name:  "agent window",
		Slots: 24,
		Resources: []Resource{
			{Name: "editor", Capacity: 1, Department: -1},
			{Name: "artiste", Capacity: 1, Department: -1, Available: artiste},
		},
		Tasks: []Task{
			awOtherCut: {Name: "ep2 cut", Duration: 4, Deadline: 10, Demands: []Demand{{Candidates: []ResourceID{0}}}},
			awLockCut:  {Name: "ep1 cut", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}}}},
			awADR:      {Name: "ep1 ADR", Duration: 2, Deadline: 20, Demands: []Demand{{Candidates: []ResourceID{1}}}},
		},
		Precedences: []Precedence{{From: awLockCut, To: awADR}},
	}
	if err := p.Freeze(); err != nil {
		panic(err)
	}
	return p
}

func newTestWorker(p *Problem, seed uint64) *worker {
	return &worker{
		st:  newState(p),
		rng: rand.New(rand.NewPCG(seed, 1)),
		ctl: &control{ctx: context.Background(), begin: time.Now()},
	}
}

// TestSqueakPlacesTheLockChainBeforeTheAgentWindow: the latest-start
// construction misses the artiste's window; the squeaky-wheel rebuild
// finds the schedule that exists.
func TestSqueakPlacesTheLockChainBeforeTheAgentWindow(t *testing.T) {
	p := agentWindowProblem()
	if lst, wlst := p.drv.lst[awLockCut], p.windowStarts()[awLockCut]; lst != 14 || wlst != 0 {
		t.Fatalf("lock cut: latest start %d (want 14), window-aware %d (want 0)", lst, wlst)
	}
	w := newTestWorker(p, 1)
	if err := w.st.construct(p.priorityList(nil, w.rng, 0), nil, w.rng, 0, false); err != nil {
		t.Fatal(err)
	}
	if w.st.placed[awADR] {
		t.Fatalf("the latest-start construction placed the ADR at %d: the fixture no longer shows the problem", w.st.start[awADR])
	}
	if err := w.squeak(nil, 0); err != nil {
		t.Fatal(err)
	}
	if !w.st.feasible() {
		t.Fatalf("after squeak %d of %d tasks placed", w.st.nPlaced, len(p.Tasks))
	}
	want := map[TaskID]Slot{awLockCut: 0, awADR: 4, awOtherCut: 4}
	for task, s := range want {
		if w.st.start[task] != s {
			t.Errorf("%s starts at %d, want %d", p.Tasks[task].Name, w.st.start[task], s)
		}
	}
	// Solve itself finds it before any search iteration improves on it.
	sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(p, sol); err != nil {
		t.Fatal(err)
	}
}

// TestBlameReachesEveryAncestor: one round of blame raises an unplaced
// task and every task it waits for, once each, and nothing else.
func TestBlameReachesEveryAncestor(t *testing.T) {
	p := &Problem{Slots: 10, Tasks: make([]Task, 5), Precedences: []Precedence{
		{From: 0, To: 1}, {From: 1, To: 3}, {From: 0, To: 2}, {From: 2, To: 3}, {From: 4, To: 2},
	}}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	st := newState(p)
	for _, task := range []TaskID{0, 1, 2, 4} {
		st.place(task, 0, nil, nil, 0)
	}
	blame := make([]float64, 5)
	st.blameUnplaced(blame, 2, make([]bool, 5), nil)
	st.blameUnplaced(blame, 2, make([]bool, 5), nil)
	if want := []float64{4, 4, 4, 4, 4}; !equalFloats(blame, want) {
		t.Fatalf("blame %v, want %v", blame, want)
	}
	st.place(3, 0, nil, nil, 0)
	st.unplace(1)
	st.blameUnplaced(blame, 1, make([]bool, 5), nil)
	if want := []float64{5, 5, 4, 4, 4}; !equalFloats(blame, want) {
		t.Fatalf("blame %v, want %v", blame, want)
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPropertySqueak: on random problems squeak never leaves fewer tasks
// placed than the construction it repairs, its state agrees with a fresh
// evaluation of the placements when it is complete, and one seed gives
// one result.
func TestPropertySqueak(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		if err := p.Freeze(); err != nil {
			t.Skip(err)
		}
		seed := rapid.Uint64().Draw(t, "seed")
		noise := rapid.SampledFrom([]float64{0, 0.3}).Draw(t, "noise")
		run := func() (*worker, int) {
			w := newTestWorker(p, seed)
			if err := w.st.construct(p.priorityList(nil, w.rng, noise), nil, w.rng, 0.1*noise, noise > 0); err != nil {
				return nil, 0
			}
			before := w.st.nPlaced
			if err := w.squeak(nil, noise); err != nil {
				t.Fatalf("squeak: %v", err)
			}
			return w, before
		}
		w, before := run()
		if w == nil {
			return // pins that cannot hold together
		}
		if w.st.nPlaced < before {
			t.Fatalf("squeak left %d placed, the construction %d\n%s", w.st.nPlaced, before, dump(p))
		}
		again, _ := run()
		for task := range p.Tasks {
			if w.st.placed[task] != again.st.placed[task] || (w.st.placed[task] && w.st.start[task] != again.st.start[task]) {
				t.Fatalf("same seed, two results for task %d\n%s", task, dump(p))
			}
		}
		if w.st.nPlaced < len(p.Tasks) {
			return
		}
		sol, err := p.Evaluate(w.st.snapshot(nil))
		if err != nil {
			t.Fatalf("evaluate: %v", err)
		}
		if diff := sol.Cost.Total - w.st.cost(); diff > 1e-6 || diff < -1e-6 {
			t.Fatalf("state cost %v, evaluated %v\n%s", w.st.cost(), sol.Cost.Total, dump(p))
		}
	})
}
