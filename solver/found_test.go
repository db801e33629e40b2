package solver

import (
	"context"
	"testing"
)

// TestCasesThePropertiesFound solves problems the rapid property tests
// found with 40 iterations, as checkSolve gives them. Each has a schedule
// (brute force found it, and it is written in the case), and the search
// said infeasible before its fix; each fix is named in the case.
func TestCasesThePropertiesFound(t *testing.T) {
	tests := foundCases()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.p.Freeze(); err != nil {
				t.Fatal(err)
			}
			sol, err := Solve(context.Background(), tt.p, Options{Seed: tt.seed, Iterations: 40, Workers: 1})
			if err != nil {
				t.Fatalf("solve: %v", err)
			}
			if err := Verify(tt.p, sol); err != nil {
				t.Fatalf("verify: %v", err)
			}
			for i, want := range tt.want {
				if got := sol.Placements[i].Start; want >= 0 && got != want {
					t.Errorf("%s starts at %d, want %d", tt.p.Tasks[i].Name, got, want)
				}
			}
		})
	}
}

// foundCase is a problem the property tests found, solved with seed.
type foundCase struct {
	name string
	p    *Problem
	seed uint64
	want []Slot // a start for each task that has only one (-1: any)
}

// foundCases are TestCasesThePropertiesFound's problems.
func foundCases() []foundCase {
	return []foundCase{
		{
			// Fix: a split session's candidate who breaks a rest rule on
			// the pieces so far is kept until everyone is chosen. Alone,
			// the mixer works 8, 9 and then 10 the next morning (no rest);
			// the stage is away at 9, so the session runs 8, 10, 11 and
			// the mixer rests at 9. Starting at 8 is the only way to end
			// by 12.
			name: "rest kept by the pieces a second resource makes",
			p: threeShortDays(
				[]Resource{
					{Name: "mixer", Capacity: 1, Rate: RateCard{Hour: 10}, Rules: WorkRules{MinRestSlots: 1}},
					{Name: "stage", Capacity: 1, Available: allBut(15, 9), Rate: RateCard{Hour: 20}},
				},
				Task{
					Name: "premix", Duration: 3, Split: true, MinChunk: 1, Release: 8, Deadline: 12,
					Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 1}, {Candidates: []ResourceID{1}, Count: 1, Units: 1}},
				}),
			want: []Slot{8},
		},
		{
			// Fix: a pin is placed without the journey there checked.
			// The artiste cannot travel in for the pinned session at 8
			// (away at 6), but a session on the day before makes the two
			// days one visit: travel before 2, nothing before 8.
			name: "pin inside a visit a later session opens",
			p: threeShortDays(
				[]Resource{{Name: "artiste", Capacity: 1, Available: allBut(15, 6), Rate: RateCard{Hour: 10, Travel: 50}, Rules: WorkRules{TravelSlots: 2}}},
				Task{Name: "ADR pinned", Duration: 1, Pin: &Placement{Start: 8, Resources: []ResourceID{0}},
					Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 1}}},
				Task{Name: "ADR", Duration: 1, Deadline: 5, Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 1}}}),
			want: []Slot{8, -1},
		},
		{
			// Fix: a session's latest start counts the deadlines after
			// it (derived.lst). The conform may start a slot after the
			// grade; the grade is due at 1 and both take the whole suite,
			// so the conform must take slot 1, though its target (4)
			// makes every later slot cheaper.
			name: "latest start from a deadline after an overlap",
			p: &Problem{
				Slots:     7,
				Resources: []Resource{{Name: "suite", Capacity: 2, Rate: RateCard{Hour: 4}}},
				Tasks: []Task{
					{Name: "conform", Duration: 1, Target: 4, EarlinessPerDay: 3, Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 2}}},
					{Name: "grade", Duration: 1, Deadline: 1, Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 2}}},
				},
				Precedences: []Precedence{{From: 0, To: 1, Kind: StartToStart, Lag: -1}},
			},
			want: []Slot{1, 0},
		},
		{
			// Fix: insertions compare every start while the search has no
			// feasible schedule, not one a day. Found by rapid (seed
			// 7006836743205727388); two travelling resources on weekend
			// days, where the one-a-day starts leave no time to travel.
			name: "travel time found by every start",
			seed: 0x520,
			p: &Problem{
				Slots:       12,
				Calendar:    Calendar{SlotsPerDay: 6, Days: []DayKind{Weekend, Weekend}, WeekOffset: 4},
				Objective:   Objective{OverheadPerDay: 4},
				Departments: []string{"sound"},
				Resources: []Resource{
					{Name: "r0", Capacity: 2, Department: 0,
						Rate:  RateCard{Hour: 10, Day: 45, DaySlots: 2, Week: 900, MinimumCall: 1, HolidayMultiplier: 1, Kit: 34, PerTask: 21, Travel: 119, Hold: 82},
						Rules: WorkRules{TravelSlots: 2}},
					{Name: "r1", Capacity: 1, Department: -1,
						Rate:  RateCard{Hour: 10, HalfDay: 27, HalfDaySlots: 3, Day: 1, DaySlots: 3, MinimumCall: 1, HolidayMultiplier: 1, Kit: 27, PerTask: 42, Travel: 23, Hold: 7},
						Rules: WorkRules{MaxSlotsPerDay: 5, MinRestSlots: 3, TravelSlots: 1}},
				},
				Tasks: []Task{
					{Name: "t0", Duration: 2, Release: 1, Deadline: 7, Target: 2, EarlinessPerDay: 39, MinChunk: 2,
						Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 2}}},
					{Name: "t1", Duration: 1, Release: 3, Deadline: 8, Due: 11, LatenessPerDay: 25, Target: 4, EarlinessPerDay: 19, Split: true, MinChunk: 2},
					{Name: "t2", Release: 2, Split: true, MinChunk: 2, MoveCost: 15, Previous: &Placement{Start: 8, Resources: []ResourceID{1}},
						Demands: []Demand{{Candidates: []ResourceID{1}, Count: 1, Units: 1}}},
					{Name: "t3", Duration: 3, Release: 2, Deadline: 12, Due: 5, LatenessPerDay: 25, Target: 4, EarlinessPerDay: 25,
						Window: Bitset{3709}, Premium: Bitset{1149}, Split: true, MinChunk: 1, MoveCost: 15, Previous: &Placement{Start: 3, Resources: []ResourceID{1, 0}},
						Demands: []Demand{{Candidates: []ResourceID{1}, Count: 1, Units: 1}, {Candidates: []ResourceID{0}, Count: 1, Units: 1}}},
				},
			},
		},
		{
			// Fix: with no schedule yet, insertions choose more at
			// random. The rig may work one day in the week, so the
			// review and the conform (split, due at 8) share day 1, and
			// the review must start at 4 though 1 is cheaper: the
			// cheapest start leaves the conform no day.
			name: "cheapest start leaves the next no day",
			seed: 0x20860,
			p: &Problem{
				Slots:       12,
				Calendar:    Calendar{SlotsPerDay: 4, Days: []DayKind{Weekend, Workday, Holiday}, WeekOffset: 1},
				Objective:   Objective{MakespanWeight: 2, OverheadPerDay: 49},
				Departments: []string{"picture"},
				Resources: []Resource{
					{Name: "rig", Capacity: 2, Department: -1,
						Rate:  RateCard{Hour: 16, HalfDaySlots: 1, MinimumCall: 2, Overtime: []OvertimeBand{{AfterSlots: 2, Multiplier: 1.5}, {AfterSlots: 3, Multiplier: 2}}, WeekendMultiplier: 1, HolidayMultiplier: 3, PerTask: 33, Travel: 91, Hold: 118},
						Rules: WorkRules{MaxSlotsPerDay: 4, MinRestSlots: 1, MaxDaysPerWeek: 1}},
					{Name: "editor", Capacity: 1, Department: 0,
						Rate:  RateCard{Hour: 85, HalfDay: 178, HalfDaySlots: 1, Day: 412, DaySlots: 1, Week: 900, Overtime: []OvertimeBand{{AfterSlots: 2, Multiplier: 1.5}, {AfterSlots: 3, Multiplier: 2}}, WeekendMultiplier: 2, Kit: 2, PerTask: 3, Hold: 4},
						Rules: WorkRules{MaxSlotsPerDay: 2}},
				},
				Tasks: []Task{
					{Name: "turnover", Deadline: 12, Due: 3, LatenessPerDay: 25, Split: true, MinChunk: 2, MoveCost: 15, Previous: &Placement{Start: 4, Resources: []ResourceID{0}},
						Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 2}}},
					{Name: "review", Duration: 1, Release: 1, Demands: []Demand{{Candidates: []ResourceID{0}, Count: 1, Units: 1}}},
					{Name: "notes", Duration: 1, Deadline: 12, MinChunk: 2, MoveCost: 15, Previous: &Placement{Start: 0}},
					{Name: "conform", Duration: 2, Release: 3, Deadline: 8, Window: Bitset{2815}, Split: true, MinChunk: 1,
						Demands: []Demand{{Candidates: []ResourceID{1, 0}, Count: 2, Units: 1}}},
				},
				Precedences: []Precedence{
					{From: 1, To: 2, Kind: StartToStart, Lag: 2, LagWorking: true},
					{From: 1, To: 3, Kind: StartToStart, Lag: -1, LagWorking: true},
					{From: 0, To: 1, Kind: StartToStart},
					{From: 2, To: 3, Kind: FinishToStart, Lag: -1, LagWorking: true},
				},
			},
			want: []Slot{-1, 4, 6, 6},
		},
	}
}

