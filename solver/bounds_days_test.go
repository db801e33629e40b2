package solver

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestDayRaise prices whole days and separate visits by hand, on 30-minute
// slots (48 a day). Each case's schedule is an optimum, so the bound must
// equal its cost.
func TestDayRaise(t *testing.T) {
	day := func(d int) Bitset { // 09:00-18:00 on day d
		b := NewBitset(48 * 3)
		b.SetRange(Slot(48*d+18), Slot(48*d+36))
		return b
	}
	either := func(a, b Bitset) Bitset {
		out := NewBitset(48 * 3)
		for w := range out {
			out[w] = a[w] | b[w]
		}
		return out
	}
	stage := Resource{Name: "ADR stage", Rate: RateCard{Hour: 180, MinimumCall: 8}} // 4 h call: £720
	tom := Resource{Name: "Tom", Rate: RateCard{Travel: 220}}
	tomHeld := Resource{Name: "Tom", Rate: RateCard{Travel: 220, Hold: 50}}
	loop := func(name string, window Bitset, r ...ResourceID) Task {
		t := on(name, 2, r...)
		t.Window = window
		return t
	}
	for _, tt := range []struct {
		name  string
		p     *Problem
		place []Placement
		want  float64
	}{
		// Two one-hour loops on separate days: two four-hour calls,
		// £1,440; per slot worked the bound said 4 x £90 = £360.
		{"minimum call on each day", dayGrid(3, []Resource{stage}, []Task{loop("loop 1", day(0), 0), loop("loop 2", day(1), 0)}),
			[]Placement{at(18, 0), at(48+18, 0)}, 1440},
		// Both loops may share a day: one call.
		{"loops that may share a day share a call", dayGrid(3, []Resource{stage}, []Task{loop("loop 1", either(day(0), day(1)), 0), loop("loop 2", day(1), 0)}),
			[]Placement{at(48+18, 0), at(48+20, 0)}, 720},
		// Tom comes on day 0 and again on day 2: two visits, £440.
		{"two visits", dayGrid(3, []Resource{tom}, []Task{loop("loop 1", day(0), 0), loop("loop 2", day(2), 0)}),
			[]Placement{at(18, 0), at(96+18, 0)}, 440},
		// Held over the day between: £220 and £50.
		{"held a day", dayGrid(3, []Resource{tomHeld}, []Task{loop("loop 1", day(0), 0), loop("loop 2", day(2), 0)}),
			[]Placement{at(18, 0), at(96+18, 0)}, 270},
		// Days 0 and 1 follow each other: one visit.
		{"two days running", dayGrid(3, []Resource{tom}, []Task{loop("loop 1", day(0), 0), loop("loop 2", day(1), 0)}),
			[]Placement{at(18, 0), at(48+18, 0)}, 220},
		// A stage that could serve a loop of another choice gets no raise:
		// its days are no longer its forced work's alone.
		{"a choice elsewhere", dayGrid(3, []Resource{stage, stage}, []Task{loop("loop 1", day(0), 0), loop("loop 2", day(1), 0),
			{Name: "loop 3", Duration: 2, Window: day(1), Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}}),
			[]Placement{at(18, 0), at(48+18, 0), at(48+20, 0)}, 6 * 90},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.p.LowerBound(context.Background())
			if math.Abs(b.Cost-tt.want) > 1e-6 {
				t.Errorf("bound %v (%s), want %v", b.Cost, b.Method, tt.want)
			}
			cost, err := RecomputeCost(tt.p, tt.place)
			if err != nil {
				t.Fatal(err)
			}
			if b.Cost > cost.Total+1e-6 {
				t.Errorf("bound %v above the schedule's %v", b.Cost, cost.Total)
			}
		})
	}
}

// TestPropertyDaysBound checks dayRaise and closedResourceCost where they
// apply, on problems in which nothing is pinned and, in half of them,
// every demand names one resource (the random problems of
// TestPropertyBounds seldom are either): the cost bound is never above
// the optimum, the cheapest schedule of all brute force walks.
func TestPropertyDaysBound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		named := rapid.Bool().Draw(t, "named")
		for i := range p.Tasks {
			task := &p.Tasks[i]
			task.Pin = nil
			for k := range task.Demands {
				if d := &task.Demands[k]; named {
					d.Candidates, d.Count = d.Candidates[:1], 1
				}
			}
		}
		best, found := math.Inf(1), false
		var cheapest []Placement
		if !searchAll(p, 200000, func(place []Placement, _ *Solution) bool {
			cost, err := RecomputeCost(p, place)
			if err != nil {
				t.Fatal(err)
			}
			if cost.Total < best {
				best, found, cheapest = cost.Total, true, slices.Clone(place)
			}
			return false
		}) || !found {
			t.Skip("no optimum found")
		}
		if b := p.LowerBound(context.Background()); b.Cost > best+1e-6 {
			t.Fatalf("cost bound %v (%s) above the optimum %v: %v", b.Cost, b.Method, best, cheapest)
		}
	})
}

