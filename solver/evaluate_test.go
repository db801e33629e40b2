package solver

import (
	"math"
	"slices"
	"testing"
)

// dayHours returns a window of slots [from, to) on each of n days of 48.
func dayHours(n int, from, to Slot) Bitset {
	b := NewBitset(48 * n)
	for d := 0; d < n; d++ {
		b.SetRange(Slot(48*d)+from, Slot(48*d)+to)
	}
	return b
}

func TestExpand(t *testing.T) {
	avail := NewBitset(48 * 3)
	avail.SetRange(0, 48*3)
	avail.ClearRange(20, 30) // a gap in the resource's day 0
	short := dayHours(3, 18, 38)
	short.ClearRange(48+20, 48+37) // day 1 leaves runs of 2 and 1 slots
	tests := []struct {
		name   string
		task   Task
		start  Slot
		res    []ResourceID
		pieces []Interval
		end    Slot
		err    expandError
	}{
		{name: "consecutive", task: Task{Duration: 4}, start: 5, pieces: []Interval{{5, 9}}, end: 9},
		{name: "milestone", task: Task{}, start: 7, end: 7},
		{name: "milestone at horizon", task: Task{}, start: 144, end: 144},
		{name: "closed slot inside", task: Task{Duration: 4, Window: dayHours(3, 18, 38)}, start: 36, err: expandClosed},
		{name: "closed start", task: Task{Duration: 4, Split: true, Window: dayHours(3, 18, 38)}, start: 10, err: expandClosed},
		{name: "past horizon", task: Task{Duration: 10}, start: 140, err: expandHorizon},
		{name: "split over the night", task: Task{Duration: 30, Split: true, Window: dayHours(3, 18, 38)}, start: 18,
			pieces: []Interval{{18, 38}, {66, 76}}, end: 76},
		{name: "split skips short runs", task: Task{Duration: 30, Split: true, MinChunk: 4, Window: short}, start: 28,
			pieces: []Interval{{28, 38}, {114, 134}}, end: 134},
		{name: "short last piece is allowed", task: Task{Duration: 22, Split: true, MinChunk: 4, Window: dayHours(3, 18, 38)}, start: 18,
			pieces: []Interval{{18, 38}, {66, 68}}, end: 68},
		{name: "first piece too short", task: Task{Duration: 30, Split: true, MinChunk: 4, Window: dayHours(3, 18, 38)}, start: 36, err: expandShort},
		{name: "resource availability splits", task: Task{Duration: 25, Split: true, Demands: []Demand{{Candidates: []ResourceID{0}}}}, start: 10,
			res: []ResourceID{0}, pieces: []Interval{{10, 20}, {30, 45}}, end: 45},
		{name: "split runs out of horizon", task: Task{Duration: 70, Split: true, Window: dayHours(3, 18, 38)}, start: 18, err: expandHorizon},
	}
	p := &Problem{Slots: 48 * 3, Resources: []Resource{{Name: "suite", Capacity: 1, Available: avail}}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pieces, end, err := p.expand(nil, &tt.task, tt.start, tt.res)
			if err != tt.err {
				t.Fatalf("error %d, want %d", err, tt.err)
			}
			if err != expandOK {
				return
			}
			if !slices.Equal(pieces, tt.pieces) || end != tt.end {
				t.Errorf("pieces %v end %d, want %v end %d", pieces, end, tt.pieces, tt.end)
			}
		})
	}
}

// costCase is one hand-worked cost example: one resource with rate card
// rc, tasks placed at the given starts, and the expected terms.
type costCase struct {
	name   string
	rc     RateCard
	obj    Objective
	tasks  []Task
	place  []Placement
	days   map[int]DayKind
	want   map[string]float64
	byWeek []float64
}

