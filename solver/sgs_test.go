package solver

import "testing"

// TestTryStartNoJumpPastAHeldCandidate: when a demand's only candidate is
// held by an earlier demand of the same task at one start, the scan must
// not jump to the end of the horizon; at the next start the earlier demand
// can take another candidate. (Found by TestPropertySolve.)
func TestTryStartNoJumpPastAHeldCandidate(t *testing.T) {
	r0 := NewBitset(17)
	r0.SetRange(0, 17)
	r0.Clear(2) // r0 is away at slot 2 only
	p := &Problem{
		Slots: 17,
		Resources: []Resource{
			{Name: "r0", Capacity: 2, Available: r0, Department: -1, Rate: RateCard{Hour: 39}},
			{Name: "r1", Capacity: 2, Department: -1, Rate: RateCard{Hour: 79}},
		},
		Tasks: []Task{{
			Name: "t0", Duration: 1, Release: 2, Deadline: 4, Split: true, MinChunk: 2,
			Demands: []Demand{{Candidates: []ResourceID{0, 1}, Units: 2}, {Candidates: []ResourceID{1}, Units: 2}},
		}},
	}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		place func(st *state) bool
	}{
		{"first fit", func(st *state) bool { return st.placeEarliest(0) }},
		{"cheapest at the earliest start", func(st *state) bool { return st.insertEarliest(0, nil, 0) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := newState(p)
			if !tt.place(st) {
				t.Fatal("not placed")
			}
			if st.start[0] != 3 || st.res[0][0] != 0 || st.res[0][1] != 1 {
				t.Fatalf("placed at %d with %v, want 3 with [0 1]", st.start[0], st.res[0])
			}
		})
	}
}
