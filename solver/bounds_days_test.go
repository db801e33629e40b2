package solver

import (
	"context"
	"math"
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

// TestPropertyDaysBound checks dayRaise where it applies, on problems in
// which every demand names one resource and nothing is pinned (the random
// problems of TestPropertyBounds seldom are): the cost bound is never
// above the optimum, the cheapest schedule of all brute force walks.
func TestPropertyDaysBound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		for i := range p.Tasks {
			task := &p.Tasks[i]
			task.Pin = nil
			for k := range task.Demands {
				d := &task.Demands[k]
				d.Candidates, d.Count = d.Candidates[:1], 1
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
