package solver

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// dayGrid returns a problem over n calendar days of 48 half-hour slots.
func dayGrid(n int, res []Resource, tasks []Task) *Problem {
	for i := range res {
		res[i].Capacity = max(res[i].Capacity, 1)
		res[i].Department = -1
	}
	return &Problem{
		Name:      "grid",
		Slots:     48 * n,
		Calendar:  Calendar{SlotMinutes: 30, SlotsPerDay: 48, Days: make([]DayKind, n)},
		Resources: res,
		Tasks:     tasks,
	}
}

// on is a task of d slots needing resource r.
func on(name string, d int, r ...ResourceID) Task {
	t := Task{Name: name, Duration: d}
	for _, x := range r {
		t.Demands = append(t.Demands, Demand{Candidates: []ResourceID{x}})
	}
	return t
}

// at places a task at s on resources rs.
func at(s Slot, rs ...ResourceID) Placement { return Placement{Start: s, Resources: rs} }

// solutionOf builds the solution a correct search would report for
// placements, using the verifier's own derivation.
func solutionOf(t *testing.T, p *Problem, place []Placement) *Solution {
	t.Helper()
	v := &verifier{p: p}
	sc, ok := v.derive(place)
	if !ok {
		t.Fatalf("placements cannot be read: %v", v.out)
	}
	return &Solution{Placements: place, Pieces: sc.pieces, Ends: sc.ends, Makespan: sc.makespan, Cost: recomputed(p, sc)}
}

