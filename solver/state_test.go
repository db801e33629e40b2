package solver

import (
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// neutralised returns a copy of p in which the tasks marked gone cost
// nothing (no demands, no due date, no previous placement, zero length),
// and placements to match: what the state holds after removing them.
func neutralised(p *Problem, pl []Placement, gone []bool) (*Problem, []Placement) {
	q := *p
	q.frozen, q.drv = false, nil
	q.Tasks = append([]Task(nil), p.Tasks...)
	out := append([]Placement(nil), pl...)
	for t, g := range gone {
		if g {
			q.Tasks[t] = Task{Name: p.Tasks[t].Name}
			out[t] = Placement{}
		}
	}
	if err := q.Freeze(); err != nil {
		panic(err)
	}
	return &q, out
}

// checkState compares the state's incremental costs with Evaluate.
func checkState(t interface {
	Helper()
	Fatalf(string, ...any)
}, st *state, p *Problem, pl []Placement) {
	t.Helper()
	sol, err := p.Evaluate(pl)
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	st.resync()
	if got := st.cost(); math.Abs(got-sol.Cost.Total) > 1e-6*(1+math.Abs(got)) {
		t.Fatalf("incremental cost %v, Evaluate %v (%+v)", got, sol.Cost.Total, sol.Cost.Terms)
	}
	for r := range st.tl {
		if math.Abs(st.tl[r].cost-sol.Cost.ByResource[r]) > 1e-6 {
			t.Fatalf("resource %d: incremental %v, Evaluate %v", r, st.tl[r].cost, sol.Cost.ByResource[r])
		}
	}
	if st.maxEnd != sol.Makespan {
		t.Fatalf("makespan %d, Evaluate %d", st.maxEnd, sol.Makespan)
	}
}

// randomCostProblem draws a small problem with short days and varied rate
// cards, and expandable placements for it (capacity is ignored: only cost
// is under test).
func randomCostProblem(t *rapid.T) (*Problem, []Placement) {
	const spd = 8
	days := rapid.IntRange(1, 9).Draw(t, "days")
	nr := rapid.IntRange(1, 3).Draw(t, "resources")
	p := &Problem{
		Slots:       spd * days,
		Calendar:    Calendar{SlotsPerDay: spd, Days: make([]DayKind, days), WeekOffset: rapid.IntRange(0, 6).Draw(t, "offset")},
		Departments: []string{"picture"},
		Objective: Objective{
			MakespanWeight: float64(rapid.IntRange(0, 3).Draw(t, "mw")),
			OverheadPerDay: float64(rapid.IntRange(0, 2).Draw(t, "overhead") * 100),
		},
	}
	for d := range p.Calendar.Days {
		p.Calendar.Days[d] = DayKind(rapid.IntRange(0, 2).Draw(t, "kind"))
	}
	money := func(name string) float64 { return float64(rapid.IntRange(0, 3).Draw(t, name) * 50) }
	for r := 0; r < nr; r++ {
		rc := RateCard{
			Hour: money("hour"), HalfDay: money("half"), HalfDaySlots: rapid.IntRange(0, spd).Draw(t, "halfSlots"),
			Day: money("day"), DaySlots: rapid.IntRange(0, spd).Draw(t, "daySlots"), Week: money("week") * 3,
			MinimumCall: rapid.IntRange(0, 4).Draw(t, "call"), Kit: money("kit"), PerTask: money("fee"),
			Travel: money("travel"), Hold: money("hold") / 2,
			WeekendMultiplier: float64(rapid.IntRange(0, 2).Draw(t, "we")), HolidayMultiplier: 2,
		}
		if rapid.Bool().Draw(t, "overtime") {
			rc.Overtime = []OvertimeBand{{AfterSlots: 5, Multiplier: 1.5}, {AfterSlots: 7, Multiplier: 2}}
		}
		if rapid.Bool().Draw(t, "clock overtime") {
			rc.ClockX = clockBands(t, spd)
		}
		if rapid.Bool().Draw(t, "engaged") {
			rc.Engaged, rc.WeekDays = true, rapid.IntRange(0, 6).Draw(t, "week days")
		}
		if rapid.Bool().Draw(t, "week hours") {
			rc.WeekSlots, rc.OverWeekX = rapid.IntRange(1, 30).Draw(t, "week slots"), 1.5
		}
		if rapid.Bool().Draw(t, "oncost") {
			rc.OnCost = 0.14
		}
		if rapid.Bool().Draw(t, "billing") {
			rc.MinimumCallOff, rc.UnitSlots = rapid.IntRange(0, 8).Draw(t, "weekend call"), rapid.IntRange(0, 4).Draw(t, "unit")
			rc.FreeAfterSlots, rc.FreeSlots = rapid.IntRange(0, 14).Draw(t, "free after"), rapid.IntRange(0, 2).Draw(t, "free")
		}
		if rapid.Bool().Draw(t, "sixth day") {
			rc.SixthDayX, rc.WeekDays = 1.5, rapid.IntRange(1, 4).Draw(t, "sixth after")
		}
		p.Resources = append(p.Resources, Resource{Name: "r", Capacity: 1 + rapid.IntRange(0, 1).Draw(t, "cap"), Department: rapid.IntRange(-1, 0).Draw(t, "dept"), Rate: rc})
	}
	nt := rapid.IntRange(1, 7).Draw(t, "tasks")
	var pl []Placement
	for i := 0; i < nt; i++ {
		task := Task{Name: "task", Duration: rapid.IntRange(0, 2*spd).Draw(t, "dur"), Split: rapid.Bool().Draw(t, "split")}
		if task.Split {
			task.Window = NewBitset(p.Slots)
			for d := 0; d < days; d++ {
				task.Window.SetRange(Slot(d*spd+1), Slot(d*spd+7))
			}
			task.MinChunk = rapid.IntRange(0, 3).Draw(t, "chunk")
		}
		if rapid.Bool().Draw(t, "due") {
			task.Due, task.LatenessPerDay = Slot(rapid.IntRange(1, p.Slots).Draw(t, "dueAt")), 40
		}
		var res []ResourceID
		for _, r := range rapid.SliceOfNDistinct(rapid.IntRange(0, nr-1), 0, 2, rapid.ID).Draw(t, "res") {
			task.Demands = append(task.Demands, Demand{Candidates: []ResourceID{ResourceID(r)}})
			res = append(res, ResourceID(r))
		}
		s0 := rapid.IntRange(0, p.Slots).Draw(t, "start")
		start := Slot(-1)
		for k := 0; k <= p.Slots; k++ {
			s := Slot((s0 + k) % (p.Slots + 1))
			if _, _, e := p.expand(nil, &task, s, res); e == expandOK {
				start = s
				break
			}
		}
		if start < 0 {
			// A milestone at 0, with no window to keep it out of slot 0.
			task.Duration, task.Window = 0, nil
			start = 0
		}
		if rapid.Bool().Draw(t, "previous") {
			task.Previous, task.MoveCost = &Placement{Start: start + Slot(rapid.IntRange(0, 1).Draw(t, "moved")), Resources: res}, 30
		}
		p.Tasks = append(p.Tasks, task)
		pl = append(pl, Placement{Start: start, Resources: res})
	}
	if err := p.Freeze(); err != nil {
		t.Fatalf("freeze: %v", err)
	}
	return p, pl
}

// TestIncrementalCostMatchesEvaluate: inserting and removing tasks in any
// order keeps the state's cost equal to a full Evaluate, and Evaluate
// agrees with the verifier's independent RecomputeCost.
func TestIncrementalCostMatchesEvaluate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, pl := randomCostProblem(t)
		sol, err := p.Evaluate(pl)
		if err != nil {
			t.Fatalf("evaluate: %v", err)
		}
		if rc, err := RecomputeCost(p, pl); err != nil || math.Abs(rc.Total-sol.Cost.Total) > 1e-6*(1+math.Abs(rc.Total)) {
			t.Fatalf("verifier %v (%v), Evaluate %v", rc.Total, err, sol.Cost.Total)
		}
		st := newState(p)
		n := len(p.Tasks)
		order := rapid.Permutation(seq(n)).Draw(t, "order")
		for _, i := range order {
			task := TaskID(i)
			pieces, end, _ := p.expand(nil, &p.Tasks[task], pl[task].Start, pl[task].Resources)
			st.place(task, pl[task].Start, pl[task].Resources, pieces, end)
		}
		checkState(t, st, p, pl)
		gone := make([]bool, n)
		for _, i := range rapid.SliceOfDistinct(rapid.IntRange(0, n-1), rapid.ID).Draw(t, "remove") {
			gone[i] = true
			st.unplace(TaskID(i))
		}
		q, ql := neutralised(p, pl, gone)
		checkState(t, st, q, ql)
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestInsertionScoreIsCostDelta: the score of a cost-aware insertion is
// the change in the full Evaluate cost.
func TestInsertionScoreIsCostDelta(t *testing.T) {
	p := filmProblem(3, 2)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	st := newState(p)
	rng := rand.New(rand.NewPCG(1, 2))
	if err := st.construct(p.priorityList(nil, rng, 0), nil, rng, 0, false); err != nil || !st.feasible() {
		t.Fatalf("construction: %v, feasible %v", err, st.feasible())
	}
	full := st.snapshot(nil)
	tests := []TaskID{0, 2, 3, 4, 7, 9}
	for _, task := range tests {
		t.Run(p.Tasks[task].Name, func(t *testing.T) {
			st.unplace(task)
			gone := make([]bool, len(p.Tasks))
			gone[task] = true
			q, ql := neutralised(p, full, gone)
			before, err := q.Evaluate(ql)
			if err != nil {
				t.Fatal(err)
			}
			var in insertion
			st.findInsertion(task, rng, 0, &in)
			if !in.ok {
				t.Fatal("no insertion found")
			}
			st.place(task, in.start, in.res, in.pieces, in.end)
			now := st.snapshot(nil)
			after, err := p.Evaluate(now)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := in.score, after.Cost.Total-before.Cost.Total; math.Abs(got-want) > 1e-6 {
				t.Errorf("insertion score %v, Evaluate delta %v", got, want)
			}
			full = now
		})
	}
}
