package solver

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// editorsAB is a pool of two editors, A (0, £400 a day) and B (1, £300),
// and days days of 48 slots holding tasks, frozen, with an empty state.
func editorsAB(t *testing.T, days int, tasks []Task, links ...SameResource) (*Problem, *state) {
	t.Helper()
	p := dayGrid(days, []Resource{{Name: "A", Rate: RateCard{Day: 400, DaySlots: 20}}, {Name: "B", Rate: RateCard{Day: 300, DaySlots: 20}}}, tasks)
	p.SameResources = links
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	return p, newState(p)
}

// handOverNow takes tasks out as the LNS does and puts them back under
// handover h.
func handOverNow(st *state, tasks []TaskID, h dayHandover) {
	for _, x := range tasks {
		st.sc.oldWas[x], st.sc.oldStart[x] = true, st.start[x]
		copy(st.sc.oldRes[x], st.res[x])
		st.unplace(x)
	}
	st.sortTopo(tasks)
	st.recreateHandedOver(tasks, h, rand.New(rand.NewPCG(1, 2)), 0)
	st.resync()
}

// TestDayHandover hands one editor's day to another. Editor A (£400 a
// day) cuts two scenes on day 1 and editor B (£300) one on day 2; the
// second scene's pickup, which A cuts on day 2, must keep its editor.
// Handing day 1 from A to B takes both scenes and the pickup tied to one
// of them, leaves every start where it was, and saves both of A's days:
// £1,100 becomes £600.
func TestDayHandover(t *testing.T) {
	const a, b = ResourceID(0), ResourceID(1)
	pool := []ResourceID{a, b}
	scene := func(name string) Task {
		return Task{Name: name, Duration: 8, Demands: []Demand{{Candidates: pool}}}
	}
	p, st := editorsAB(t, 2, []Task{scene("scene 1"), scene("scene 2"), scene("scene 3"), scene("pickup of scene 2")}, SameResource{A: 1, B: 3})
	starts := []Slot{18, 26, 48 + 18, 48 + 28}
	for i, r := range []ResourceID{a, a, b, a} {
		if !st.tryExact(TaskID(i), starts[i], []ResourceID{r}) {
			t.Fatalf("cannot place task %d", i)
		}
	}
	st.resync()
	if got := st.objective(); got != 1100 {
		t.Fatalf("before: %v, want 1100", got)
	}

	h := dayHandover{from: a, to: b}
	tasks, ok := st.handoverTasks(nil, h, 0, Slot(st.dv.spd), dayHandoverMax)
	if !ok {
		t.Fatal("no handover")
	}
	// B's scene 3 works on day 2, not day 1: it stays.
	if want := []TaskID{0, 1, 3}; !slices.Equal(slices.Sorted(slices.Values(tasks)), want) {
		t.Fatalf("handover takes %v, want %v", tasks, want)
	}
	handOverNow(st, tasks, h)
	for i := range p.Tasks {
		if !st.placed[i] || st.start[i] != starts[i] || st.res[i][0] != b {
			t.Errorf("task %d: placed %v at %d on %v, want at %d on B", i, st.placed[i], st.start[i], st.res[i], starts[i])
		}
	}
	if got := st.objective(); got != 600 {
		t.Errorf("after: %v, want 600", got)
	}
}

// TestDayHandoverPinned: a pinned session cannot change hands, so a day
// holding one is not handed over.
func TestDayHandoverPinned(t *testing.T) {
	const a, b = ResourceID(0), ResourceID(1)
	pool := []ResourceID{a, b}
	_, st := editorsAB(t, 1, []Task{
		{Name: "scene", Duration: 8, Demands: []Demand{{Candidates: pool}}},
		{Name: "confirmed", Duration: 8, Demands: []Demand{{Candidates: pool}}, Pin: &Placement{Start: 30, Resources: []ResourceID{a}}},
	})
	if err := st.placePins(); err != nil {
		t.Fatal(err)
	}
	if !st.tryExact(0, 18, []ResourceID{a}) {
		t.Fatal("cannot place the scene")
	}
	if _, ok := st.handoverTasks(nil, dayHandover{from: a, to: b}, 0, Slot(st.dv.spd), dayHandoverMax); ok {
		t.Error("a day with a pinned session was handed over")
	}
}