func TestEvaluateCostRules(t *testing.T) {
	ed := func(d int) Task { return on("session", d, 0) }
	tests := []costCase{
		{name: "hourly", rc: RateCard{Hour: 100}, tasks: []Task{ed(4)}, place: []Placement{at(0, 0)},
			want: map[string]float64{TermRateCards: 200}},
		{name: "minimum call", rc: RateCard{Hour: 100, MinimumCall: 8}, tasks: []Task{ed(4)}, place: []Placement{at(0, 0)},
			want: map[string]float64{TermRateCards: 400}},
		{name: "cheapest of hour, half day and day", rc: RateCard{Hour: 100, HalfDay: 500, HalfDaySlots: 10, Day: 800, DaySlots: 20},
			tasks: []Task{ed(6), ed(12), ed(18)}, place: []Placement{at(0, 0), at(48, 0), at(96, 0)},
			want: map[string]float64{TermRateCards: 300 + 600 + 800}},
		{name: "overtime bands", rc: RateCard{Day: 800, DaySlots: 20, Overtime: []OvertimeBand{{20, 1.5}, {22, 2}}},
			tasks: []Task{ed(24)}, place: []Placement{at(0, 0)},
			want: map[string]float64{TermRateCards: 800 + 2*40*1.5 + 2*40*2}},
		{name: "clock-time bands", rc: RateCard{Hour: 50, DaySlots: 20, ClockX: eveningBands()},
			tasks: []Task{ed(26)}, place: []Placement{at(18, 0)},
			want: map[string]float64{TermRateCards: 10*50 + 2*75 + 1*100}},
		{name: "clock band above an hours band pays the difference", rc: RateCard{Day: 800, DaySlots: 20,
			Overtime: []OvertimeBand{{20, 1.5}}, ClockX: eveningBands()},
			tasks: []Task{ed(26)}, place: []Placement{at(18, 0)},
			want: map[string]float64{TermRateCards: 800 + 6*40*1.5 + 2*40*(2-1.5)}},
		{name: "weekend and holiday premium", rc: RateCard{Day: 800, DaySlots: 20, WeekendMultiplier: 1.5, HolidayMultiplier: 2},
			tasks: []Task{ed(10), ed(10), ed(10)}, place: []Placement{at(0, 0), at(5*48, 0), at(7*48, 0)},
			days: map[int]DayKind{5: Weekend, 7: Holiday},
			want: map[string]float64{TermRateCards: 800 + 1200 + 1600}, byWeek: []float64{2000, 1600}},
		{name: "weekly hire", rc: RateCard{Day: 800, DaySlots: 20, Week: 2000},
			tasks: []Task{ed(10), ed(10), ed(10), ed(10)}, place: []Placement{at(0, 0), at(48, 0), at(96, 0), at(7*48, 0)},
			want: map[string]float64{TermRateCards: 2000 + 800}, byWeek: []float64{2000, 800}},
		{name: "weekly engagement, idle days included", rc: RateCard{Day: 400, DaySlots: 20, Week: 2000, Engaged: true},
			tasks: []Task{ed(20), ed(20)}, place: []Placement{at(0, 0), at(8*48, 0)},
			want: map[string]float64{TermRateCards: 2000 + 2000*2/5}, byWeek: []float64{2000, 800}},
		{name: "engagement pays overtime on top", rc: RateCard{Day: 400, DaySlots: 20, Week: 2000, Engaged: true,
			Overtime: []OvertimeBand{{20, 1.5}}},
			tasks: []Task{ed(24)}, place: []Placement{at(0, 0)},
			want: map[string]float64{TermRateCards: 400 + 4*20*1.5}, byWeek: []float64{520, 0}},
		{name: "sixth day outside the weekly cap", rc: RateCard{Day: 400, DaySlots: 20, Week: 2000, WeekDays: 5, SixthDayX: 1.5},
			tasks: []Task{ed(20), ed(20), ed(20), ed(20), ed(20), ed(20)},
			place: []Placement{at(0, 0), at(48, 0), at(2*48, 0), at(3*48, 0), at(4*48, 0), at(5*48, 0)},
			days:  map[int]DayKind{5: Weekend},
			want:  map[string]float64{TermRateCards: 2000 + 400*1.5}, byWeek: []float64{2600, 0}},
		{name: "sixth day under an engagement", rc: RateCard{Day: 400, DaySlots: 20, Week: 2000, Engaged: true, SixthDayX: 1.5,
			WeekendMultiplier: 1.5},
			tasks: []Task{ed(20), ed(20), ed(20), ed(20), ed(20), ed(22)},
			place: []Placement{at(0, 0), at(48, 0), at(2*48, 0), at(3*48, 0), at(4*48, 0), at(5*48, 0)},
			days:  map[int]DayKind{5: Weekend, 6: Weekend},
			want:  map[string]float64{TermRateCards: 2000 + (400+2*20)*1.5*1.5}, byWeek: []float64{2990, 0}},
		{name: "weekend minimum call", rc: RateCard{Hour: 100, MinimumCall: 4, MinimumCallOff: 8},
			tasks: []Task{ed(2), ed(2)}, place: []Placement{at(0, 0), at(5*48, 0)},
			days: map[int]DayKind{5: Weekend},
			want: map[string]float64{TermRateCards: 4*50 + 8*50}, byWeek: []float64{600, 0}},
		{name: "billed in whole hours, an hour free after seven", rc: RateCard{Hour: 100, UnitSlots: 2, FreeAfterSlots: 14, FreeSlots: 2},
			tasks: []Task{ed(5), ed(15)}, place: []Placement{at(0, 0), at(48, 0)},
			want: map[string]float64{TermRateCards: 3*100 + 7*100}, byWeek: []float64{1000, 0}},
		{name: "on-costs on the rate card, not the kit", rc: RateCard{Day: 500, DaySlots: 20, OnCost: 0.25, Kit: 50},
			tasks: []Task{ed(20)}, place: []Placement{at(0, 0)},
			want: map[string]float64{TermRateCards: 625, TermKit: 50}, byWeek: []float64{675, 0}},
		{name: "premium past a weekly hours threshold", rc: RateCard{Hour: 50, WeekSlots: 30, OverWeekX: 1.5},
			tasks: []Task{ed(20), ed(20)}, place: []Placement{at(0, 0), at(48, 0)},
			want: map[string]float64{TermRateCards: 20*50 + 10*25*0.5}, byWeek: []float64{1125, 0}},
		{name: "kit and session fees", rc: RateCard{Kit: 50, PerTask: 600},
			tasks: []Task{ed(4), ed(4), ed(4)}, place: []Placement{at(0, 0), at(10, 0), at(48, 0)},
			want: map[string]float64{TermKit: 100, TermFees: 1800}},
		{name: "travel with holding days", rc: RateCard{Travel: 220, Hold: 50},
			tasks: []Task{ed(4), ed(4), ed(4), ed(4)}, place: []Placement{at(0, 0), at(48, 0), at(3*48, 0), at(10*48, 0)},
			want: map[string]float64{TermTravel: 220 + 50*1 + 220}, byWeek: []float64{270, 220}},
		// Days 0, 1 and 3 are one visit (the gap of day 2 is held for 50,
		// less than 220 of travel); day 10 opens a second visit, a recall
		// 10 days after day 0: 300. With a window of 9 days it is none.
		{name: "a recall inside the window costs the recall fee", rc: RateCard{Travel: 220, Hold: 50, RecallFee: 300, RecallDays: 10},
			tasks: []Task{ed(4), ed(4), ed(4), ed(4)}, place: []Placement{at(0, 0), at(48, 0), at(3*48, 0), at(10*48, 0)},
			want: map[string]float64{TermTravel: 220 + 50*1 + 220, TermRecall: 300}},
		{name: "a later visit outside the window is no recall", rc: RateCard{Travel: 220, RecallFee: 300, RecallDays: 9},
			tasks: []Task{ed(4), ed(4)}, place: []Placement{at(0, 0), at(10*48, 0)},
			want: map[string]float64{TermTravel: 440}},
		{name: "travel without hold is a visit per gap", rc: RateCard{Travel: 220},
			tasks: []Task{ed(4), ed(4)}, place: []Placement{at(0, 0), at(2*48, 0)},
			want: map[string]float64{TermTravel: 440}},
		{name: "overhead to the last busy day", obj: Objective{OverheadPerDay: 1000},
			tasks: []Task{ed(4), {Name: "lock"}}, place: []Placement{at(2*48+40, 0), at(4 * 48)},
			want: map[string]float64{TermOverhead: 3000, TermMakespan: 0}},
		{name: "lateness per started day", tasks: []Task{{Name: "mix", Duration: 50, Due: 50, LatenessPerDay: 300}},
			place: []Placement{at(50)}, want: map[string]float64{TermLateness: 600}},
		// The mix ends at 60; Target 200 is 140 slots later: two whole
		// days (96 slots) and 44 slots, so 2 x 250.
		{name: "earliness per whole day", tasks: []Task{{Name: "mix", Duration: 10, Target: 200, EarlinessPerDay: 250}},
			place: []Placement{at(50)}, want: map[string]float64{TermEarliness: 500}},
		{name: "no earliness within a day", tasks: []Task{{Name: "mix", Duration: 10, Target: 100, EarlinessPerDay: 250}},
			place: []Placement{at(50)}, want: map[string]float64{TermEarliness: 0}},
		{name: "disruption when moved", tasks: []Task{{Name: "grade", Duration: 4, Previous: &Placement{Start: 3}, MoveCost: 75},
			{Name: "conform", Duration: 4, Previous: &Placement{Start: 20}, MoveCost: 75}},
			place: []Placement{at(4), at(20)}, want: map[string]float64{TermDisruption: 75}},
		// The grade moves: its fee on resource 0 is owed. The conform
		// stays in time but leaves resource 0: that fee too. The online
		// stays as it was: nothing.
		{name: "cancellation fees of what is given up, and those owed already", obj: Objective{Cancelled: 150},
			tasks: []Task{{Name: "grade", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}}},
				Previous: &Placement{Start: 3, Resources: []ResourceID{0}}, Cancellation: []CancelFee{{0, 400}}},
				{Name: "conform", Duration: 4, Previous: &Placement{Start: 20, Resources: []ResourceID{0}}, Cancellation: []CancelFee{{0, 90}}},
				{Name: "online", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}}},
					Previous: &Placement{Start: 30, Resources: []ResourceID{0}}, Cancellation: []CancelFee{{0, 1000}}}},
			place: []Placement{at(4, 0), at(20), at(30, 0)}, want: map[string]float64{TermCancellation: 150 + 400 + 90}},
		{name: "makespan weight", obj: Objective{MakespanWeight: 2}, tasks: []Task{ed(4)}, place: []Placement{at(10, 0)},
			want: map[string]float64{TermMakespan: 28}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dayGrid(14, []Resource{{Name: "colourist", Rate: tt.rc}}, tt.tasks)
			p.Objective = tt.obj
			for d, k := range tt.days {
				p.Calendar.Days[d] = k
			}
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			sol, err := p.Evaluate(tt.place)
			if err != nil {
				t.Fatal(err)
			}
			total := 0.0
			for i, tc := range sol.Cost.Terms {
				if tc.Term != costTerms[i].name() {
					t.Fatalf("term %d is %q, want %q", i, tc.Term, costTerms[i].name())
				}
				if math.Abs(tc.Amount-tt.want[tc.Term]) > 1e-9 {
					t.Errorf("%s = %v, want %v", tc.Term, tc.Amount, tt.want[tc.Term])
				}
				total += tc.Amount
			}
			if math.Abs(total-sol.Cost.Total) > 1e-9 {
				t.Errorf("total %v, terms sum to %v", sol.Cost.Total, total)
			}
			if tt.byWeek != nil && !slices.Equal(sol.Cost.ByWeek[:len(tt.byWeek)], tt.byWeek) {
				t.Errorf("by week %v, want %v", sol.Cost.ByWeek, tt.byWeek)
			}
			if want, err := RecomputeCost(p, tt.place); err != nil || math.Abs(want.Total-sol.Cost.Total) > 1e-6 {
				t.Errorf("verifier recomputes %v (%v), Evaluate %v", want.Total, err, sol.Cost.Total)
			}
		})
	}
}