func TestRecomputeCostRateCards(t *testing.T) {
	const h = 2 // slots per hour
	tests := []struct {
		name  string
		card  RateCard
		days  []DayKind
		place []Placement // one task of dur slots per placement
		dur   int
		want  map[string]float64
	}{
		{
			name:  "ADR stage minimum call",
			card:  RateCard{Hour: 180, MinimumCall: 4 * h},
			place: []Placement{at(20, 0)},
			dur:   2 * h,
			want:  map[string]float64{TermRateCards: 720},
		},
		{
			name:  "editor overtime after ten hours",
			card:  RateCard{Day: 650, DaySlots: 10 * h, Overtime: []OvertimeBand{{AfterSlots: 10 * h, Multiplier: 1.5}}},
			place: []Placement{at(14, 0)},
			dur:   12 * h,
			want:  map[string]float64{TermRateCards: 650 + 4*650.0/20*1.5},
		},
		{
			name:  "second overtime band",
			card:  RateCard{Day: 600, DaySlots: 20, Overtime: []OvertimeBand{{AfterSlots: 20, Multiplier: 1.5}, {AfterSlots: 22, Multiplier: 2}}},
			place: []Placement{at(10, 0)},
			dur:   24,
			want:  map[string]float64{TermRateCards: 600 + 2*30*1.5 + 2*30*2},
		},
		{
			name:  "clock-time bands on a weekend",
			card:  RateCard{Hour: 50, DaySlots: 20, WeekendMultiplier: 1.5, ClockX: eveningBands()},
			days:  []DayKind{Weekend},
			place: []Placement{at(18, 0)},
			dur:   13 * h,
			want:  map[string]float64{TermRateCards: (10*50 + 2*75 + 1*100) * 1.5},
		},
		{
			name:  "engagement counts a worked weekend day",
			card:  RateCard{Day: 500, DaySlots: 20, Week: 2500, Engaged: true, WeekDays: 5},
			days:  []DayKind{Workday, Workday, Workday, Workday, Workday, Weekend, Weekend, Workday},
			place: []Placement{at(5*48+18, 0), at(7*48+18, 0)},
			dur:   16,
			want:  map[string]float64{TermRateCards: 2500/5.0 + 2500/5.0}, // Sat worked, Sun idle; Mon
		},
		{
			name:  "weekend premium",
			card:  RateCard{Day: 500, DaySlots: 20, WeekendMultiplier: 1.5},
			days:  []DayKind{Workday, Weekend},
			place: []Placement{at(48+18, 0)},
			dur:   10,
			want:  map[string]float64{TermRateCards: 750},
		},
		{
			name:  "holiday premium",
			card:  RateCard{Hour: 100, HolidayMultiplier: 2},
			days:  []DayKind{Holiday},
			place: []Placement{at(18, 0)},
			dur:   3,
			want:  map[string]float64{TermRateCards: 300},
		},
		{
			name:  "half day cheaper than day",
			card:  RateCard{HalfDay: 300, HalfDaySlots: 10, Day: 550, DaySlots: 20},
			place: []Placement{at(18, 0)},
			dur:   8,
			want:  map[string]float64{TermRateCards: 300},
		},
		{
			name:  "hour cheaper than half day",
			card:  RateCard{Hour: 40, HalfDay: 300, HalfDaySlots: 10, Day: 550, DaySlots: 20},
			place: []Placement{at(18, 0)},
			dur:   4,
			want:  map[string]float64{TermRateCards: 80},
		},
		{
			name:  "weekly hire caps five days",
			card:  RateCard{Day: 500, DaySlots: 20, Week: 2000},
			days:  make([]DayKind, 8),
			place: []Placement{at(18, 0), at(48+18, 0), at(96+18, 0), at(144+18, 0), at(192+18, 0), at(7*48+18, 0)},
			dur:   16,
			want:  map[string]float64{TermRateCards: 2000 + 500},
		},
		{
			name:  "kit per day worked",
			card:  RateCard{Day: 400, Kit: 150},
			days:  make([]DayKind, 3),
			place: []Placement{at(18, 0), at(30, 0), at(96+18, 0)},
			dur:   4,
			want:  map[string]float64{TermRateCards: 800, TermKit: 300},
		},
		{
			name:  "artiste held over a two-day gap",
			card:  RateCard{PerTask: 600, Travel: 220, Hold: 100},
			days:  make([]DayKind, 4),
			place: []Placement{at(20, 0), at(3*48+20, 0)},
			dur:   8,
			want:  map[string]float64{TermFees: 1200, TermTravel: 220 + 200},
		},
		{
			name:  "artiste travels twice when holding costs more",
			card:  RateCard{PerTask: 600, Travel: 220, Hold: 150},
			days:  make([]DayKind, 4),
			place: []Placement{at(20, 0), at(3*48+20, 0)},
			dur:   8,
			want:  map[string]float64{TermFees: 1200, TermTravel: 440},
		},
		{
			name:  "consecutive days are one visit",
			card:  RateCard{Travel: 220},
			days:  make([]DayKind, 2),
			place: []Placement{at(20, 0), at(48+20, 0)},
			dur:   8,
			want:  map[string]float64{TermTravel: 220},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			days := tt.days
			if days == nil {
				days = make([]DayKind, 1)
			}
			var tasks []Task
			for range tt.place {
				tasks = append(tasks, on("session", tt.dur, 0))
			}
			p := dayGrid(len(days), []Resource{{Name: "r", Rate: tt.card}}, tasks)
			p.Calendar.Days = days
			got, err := RecomputeCost(p, tt.place)
			if err != nil {
				t.Fatal(err)
			}
			total := 0.0
			for _, term := range costTerms {
				name := term.name()
				want := tt.want[name]
				total += want
				if a := termAmount(got, name); !nearlyEqual(a, want) {
					t.Errorf("%s = %v, want %v", name, a, want)
				}
			}
			if !nearlyEqual(got.Total, total) || !nearlyEqual(got.ByResource[0], total) {
				t.Errorf("total %v, by resource %v, want %v", got.Total, got.ByResource[0], total)
			}
		})
	}
}

func TestRecomputeCostObjectiveTerms(t *testing.T) {
	p := dayGrid(4, []Resource{{Name: "mixer", Rate: RateCard{Hour: 50}, Department: 0}}, []Task{
		on("premix", 10, 0),
		{Name: "final mix", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}}}, Due: 48, LatenessPerDay: 200,
			Previous: &Placement{Start: 60, Resources: []ResourceID{0}}, MoveCost: 75},
		{Name: "delivery", Previous: &Placement{Start: 110}, MoveCost: 30, Target: 210, EarlinessPerDay: 60},
		{Name: "review", Duration: 2, Demands: []Demand{{Candidates: []ResourceID{0}}},
			Previous: &Placement{Start: 20, Resources: []ResourceID{0}}, Cancellation: []CancelFee{{0, 120}}},
	})
	p.Departments = []string{"sound"}
	p.Resources[0].Department = 0
	p.Objective = Objective{OverheadPerDay: 1000, MakespanWeight: 0.5, Cancelled: 200}
	// The review moves from slot 20 to 30: its fee of 120 is owed, on top
	// of the 200 owed already.
	got, err := RecomputeCost(p, []Placement{at(10, 0), at(100, 0), at(110), at(30, 0)})
	if err != nil {
		t.Fatal(err)
	}
	want := []TermCost{
		{TermRateCards, 16 * 25}, {TermKit, 0}, {TermFees, 0}, {TermTravel, 0}, {TermUses, 0}, {TermHandovers, 0},
		// The delivery falls at 110, 100 slots before its Target: two
		// whole days of 48 slots, 2 x 60.
		{TermOverhead, 3000}, {TermLateness, 400}, {TermEarliness, 120}, {TermCancellation, 320}, {TermDisruption, 75}, {TermMakespan, 55},
		{TermRecall, 0},
	}
	if !slices.Equal(got.Terms, want) {
		t.Errorf("terms %v, want %v", got.Terms, want)
	}
	if got.Total != 400+3000+400+120+320+75+55 || got.ByDepartment[0] != 400 {
		t.Errorf("total %v, sound %v", got.Total, got.ByDepartment)
	}
}