// TestPropertyLongDays checks closedResourceCost on the shape it is for:
// two rooms of capacity one with day, half-day and hourly rates, minimum
// calls, kit and weekly hire, and sessions of up to a working day that
// may go to either, inside working hours (so none runs across midnight),
// each room closed on some days or none, some sessions pinned. The cost
// bound is never above the optimum brute force finds.
func TestPropertyLongDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spd := rapid.IntRange(4, 6).Draw(t, "slots per day")
		days := rapid.IntRange(2, 3).Draw(t, "days")
		p := &Problem{Name: "long days", Slots: spd * days, Calendar: Calendar{SlotsPerDay: spd, Days: make([]DayKind, days)}}
		hours := NewBitset(p.Slots)
		for d := range days {
			hours.SetRange(Slot(d*spd+1), Slot(d*spd+spd-1))
		}
		for r := range 2 {
			// hour, half day, its slots, day, its slots, weekly?, minimum call, kit
			v := rapid.SliceOfN(rapid.IntRange(0, 100), 8, 8).Draw(t, "rate card")
			card := RateCard{Hour: float64(v[0]), HalfDay: 3 * float64(v[1]), HalfDaySlots: v[2] % 4, Day: 5 * float64(v[3]),
				DaySlots: v[4] % 5, Week: 600 * float64(v[5]%2), MinimumCall: v[6] % 4, Kit: float64(v[7]) / 2.5}
			// Some rooms are closed on some days, so that who can work
			// which day matters.
			var avail Bitset
			if closed := rapid.IntRange(0, 1<<days-1).Draw(t, "days closed"); closed != 0 {
				avail = NewBitset(p.Slots)
				for d := range days {
					if closed&(1<<d) == 0 {
						avail.SetRange(Slot(d*spd), Slot(d*spd+spd))
					}
				}
			}
			p.Resources = append(p.Resources, Resource{Name: fmt.Sprintf("room %d", r), Capacity: 1, Department: -1, Rate: card, Available: avail})
		}
		for i := range rapid.IntRange(1, 4).Draw(t, "sessions") {
			cands := []ResourceID{0, 1}
			if rapid.Float64Range(0, 1).Draw(t, "named?") < 0.2 {
				cands = cands[i%2 : i%2+1]
			}
			p.Tasks = append(p.Tasks, Task{Name: fmt.Sprintf("s%d", i), Duration: rapid.IntRange(1, spd-2).Draw(t, "duration"),
				Split: rapid.Float64Range(0, 1).Draw(t, "split?") < 0.2, Window: hours, Demands: []Demand{{Candidates: cands}}})
			// A confirmed session is pinned, anywhere, on either room.
			if rapid.Float64Range(0, 1).Draw(t, "pinned?") < 0.15 {
				p.Tasks[i].Pin = &Placement{Start: Slot(rapid.IntRange(0, p.Slots-1).Draw(t, "pin start")),
					Resources: []ResourceID{ResourceID(rapid.IntRange(0, 1).Draw(t, "pin room"))}}
			}
		}
		checkBoundBelowOptimum(t, p)
	})
}

// TestLongDays prices long grades by hand: two grade suites (£1,270 and
// £1,410 a 10-hour day, £950 and £810 a half day of 5 hours) and three
// 6-hour grades, each in 09:00-19:00 of any of three days. No two grades
// share a suite's day, so each pays a whole day; the cheapest is £1,270,
// and grading all three in Grade 1 on three days costs exactly that. Per
// slot worked the bound said 36 x £63.50.
func TestLongDays(t *testing.T) {
	hours := NewBitset(48 * 3)
	for d := range 3 {
		hours.SetRange(Slot(48*d+18), Slot(48*d+38))
	}
	grade := func(name string) Task {
		return Task{Name: name, Duration: 12, Window: hours, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}
	}
	p := dayGrid(3, []Resource{
		{Name: "Grade 1", Rate: RateCard{Day: 1270, DaySlots: 20, HalfDay: 950, HalfDaySlots: 10}},
		{Name: "Grade 2", Rate: RateCard{Day: 1410, DaySlots: 20, HalfDay: 810, HalfDaySlots: 10}},
	}, []Task{grade("reel 1"), grade("reel 2"), grade("reel 3")})
	checkPricedByHand(t, p, 3*1270, 1e-6, []Placement{at(18, 0), at(48+18, 0), at(96+18, 0)}, 3*1270)
}

