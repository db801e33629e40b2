package solver

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

// TestLongDayIdle prices by hand two VFX artists on £400 and £500 a
// 10-hour day and four shots: two of 8 hours due on the first day, one
// of 8 hours and one of 3 on the second or third. The work by day puts
// 20 of day one's 32 slots on the cheaper artist and 12 on the dearer,
// the rest on the cheaper: £1,140. Each 8-hour shot leaves 2 hours of
// its day that the 3-hour shot cannot fill: 12 idle slots at £20 on
// top, £1,380. Long days priced without their dates say £1,320 (three
// days at £400 and the 3-hour shot at £20 a slot); the cheapest
// schedule costs £1,700.
func TestLongDayIdle(t *testing.T) {
	hours := dayHours(3, 18, 38)
	shot := func(name string, d, first, last int) Task {
		return Task{Name: name, Duration: d, Release: Slot(48 * first), Deadline: Slot(48 * (last + 1)),
			Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}
	}
	p := dayGrid(3, []Resource{
		{Name: "VFX artist 1", Available: hours, Rate: RateCard{Day: 400, DaySlots: 20}},
		{Name: "VFX artist 2", Available: hours, Rate: RateCard{Day: 500, DaySlots: 20}},
	}, []Task{shot("shot 1", 16, 0, 0), shot("shot 2", 16, 0, 0), shot("shot 3", 16, 1, 2), shot("shot 4", 6, 1, 2)})
	checkPricedByHand(t, p, 1380, 1e-6, []Placement{at(18, 0), at(18, 1), at(48+18, 0), at(96+18, 0)}, 1700)
}

// TestLongDayIdleLeftOut checks the shapes the idle time is not priced
// for, each against the same four shots: an hourly rate (an 8-hour
// day costs less than a full one), a day off that is shorter than the others
// (a weekly hire need not cover the idle hours), and a pinned shot.
func TestLongDayIdleLeftOut(t *testing.T) {
	hours := dayHours(3, 18, 38)
	short := dayHours(3, 18, 38)
	short.ClearRange(48+30, 48+38) // day two ends at 15:00
	tests := []struct {
		name  string
		cards [2]RateCard
		avail Bitset
		pin   bool
		want  float64
	}{
		{"flat", [2]RateCard{{Day: 400, DaySlots: 20}, {Day: 500, DaySlots: 20}}, hours, false, 12 * 20},
		{"hourly", [2]RateCard{{Day: 400, DaySlots: 20, Hour: 20}, {Day: 500, DaySlots: 20}}, hours, false, 0},
		{"short day", [2]RateCard{{Day: 400, DaySlots: 20}, {Day: 500, DaySlots: 20}}, short, false, 0},
		{"pinned", [2]RateCard{{Day: 400, DaySlots: 20}, {Day: 500, DaySlots: 20}}, hours, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tasks := []Task{}
			for i, d := range []int{16, 16, 16, 6} {
				tasks = append(tasks, Task{Name: fmt.Sprintf("shot %d", i+1), Duration: d, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}})
			}
			if tt.pin {
				tasks[3].Pin = &Placement{Start: 96 + 18, Resources: []ResourceID{1}}
			}
			p := dayGrid(3, []Resource{
				{Name: "VFX artist 1", Available: tt.avail, Rate: tt.cards[0]},
				{Name: "VFX artist 2", Available: tt.avail, Rate: tt.cards[1]},
			}, tasks)
			order, _ := topoOrder(p)
			tb := criticalPath(p, order)
			pool, ids := []ResourceID{0, 1}, []int{0, 1, 2, 3}
			idle := longDayIdle(p, pool, ids, sessionsOf(p, tb, pool, ids))
			if idle != tt.want {
				t.Errorf("idle priced %v, want %v", idle, tt.want)
			}
		})
	}
}

// TestPropertyLongDayIdle checks the idle time of long days with the
// work by day, on the shape it is for: two or three people on day rates
// (some with a weekly hire, a half day, or an hourly rate with a minimum
// call), days off, sessions of up to a working day in working hours
// whose release and deadline fall on different days, and most longer
// than half a day. The cost bound is never above the optimum brute force
// finds.
func TestPropertyLongDayIdle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, spd, days := drawDayProblem(t, "long day idle")
		hours := NewBitset(p.Slots)
		for d := range days {
			hours.SetRange(Slot(d*spd+1), Slot(d*spd+spd-1))
		}
		people := drawDayPeople(t, p, spd, days)
		for i := range rapid.IntRange(2, 4).Draw(t, "sessions") {
			cands := []ResourceID{0, 1}
			if people == 3 && rapid.Bool().Draw(t, "three?") {
				cands = append(cands, 2)
			}
			first := rapid.IntRange(0, days-1).Draw(t, "first day")
			last := rapid.IntRange(first, days-1).Draw(t, "last day")
			p.Tasks = append(p.Tasks, Task{Name: fmt.Sprintf("s%d", i), Duration: rapid.IntRange(1, spd-2).Draw(t, "duration"),
				Window: hours, Release: Slot(first * spd), Deadline: Slot((last + 1) * spd), Demands: []Demand{{Candidates: cands}}})
		}
		checkBoundBelowOptimum(t, p)
	})
}
