package solver

import (
	"context"
	"testing"
)

// TestSharedCandidates: two demands of one session share a candidate (a
// person who is both editor and assistant). Picking demand by demand takes
// the shared person for the first demand and leaves the second with none;
// the solver must hand the shared person over and find the schedule.
func TestSharedCandidates(t *testing.T) {
	tests := []struct {
		name    string
		demands []Demand
		split   bool
		want    []ResourceID
	}{
		{"pool then named", []Demand{{Candidates: []ResourceID{0, 1}}, {Candidates: []ResourceID{0}}}, false, []ResourceID{1, 0}},
		{"named then pool", []Demand{{Candidates: []ResourceID{0}}, {Candidates: []ResourceID{0, 1}}}, false, []ResourceID{0, 1}},
		{"chain of three", []Demand{{Candidates: []ResourceID{0, 1}}, {Candidates: []ResourceID{1, 2}}, {Candidates: []ResourceID{0}}}, false, nil},
		{"chain of three, split", []Demand{{Candidates: []ResourceID{0, 1}}, {Candidates: []ResourceID{1, 2}}, {Candidates: []ResourceID{0}}}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Problem{
				Slots:     8,
				Resources: []Resource{{Name: "jo", Capacity: 1}, {Name: "sam", Capacity: 1}, {Name: "ana", Capacity: 1}},
				Tasks:     []Task{{Name: "assembly", Duration: 4, Demands: tt.demands, Split: tt.split}},
				Objective: Objective{MakespanWeight: 1},
			}
			for r := range p.Resources {
				p.Resources[r].Department = -1
			}
			// Load the first resource so that a least-loaded pick avoids
			// it only by luck: a second task always uses it.
			p.Tasks = append(p.Tasks, Task{Name: "logging", Duration: 2, Demands: []Demand{{Candidates: []ResourceID{1}}}})
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 20, Workers: 1})
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			if err := Verify(p, sol); err != nil {
				t.Fatalf("Verify: %v", err)
			}
			got := sol.Placements[0].Resources
			if tt.want != nil && (len(got) != len(tt.want) || got[0] != tt.want[0] || got[1] != tt.want[1]) {
				t.Errorf("resources %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAugmentKeepsMovesWhenSliceGrows: the augmenting path hands demand
// 0's person to demand 1 and gives demand 0 another; when the caller's
// slice has no spare capacity the append reallocates, and the move must
// still reach the caller's slice (it was lost, leaving a person holding
// two roles of one session).
func TestAugmentKeepsMovesWhenSliceGrows(t *testing.T) {
	p := &Problem{
		Slots:     8,
		Resources: []Resource{{Name: "jo", Capacity: 1, Department: -1}, {Name: "sam", Capacity: 1, Department: -1}, {Name: "ana", Capacity: 1, Department: -1}},
		Tasks: []Task{{Name: "assembly", Duration: 4, Demands: []Demand{
			{Candidates: []ResourceID{0, 1}}, {Candidates: []ResourceID{1, 2}}, {Candidates: []ResourceID{0}},
		}}},
		Objective: Objective{MakespanWeight: 1},
	}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	for _, chosen := range [][]ResourceID{
		{0, 1},                                 // len == cap: append reallocates
		append(make([]ResourceID, 0, 3), 0, 1), // spare capacity: append shares
	} {
		st := newState(p)
		task := &p.Tasks[0]
		got := st.augment(0, &task.Demands[2], 1, 0, 1, chosen, false)
		all := append(append([]ResourceID(nil), chosen...), got)
		want := []ResourceID{1, 2, 0}
		if len(all) != 3 || all[0] != want[0] || all[1] != want[1] || all[2] != want[2] {
			t.Errorf("cap %d: after augment %v, want %v", cap(chosen), all, want)
		}
	}
}

// TestAugmentVisitsOnlyWhoCanServe: a mix needs a re-recording mixer
// (the desk, or the theatre's own mixer) and the theatre for both of its
// positions (two units; the desk has one). Chosen least-loaded, the
// theatre takes the mixer's place; the theatre's two units then need the
// augmenting path to move the mixer's place to the desk. The desk was
// marked visited when it was turned away for want of units, and the path
// never tried it for the place it can serve: the session found no start
// (TestPropertySolve).
func TestAugmentVisitsOnlyWhoCanServe(t *testing.T) {
	const desk, theatre = ResourceID(0), ResourceID(1)
	for _, split := range []bool{true, false} {
		p := &Problem{
			Slots: 8,
			Resources: []Resource{
				{Name: "desk", Capacity: 1, Department: -1},
				{Name: "theatre", Capacity: 2, Department: -1},
			},
			Tasks: []Task{{Name: "mix", Duration: 1, Split: split, Demands: []Demand{
				{Candidates: []ResourceID{theatre, desk}},
				{Candidates: []ResourceID{desk, theatre}, Units: 2},
			}}},
		}
		if err := p.Freeze(); err != nil {
			t.Fatal(err)
		}
		st := newState(p)
		if !st.placeEarliest(0) {
			t.Fatalf("split %v: not placed", split)
		}
		if st.res[0][0] != desk || st.res[0][1] != theatre {
			t.Errorf("split %v: resources %v, want the desk and the theatre", split, st.res[0])
		}
	}
}
