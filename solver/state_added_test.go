package solver

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

// TestPropertyAddedCost checks addedCost against adding the work and
// taking it out again, on random problems with rate rules (day, half-day
// and hourly rates, minimum calls, weekly hires, overtime, kit, fees,
// on-costs and the rules addedCost leaves to addRes): placed one task at
// a time, each candidate's price for a task's pieces is the same to the
// bit, and the state is left as it was.
func TestPropertyAddedCost(t *testing.T) {
	fast, problems := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		addRateRules(t, p)
		if err := p.Freeze(); err != nil {
			return
		}
		problems++
		place := drawPlacements(t, p)
		st := newState(p)
		for i, pl := range place {
			task := &p.Tasks[i]
			pieces, end, e := p.expand(nil, task, pl.Start, pl.Resources)
			if e != expandOK {
				continue
			}
			for _, r := range pl.Resources {
				u := int32(1)
				tl := &st.tl[r]
				before, rate := tl.cost, tl.rate
				got, ok := st.addedCost(r, pieces, u)
				if tl.cost != before || tl.rate != rate {
					t.Fatalf("addedCost changed resource %d: cost %v -> %v", r, before, tl.cost)
				}
				if !ok {
					continue
				}
				fast++
				st.addRes(r, pieces, u, 1)
				want := tl.cost - before
				st.addRes(r, pieces, u, -1)
				if got != want {
					t.Fatalf("task %d on resource %d over %v: addedCost %v, addRes %v", i, r, pieces, got, want)
				}
			}
			st.place(TaskID(i), pl.Start, pl.Resources, pieces, end)
		}
	})
	// Most generated problems have days and plain cards: a test that
	// never reached the fast path would check nothing.
	if fast == 0 {
		t.Fatalf("no price worked out without a trial in %d problems", problems)
	}
	t.Logf("%d prices in %d problems worked out without a trial", fast, problems)
}

// TestPropertyAddedCostCards checks addedCost against a trial addRes on
// the cards it prices itself: hourly, half-day, day and weekly rates,
// minimum calls, overtime bands, weekend and holiday multipliers,
// on-costs, kit, fees, travel and holds, over weeks with days of every kind, for
// sessions of up to two days that may split, placed one after another
// with overlaps allowed (pricing does not check capacity).
func TestPropertyAddedCostCards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spd := rapid.IntRange(4, 8).Draw(t, "slots per day")
		days := rapid.IntRange(3, 12).Draw(t, "days")
		kinds := make([]DayKind, days)
		for d := range kinds {
			kinds[d] = DayKind(rapid.IntRange(0, 2).Draw(t, "kind"))
		}
		p := &Problem{Name: "added cost", Slots: spd * days, Calendar: Calendar{SlotsPerDay: spd, Days: kinds,
			WeekOffset: rapid.IntRange(0, 6).Draw(t, "week offset")}}
		for r := range rapid.IntRange(1, 3).Draw(t, "resources") {
			v := rapid.SliceOfN(rapid.IntRange(0, 9), 12, 12).Draw(t, "card")
			card := RateCard{Hour: float64(v[0] * 7), HalfDay: float64(v[1] * 23), HalfDaySlots: spd / 2, Day: float64(v[2] * 41),
				DaySlots: spd - v[3]%2, Week: float64(v[4]%3) * 150, MinimumCall: v[5] % 3, Kit: float64(v[6] * 3),
				OnCost: float64(v[7]%3) / 10, PerTask: float64(v[8] * 5), WeekendMultiplier: 1 + float64(v[9]%3)/2,
				HolidayMultiplier: 1 + float64(v[10]%2), Travel: float64(v[8]%3) * 40, Hold: float64(v[9]%2) * 15}
			if v[11]%3 == 0 {
				card.Overtime = []OvertimeBand{{AfterSlots: spd - 2, Multiplier: 1.5}}
			}
			p.Resources = append(p.Resources, Resource{Name: fmt.Sprintf("r%d", r), Capacity: 1 + v[11]%2, Department: -1, Rate: card})
		}
		for i := range rapid.IntRange(1, 8).Draw(t, "tasks") {
			p.Tasks = append(p.Tasks, Task{Name: fmt.Sprintf("t%d", i), Duration: rapid.IntRange(1, 2*spd).Draw(t, "duration"),
				Split: rapid.Bool().Draw(t, "split"), Demands: []Demand{{Candidates: []ResourceID{ResourceID(i % len(p.Resources))}}}})
		}
		if err := p.Freeze(); err != nil {
			t.Skip(err)
		}
		st := newState(p)
		for i := range p.Tasks {
			task := &p.Tasks[i]
			r := task.Demands[0].Candidates[0]
			s := Slot(rapid.IntRange(0, p.Slots-1).Draw(t, "start"))
			pieces, end, e := p.expand(nil, task, s, []ResourceID{r})
			if e != expandOK || end > Slot(p.Slots) {
				continue
			}
			tl := &st.tl[r]
			before := tl.cost
			got, ok := st.addedCost(r, pieces, 1)
			st.addRes(r, pieces, 1, 1)
			want := tl.cost - before
			st.addRes(r, pieces, 1, -1)
			if ok && got != want {
				t.Fatalf("task %d on %d over %v: addedCost %v, addRes %v", i, r, pieces, got, want)
			}
			st.place(TaskID(i), s, []ResourceID{r}, pieces, end)
		}
	})
}
