package solver

import (
	"context"
	"testing"
)

// overlapProblem is the shrunk TestPropertySolve failure: "grade" may
// start a slot before "conform" ends (lag -1, in working time on no
// calendar), and both are boxed in to those slots. Conform holds one of
// the colourist's two units, so in the slot they share grade can only
// have the "grading" suite, and conform must take the pricey "online"
// one. Insertion in precedence order gives conform the cheap grading
// suite every time.
func overlapProblem() *Problem {
	return &Problem{
		Name:  "overlap",
		Slots: 15,
		Resources: []Resource{
			{Name: "grading", Capacity: 2, Department: -1, Rate: RateCard{Hour: 1}},
			{Name: "colourist", Capacity: 2, Department: -1, Rate: RateCard{Hour: 48, PerTask: 23}},
			{Name: "online", Capacity: 2, Department: -1, Rate: RateCard{Hour: 2, PerTask: 45, Kit: 7}},
		},
		Tasks: []Task{
			{Name: "conform", Duration: 4, Split: true, MinChunk: 2, Release: 1, Deadline: 5, Demands: []Demand{
				{Candidates: []ResourceID{2, 0}, Count: 1, Units: 2},
				{Candidates: []ResourceID{1}, Count: 1, Units: 1},
			}},
			{Name: "grade", Duration: 3, Release: 4, Deadline: 7, Demands: []Demand{
				{Candidates: []ResourceID{1, 0}, Count: 1, Units: 2},
			}},
			{Name: "review", Duration: 2, Release: 1, Demands: []Demand{
				{Candidates: []ResourceID{0}, Count: 1, Units: 2},
			}},
		},
		Precedences: []Precedence{
			{From: 0, To: 1, Kind: FinishToStart, Lag: -1, LagWorking: true},
			{From: 0, To: 1, Kind: StartToStart, Lag: -1},
		},
		Objective: Objective{OverheadPerDay: 4},
	}
}

// TestSolveUnblocksOverlappingSuccessor checks that Solve finds the one
// kind of schedule of overlapProblem (conform on online, grade on
// grading) instead of saying it is infeasible, for every seed and both
// construction orders.
func TestSolveUnblocksOverlappingSuccessor(t *testing.T) {
	p := overlapProblem()
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	for seed := range uint64(8) {
		for workers := 1; workers <= 2; workers++ {
			sol, err := Solve(context.Background(), p, Options{Seed: seed, Iterations: 40, Workers: workers})
			if err != nil {
				t.Fatalf("seed %d, %d workers: %v", seed, workers, err)
			}
			if err := Verify(p, sol); err != nil {
				t.Fatalf("seed %d, %d workers: %v", seed, workers, err)
			}
			if got := sol.Placements[0].Resources[0]; got != 2 {
				t.Errorf("seed %d, %d workers: conform on %s, want online", seed, workers, p.Resources[got].Name)
			}
		}
	}
}

// TestUnblockRestoresOnFailure checks that a failed unblock leaves the
// schedule as it was: two sessions that both need the one suite in the
// same slots cannot both be placed, whichever goes first.
func TestUnblockRestoresOnFailure(t *testing.T) {
	p := &Problem{
		Slots:     6,
		Resources: []Resource{{Name: "suite", Capacity: 1, Department: -1, Rate: RateCard{Hour: 1}}},
		Tasks: []Task{
			{Name: "a", Duration: 2, Release: 1, Deadline: 3, Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 1}}},
			{Name: "b", Duration: 2, Release: 1, Deadline: 3, Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 1}}},
		},
	}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	st := newState(p)
	if !st.placeEarliest(0) || st.placeEarliest(1) {
		t.Fatal("want a placed and b not")
	}
	st.resync()
	before := st.objective()
	if st.unblock(1) {
		t.Fatal("unblock placed b")
	}
	st.resync()
	if !st.placed[0] || st.placed[1] || st.start[0] != 1 || st.objective() != before {
		t.Errorf("after a failed unblock: placed %v, a at %d, objective %v (was %v)", st.placed, st.start[0], st.objective(), before)
	}
}