// weekEditors is a pool of two editors hired by the week, A (0, £1,500 a
// week, £400 a day) and B (1, £1,100, £300), over days days of 48 slots
// (day 0 weekOffset days after a Monday), with A cutting a scene of 8
// slots each day.
func weekEditors(t *testing.T, days, weekOffset int) ([]Task, *state) {
	t.Helper()
	const a, b = ResourceID(0), ResourceID(1)
	pool := []ResourceID{a, b}
	var tasks []Task
	for d := range days {
		tasks = append(tasks, Task{Name: "scene " + string(rune('1'+d)), Duration: 8, Demands: []Demand{{Candidates: pool}}})
	}
	p := dayGrid(7, []Resource{
		{Name: "A", Rate: RateCard{Day: 400, DaySlots: 20, Week: 1500}},
		{Name: "B", Rate: RateCard{Day: 300, DaySlots: 20, Week: 1100}},
	}, tasks)
	p.Calendar.WeekOffset = weekOffset
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	st := newState(p)
	for i := range tasks {
		if !st.tryExact(TaskID(i), Slot(48*i+18), []ResourceID{a}) {
			t.Fatalf("cannot place scene %d", i+1)
		}
	}
	return tasks, st
}

// TestWeekHandover hands one editor's week to another. A is hired by the
// week at £1,500 and cuts a scene each day of a five-day week; B's week
// is £1,100. Handing any one day to B costs more (A's week stays £1,500
// for four days and B's day is £300); handing the week over pays B's
// week alone: £1,500 becomes £1,100.
func TestWeekHandover(t *testing.T) {
	const a, b = ResourceID(0), ResourceID(1)
	tasks, st := weekEditors(t, 5, 0)
	st.resync()
	if got := st.objective(); got != 1500 {
		t.Fatalf("before: %v, want 1500", got)
	}
	handOver := func(lo, hi Slot, most int) float64 {
		t.Helper()
		h := dayHandover{from: a, to: b}
		moved, ok := st.handoverTasks(nil, h, lo, hi, most)
		if !ok {
			t.Fatal("no handover")
		}
		handOverNow(st, moved, h)
		got := st.objective()
		st.restore(moved)
		return got
	}
	if got := handOver(0, 48, dayHandoverMax); got != 1800 {
		t.Errorf("one day handed over: %v, want 1800", got)
	}
	if got := handOver(0, 7*48, weekHandoverMax); got != 1100 {
		t.Errorf("the week handed over: %v, want 1100", got)
	}

	// handOverDay draws a week about half the time for such a pool.
	weeks := 0
	for seed := range uint64(40) {
		moved, _, ok := st.handOverDay(nil, rand.New(rand.NewPCG(seed, 1)))
		if ok && len(moved) == len(tasks) {
			weeks++
		}
	}
	if weeks < 10 || weeks > 30 {
		t.Errorf("%d of 40 handovers took the week, want about half", weeks)
	}
}

// TestWeekHandoverMidweek: a calendar that starts on a Wednesday has a
// first week of five days (Wednesday to Sunday), and a week handover
// there takes those days' work only, not Monday's and Tuesday's after.
func TestWeekHandoverMidweek(t *testing.T) {
	_, st := weekEditors(t, 7, 2)
	for seed := range uint64(40) {
		moved, _, ok := st.handOverDay(nil, rand.New(rand.NewPCG(seed, 1)))
		if !ok || len(moved) == 1 {
			continue // no handover, or a day's
		}
		first := moved[0] < 5
		for _, x := range moved {
			if (x < 5) != first {
				t.Fatalf("seed %d: a week handover took scenes %v across the week's end", seed, moved)
			}
		}
	}
}