// TestLongDaysSpare prices by hand two VFX artists on £400 and £500 a
// 10-hour day, available 09:00-19:00, and five shots for either with no
// window of their own: two
// of 8 hours, two of 3 and one of 2. An 8-hour shot has a day to itself
// with 2 hours spare, which only the 2-hour shot fits, once; so at least
// two days at £400 and the two 3-hour shots' 12 slots at £20: £1,040. (The
// cheapest schedule takes three days: £1,200.) Without the artists' hours
// the shots were not seen to stay within a day, and with the spares filled
// by any number of 2-hour shots the bound was the work alone: £960. The
// day patterns (dayPatterns) say more: the 8-hour shots take two days with
// the 2-hour one in either, and a day holds at most three 3-hour shots, so
// the two take two thirds of a day: 2⅔ days at £400, £1,066.67.
func TestLongDaysSpare(t *testing.T) {
	hours := NewBitset(48 * 3)
	for d := range 3 {
		hours.SetRange(Slot(48*d+18), Slot(48*d+38))
	}
	shot := func(name string, d int) Task {
		return Task{Name: name, Duration: d, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}
	}
	p := dayGrid(3, []Resource{
		{Name: "VFX artist 1", Available: hours, Rate: RateCard{Day: 400, DaySlots: 20}},
		{Name: "VFX artist 2", Available: hours, Rate: RateCard{Day: 500, DaySlots: 20}},
	}, []Task{shot("shot 1", 16), shot("shot 2", 16), shot("shot 3", 6), shot("shot 4", 6), shot("shot 5", 4)})
	checkPricedByHand(t, p, 3200.0/3, 1e-5, []Placement{at(18, 0), at(48+18, 0), at(96+18, 0), at(96+24, 0), at(34, 0)}, 1200)
}

// TestLongDaysByWhom prices by hand three 8-hour shots, each a day to
// itself, for two VFX artists on £400 and £500 a 10-hour day; the cheaper
// one can work only the first of the three days. Pricing every long day
// at the cheapest artist's day said £1,200; she works one of them, so the
// three days cost at least £400 + 2 x £500 = £1,400, and so does the
// cheapest schedule.
func TestLongDaysByWhom(t *testing.T) {
	first, every := NewBitset(48*3), NewBitset(48*3)
	first.SetRange(18, 38)
	for d := range 3 {
		every.SetRange(Slot(48*d+18), Slot(48*d+38))
	}
	shot := func(name string) Task {
		return Task{Name: name, Duration: 16, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}
	}
	p := dayGrid(3, []Resource{
		{Name: "VFX artist 1", Available: first, Rate: RateCard{Day: 400, DaySlots: 20}},
		{Name: "VFX artist 2", Available: every, Rate: RateCard{Day: 500, DaySlots: 20}},
	}, []Task{shot("shot 1"), shot("shot 2"), shot("shot 3")})
	// The simplex's result is shaved by 1e-9 of itself.
	checkPricedByHand(t, p, 1400, 1e-5, []Placement{at(18, 0), at(48+18, 1), at(96+18, 1)}, 1400)
}

// checkPricedByHand checks a bound priced by hand: p's cost bound is
// bound (within tol) and the schedule place costs cost.
func checkPricedByHand(t *testing.T, p *Problem, bound, tol float64, place []Placement, cost float64) {
	t.Helper()
	if b := p.LowerBound(context.Background()); math.Abs(b.Cost-bound) > tol {
		t.Errorf("bound %v (%s), want %v", b.Cost, b.Method, bound)
	}
	got, err := RecomputeCost(p, place)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != cost {
		t.Errorf("the schedule costs %v, want %v", got.Total, cost)
	}
}

