package solver

import (
	"context"
	"fmt"
	"testing"
)

// TestHolidayWeekHire prices by hand eight five-hour cuts released in a
// week with a bank holiday on its Friday (the week before has five
// working days), for an assistant editor hired at £270 a day or £1,100 a
// week, or an editor at £600 a day or £2,700 a week. The assistant cuts
// two a day for four days: £1,080 (under the hire). Spread over the
// fullest week (five days), the hire priced each hour at £22 and the
// bound said £880; over the four days that week holds, an hour costs at
// least £27 (the day rate), and the bound is £1,080.
func TestHolidayWeekHire(t *testing.T) {
	const spd = 48
	avail := NewBitset(14 * spd)
	hours := NewBitset(14 * spd)
	for _, d := range []int{0, 1, 2, 3, 4, 7, 8, 9, 10} { // day 11 the holiday
		avail.SetRange(Slot(d*spd+18), Slot(d*spd+38))
		hours.SetRange(Slot(d*spd+18), Slot(d*spd+38))
	}
	var tasks []Task
	for i := range 8 {
		tasks = append(tasks, Task{Name: fmt.Sprint("cut ", i+1), Duration: 10, Window: hours, Release: 7 * spd, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}})
	}
	p := dayGrid(14, []Resource{
		{Name: "assistant", Available: avail, Rate: RateCard{Day: 270, DaySlots: 20, Week: 1100}},
		{Name: "editor", Available: avail, Rate: RateCard{Day: 600, DaySlots: 20, Week: 2700}},
	}, tasks)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	var place []Placement
	for d := 7; d <= 10; d++ {
		place = append(place, at(Slot(d*spd+18), 0), at(Slot(d*spd+28), 0))
	}
	checkPricedByHand(t, p, 1080, 0, place, 1080)
}

// TestDayRaiseOverWeeklyRates: a weekly hire (£900) forced to one
// one-slot session on the first day of a short horizon. The work by day
// prices that slot at the week's rate by reach, above the resource's
// slot rate; the days' floor (its day price on the card, £204)
// was added on top of the flow as if the flow had charged the slot rate,
// and the pool's bound came to £301 against the £300 every schedule
// costs. Only what the floor adds above the flow's own charge counts.
func TestDayRaiseOverWeeklyRates(t *testing.T) {
	p := &Problem{Name: "weekly", Slots: 12, Calendar: Calendar{SlotsPerDay: 3, Days: []DayKind{Workday, Workday, Holiday, Workday}, WeekOffset: 6},
		Resources: []Resource{{Name: "r0", Capacity: 2, Department: -1, Rate: RateCard{Hour: 33, HalfDay: 54, Day: 102, DaySlots: 1, Week: 900,
			MinimumCall: 2, HolidayMultiplier: 2, Kit: 7, PerTask: 38, Travel: 51}}},
		Tasks: []Task{{Name: "t0", Duration: 1, Release: 2, Deadline: 3, Demands: []Demand{{Candidates: []ResourceID{0}}}}},
	}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	cost, err := RecomputeCost(p, []Placement{{Start: 2, Resources: []ResourceID{0}}})
	if err != nil {
		t.Fatal(err)
	}
	b := p.LowerBound(context.Background())
	if b.Cost > cost.Total+1e-6 {
		t.Errorf("bound %v (%s) above the only schedule's cost %v", b.Cost, b.Method, cost.Total)
	}
	for _, pool := range b.Pools {
		if pool.Cost > cost.ByResource[0]+1e-6 {
			t.Errorf("pool %v: bound %v above its cost %v", pool.Resources, pool.Cost, cost.ByResource[0])
		}
	}
}
