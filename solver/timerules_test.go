package solver

import (
	"context"
	"slices"
	"testing"
)

// continuityProblem: two editors, Ann dearer and Bob off the first day;
// the assembly must end on day 0, and the cut after it must keep its
// editor (SameResource), though Bob is cheaper and free from day 1.
func continuityProblem(linked bool) *Problem {
	off := NewBitset(48 * 4)
	off.SetRange(48, 48*4)
	working := NewBitset(48 * 4)
	for d := Slot(0); d < 4; d++ {
		working.SetRange(48*d+18, 48*d+38)
	}
	editors := []ResourceID{0, 1}
	p := dayGrid(4, []Resource{
		{Name: "Ann", Rate: RateCard{Day: 500, DaySlots: 20}},
		{Name: "Bob", Available: off, Rate: RateCard{Day: 400, DaySlots: 20}},
	}, []Task{
		{Name: "assembly", Duration: 20, Window: working, Deadline: 48, Demands: []Demand{{Candidates: editors}}},
		{Name: "directors-cut", Duration: 20, Window: working, Demands: []Demand{{Candidates: editors}}},
	})
	p.Precedences = []Precedence{{From: 0, To: 1}}
	if linked {
		p.SameResources = []SameResource{{A: 0, B: 1, Group: NoGroup}}
	}
	return p
}

func solveSmall(t *testing.T, p *Problem) *Solution {
	t.Helper()
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 200, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(p, sol); err != nil {
		t.Fatal(err)
	}
	return sol
}

func TestSameResource(t *testing.T) {
	free := solveSmall(t, continuityProblem(false))
	if got := free.Placements[1].Resources[0]; got != 1 {
		t.Errorf("without the link the cut goes to %d, want Bob (1), the cheaper", got)
	}
	sol := solveSmall(t, continuityProblem(true))
	if got := sol.Placements[1].Resources[0]; got != 0 {
		t.Errorf("with the link the cut goes to %d, want Ann (0)", got)
	}
	// The verifier refuses a cut given to Bob.
	p := continuityProblem(true)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	bad := solutionOf(t, p, []Placement{at(18, 0), at(66, 1)})
	if err := Verify(p, bad); !slices.Contains(kinds(err), ViolationSameResource) {
		t.Errorf("Verify = %v, want %q", err, ViolationSameResource)
	}
}

// maxLagProblem: a one-day grade, then an export by an online editor
// who is off until day 3; the export must start within lag slots of the
// grade's end.
func maxLagProblem(lag int, working bool) *Problem {
	avail := NewBitset(48 * 5)
	avail.SetRange(48*3, 48*5)
	win := NewBitset(48 * 5)
	for d := Slot(0); d < 5; d++ {
		win.SetRange(48*d+18, 48*d+38)
	}
	p := dayGrid(5, []Resource{
		{Name: "colourist"},
		{Name: "Olly", Available: avail},
	}, []Task{
		{Name: "grade", Duration: 20, Window: win, Demands: []Demand{{Candidates: []ResourceID{0}}}},
		{Name: "export", Duration: 4, Window: win, Demands: []Demand{{Candidates: []ResourceID{1}}}},
	})
	p.Calendar.Working = win
	p.Precedences = []Precedence{{From: 0, To: 1}}
	p.MaxLags = []MaxLag{{From: 0, To: 1, Lag: lag, LagWorking: working, Group: NoGroup}}
	return p
}

func TestMaxLag(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lag     int
		working bool
		want    Slot // latest allowed gap check is done by Verify; grade end
	}{
		{"24h elapsed", 48, false, 48*2 + 38},
		{"0wd", 0, true, 48*2 + 38},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := maxLagProblem(tc.lag, tc.working)
			sol := solveSmall(t, p)
			if sol.Ends[0] != tc.want || sol.Placements[1].Start != 48*3+18 {
				t.Errorf("grade ends %d, export starts %d; want %d and %d", sol.Ends[0], sol.Placements[1].Start, tc.want, 48*3+18)
			}
		})
	}
	p := maxLagProblem(48, false)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	bad := solutionOf(t, p, []Placement{at(18, 0), at(48*3+18, 1)})
	if err := Verify(p, bad); !slices.Contains(kinds(err), ViolationMaxLag) {
		t.Errorf("Verify = %v, want %q", err, ViolationMaxLag)
	}
}

