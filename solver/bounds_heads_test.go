package solver

import (
	"context"
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestPrecedenceEnergy: three 4-slot VFX shots after picture lock, all on
// one artist who can work 4 slots a day, then a 2-slot review. The
// critical path runs the shots side by side and has the review on day 1;
// one artist needs days 0, 1 and 2 for them, so the review is on day 3
// at the earliest, the work ends then, and overhead is four days.
func TestPrecedenceEnergy(t *testing.T) {
	p, hours := vfxDays(6, "VFX supervisor")
	spd := Slot(p.Calendar.SlotsPerDay)
	p.Objective = Objective{OverheadPerDay: 100}
	p.Tasks = append(p.Tasks, Task{Name: "picture lock"})
	for i := range 3 {
		p.Tasks = append(p.Tasks, Task{Name: fmt.Sprintf("shot %d", i+1), Duration: 4, Window: hours, Demands: []Demand{{Candidates: []ResourceID{0}}}})
		p.Precedences = append(p.Precedences, Precedence{From: 0, To: TaskID(i + 1)}, Precedence{From: TaskID(i + 1), To: 4})
	}
	p.Tasks = append(p.Tasks, Task{Name: "review", Duration: 2, Window: hours, Demands: []Demand{{Candidates: []ResourceID{1}}}})
	order, _ := topoOrder(p)
	if cp := criticalPath(p, order); cp.busyEnd != spd+4 {
		t.Fatalf("critical path: work ends at %d, want %d", cp.busyEnd, spd+4)
	}
	b := p.LowerBound(context.Background())
	if want := Slot(3*spd + 4); b.Makespan != want || b.Method != MethodEnergy {
		t.Errorf("makespan bound %d (%s), want %d by %q", b.Makespan, b.Method, want, MethodEnergy)
	}
	if b.Cost != 400 {
		t.Errorf("cost bound %v, want 400 (four days of overhead)", b.Cost)
	}
	best, err := RecomputeCost(p, []Placement{at(2), at(2, 0), at(spd+2, 0), at(2*spd+2, 0), at(3*spd+2, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if best.Total != b.Cost {
		t.Errorf("the best schedule costs %v, the bound says %v", best.Total, b.Cost)
	}
}

// TestPropertyPrecedenceEnergy: on small day grids with working hours,
// chains of sessions on two people (some on either), milestones between
// them, every kind of precedence with lags and a deadline at the end
// (which narrows every latest end, and so the day-by-day flow), the
// makespan bound is
// never above the shortest schedule and the cost bound (overhead per day
// up to the last work) never above the cheapest, both by brute force;
// and the quick checks, which read the latest ends, find no conflict.
func TestPropertyPrecedenceEnergy(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, hours := drawDayGrid(t, "chains")
		spd := p.Calendar.SlotsPerDay
		p.Objective = Objective{OverheadPerDay: 100, MakespanWeight: float64(rapid.IntRange(0, 1).Draw(t, "makespan weight"))}
		// Sessions, a join that waits for them (a milestone or a
		// session), and what follows the join: the shape the bound is
		// for, with any kind of link and lag.
		work := func(name string) Task {
			task := drawSession(t, name, hours)
			task.Release = Slot([]int{0, 0, 1, spd + 1}[rapid.IntRange(0, 3).Draw(t, "release")])
			return task
		}
		link := func(from, to int) { drawLink(t, p, from, to) }
		before := rapid.IntRange(2, 3).Draw(t, "sessions before the join")
		for i := range before {
			p.Tasks = append(p.Tasks, work(fmt.Sprintf("s%d", i)))
		}
		join := Task{Name: "join"}
		if rapid.Bool().Draw(t, "join is a session") {
			join = work("join")
		}
		p.Tasks = append(p.Tasks, join)
		for i := range before {
			link(i, before)
		}
		if rapid.Bool().Draw(t, "a session after the join") {
			p.Tasks = append(p.Tasks, work("after"))
			link(before, before+1)
		}
		if rapid.Bool().Draw(t, "a deadline") {
			// A deadline on the last task narrows every latest end.
			p.Tasks[len(p.Tasks)-1].Deadline = Slot(rapid.IntRange(spd, p.Slots).Draw(t, "deadline"))
		}
		shortest := math.MaxInt
		if !searchAll(p, 200000, func(place []Placement, _ *Solution) bool {
			v := &verifier{p: p}
			sc, _ := v.derive(place)
			shortest = min(shortest, int(sc.makespan))
			return false
		}) || shortest == math.MaxInt {
			t.Skip("no schedule found")
		}
		if quick := ExplainQuick(p); quick != nil {
			t.Fatalf("quick conflict %v (%s) on a problem with a schedule", quick, p.Describe(quick))
		}
		if b := p.LowerBound(context.Background()); int(b.Makespan) > shortest {
			t.Fatalf("makespan bound %d (%s) above the shortest schedule's %d", b.Makespan, b.Method, shortest)
		}
		checkBoundBelowOptimum(t, p)
	})
}

// drawDayGrid draws a problem of three or four days of four slots, the
// first slot of each day closed (hours), with an editor at 10 an hour
// and an assistant at 4, and no tasks yet.
func drawDayGrid(t *rapid.T, name string) (*Problem, Bitset) {
	const spd = 4
	days := rapid.IntRange(3, 4).Draw(t, "days")
	hours := NewBitset(days * spd)
	for d := range days {
		hours.SetRange(Slot(d*spd+1), Slot(d*spd+spd))
	}
	return &Problem{
		Name:      name,
		Slots:     days * spd,
		Calendar:  Calendar{SlotMinutes: 360, SlotsPerDay: spd, Days: make([]DayKind, days)},
		Resources: []Resource{{Name: "editor", Capacity: 1, Department: -1, Rate: RateCard{Hour: 10}}, {Name: "assistant", Capacity: 1, Department: -1, Rate: RateCard{Hour: 4}}},
	}, hours
}

// drawSession draws a session of one to three slots in hours, on the
// editor, the assistant or either.
func drawSession(t *rapid.T, name string, hours Bitset) Task {
	task := Task{Name: name, Window: hours}
	task.Duration = []int{2, 3, 1}[rapid.IntRange(0, 2).Draw(t, "duration")]
	who := [][]ResourceID{{0}, {0}, {1}, {0, 1}}[rapid.IntRange(0, 3).Draw(t, "who")]
	task.Demands = []Demand{{Candidates: who}}
	return task
}

// drawLink appends a precedence from one task to another: mostly finish
// to start with no lag; now and then a lag, an overlap of a slot, start
// to start or finish to finish.
func drawLink(t *rapid.T, p *Problem, from, to int) {
	lag := []int{0, 0, 0, 1, -1}[rapid.IntRange(0, 4).Draw(t, "lag")]
	kind := []PrecedenceKind{FinishToStart, FinishToStart, FinishToStart, StartToStart, FinishToFinish}[rapid.IntRange(0, 4).Draw(t, "kind")]
	p.Precedences = append(p.Precedences, Precedence{From: TaskID(from), To: TaskID(to), Kind: kind, Lag: lag})
}

// vfxDays is a problem of days days of eight slots, four of them worked
// (hours), with a VFX artist and one other person, and no tasks yet.
func vfxDays(days int, other string) (*Problem, Bitset) {
	const spd = 8
	hours := NewBitset(days * spd)
	for d := range days {
		hours.SetRange(Slot(d*spd+2), Slot(d*spd+6))
	}
	return &Problem{
		Name:      "vfx",
		Slots:     days * spd,
		Calendar:  Calendar{SlotMinutes: 180, SlotsPerDay: spd, Days: make([]DayKind, days)},
		Resources: []Resource{{Name: "VFX artist", Capacity: 1, Department: -1}, {Name: other, Capacity: 1, Department: -1}},
	}, hours
}