func TestRecomputeCostAbstractTime(t *testing.T) {
	p := &Problem{Slots: 20, Resources: []Resource{{Name: "R1", Capacity: 2, Rate: RateCard{Hour: 10, PerTask: 3, Kit: 99, Travel: 99}, Department: -1}},
		Tasks: []Task{on("a", 5, 0), on("b", 3, 0)}, Objective: Objective{MakespanWeight: 1, OverheadPerDay: 99}}
	got, err := RecomputeCost(p, []Placement{at(0, 0), at(2, 0)})
	if err != nil {
		t.Fatal(err)
	}
	// Busy slots 0-4 (b overlaps a), fees 2*3, makespan 5.
	if got.Total != 50+6+5 || len(got.ByWeek) != 0 {
		t.Errorf("got %+v", got)
	}
}

func TestRecomputeCostUnreadable(t *testing.T) {
	p := dayGrid(1, []Resource{{Name: "r"}}, []Task{on("a", 4, 0)})
	for _, place := range [][]Placement{{}, {at(0)}, {at(0, 3)}, {at(46, 0)}} {
		if _, err := RecomputeCost(p, place); err == nil {
			t.Errorf("%v: no error", place)
		}
	}
}

// kinds lists the kinds of a Verify error, sorted and without repeats.
func kinds(err error) []ViolationKind {
	var ve *VerifyError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []ViolationKind
	for _, v := range ve.Violations {
		out = append(out, v.Kind)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestVerifyViolations(t *testing.T) {
	avail := NewBitset(144)
	avail.SetRange(0, 40)
	avail.SetRange(48, 144)
	working := NewBitset(144)
	for d := Slot(0); d < 3; d++ {
		working.SetRange(48*d+18, 48*d+38)
	}
	window := append(Bitset(nil), working...)
	window.SetRange(90, 94)
	base := func() *Problem {
		p := dayGrid(3, []Resource{
			{Name: "editor", Available: avail, Rules: WorkRules{MaxSlotsPerDay: 20, MinRestSlots: 24}},
			{Name: "suite", Capacity: 2},
			{Name: "colourist", Rules: WorkRules{MaxDaysPerWeek: 2}},
		}, []Task{
			on("cut", 10, 0, 1),
			{Name: "grade", Duration: 30, Split: true, MinChunk: 8, Window: window,
				Demands: []Demand{{Candidates: []ResourceID{1, 2}, Count: 2}}},
			{Name: "lock", Release: 10, Deadline: 90},
		})
		p.Calendar.Working = working
		p.Precedences = []Precedence{{From: 0, To: 2}, {From: 2, To: 1, Lag: 10, LagWorking: true}}
		return p
	}
	ok := func() []Placement { return []Placement{at(20, 0, 1), at(68, 1, 2), at(30)} }
	tests := []struct {
		name   string
		edit   func(p *Problem, pl []Placement)
		want   []ViolationKind
		pieces []Interval // expected pieces of the grade when feasible
	}{
		{name: "feasible skips a short run", edit: func(*Problem, []Placement) {}, pieces: []Interval{{68, 86}, {114, 126}}},
		// Ten working slots after the lock at 30 run to 68; elapsed, 40.
		{name: "working lag", edit: func(_ *Problem, pl []Placement) { pl[1].Start = 66 },
			want: []ViolationKind{ViolationPrecedence}},
		{name: "release and deadline", edit: func(p *Problem, pl []Placement) {
			p.Precedences = nil
			p.Tasks[2].Deadline = 5
			pl[2].Start = 6
		}, want: []ViolationKind{ViolationDeadline, ViolationRelease}},
		{name: "unavailable editor", edit: func(_ *Problem, pl []Placement) { pl[0].Start = 35 },
			want: []ViolationKind{ViolationCannotRun}},
		{name: "split walk takes a short last piece", edit: func(p *Problem, pl []Placement) {
			p.Tasks[1].Duration = 22
		}, pieces: []Interval{{68, 86}, {90, 94}}},
		{name: "first piece too short", edit: func(p *Problem, pl []Placement) { pl[1].Start = 48 + 34 },
			want: []ViolationKind{ViolationCannotRun}},
		{name: "over capacity and duplicate", edit: func(p *Problem, pl []Placement) {
			p.Resources[1].Capacity = 1
			p.Tasks[1].Split = false
			p.Tasks[1].Window = nil
			p.Precedences = nil
			pl[1] = at(25, 1, 1)
		}, want: []ViolationKind{ViolationDemand}},
		{name: "over capacity", edit: func(p *Problem, pl []Placement) {
			p.Resources[1].Capacity = 1
			p.Tasks[1].Split = false
			p.Tasks[1].Window = nil
			p.Tasks[1].Duration = 5
			p.Precedences = nil
			pl[1] = at(25, 1, 2)
		}, want: []ViolationKind{ViolationCapacity}},
		{name: "not a candidate", edit: func(_ *Problem, pl []Placement) { pl[0].Resources = []ResourceID{0, 2} },
			want: []ViolationKind{ViolationDemand}},
		{name: "pin moved", edit: func(p *Problem, pl []Placement) {
			p.Tasks[0].Pin = &Placement{Start: 20, Resources: []ResourceID{0, 2}}
		},
			want: []ViolationKind{ViolationPin}},
		{name: "placement count", edit: func(p *Problem, _ []Placement) { p.Tasks = append(p.Tasks, on("extra", 1, 0)) },
			want: []ViolationKind{ViolationPlacementCount}},
		{name: "budget", edit: func(p *Problem, _ []Placement) {
			p.Resources[2].Rate = RateCard{Day: 800, DaySlots: 20}
			p.Resources[2].Department = 0
			p.Departments = []string{"grade"}
			p.Budgets = []BudgetCap{{Department: 0, Limit: 1500}, {Department: -1, Limit: 1600}}
		}, want: []ViolationKind{ViolationBudget}},
		// Moving the cut off slot 10 owes the editor's 500: the caps count
		// it (the total's 400 and the editor's department's), though no
		// rate card charges anything.
		{name: "cancellation counts against the total cap", edit: movedCut(-1),
			want: []ViolationKind{ViolationBudget}},
		{name: "cancellation counts against its department's cap", edit: movedCut(0),
			want: []ViolationKind{ViolationBudget}},
		{name: "another department's cancellation", edit: movedCut(1),
			pieces: []Interval{{68, 86}, {114, 126}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, pl := base(), ok()
			tt.edit(p, pl)
			sol := &Solution{Placements: pl}
			if v := (&verifier{p: p}); len(pl) == len(p.Tasks) {
				if sc, ok := v.derive(pl); ok {
					sol = solutionOf(t, p, pl)
					if tt.pieces != nil && !slices.Equal(sc.pieces[1], tt.pieces) {
						t.Errorf("grade pieces %v, want %v", sc.pieces[1], tt.pieces)
					}
				}
			}
			err := Verify(p, sol)
			if got := kinds(err); !slices.Equal(got, tt.want) {
				t.Errorf("kinds %v, want %v (%v)", got, tt.want, err)
			}
		})
	}
}

// movedCut is an edit of TestVerifyViolations: the cut (on the editor,
// department 0 "picture") was at slot 10, and moving it owes the
// editor's 500, over a cap of 400 on department dept (-1: the total).
func movedCut(dept int) func(p *Problem, _ []Placement) {
	return func(p *Problem, _ []Placement) {
		p.Resources[0].Department = 0
		p.Departments = []string{"picture", "grade"}
		p.Tasks[0].Previous = &Placement{Start: 10, Resources: []ResourceID{0, 1}}
		p.Tasks[0].Cancellation = []CancelFee{{Resource: 0, Fee: 500}}
		p.Budgets = []BudgetCap{{Department: dept, Limit: 400}}
	}
}

func TestVerifyWorkRules(t *testing.T) {
	p := dayGrid(9, []Resource{{Name: "dialogue editor", Rules: WorkRules{MaxSlotsPerDay: 20, MinRestSlots: 24, MaxDaysPerWeek: 5, MaxSlotsPerWeek: 40}}}, nil)
	var pl []Placement
	add := func(s Slot, d int) {
		p.Tasks = append(p.Tasks, on("edit", d, 0))
		pl = append(pl, at(s, 0))
	}
	add(18, 20)    // day 0: 18-37
	add(48+13, 2)  // day 1 starts at 61: rest 61-38 = 23 < 24
	add(48+20, 19) // day 1: 2+19 = 21 slots > 20
	for d := 2; d < 6; d++ {
		add(Slot(48*d+18), 4) // days 2-5: six days in week 0
	}
	add(Slot(48*7+18), 4) // day 7 is week 1
	// Week 0 works 20 + 2 + 19 + 4 x 4 = 57 slots, over 40.
	err := Verify(p, solutionOf(t, p, pl))
	want := []ViolationKind{ViolationSlotsPerDay, ViolationRest, ViolationDaysPerWeek, ViolationSlotsPerWeek}
	slices.Sort(want)
	if got := kinds(err); !slices.Equal(got, want) {
		t.Errorf("kinds %v, want %v (%v)", got, want, err)
	}
}

func TestVerifyReport(t *testing.T) {
	p := dayGrid(1, []Resource{{Name: "r", Rate: RateCard{Hour: 10}}}, []Task{on("a", 4, 0), on("b", 2, 0)})
	pl := []Placement{at(0, 0), at(4, 0)}
	tests := []struct {
		name string
		edit func(s *Solution)
		want []ViolationKind
	}{
		{"pieces", func(s *Solution) { s.Pieces[0] = []Interval{{0, 3}} }, []ViolationKind{ViolationReport}},
		{"end", func(s *Solution) { s.Ends = s.Ends[:1] }, []ViolationKind{ViolationReport}},
		{"makespan", func(s *Solution) { s.Makespan++ }, []ViolationKind{ViolationReport}},
		{"total", func(s *Solution) { s.Cost.Total += 0.01 }, []ViolationKind{ViolationCost}},
		{"term", func(s *Solution) { s.Cost.Terms[0].Amount = 1 }, []ViolationKind{ViolationCost}},
		{"unknown term", func(s *Solution) { s.Cost.Terms = append(s.Cost.Terms, TermCost{"tea", 0}) }, []ViolationKind{ViolationCost}},
		{"resource", func(s *Solution) { s.Cost.ByResource[0] = 0 }, []ViolationKind{ViolationCost}},
		{"within tolerance", func(s *Solution) { s.Cost.Total *= 1 + 1e-9 }, nil},
		{"bound above makespan", func(s *Solution) { s.Bound = Bound{Makespan: s.Makespan + 1} }, []ViolationKind{ViolationBound}},
		{"bound above cost", func(s *Solution) { s.Bound = Bound{Cost: s.Cost.Total + 1} }, []ViolationKind{ViolationBound}},
		{"bound at the schedule", func(s *Solution) { s.Bound = Bound{Makespan: s.Makespan, Cost: s.Cost.Total} }, nil},
		{"pool bound above its cost", func(s *Solution) {
			s.Bound = Bound{Pools: []PoolBound{{Resources: []ResourceID{0}, Cost: s.Cost.ByResource[0] + 1}}}
		}, []ViolationKind{ViolationBound}},
		{"pool bound at its cost", func(s *Solution) {
			s.Bound = Bound{Pools: []PoolBound{{Resources: []ResourceID{0}, Cost: s.Cost.ByResource[0]}}}
		}, nil},
		{"resource in two pools", func(s *Solution) {
			s.Bound = Bound{Pools: []PoolBound{{Resources: []ResourceID{0}}, {Resources: []ResourceID{0}}}}
		}, []ViolationKind{ViolationBound}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sol := solutionOf(t, p, pl)
			tt.edit(sol)
			if got := kinds(Verify(p, sol)); !slices.Equal(got, tt.want) {
				t.Errorf("kinds %v, want %v", got, tt.want)
			}
		})
	}
	if kinds(Verify(p, nil)) == nil {
		t.Error("nil solution verified")
	}
}

func TestAdvance(t *testing.T) {
	working := NewBitset(20)
	working.SetRange(2, 4)
	working.SetRange(8, 10)
	p := &Problem{Slots: 20, Calendar: Calendar{Working: working}}
	open := &Problem{Slots: 20}
	tests := []struct {
		name    string
		p       *Problem
		x       Slot
		lag     int
		working bool
		want    Slot
	}{
		{"elapsed", p, 3, 4, false, 7},
		{"negative elapsed", p, 3, -2, false, 1},
		{"working over a gap", p, 3, 2, true, 9},
		{"working from before the first", p, 0, 1, true, 3},
		{"negative working lag reaches back to the last working slot", p, 5, -1, true, 3},
		{"negative working lag over a gap", p, 9, -2, true, 3},
		{"negative working lag with too few before", p, 2, -1, true, 0},
		{"every slot working", open, 5, 3, true, 8},
		{"negative working, every slot working", open, 5, -1, true, 4},
		{"too few working slots", p, 3, 5, true, 21},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := advance(tt.p, tt.x, tt.lag, tt.working); got != tt.want {
				t.Errorf("advance(%d, %d, %v) = %d, want %d", tt.x, tt.lag, tt.working, got, tt.want)
			}
		})
	}
}

