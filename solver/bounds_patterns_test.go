package solver

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

// TestDayPatterns prices by hand an ADR mixer on £370 a 10-hour day,
// over three days, and four ADR sessions of three hours that may run
// only 10:00-18:00. A day holds at most two of them (six of its eight
// hours), so two days: £740, which the cheapest schedule costs. Paid by
// the slot worked (£18.50 a half-hour) the twelve hours said £444.
// With a foley session of five hours in 09:00-19:00 as well, a day holds
// two ADR sessions, or one and the foley (eight hours; two and the foley
// need eleven): the program takes one and a half days of the first and
// one of the second, £925, where every schedule needs three days
// (£1,110).
func TestDayPatterns(t *testing.T) {
	adrHours, workHours := dayHours(3, 20, 36), dayHours(3, 18, 38)
	adr := func(name string) Task {
		return Task{Name: name, Duration: 6, Window: adrHours, Demands: []Demand{{Candidates: []ResourceID{0}}}}
	}
	mixer := []Resource{{Name: "ADR mixer", Available: workHours, Rate: RateCard{Day: 370, DaySlots: 20}}}
	p := dayGrid(3, mixer, []Task{adr("ADR 1"), adr("ADR 2"), adr("ADR 3"), adr("ADR 4")})
	checkPricedByHand(t, p, 740, 1e-6, []Placement{at(20, 0), at(26, 0), at(48+20, 0), at(48+26, 0)}, 740)

	foley := Task{Name: "foley", Duration: 10, Window: workHours, Demands: []Demand{{Candidates: []ResourceID{0}}}}
	p = dayGrid(3, mixer, []Task{adr("ADR 1"), adr("ADR 2"), adr("ADR 3"), adr("ADR 4"), foley})
	checkPricedByHand(t, p, 925, 1e-5, []Placement{at(20, 0), at(26, 0), at(48+20, 0), at(48+26, 0), at(96+18, 0)}, 1110)
}

// TestDayPatternsEnergy prices by hand a mixer on £370 a day, a foley
// session of five hours in 09:00-19:00 and ADR sessions of three and two
// hours in 10:00-18:00. Their ten hours fill a day by length, so without
// the energetic test the program takes one day, £370. But the foley
// session overlaps 10:00-18:00 by four hours wherever it lies, so at most
// four hours of ADR share its day. The program (which may count a kind
// more times than it has sessions) then takes half a day of two foley
// sessions, half a day of two three-hour sessions and a two-hour one, and
// an eighth of a day of four two-hour ones: 1⅛ days, £416.25. The
// cheapest schedule takes two days.
func TestDayPatternsEnergy(t *testing.T) {
	adrHours, workHours := dayHours(3, 20, 36), dayHours(3, 18, 38)
	p := dayGrid(3, []Resource{{Name: "mixer", Available: workHours, Rate: RateCard{Day: 370, DaySlots: 20}}}, []Task{
		{Name: "foley", Duration: 10, Window: workHours, Demands: []Demand{{Candidates: []ResourceID{0}}}},
		{Name: "ADR 3h", Duration: 6, Window: adrHours, Demands: []Demand{{Candidates: []ResourceID{0}}}},
		{Name: "ADR 2h", Duration: 4, Window: adrHours, Demands: []Demand{{Candidates: []ResourceID{0}}}},
	})
	checkPricedByHand(t, p, 416.25, 1e-5, []Placement{at(18, 0), at(28, 0), at(48+20, 0)}, 740)
}

// TestPropertyDayPatterns checks the day patterns on the shape they are
// for: two or three people on day, half-day, hourly and weekly cards,
// days off, and sessions of up to a working day each inside hours of its
// own (some narrower than the working day, some the whole of it), some
// pinned. The cost bound is never above the optimum brute force finds.
func TestPropertyDayPatterns(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, spd, days := drawDayProblem(t, "day patterns")
		people := drawDayPeople(t, p, spd, days)
		for i := range rapid.IntRange(2, 4).Draw(t, "sessions") {
			from := rapid.IntRange(1, spd-2).Draw(t, "hours from")
			to := rapid.IntRange(from+1, spd-1).Draw(t, "hours to")
			hours := NewBitset(p.Slots)
			for d := range days {
				hours.SetRange(Slot(d*spd+from), Slot(d*spd+to))
			}
			cands := []ResourceID{0, 1}
			if people == 3 && rapid.Bool().Draw(t, "three?") {
				cands = append(cands, 2)
			}
			if rapid.IntRange(0, 4).Draw(t, "named?") == 0 {
				cands = cands[i%2 : i%2+1]
			}
			task := Task{Name: fmt.Sprintf("s%d", i), Duration: rapid.IntRange(1, to-from).Draw(t, "duration"),
				Window: hours, Demands: []Demand{{Candidates: cands}}}
			if rapid.IntRange(0, 6).Draw(t, "pinned?") == 0 {
				d := rapid.IntRange(0, days-1).Draw(t, "pin day")
				task.Pin = &Placement{Start: Slot(d*spd + from), Resources: cands[:1]}
			}
			p.Tasks = append(p.Tasks, task)
		}
		checkBoundBelowOptimum(t, p)
	})
}