// threeShortDays is a problem of three working days of five slots each.
func threeShortDays(res []Resource, tasks ...Task) *Problem {
	return &Problem{
		Slots:     15,
		Calendar:  Calendar{SlotsPerDay: 5, Days: make([]DayKind, 3)},
		Resources: res,
		Tasks:     tasks,
	}
}

// allBut is the availability of every one of n slots but slot.
func allBut(n int, slot Slot) Bitset {
	b := NewBitset(n)
	b.SetRange(0, Slot(n))
	b.Clear(slot)
	return b
}

// TestMilestoneLateForTravel: with no schedule yet, half the insertions
// take a start at random. The milestone has nothing to pay and is due
// at 3, the session may start at most a slot after it, and the artiste
// (away at 6, 8 and 11) has time to travel home only if the session
// starts at 5: the milestone must run late, which no score chose. Found
// by TestPropertySolveTimeRules; at its 40 iterations no seed of 40
// found a schedule before, and at 200 none either.
func TestMilestoneLateForTravel(t *testing.T) {
	p := &Problem{
		Slots:       12,
		Calendar:    Calendar{SlotsPerDay: 6, Days: []DayKind{Holiday, Weekend}, WeekOffset: 1},
		Objective:   Objective{OverheadPerDay: 10},
		Departments: []string{"sound", "adr"},
		Resources: []Resource{
			{Name: "mixer", Capacity: 2, Department: 0,
				Rate:  RateCard{Hour: 36, HalfDay: 12, HalfDaySlots: 2, Day: 500, DaySlots: 3, Week: 900, MinimumCall: 1, WeekendMultiplier: 2, HolidayMultiplier: 3, PerTask: 21, Hold: 86},
				Rules: WorkRules{MaxSlotsPerDay: 3, MinRestSlots: 3, TravelSlots: 2}},
			{Name: "artiste", Capacity: 2, Department: -1, Available: Bitset{1727},
				Rate:  RateCard{HalfDay: 8, Day: 500, DaySlots: 2, MinimumCall: 3, HolidayMultiplier: 3, Kit: 3, PerTask: 7, Travel: 171, Hold: 1},
				Rules: WorkRules{MaxSlotsPerDay: 3, TravelSlots: 1}},
			{Name: "stage", Capacity: 1, Department: 1,
				Rate:  RateCard{Hour: 83, HalfDay: 23, Day: 492, WeekendMultiplier: 2, HolidayMultiplier: 1, Kit: 3, PerTask: 55, Travel: 32, Hold: 7},
				Rules: WorkRules{MaxSlotsPerDay: 5, MaxDaysPerWeek: 1}},
		},
		Tasks: []Task{
			{Name: "lock", Release: 1, Deadline: 6, Due: 3, LatenessPerDay: 25, Target: 11, EarlinessPerDay: 8, MoveCost: 15, Previous: &Placement{Start: 3}},
			{Name: "ADR", Duration: 3, Release: 4, Target: 10, EarlinessPerDay: 7, Premium: Bitset{1855}, Split: true,
				Demands: []Demand{{Candidates: []ResourceID{1}, Count: 1, Units: 2}}},
		},
		Precedences: []Precedence{{From: 0, To: 1}},
		MaxLags:     []MaxLag{{From: 0, To: 1, Kind: StartToStart, Lag: 1}, {From: 1, To: 0, Kind: StartToStart, Lag: 2}},
	}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	found := 0
	for seed := range uint64(40) {
		sol, err := Solve(context.Background(), p, Options{Seed: seed, Iterations: 40, Workers: 1})
		if err != nil {
			continue
		}
		if err := Verify(p, sol); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if sol.Placements[1].Start != 5 {
			t.Errorf("seed %d: the session starts at %d, want 5", seed, sol.Placements[1].Start)
		}
		found++
	}
	if found < 30 {
		t.Errorf("a schedule for %d seeds of 40, want at least 30", found)
	}
}