// TestMalformedProblems feeds problems that Freeze would refuse to every
// entry point of this file's family: they must answer, never panic.
func TestMalformedProblems(t *testing.T) {
	tests := []struct {
		name string
		p    *Problem
	}{
		{"no horizon", &Problem{Tasks: []Task{{Name: "a", Duration: 1}}}},
		{"no capacity", &Problem{Slots: 4, Resources: []Resource{{Name: "r"}}, Tasks: []Task{on("a", 1, 0)}}},
		{"unknown resource", &Problem{Slots: 4, Tasks: []Task{on("a", 1, 3)}}},
		{"unknown task", &Problem{Slots: 4, Tasks: []Task{{Name: "a"}}, Precedences: []Precedence{{From: 0, To: 5}}}},
		{"cycle", &Problem{Slots: 4, Tasks: []Task{{Name: "a"}, {Name: "b"}}, Precedences: []Precedence{{From: 0, To: 1}, {From: 1, To: 0}}}},
		{"too few candidates", &Problem{Slots: 4, Resources: []Resource{{Name: "r", Capacity: 1}}, Tasks: []Task{{Name: "a", Duration: 1, Demands: []Demand{{Candidates: []ResourceID{0}, Count: 2}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			place := make([]Placement, len(tt.p.Tasks))
			for i, task := range tt.p.Tasks {
				for _, d := range task.Demands {
					place[i].Resources = append(place[i].Resources, d.Candidates...)
				}
			}
			// Verify and LowerBound may say anything here but must return.
			_ = Verify(tt.p, &Solution{Placements: place})
			_ = tt.p.LowerBound(context.Background())
			if ExplainQuick(tt.p) == nil {
				t.Error("ExplainQuick found nothing wrong")
			}
		})
	}
}

// BenchmarkVerify verifies a production-sized schedule: every task at the
// first start from its earliest on which some choice of candidates can
// run (capacity and precedences are not respected, so Verify also lists
// violations).
func BenchmarkVerify(b *testing.B) {
	p := production()
	order, _ := topoOrder(p)
	tb := criticalPath(p, order)
	place := make([]Placement, len(p.Tasks))
	choices := make([][][]ResourceID, len(p.Tasks))
	for i := range p.Tasks {
		choices[i] = resourceChoices(&p.Tasks[i])
	}
	runs := func(i int) bool {
		for _, rs := range choices[i] {
			for s := tb.es[i]; int(s) < p.Slots; s++ {
				place[i] = Placement{Start: s, Resources: rs}
				if _, _, why := taskPieces(p, TaskID(i), place[i]); why == "" {
					return true
				}
			}
		}
		return false
	}
	for i := range p.Tasks {
		if !runs(i) {
			b.Fatalf("task %d cannot run", i)
		}
	}
	sol := &Solution{Placements: place}
	if kinds(Verify(p, sol)) == nil {
		b.Fatal("no violations")
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Verify(p, sol)
	}
}

// recomputed is the verifier's breakdown of a derived schedule.
func recomputed(p *Problem, sc *schedule) Breakdown {
	cost, _, _ := costOf(p, sc)
	return cost
}
