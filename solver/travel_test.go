package solver

import (
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// travelGrid is an artiste (resource 0) offered 12:00-22:00 (slots
// 24-44 of each day) on days 0-3, with 3 h (6 slots) of travel each way,
// and a room (resource 1), with the tasks given.
func travelGrid(tasks ...Task) *Problem {
	avail := NewBitset(48 * 4)
	for d := Slot(0); d < 4; d++ {
		avail.SetRange(48*d+24, 48*d+44)
	}
	return dayGrid(4, []Resource{
		{Name: "Maya", Available: avail, Rules: WorkRules{TravelSlots: 6}},
		{Name: "ADR 1"},
	}, tasks)
}

// TestTravelTimeSolve: a lone session starts 3 h after the artiste is
// available (slot 30, 15:00) and ends 3 h before they leave; a session
// that runs to 22:00 needs the next day worked too, so the two are one
// visit: travel before the first and after the last, nothing between,
// so the second may start at 12:00.
func TestTravelTimeSolve(t *testing.T) {
	day := func(name string, d, release, dur int) Task {
		task := on(name, dur, 0, 1)
		task.Release, task.Deadline = Slot(48*d+release), Slot(48*d+48)
		return task
	}
	tests := []struct {
		name        string
		tasks       []Task
		first, last []Slot // earliest start and latest end of each task
	}{
		{name: "one session", tasks: []Task{day("ADR", 0, 0, 4)}, first: []Slot{30}, last: []Slot{38}},
		{name: "a visit over two days", tasks: []Task{day("ADR 1", 0, 36, 8), day("ADR 2", 1, 0, 8)},
			first: []Slot{36, 48 + 24}, last: []Slot{44, 48 + 38}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := travelGrid(tt.tasks...)
			sol := solveOK(t, p, Options{Seed: 1, Iterations: 200, Workers: 1})
			for i, pl := range sol.Placements {
				if pl.Start < tt.first[i] || sol.Ends[i] > tt.last[i] {
					t.Errorf("%s runs %d-%d, outside %d-%d", p.Tasks[i].Name, pl.Start, sol.Ends[i], tt.first[i], tt.last[i])
				}
			}
		})
	}
}

// TestTravelTimeInfeasible: 5 h of work in a 10 h day leaves no room
// for 3 h of travel each way on a visit of one day.
func TestTravelTimeInfeasible(t *testing.T) {
	task := on("ADR", 10, 0, 1)
	task.Deadline = 48
	p := travelGrid(task)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	if _, err := Solve(t.Context(), p, Options{Seed: 1, Iterations: 100, Workers: 1}); err == nil {
		t.Fatal("solved a session with no time to travel")
	}
}

