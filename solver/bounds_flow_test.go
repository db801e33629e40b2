package solver

import (
	"context"
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestWorkByDay prices, by hand, work that only fits the cheap room
// day by day. Room A (£10 an hour), B (£40) and C (£60) work 09:00-19:00.
// Two 10-hour sessions must be done on Monday, one in A or B, the other
// in A or C; a 30-minute one on Tuesday in A or B. A has room for one
// long session on Monday, so one of them goes to B: £400 + £100 + £5 =
// £505, which is also the cheapest schedule. Over the whole horizon A has
// room for both long sessions (20 hours: Monday and Tuesday), so the
// capacity bound and the LP put both in A and the short one in B: £220.
func TestWorkByDay(t *testing.T) {
	hours := NewBitset(96)
	for d := range 2 {
		hours.SetRange(Slot(48*d+18), Slot(48*d+38))
	}
	session := func(name string, slots int, release, deadline Slot, cands ...ResourceID) Task {
		return Task{Name: name, Duration: slots, Window: hours, Release: release, Deadline: deadline,
			Demands: []Demand{{Candidates: cands}}}
	}
	p := dayGrid(2, []Resource{
		{Name: "A", Rate: RateCard{Hour: 10}},
		{Name: "B", Rate: RateCard{Hour: 40}},
		{Name: "C", Rate: RateCard{Hour: 60}},
	}, []Task{
		session("long 1", 20, 0, 48, 0, 1),
		session("long 2", 20, 0, 48, 0, 2),
		session("short", 1, 48, 96, 0, 1),
	})
	b := p.LowerBound(context.Background())
	if want := 505.0; math.Abs(b.Cost-want) > 1e-6 {
		t.Errorf("bound %v (%s), want %v", b.Cost, b.Method, want)
	}
	cost, err := RecomputeCost(p, []Placement{at(18, 1), at(18, 0), at(48+18, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if cost.Total != 505 {
		t.Errorf("the cheapest schedule costs %v, want 505", cost.Total)
	}
}

// TestReachOfPinnedWork prices a weekly hire by hand. An offline room
// hired at £100 a 10-hour day or £450 a week serves a confirmed assembly on Monday and an
// unbooked cut, both in 09:00-19:00 on weekdays: it can work at most 50
// hours a week, so each hour it works costs at least £9. A confirmed
// booking is laid out where it is worked, not anywhere in the week, so
// it does not spread the hire over all 168 hours (£2.68 an hour). The
// cut's 20 hours and the assembly's 10 cost at least 30 x £9 = £270.
func TestReachOfPinnedWork(t *testing.T) {
	const days = 7
	hours := NewBitset(48 * days)
	for d := range 5 {
		hours.SetRange(Slot(48*d+18), Slot(48*d+38))
	}
	p := dayGrid(days, []Resource{{Name: "offline", Rate: RateCard{Day: 100, DaySlots: 20, Week: 450}}}, []Task{
		{Name: "assembly", Duration: 20, Window: hours, Demands: []Demand{{Candidates: []ResourceID{0}}}, Pin: &Placement{Start: 18, Resources: []ResourceID{0}}},
		{Name: "cut", Duration: 40, Split: true, Window: hours, Demands: []Demand{{Candidates: []ResourceID{0}}}},
	})
	b := p.LowerBound(context.Background())
	if want := 270.0; math.Abs(b.Cost-want) > 1e-6 {
		t.Errorf("bound %v (%s), want %v", b.Cost, b.Method, want)
	}
	cost, err := RecomputeCost(p, []Placement{at(18, 0), at(48+18, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if cost.Total < b.Cost {
		t.Errorf("a schedule costs %v, below the bound %v", cost.Total, b.Cost)
	}
}

// TestPropertyWorkByDay checks flowFill and the reach of pinned work on
// the shape they are for: three resources with hourly, half-day, day and
// weekly cards, sessions in working hours whose candidate lists differ
// and overlap, each free to run only on some days, and sometimes a
// pinned session; the week may turn between two days, and a resource may
// have days off (so its weeks differ: weekSlotRates). The cost bound is
// never above the optimum brute force finds.
func TestPropertyWorkByDay(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spd := rapid.IntRange(4, 6).Draw(t, "slots per day")
		days := rapid.IntRange(2, 3).Draw(t, "days")
		p := &Problem{Name: "work by day", Slots: spd * days, Calendar: Calendar{SlotsPerDay: spd, Days: make([]DayKind, days),
			WeekOffset: rapid.IntRange(0, 6).Draw(t, "week offset")}}
		hours := NewBitset(p.Slots)
		for d := range days {
			hours.SetRange(Slot(d*spd+1), Slot(d*spd+spd-1))
		}
		for r := range 3 {
			// hour, half day, day, weekly?
			v := rapid.SliceOfN(rapid.IntRange(0, 100), 4, 4).Draw(t, "rate card")
			card := RateCard{Hour: float64(v[0]), HalfDay: 3 * float64(v[1]), HalfDaySlots: spd / 2, Day: 5 * float64(v[2]),
				DaySlots: spd - 2, Week: 400 * float64(v[3]%2)}
			p.Resources = append(p.Resources, Resource{Name: fmt.Sprintf("r%d", r), Capacity: 1, Department: -1, Rate: card,
				Available: drawDaysOff(t, p, spd, days, 3)})
		}
		for i := range rapid.IntRange(1, 4).Draw(t, "sessions") {
			var cands []ResourceID
			for r := range 3 {
				if rapid.Bool().Draw(t, "candidate?") {
					cands = append(cands, ResourceID(r))
				}
			}
			if len(cands) == 0 {
				cands = []ResourceID{ResourceID(i % 3)}
			}
			first := rapid.IntRange(0, days-1).Draw(t, "first day")
			last := rapid.IntRange(first, days-1).Draw(t, "last day")
			task := Task{Name: fmt.Sprintf("s%d", i), Duration: rapid.IntRange(1, spd-2).Draw(t, "duration"),
				Split: rapid.Float64Range(0, 1).Draw(t, "split?") < 0.3, Window: hours,
				Release: Slot(first * spd), Deadline: Slot((last + 1) * spd), Demands: []Demand{{Candidates: cands}}}
			if i == 0 && rapid.Float64Range(0, 1).Draw(t, "pinned?") < 0.3 {
				task.Pin = &Placement{Start: Slot(first*spd + 1), Resources: cands[:1]}
			}
			p.Tasks = append(p.Tasks, task)
		}
		checkBoundBelowOptimum(t, p)
	})
}