// TestBits64 reads bit runs across word boundaries and past the end.
func TestBits64(t *testing.T) {
	b := NewBitset(130)
	b.SetRange(60, 70)
	b.Set(129)
	tests := []struct {
		from Slot
		n    int
		want uint64
	}{
		{0, 64, 0xF << 60},
		{60, 10, 1<<10 - 1},
		{62, 4, 0xF},
		{65, 64, 0x1F},
		{66, 64, 0xF | 1<<63},
		{128, 8, 0x2},
		{192, 8, 0},
	}
	for _, tt := range tests {
		if got := b.bits64(tt.from, tt.n); got != tt.want {
			t.Errorf("bits64(%d, %d) = %#x, want %#x", tt.from, tt.n, got, tt.want)
		}
	}
}

// TestHoursOfDay folds three days of 48 slots: ADR hours on the first,
// a late session on the third.
func TestHoursOfDay(t *testing.T) {
	m := NewBitset(48 * 3)
	m.SetRange(20, 36)
	m.SetRange(96+40, 96+44)
	var want uint64
	for i := 20; i < 36; i++ {
		want |= 1 << i
	}
	want |= 0xF << 40
	if got := hoursOfDay(m, 48); got != want {
		t.Errorf("hoursOfDay = %#x, want %#x", got, want)
	}
	if got := hoursOfDay(m, 96); got != 0 {
		t.Errorf("a day of 96 slots: %#x, want 0", got)
	}
}

// drawDayProblem draws an empty problem of two or three days of five to
// seven slots, for the whole-day bounds' property tests.
func drawDayProblem(t *rapid.T, name string) (p *Problem, spd, days int) {
	spd = rapid.IntRange(5, 7).Draw(t, "slots per day")
	days = rapid.IntRange(2, 3).Draw(t, "days")
	p = &Problem{Name: name, Slots: spd * days, Calendar: Calendar{SlotsPerDay: spd, Days: make([]DayKind, days),
		WeekOffset: rapid.IntRange(0, 6).Draw(t, "week offset")}}
	return p, spd, days
}

// drawDayPeople appends two or three people of capacity one on day
// rates, some with a weekly hire, a half day or an hourly rate with a
// minimum call, and some days off; it returns how many.
func drawDayPeople(t *rapid.T, p *Problem, spd, days int) int {
	people := rapid.IntRange(2, 3).Draw(t, "people")
	for r := range people {
		card := RateCard{Day: float64(rapid.IntRange(10, 60).Draw(t, "day") * 10), DaySlots: spd - 2,
			Week: float64(rapid.IntRange(0, 1).Draw(t, "weekly?") * rapid.IntRange(10, 40).Draw(t, "week") * 50)}
		if rapid.IntRange(0, 2).Draw(t, "part days?") == 0 {
			card.HalfDay, card.HalfDaySlots = float64(rapid.IntRange(5, 40).Draw(t, "half day")*10), spd/2
		}
		if rapid.IntRange(0, 3).Draw(t, "hourly?") == 0 {
			card.Hour, card.MinimumCall = float64(rapid.IntRange(1, 20).Draw(t, "hour")*10), rapid.IntRange(0, 3).Draw(t, "minimum call")
		}
		p.Resources = append(p.Resources, Resource{Name: fmt.Sprintf("r%d", r), Capacity: 1, Department: -1, Rate: card,
			Available: drawDaysOff(t, p, spd, days, 4)})
	}
	return people
}

// drawDaysOff draws a resource's availability: whole days, each off with
// odds 1 in odds+1.
func drawDaysOff(t *rapid.T, p *Problem, spd, days, odds int) Bitset {
	avail := NewBitset(p.Slots)
	for d := range days {
		if rapid.IntRange(0, odds).Draw(t, "day off?") > 0 {
			avail.SetRange(Slot(d*spd), Slot((d+1)*spd))
		}
	}
	return avail
}

// TestDayPatternsLimits gives one person twenty-four kinds of short
// session (half an hour to an hour and a half, in eight different hours
// of the day): their day patterns run to the hundred thousand, and the
// pool is left to the other bounds rather than priced slowly.
func TestDayPatternsLimits(t *testing.T) {
	var tasks []Task
	for from := range 8 {
		for length := 1; length <= 3; length++ {
			tasks = append(tasks, Task{Name: fmt.Sprintf("loop %d-%d", from, length), Duration: length,
				Window: dayHours(3, Slot(18+from), Slot(30+from)), Demands: []Demand{{Candidates: []ResourceID{0}}}})
		}
	}
	p := dayGrid(3, []Resource{{Name: "ADR mixer", Available: dayHours(3, 18, 38), Rate: RateCard{Day: 370, DaySlots: 20}}}, tasks)
	order, _ := topoOrder(p)
	tb := criticalPath(p, order)
	ids := make([]int, len(tasks))
	for i := range ids {
		ids[i] = i
	}
	ps := sessionsOf(p, tb, []ResourceID{0}, ids)
	if ps == nil {
		t.Fatal("no sessions gathered")
	}
	if kinds, _ := sessionKinds(ps); len(kinds) != 24 {
		t.Fatalf("%d kinds, want 24", len(kinds))
	}
	if got := dayPatterns(p, []ResourceID{0}, ps); got != 0 {
		t.Errorf("dayPatterns = %v, want 0 (past its limits)", got)
	}
}
