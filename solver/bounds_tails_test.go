package solver

import (
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestRoomLatestStart checks latestStart against its definition, the
// greatest x with [x, b) holding the work, on a room with closed slots
// and a capacity that varies.
func TestRoomLatestStart(t *testing.T) {
	capacity := []int{0, 2, 2, 0, 0, 1, 2, 0, 1, 1}
	rm := room{cum: make([]int, len(capacity)+1), full: 2}
	for x, c := range capacity {
		rm.cum[x+1] = rm.cum[x] + c
	}
	held := func(x, b Slot) int { return rm.cum[b] - rm.cum[x] }
	for b := range Slot(len(capacity) + 1) {
		for work := 0; work <= 12; work++ {
			want := Slot(-1)
			for x := b; x >= 0; x-- {
				if held(x, b) >= work {
					want = x
					break
				}
			}
			if got := rm.latestStart(b, work); got != want {
				t.Errorf("latestStart(%d, %d) = %d, want %d", b, work, got, want)
			}
		}
	}
	// Past the horizon every slot has full capacity.
	tests := []struct {
		b          Slot
		work, want int
	}{
		{b: 12, work: 4, want: 10},
		{b: 12, work: 5, want: 9},
		{b: 11, work: 3, want: 9}, // one past the horizon, then slot 9
	}
	for _, tc := range tests {
		if got := rm.latestStart(tc.b, tc.work); got != Slot(tc.want) {
			t.Errorf("latestStart(%d, %d) = %d, want %d", tc.b, tc.work, got, tc.want)
		}
	}
}

// TestSuccessorEnergy: picture lock, then three 4-slot VFX shots on one
// artist who works 4 slots a day, all delivered by the end of day 3. The
// chain of single sessions lets the lock end on day 2; the artist needs
// three days for the shots, days 1 to 3, so the lock ends on day 0.
func TestSuccessorEnergy(t *testing.T) {
	p, hours := vfxDays(5, "editor")
	spd := Slot(p.Calendar.SlotsPerDay)
	p.Tasks = append(p.Tasks, Task{Name: "picture lock", Duration: 2, Window: hours, Demands: []Demand{{Candidates: []ResourceID{1}}}})
	delivered := TaskID(4)
	for i := range 3 {
		p.Tasks = append(p.Tasks, Task{Name: fmt.Sprintf("shot %d", i+1), Duration: 4, Window: hours, Demands: []Demand{{Candidates: []ResourceID{0}}}})
		p.Precedences = append(p.Precedences, Precedence{From: 0, To: TaskID(i + 1)}, Precedence{From: TaskID(i + 1), To: delivered})
	}
	p.Tasks = append(p.Tasks, Task{Name: "delivered", Deadline: 3*spd + 6})
	order, _ := topoOrder(p)
	tb := criticalPath(p, order)
	if want := Slot(2*spd + 6); tb.le[0] != want {
		t.Fatalf("critical path: lock ends by %d, want %d", tb.le[0], want)
	}
	le := slices.Clone(tb.le)
	se := newSuccessorEnergy(t.Context(), p, order, tb)
	if se == nil {
		t.Fatal("no successor energy")
	}
	(&backwardPass{order: order, succ: successors(p), masks: newMasker(p), lower: se.lower}).latestEnds(p, le)
	if want := Slot(6); le[0] != want {
		t.Errorf("with the shots' work: lock ends by %d, want %d", le[0], want)
	}
	for i := 1; i <= 3; i++ {
		if le[i] != tb.le[i] {
			t.Errorf("shot %d: latest end %d, want %d unchanged", i, le[i], tb.le[i])
		}
	}
}

// TestPropertyCappedEnds: on small day grids with working hours, a task
// followed by sessions on two people (some on either), every kind of
// precedence with lags, deadlines now and then and overhead by the day,
// every schedule found by brute force ends each task by the latest end
// cappedEnds gives for the day its last work ends (with the successor
// energy), and the cost bound is never above the cheapest schedule.
func TestPropertyCappedEnds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, hours := drawDayGrid(t, "fan-out")
		spd := p.Calendar.SlotsPerDay
		p.Objective = Objective{OverheadPerDay: 100}
		work := func(name string) Task {
			task := drawSession(t, name, hours)
			if rapid.IntRange(0, 3).Draw(t, "deadline?") == 0 {
				task.Deadline = Slot(rapid.IntRange(spd, p.Slots).Draw(t, "deadline"))
			}
			return task
		}
		link := func(from, to int) { drawLink(t, p, from, to) }
		lock := Task{Name: "lock"}
		if rapid.Bool().Draw(t, "lock is a session") {
			lock = work("lock")
		}
		p.Tasks = append(p.Tasks, lock)
		after := rapid.IntRange(2, 3).Draw(t, "sessions after the lock")
		for i := range after {
			p.Tasks = append(p.Tasks, work(fmt.Sprintf("s%d", i)))
			link(0, i+1)
		}
		if rapid.Bool().Draw(t, "a session after one of them") {
			p.Tasks = append(p.Tasks, work("after"))
			link(rapid.IntRange(1, after).Draw(t, "from"), len(p.Tasks)-1)
		}
		order, ok := topoOrder(p)
		if !ok {
			t.Skip("cycle")
		}
		tb := criticalPath(p, order)
		pass := &backwardPass{order: order, succ: successors(p), masks: newMasker(p)}
		if se := newSuccessorEnergy(t.Context(), p, order, tb); se != nil {
			pass.lower = se.lower
		}
		found := false
		searchAll(p, 200000, func(_ []Placement, sol *Solution) bool {
			found = true
			lastWork := Slot(-1)
			for i, task := range p.Tasks {
				if task.Duration > 0 {
					lastWork = max(lastWork, sol.Ends[i]-1)
				}
			}
			if lastWork < 0 {
				return false
			}
			end := (lastWork/Slot(spd) + 1) * Slot(spd)
			le, ok := pass.cappedEnds(p, tb, end)
			if !ok {
				t.Fatalf("cappedEnds says no schedule ends its work by %d; one does (ends %v)", end, sol.Ends)
			}
			for i := range p.Tasks {
				if sol.Ends[i] > le[i] {
					t.Fatalf("task %q ends at %d, past its capped latest end %d (work done by %d; ends %v)", p.Tasks[i].Name, sol.Ends[i], le[i], end, sol.Ends)
				}
			}
			return false
		})
		if !found {
			t.Skip("no schedule found")
		}
		checkBoundBelowOptimum(t, p)
	})
}
