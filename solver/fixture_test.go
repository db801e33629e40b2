package solver

import (
	"fmt"
	"math/rand/v2"
)

// Resources of filmProblem.
const (
	filmEditor ResourceID = iota
	filmColourist1
	filmColourist2
	filmGradeSuite
	filmADRStage
	filmArtiste
)

// filmProblem builds a small post-production schedule of episodes (cut,
// picture lock, grade, ADR, mix) over two weeks of half-hour slots, with
// rate cards, working hours, an artiste who travels, working-time rules and
// a budget cap. The same seed gives the same problem.
func filmProblem(seed uint64, episodes int) *Problem {
	rng := rand.New(rand.NewPCG(seed, 7))
	const days = 21
	hours := dayHours(days, 18, 38)
	working := NewBitset(48 * days)
	kinds := make([]DayKind, days)
	for d := 0; d < days; d++ {
		if d%7 >= 5 {
			kinds[d] = Weekend
			continue
		}
		working.SetRange(Slot(48*d+18), Slot(48*d+38))
	}
	artiste := NewBitset(48 * days)
	for _, d := range []int{2, 3, 4, 9, 10, 11, 16, 17} {
		artiste.SetRange(Slot(48*d), Slot(48*d+48))
	}
	p := &Problem{
		Name:        fmt.Sprintf("film-%d", seed),
		Slots:       48 * days,
		Calendar:    Calendar{SlotMinutes: 30, SlotsPerDay: 48, Days: kinds, Working: working},
		Departments: []string{"picture", "sound"},
		Resources: []Resource{
			{Name: "editor", Capacity: 1, Department: 0, Rate: RateCard{Day: 600, DaySlots: 20, Kit: 50, Week: 2600},
				Rules: WorkRules{MaxSlotsPerDay: 24, MinRestSlots: 22, MaxDaysPerWeek: 5}},
			{Name: "colourist A", Capacity: 1, Department: 0, Rate: RateCard{Day: 750, DaySlots: 20, Overtime: []OvertimeBand{{20, 1.5}}, WeekendMultiplier: 1.5}},
			{Name: "colourist B", Capacity: 1, Department: 0, Rate: RateCard{Day: 700, DaySlots: 20, HalfDay: 420, HalfDaySlots: 10, WeekendMultiplier: 2}},
			{Name: "grade suite", Capacity: 1, Department: 0, Rate: RateCard{Day: 1400, DaySlots: 20, HalfDay: 850, HalfDaySlots: 10}},
			{Name: "ADR stage", Capacity: 1, Department: 1, Rate: RateCard{Hour: 180, MinimumCall: 8}},
			{Name: "artiste", Capacity: 1, Department: 1, Available: artiste, Rate: RateCard{PerTask: 600, Travel: 220, Hold: 50}},
		},
		Objective: Objective{OverheadPerDay: 150},
		Budgets:   []BudgetCap{{Department: -1, Limit: 1e6}},
	}
	colourists := []ResourceID{filmColourist1, filmColourist2}
	for e := 0; e < episodes; e++ {
		base := TaskID(len(p.Tasks))
		ep := fmt.Sprintf("ep%d/", e+1)
		p.Tasks = append(p.Tasks,
			Task{Name: ep + "cut", Duration: 20 + rng.IntN(20), Split: true, MinChunk: 4, Window: hours, Release: Slot(48 * e),
				Demands: []Demand{{Candidates: []ResourceID{filmEditor}}}},
			Task{Name: ep + "picture lock"},
			Task{Name: ep + "grade", Duration: 8 + rng.IntN(16), Split: true, MinChunk: 4, Window: hours,
				Demands: []Demand{{Candidates: colourists}, {Candidates: []ResourceID{filmGradeSuite}}}},
			Task{Name: ep + "ADR", Duration: 4 + rng.IntN(4), Window: hours,
				Demands: []Demand{{Candidates: []ResourceID{filmADRStage}}, {Candidates: []ResourceID{filmArtiste}}}},
			Task{Name: ep + "mix", Duration: 10 + rng.IntN(10), Split: true, MinChunk: 2, Window: hours, Due: Slot(48 * (10 + e)), LatenessPerDay: 500,
				Demands: []Demand{{Candidates: []ResourceID{filmADRStage}}}},
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