func TestEvaluateAbstractTime(t *testing.T) {
	p := &Problem{
		Slots:       20,
		Resources:   []Resource{{Name: "R1", Capacity: 2, Rate: RateCard{Hour: 3, PerTask: 10}, Department: 0}},
		Departments: []string{"sound"},
		Tasks:       []Task{{Name: "a", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}}}}, {Name: "b", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}}}}},
		Objective:   Objective{MakespanWeight: 1},
	}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	sol, err := p.Evaluate([]Placement{at(0, 0), at(2, 0)})
	if err != nil {
		t.Fatal(err)
	}
	// Busy slots 0..5 (6 slots) at 3, two fees of 10, makespan 6.
	if sol.Cost.Total != 18+20+6 || sol.Cost.ByDepartment[0] != 38 || len(sol.Cost.ByWeek) != 0 {
		t.Errorf("cost %+v", sol.Cost)
	}
}

func TestEvaluateErrors(t *testing.T) {
	p := dayGrid(2, []Resource{{Name: "editor"}}, []Task{on("cut", 4, 0)})
	p.Tasks[0].Window = dayHours(2, 18, 38)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	for name, pl := range map[string][]Placement{
		"too few placements":    {},
		"wrong resource count":  {at(18)},
		"resource out of range": {at(18, 3)},
		"start not open":        {at(2, 0)},
		"runs past horizon":     {at(95, 0)},
	} {
		if _, err := p.Evaluate(pl); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := (&Problem{}).Evaluate(nil); err == nil {
		t.Error("unfrozen problem evaluated")
	}
}

// eveningBands is the ClockX of a 48-slot day paying time and a half from
// 19:00 and double time from 21:00.
func eveningBands() []float64 {
	x := make([]float64, 48)
	for i := range x {
		switch {
		case i >= 42:
			x[i] = 2
		case i >= 38:
			x[i] = 1.5
		default:
			x[i] = 1
		}
	}
	return x
}