// TestVerifyTravel: the verifier finds a visit without its travel, and
// takes consecutive days (or a gap held over) as one visit.
func TestVerifyTravel(t *testing.T) {
	tests := []struct {
		name   string
		starts []Slot
		hold   bool
		want   []ViolationKind
	}{
		{name: "after the travel", starts: []Slot{30}},
		{name: "too early", starts: []Slot{28}, want: []ViolationKind{ViolationTravel}},
		{name: "last start", starts: []Slot{34}},
		{name: "too late", starts: []Slot{35}, want: []ViolationKind{ViolationTravel}},
		{name: "one visit over two days", starts: []Slot{40, 48 + 24}},
		{name: "two visits", starts: []Slot{40, 96 + 24}, want: []ViolationKind{ViolationTravel}},
		{name: "a gap held over", starts: []Slot{40, 96 + 24}, hold: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tasks []Task
			var pl []Placement
			for i, s := range tt.starts {
				tasks = append(tasks, on("ADR "+string(rune('1'+i)), 4, 0, 1))
				pl = append(pl, at(s, 0, 1))
			}
			p := travelGrid(tasks...)
			if tt.hold {
				p.Resources[0].Rate = RateCard{Travel: 220, Hold: 100}
			}
			got := kinds(Verify(p, solutionOf(t, p, pl)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("kinds %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPropertyTravelAgrees: on random schedules of one artiste with a
// travel time (random availability, holding terms and sessions on a
// grid of days), the search's reading of the rule (travelExcess) and the
// verifier's (ViolationTravel) agree on whether every journey fits,
// journeys long enough for one visit's journey home to run into the
// next one's journey there included.
func TestPropertyTravelAgrees(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		const days, spd = 5, 12
		avail := NewBitset(days * spd)
		density := rapid.Float64Range(0.5, 1).Draw(t, "density")
		for s := range days * spd {
			if rapid.Float64Range(0, 1).Draw(t, "available") <= density {
				avail.Set(Slot(s))
			}
		}
		p := &Problem{Name: "travel", Slots: days * spd,
			Calendar: Calendar{SlotMinutes: 120, SlotsPerDay: spd, Days: make([]DayKind, days)},
			Resources: []Resource{{Name: "artiste", Capacity: 1, Department: -1, Available: avail,
				Rules: WorkRules{TravelSlots: rapid.IntRange(1, 8).Draw(t, "travel")},
				Rate:  RateCard{Travel: float64(rapid.IntRange(0, 300).Draw(t, "per visit")), Hold: float64(rapid.IntRange(0, 200).Draw(t, "hold"))}}},
		}
		var starts []Slot
		busy := NewBitset(p.Slots)
		for range rapid.IntRange(1, 4).Draw(t, "sessions") {
			d := rapid.IntRange(1, 3).Draw(t, "duration")
			s := Slot(rapid.IntRange(0, p.Slots-d).Draw(t, "start"))
			clash := false
			for x := s; x < s+Slot(d); x++ {
				clash = clash || busy.Has(x) || !avail.Has(x)
			}
			if clash {
				continue
			}
			busy.SetRange(s, s+Slot(d))
			p.Tasks = append(p.Tasks, on(fmt.Sprintf("s%d", len(p.Tasks)), d, 0))
			starts = append(starts, s)
		}
		if len(p.Tasks) == 0 {
			return
		}
		if err := p.Freeze(); err != nil {
			t.Fatal(err)
		}
		st := newState(p)
		var pl []Placement
		for i, s := range starts {
			pieces := []Interval{{s, s + Slot(p.Tasks[i].Duration)}}
			st.place(TaskID(i), s, []ResourceID{0}, pieces, pieces[0].End)
			pl = append(pl, at(s, 0))
		}
		v := &verifier{p: p}
		sc, ok := v.derive(pl)
		if !ok {
			t.Fatalf("placements cannot be read: %v", v.out)
		}
		v.checkRules(sc)
		search, verified := st.travelExcess() == 0, len(v.out) == 0
		if search != verified {
			t.Fatalf("search says fits %v, verifier %v (%v): starts %v\n%s", search, verified, v.out, starts, dump(p))
		}
	})
}

// TestTravelJourneysDoNotOverlap: with 16 h of travel on a day of 24 h
// (12 slots of 2 h, 8 slots each way), a visit ending at 24:00 on day 0
// and one starting at 00:00 on day 2 leave both journeys inside the
// availability, but the journey home (day 1 00:00-16:00) runs into the
// journey there (day 1 08:00-24:00): the search and the verifier both
// refuse it.
func TestTravelJourneysDoNotOverlap(t *testing.T) {
	avail := NewBitset(36)
	avail.SetRange(0, 36)
	p := &Problem{Name: "overlap", Slots: 36, Calendar: Calendar{SlotMinutes: 120, SlotsPerDay: 12, Days: make([]DayKind, 3)},
		Resources: []Resource{{Name: "Maya", Capacity: 1, Department: -1, Available: avail, Rules: WorkRules{TravelSlots: 8}}},
		Tasks:     []Task{on("ADR 1", 1, 0), on("ADR 2", 1, 0)}}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	st := newState(p)
	pl := []Placement{at(11, 0), at(24, 0)}
	for i, x := range pl {
		st.place(TaskID(i), x.Start, x.Resources, []Interval{{x.Start, x.Start + 1}}, x.Start+1)
	}
	if st.travelExcess() == 0 {
		t.Error("the search lets the journeys overlap")
	}
	if got := kinds(Verify(p, solutionOf(t, p, pl))); !slices.Equal(got, []ViolationKind{ViolationTravel}) {
		t.Errorf("verifier finds %v, want %v", got, ViolationTravel)
	}
}

// TestTravelTimeLaterTheSameDay: the artiste is offered slots 4-9 and
// 12-14 of a day of 5 slots a day, with 2 slots of travel each way, and
// one split session of 3 slots from slot 5. Starting at 5, 6 or 7 leaves
// no time to travel home before she is gone (slots 10-11); starting at 8
// the session ends at 13, with 13-14 free. The insertion tried one start a
// day and went on to the next day after a start that left no travel time,
// so it never tried 8 and said infeasible (TestPropertySolveTimeRules).
func TestTravelTimeLaterTheSameDay(t *testing.T) {
	avail := NewBitset(15)
	avail.SetRange(4, 10)
	avail.SetRange(12, 15)
	p := &Problem{
		Name: "late", Slots: 15, Calendar: Calendar{SlotsPerDay: 5, Days: make([]DayKind, 3)},
		Resources: []Resource{{Name: "Maya", Capacity: 1, Available: avail, Department: -1, Rules: WorkRules{TravelSlots: 2}, Rate: RateCard{Hour: 60}}},
		Tasks:     []Task{{Name: "ADR", Duration: 3, Release: 5, Split: true, Demands: []Demand{{Candidates: []ResourceID{0}}}}},
	}
	sol := solveOK(t, p, Options{Seed: 1, Iterations: 40, Workers: 1})
	if sol.Placements[0].Start != 8 {
		t.Errorf("starts at %d, want 8", sol.Placements[0].Start)
	}
}