func TestLatest(t *testing.T) {
	p := maxLagProblem(0, true)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	dv := p.drv
	for _, tc := range []struct {
		x    Slot
		lag  int
		want Slot
	}{
		{38, 0, 48 + 18},    // end of day 0: the next working slot
		{20, 0, 20},         // inside working time: at once
		{20, 2, 22},         // two working slots on
		{38, 20, 48*2 + 18}, // a whole working day on, over the night
		{48*4 + 38, 1, farSlot},
	} {
		if got := dv.latest(tc.x, tc.lag, true); got != tc.want {
			t.Errorf("latest(%d, %d) = %d, want %d", tc.x, tc.lag, got, tc.want)
		}
		// The verifier's count agrees: [x, latest) holds at most lag
		// working slots.
		if tc.want != farSlot {
			n := 0
			for s := tc.x; s < tc.want; s++ {
				if p.Calendar.Working.Has(s) {
					n++
				}
			}
			if n > tc.lag || !p.Calendar.Working.Has(tc.want) && tc.want != tc.x {
				t.Errorf("latest(%d, %d) = %d holds %d working slots", tc.x, tc.lag, tc.want, n)
			}
		}
	}
}

// TestSameResourceRepair: the cheaper editor takes the assembly first but
// is away for the cut, which must keep the assembly's editor; the search
// must give both to the other editor.
func TestSameResourceRepair(t *testing.T) {
	off := NewBitset(48 * 4)
	off.SetRange(0, 48)
	editors := []ResourceID{0, 1}
	p := dayGrid(4, []Resource{
		{Name: "Ann", Available: off, Rate: RateCard{Day: 400, DaySlots: 20}},
		{Name: "Bob", Rate: RateCard{Day: 500, DaySlots: 20}},
	}, []Task{
		{Name: "assembly", Duration: 20, Demands: []Demand{{Candidates: editors}}},
		{Name: "cut", Duration: 20, Release: 48, Deadline: 96, Demands: []Demand{{Candidates: editors}}},
	})
	p.Precedences = []Precedence{{From: 0, To: 1}}
	p.SameResources = []SameResource{{A: 0, B: 1, Group: NoGroup}}
	sol := solveSmall(t, p)
	if sol.Placements[0].Resources[0] != 1 || sol.Placements[1].Resources[0] != 1 {
		t.Errorf("placements %v, want both on Bob", sol.Placements)
	}
}

// TestSameResourceLinkedUnplaced: a sign-off (no length) needs the
// theatre, both its places, and must have the same resource as the mix,
// which may go to the theatre or a cheaper room and must start no later
// than the sign-off; the sign-off comes after the premix. Placing the mix
// first, the search gave it the cheaper room, which the sign-off can
// never have, so the sign-off found no start in any schedule (every seed
// of 400, one worker or two: TestPropertySolveTimeRules). A resource a
// linked session can never take is no choice at all.
func TestSameResourceLinkedUnplaced(t *testing.T) {
	const theatre, room = ResourceID(0), ResourceID(1)
	p := &Problem{
		Name: "linked", Slots: 11,
		Objective: Objective{MakespanWeight: 1, OverheadPerDay: 1},
		Resources: []Resource{
			{Name: "theatre", Capacity: 2, Department: -1, Rate: RateCard{Hour: 100, HalfDay: 25, HalfDaySlots: 1, Day: 220, DaySlots: 4, PerTask: 23}},
			{Name: "room", Capacity: 2, Department: -1, Rate: RateCard{Day: 7, DaySlots: 1, PerTask: 22}},
		},
		Tasks: []Task{
			{Name: "mix", Duration: 4, Release: 1, Deadline: 7, Split: true, MinChunk: 2, Demands: []Demand{{Candidates: []ResourceID{theatre, room}, Units: 2}}},
			{Name: "premix", Duration: 2, Release: 3, Deadline: 7, Split: true, MinChunk: 2, Demands: []Demand{{Candidates: []ResourceID{theatre}}}},
			{Name: "sign-off", Release: 3, Deadline: 7, Demands: []Demand{{Candidates: []ResourceID{theatre}, Units: 2}}},
		},
		Precedences:   []Precedence{{From: 1, To: 2, Lag: -1}, {From: 1, To: 2, Kind: FinishToFinish, Lag: -2}},
		MaxLags:       []MaxLag{{From: 2, To: 1, Kind: StartToStart, Lag: 5, LagWorking: true}, {From: 2, To: 0, Kind: StartToStart}},
		SameResources: []SameResource{{A: 2, B: 0}},
	}
	sol := solveOK(t, p, Options{Seed: 1, Iterations: 40, Workers: 1})
	if got := sol.Placements[0].Resources[0]; got != theatre {
		t.Errorf("the mix goes to %d, want the theatre (0)", got)
	}
}