// checkBoundBelowOptimum fails when p's cost bound is above the cheapest
// schedule brute force finds, and skips when it finds none. It returns
// the bound.
func checkBoundBelowOptimum(t *rapid.T, p *Problem) Bound {
	best, found := math.Inf(1), false
	var byResource [][]float64
	if !searchAll(p, 200000, func(place []Placement, _ *Solution) bool {
		cost, err := RecomputeCost(p, place)
		if err != nil {
			t.Fatal(err)
		}
		best, found = min(best, cost.Total), true
		byResource = append(byResource, cost.ByResource)
		return false
	}) || !found {
		t.Skip("no optimum found")
	}
	b := p.LowerBound(context.Background())
	if b.Cost > best+1e-6 {
		t.Fatalf("cost bound %v (%s) above the optimum %v", b.Cost, b.Method, best)
	}
	// Each pool's share bounds its resources' cost in every schedule.
	for _, pool := range b.Pools {
		least := math.Inf(1)
		for _, costs := range byResource {
			sum := 0.0
			for _, r := range pool.Resources {
				sum += costs[r]
			}
			least = min(least, sum)
		}
		if pool.Cost > least+1e-6 {
			t.Fatalf("pool %v: bound %v (%s) above its least cost %v", pool.Resources, pool.Cost, b.Method, least)
		}
	}
	return b
}

// TestVisitsOverWeekend prices by hand an artiste on £650 a day, £290 a
// journey and £180 a day held, called for six full ADR days, any of them
// in a fortnight of working weeks. Six days do not fit in one week, so
// she travels twice (holding her over the weekend would cost £360): £3,900
// in fees and £580 in travel. Her sessions' windows overlap (one run), so
// the runs alone said one journey: £4,190.
func TestVisitsOverWeekend(t *testing.T) {
	const spd = 48
	avail := NewBitset(12 * spd)
	for d := range 12 {
		if d%7 < 5 {
			avail.SetRange(Slot(d*spd+20), Slot(d*spd+36))
		}
	}
	var tasks []Task
	for i := range 6 {
		tasks = append(tasks, Task{Name: fmt.Sprint("ADR ", i+1), Duration: 16, Demands: []Demand{{Candidates: []ResourceID{0}}}})
	}
	p := dayGrid(12, []Resource{{Name: "artiste", Available: avail, Rate: RateCard{Day: 650, DaySlots: 16, Travel: 290, Hold: 180}}}, tasks)
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	var place []Placement
	for _, d := range []int{0, 1, 2, 3, 4, 7} {
		place = append(place, at(Slot(d*spd+20), 0))
	}
	checkPricedByHand(t, p, 4480, 0, place, 4480)
}

// TestPropertyVisitsFloor checks visitsFloor against every set of days
// on short horizons: the least travel and hold charge of a set of at
// least u.days workable days with a day in every window.
func TestPropertyVisitsFloor(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 10).Draw(t, "days")
		card := &RateCard{Travel: float64(rapid.IntRange(1, 300).Draw(t, "travel")), Hold: float64(rapid.IntRange(0, 200).Draw(t, "hold"))}
		u := usage{workable: make([]bool, n), days: rapid.IntRange(0, n).Draw(t, "least days")}
		for d := range n {
			u.workable[d] = rapid.IntRange(0, 3).Draw(t, "workable") > 0
		}
		for range rapid.IntRange(1, 4).Draw(t, "windows") {
			lo := rapid.IntRange(0, n-1).Draw(t, "lo")
			u.windows = append(u.windows, [2]int{lo, rapid.IntRange(lo, n-1).Draw(t, "hi")})
		}
		want := math.Inf(1)
		for set := 1; set < 1<<n; set++ {
			if bits.OnesCount(uint(set)) < u.days {
				continue
			}
			ok := true
			for d := range n {
				ok = ok && (set&(1<<d) == 0 || u.workable[d])
			}
			for _, w := range u.windows {
				ok = ok && set&((1<<(w[1]+1))-(1<<w[0])) != 0
			}
			if !ok {
				continue
			}
			charge, last := 0.0, -1
			for d := range n {
				if set&(1<<d) != 0 {
					charge += visitCharge(card, last, d)
					last = d
				}
			}
			want = min(want, charge)
		}
		if math.IsInf(want, 1) {
			want = 0 // no set: no schedule, and the floor says nothing
		}
		if got := visitsFloor(card, u); math.Abs(got-want) > 1e-9 {
			t.Fatalf("visitsFloor %v, every set of days gives %v (windows %v, workable %v, at least %d days)", got, want, u.windows, u.workable, u.days)
		}
	})
}
