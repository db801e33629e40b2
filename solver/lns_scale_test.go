package solver

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// seriesProblem builds an episodic series of the given number of
// episodes, a week apart, the way a facility grows with its slate: one
// editor, colourist, grade suite, mixer and ADR stage per five episodes,
// shared as pools by every episode, and an artiste per episode who
// travels and is available only in the weeks around their ADR. Each
// episode cuts, locks, grades, records ADR and mixes. The horizon, the
// crew and the pools all grow with the episodes, like the generated
// series of model/generate.
func seriesProblem(seed uint64, episodes int) *Problem {
	rng := rand.New(rand.NewPCG(seed, 11))
	days := 7 * (episodes + 10)
	slots := 48 * days
	hours := NewBitset(slots)
	working := NewBitset(slots)
	kinds := make([]DayKind, days)
	for d := range days {
		if d%7 >= 5 {
			kinds[d] = Weekend
			continue
		}
		hours.SetRange(Slot(48*d+18), Slot(48*d+38))
		working.SetRange(Slot(48*d+18), Slot(48*d+38))
	}
	p := &Problem{
		Name:        fmt.Sprintf("series-%d", episodes),
		Slots:       slots,
		Calendar:    Calendar{SlotMinutes: 30, SlotsPerDay: 48, Days: kinds, Working: working},
		Departments: []string{"picture", "sound"},
		Objective:   Objective{OverheadPerDay: 100},
	}
	crew := max(1, episodes/5)
	pool := func(name string, dept int, rate RateCard, rules WorkRules) []ResourceID {
		var ids []ResourceID
		for i := range crew {
			ids = append(ids, ResourceID(len(p.Resources)))
			rc := rate
			rc.Day += float64(10 * rng.IntN(10))
			p.Resources = append(p.Resources, Resource{Name: fmt.Sprintf("%s %d", name, i+1), Capacity: 1, Department: dept, Rate: rc, Rules: rules})
		}
		return ids
	}
	person := WorkRules{MaxSlotsPerDay: 24, MinRestSlots: 22, MaxDaysPerWeek: 5}
	editors := pool("editor", 0, RateCard{Day: 600, DaySlots: 20, Kit: 50, Week: 2600}, person)
	colourists := pool("colourist", 0, RateCard{Day: 700, DaySlots: 20, HalfDay: 420, HalfDaySlots: 10}, person)
	suites := pool("grade suite", 0, RateCard{Day: 1400, DaySlots: 20, HalfDay: 850, HalfDaySlots: 10}, WorkRules{})
	mixers := pool("mixer", 1, RateCard{Day: 650, DaySlots: 20, Overtime: []OvertimeBand{{20, 1.5}}}, person)
	stages := pool("ADR stage", 1, RateCard{Hour: 180, MinimumCall: 8}, WorkRules{})
	for e := range episodes {
		week := 48 * 7 * e
		artiste := ResourceID(len(p.Resources))
		avail := NewBitset(slots)
		avail.SetRange(Slot(week+48*14), Slot(min(slots, week+48*35)))
		p.Resources = append(p.Resources, Resource{Name: fmt.Sprintf("artiste %d", e+1), Capacity: 1, Department: 1, Available: avail,
			Rate: RateCard{PerTask: 600, Travel: 220, Hold: 50}})
		base := TaskID(len(p.Tasks))
		ep := fmt.Sprintf("ep%d/", e+1)
		p.Tasks = append(p.Tasks,
			Task{Name: ep + "cut", Duration: 40 + rng.IntN(40), Split: true, MinChunk: 4, Window: hours, Release: Slot(week),
				Demands: []Demand{{Candidates: editors}}},
			Task{Name: ep + "picture lock"},
			Task{Name: ep + "grade", Duration: 16 + rng.IntN(16), Split: true, MinChunk: 4, Window: hours,
				Demands: []Demand{{Candidates: colourists}, {Candidates: suites}}},
			Task{Name: ep + "ADR", Duration: 4 + rng.IntN(4), Window: hours,
				Demands: []Demand{{Candidates: stages}, {Candidates: []ResourceID{artiste}}}},
			Task{Name: ep + "mix", Duration: 16 + rng.IntN(8), Split: true, MinChunk: 2, Window: hours,
				Due: Slot(week + 48*42), LatenessPerDay: 500, Demands: []Demand{{Candidates: mixers}}},
		)
		p.Precedences = append(p.Precedences,
			Precedence{From: base, To: base + 1, Lag: 4, LagWorking: true},
			Precedence{From: base + 1, To: base + 2},
			Precedence{From: base + 1, To: base + 3},
			Precedence{From: base + 2, To: base + 4},
			Precedence{From: base + 3, To: base + 4},
		)
	}
	return p
}

// builtSeries is a constructed schedule of seriesProblem, ready for LNS.
func builtSeries(tb testing.TB, episodes int) *state {
	tb.Helper()
	p := seriesProblem(1, episodes)
	if err := p.Freeze(); err != nil {
		tb.Fatal(err)
	}
	st := newState(p)
	rng := rand.New(rand.NewPCG(1, 1))
	if err := st.construct(p.priorityList(nil, rng, 0), nil, rng, 0, false); err != nil || !st.feasible() {
		tb.Fatalf("%d episodes: construction failed: %v", episodes, err)
	}
	return st
}

// BenchmarkLNSScale is one ruin-and-recreate step of the LNS on series of
// 10, 20, 40 and 80 episodes: the cost of an iteration as a production
// grows. An iteration touches a few tasks, so its cost should follow the
// ruined neighbourhood (and the pools the recreate chooses from), not the
// number of tasks or the length of the horizon.
func BenchmarkLNSScale(b *testing.B) {
	for _, episodes := range []int{10, 20, 40, 80} {
		b.Run(fmt.Sprintf("episodes=%d", episodes), func(b *testing.B) {
			st := builtSeries(b, episodes)
			// A short warm-up makes the first copy of the best schedule
			// and lets the scratch buffers reach their size.
			const warm = 50
			w := &worker{st: st, rng: rand.New(rand.NewPCG(1, 2)), ctl: &control{ctx: context.Background(), begin: time.Now(), iterCap: warm}}
			w.runLNS()
			w.ctl.iterCap = warm + b.N
			b.ReportAllocs()
			b.ResetTimer()
			w.runLNS()
		})
	}
}

// TestSeriesLNSDeterministic runs the same LNS twice on a series and
// expects the same schedule and cost: the indexes a ruin reads are kept
// in no particular order, and must not leak that order into the search.
func TestSeriesLNSDeterministic(t *testing.T) {
	run := func() ([]Placement, float64) {
		st := builtSeries(t, 20)
		w := &worker{st: st, rng: rand.New(rand.NewPCG(3, 4)), ctl: &control{ctx: context.Background(), begin: time.Now(), iterCap: 60}}
		w.runLNS()
		return w.best, w.bestObj
	}
	a, ca := run()
	b, cb := run()
	if ca != cb {
		t.Fatalf("costs %v and %v from the same seed", ca, cb)
	}
	for i := range a {
		if a[i].Start != b[i].Start || fmt.Sprint(a[i].Resources) != fmt.Sprint(b[i].Resources) {
			t.Fatalf("task %d: %v then %v from the same seed", i, a[i], b[i])
		}
	}
}
