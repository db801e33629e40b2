package solver

import (
	"slices"
	"testing"
)

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
	checkPlacers(t, p, func(t *testing.T, st *state) {
		if st.start[0] != 3 || st.res[0][0] != 0 || st.res[0][1] != 1 {
			t.Fatalf("placed at %d with %v, want 3 with [0 1]", st.start[0], st.res[0])
		}
	})
}

// checkPlacers places task 0 of the frozen p the two ways a construction
// does, first fit and the cheapest resources at the earliest start, each
// in a new state, and checks each placement with check.
func checkPlacers(t *testing.T, p *Problem, check func(t *testing.T, st *state)) {
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
			check(t, st)
		})
	}
}

// TestTryStartSkipsAnEndPastTheDeadline: a split session of two slots
// that must start at 4 and end by 6 needs two of three people; the
// cheapest is off at slot 5, so with her the session would end at 8. She
// was chosen at the start (open then, and cheapest), the session ended
// past its deadline and the only start failed: a random solve said
// infeasible where two others fit (TestPropertySolveTimeRules).
func TestTryStartSkipsAnEndPastTheDeadline(t *testing.T) {
	offAt5 := NewBitset(15)
	offAt5.SetRange(0, 5)
	offAt5.SetRange(7, 15)
	p := &Problem{
		Name: "deadline", Slots: 15,
		Calendar: Calendar{SlotsPerDay: 5, Days: make([]DayKind, 3)},
		Resources: []Resource{
			{Name: "r0", Capacity: 2, Department: -1, Rate: RateCard{Hour: 100}},
			{Name: "r1", Capacity: 2, Department: -1, Rate: RateCard{Hour: 100}},
			{Name: "r2", Capacity: 1, Available: offAt5, Department: -1, Rate: RateCard{Hour: 1}},
		},
		Tasks: []Task{{
			Name: "t0", Duration: 2, Release: 4, Deadline: 6, Split: true,
			Demands: []Demand{{Candidates: []ResourceID{2, 0, 1}, Count: 2}},
		}},
	}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	checkPlacers(t, p, func(t *testing.T, st *state) {
		if got := slices.Sorted(slices.Values(st.res[0])); st.start[0] != 4 || !slices.Equal(got, []ResourceID{0, 1}) {
			t.Fatalf("placed at %d with %v, want 4 with r0 and r1", st.start[0], st.res[0])
		}
	})
}
